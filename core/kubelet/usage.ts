/**
 * Simulated resource usage of running containers: what metrics-server would
 * report (`kubectl top`) and what the HorizontalPodAutoscaler reads. A small
 * steady idle load per image, deterministic per container, plus what the
 * image's program declares it uses (`ImageInfo.usage`: `vish/stress -cpus 2`
 * burns 2 cores, `stress --vm 1 --vm-bytes 150M` holds 150 MiB) and the load
 * the lab's load model offers. CPU never goes above the container's CPU limit
 * (CFS throttling: `-cpus 2` under `limits.cpu: 1` shows ~1000m); memory never
 * above its memory limit (past it the kubelet OOM-kills the container).
 */
import type { KubeObject } from '../api/types.ts';
import { milliValue, quantityValue } from '../scheduler/index.ts';
import { fnv32a } from '../util/rng.ts';
import { commandLine, lookupImage, runsOwnProgram } from './images/catalogue.ts';

interface UsageContainer {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  resources?: { limits?: Record<string, string | number> };
}

/**
 * Usage of one running container: CPU in nanocores, memory in bytes.
 * `offeredCpuMillis` is extra CPU demand sent to this container (the lab's
 * load model, see core/cluster/load.ts); like the rest it is capped at the
 * container's CPU limit.
 */
export function containerUsage(
  pod: KubeObject,
  container: string,
  offeredCpuMillis = 0,
): { cpuNano: number; memBytes: number } {
  const h = fnv32a(`${pod.metadata.uid}/${container}`);
  const spec = containerSpec(pod, container);
  const image = spec?.image ?? '';
  const base = /mysql|postgres/.test(image) ? 180 : /redis/.test(image) ? 8 : /nginx|httpd/.test(image) ? 3 : 1;
  const demand = programDemand(spec);
  const cpuNano = (h % 1000) * 1000 + base * 100_000 + (demand.cpuMillis + Math.max(0, offeredCpuMillis)) * 1_000_000;
  const memBytes = base * 1_500_000 + (h % 4096) * 1024 + demand.memBytes;
  return {
    cpuNano: capAt(cpuNano, limitOf(spec, 'cpu', 1_000_000)),
    memBytes: capAt(memBytes, limitOf(spec, 'memory', 1)),
  };
}

function containerSpec(pod: KubeObject, name: string): UsageContainer | undefined {
  const spec = pod.spec as { containers?: UsageContainer[]; initContainers?: UsageContainer[] };
  return [...(spec.containers ?? []), ...(spec.initContainers ?? [])].find((c) => c.name === name);
}

/** What the image's own program declares (stress programs); nothing under a `command` the image does not provide. */
function programDemand(c: UsageContainer | undefined): { cpuMillis: number; memBytes: number } {
  const info = c?.image ? lookupImage(c.image) : undefined;
  if (!c || !info?.usage) return { cpuMillis: 0, memBytes: 0 };
  const argv = commandLine(info, c);
  return !c.command || runsOwnProgram(info, argv) ? info.usage(argv) : { cpuMillis: 0, memBytes: 0 };
}

/** `limits[resource]` in nanocores (`scale` 1e6 per millicore) or bytes; undefined without a limit. */
function limitOf(c: UsageContainer | undefined, resource: 'cpu' | 'memory', scale: number): number | undefined {
  const limit = c?.resources?.limits?.[resource];
  if (limit === undefined) return undefined;
  const v = resource === 'cpu' ? milliValue(String(limit)) : quantityValue(String(limit));
  return v === undefined ? undefined : v * scale;
}

function capAt(value: number, limit: number | undefined): number {
  return limit === undefined ? value : Math.min(value, limit);
}
