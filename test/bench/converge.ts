/**
 * converge-10k-ms and converge-10k-heap-mb: 100 Deployments × 100 replicas
 * applied to a 1,000-node cluster, timed from the apply to every one of the
 * 10,000 pods Ready (Ready condition True), playing as much virtual time as
 * needed in 1-second steps. The whole path runs: apply, Deployment and
 * ReplicaSet controllers, scheduler with binding and events, kubelets
 * (image pull, container start, status writes). Cluster setup (1,000 nodes
 * registering) is timed separately and not counted.
 *
 * Heap: heapUsed after a full GC once converged (what the cluster retains),
 * plus the peak sampled after every virtual second (garbage included).
 * Warm-up (excluded): 10 × 100 on 100 nodes in the same process first.
 */
import { Cluster } from '../../core/cluster/cluster.ts';
import { isPodReady } from '../../core/controllers/podutil.ts';
import { applyManifest } from '../../core/manifest/apply.ts';
import { heapNowMb, retainedHeapMb } from './heap.ts';
import { cpuMsSince, round } from './stats.ts';
import type { Figure } from './types.ts';
import { benchNodes, deploymentYaml, joinDocs } from './workloads.ts';

const ACTOR = { component: 'bench', reason: 'converge benchmark' };
/** Bound on the virtual time played: far more than image pulls and starts need. */
const MAX_VIRTUAL_SECONDS = 900;

interface Outcome {
  setupMs: number;
  convergeMs: number;
  cpuMs: number;
  applyMs: number;
  virtualSeconds: number;
  peakHeapMb: number;
  cluster: Cluster;
}

function readyPods(cluster: Cluster): number {
  let n = 0;
  for (const pod of cluster.api.store.list('/pods')) if (isPodReady(pod)) n++;
  return n;
}

function converge(nodes: number, deployments: number, replicas: number, log: (line: string) => void): Outcome {
  const manifest = joinDocs(Array.from({ length: deployments }, (_, i) => deploymentYaml(`app-${i}`, replicas)));
  const t0 = performance.now();
  const cluster = new Cluster({ seed: 1, nodes: benchNodes(nodes) });
  const setupMs = performance.now() - t0;
  const start = performance.now();
  const cpu = process.cpuUsage();
  const report = applyManifest(cluster.api, manifest, { actor: ACTOR });
  if (!report.ok) throw new Error(`converge: apply failed: ${JSON.stringify(report.results.find((r) => r.error))}`);
  const applyMs = performance.now() - start;
  const want = deployments * replicas;
  let peakHeapMb = heapNowMb();
  let virtualSeconds = 0;
  for (let ready = 0; ready < want;) {
    if (virtualSeconds >= MAX_VIRTUAL_SECONDS)
      throw new Error(`converge: only ${ready}/${want} pods Ready after ${MAX_VIRTUAL_SECONDS} virtual seconds`);
    cluster.advance(1);
    virtualSeconds++;
    ready = readyPods(cluster);
    peakHeapMb = Math.max(peakHeapMb, heapNowMb());
    log(
      `converge: t+${virtualSeconds}s virtual, ${ready}/${want} Ready, ${round((performance.now() - start) / 1000, 1)} s wall`,
    );
  }
  const convergeMs = performance.now() - start;
  return { setupMs, applyMs, convergeMs, cpuMs: cpuMsSince(cpu), virtualSeconds, peakHeapMb, cluster };
}

export async function run(log: (line: string) => void): Promise<Figure[]> {
  const warm = converge(100, 10, 100, () => {});
  log(`converge: warm-up (excluded) 1,000 pods on 100 nodes in ${round(warm.convergeMs, 0)} ms`);
  warm.cluster = undefined as unknown as Cluster;
  const baseMb = retainedHeapMb();
  const r = converge(1_000, 100, 100, log);
  const heapMb = retainedHeapMb();
  const objects = [...r.cluster.api.store.all()].length;
  const note = `process cpu ${round(r.cpuMs, 0)} ms; apply ${round(r.applyMs, 0)} ms of it; ${r.virtualSeconds} virtual s; setup of 1,000 nodes ${round(r.setupMs, 0)} ms (not counted); 1 run after a 1k-pod warm-up`;
  const heapNote = `after full GC with ${objects} stored objects (heap before the cluster: ${round(baseMb, 0)} MiB); peak sampled ${round(r.peakHeapMb, 0)} MiB`;
  return [
    { name: 'converge-10k-ms', value: round(r.convergeMs, 0), unit: 'ms', note },
    { name: 'converge-10k-heap-mb', value: round(heapMb, 0), unit: 'MiB', note: heapNote },
  ];
}
