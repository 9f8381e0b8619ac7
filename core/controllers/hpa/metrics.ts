/**
 * The HPA's resource metrics client (podautoscaler/metrics/client.go): per-pod
 * usage of one resource from what metrics-server would report for the pods'
 * running containers, in milli-units, with the sample's timestamp and window
 * (as core/apiserver/metrics.ts serves metrics.k8s.io: sampled 5 s ago over 15 s).
 */
import type { KubeObject } from '../../api/types.ts';
import type { Calc, PodMetrics } from './replicas.ts';

/** Where usage comes from: the cluster's load model over the kubelet's simulated usage. */
export interface UsageSource {
  usage(pod: KubeObject, container: string): { cpuNano: number; memBytes: number };
}

const SAMPLE_AGE_MS = 5000;
const WINDOW_MS = 15_012;

/** GetResourceMetric: pods without a sample of the resource (or of the named container) are left out. */
export function resourceMetrics(
  source: UsageSource,
  pods: KubeObject[],
  resource: string,
  container: string,
  nowMs: number,
): Calc<PodMetrics> {
  const reported = pods.filter((p) => runningContainers(p).length > 0);
  if (reported.length === 0) return { ok: false, error: 'no metrics returned from resource metrics API' };
  // metrics-server timestamps are whole seconds.
  const timestampMs = Math.floor((nowMs - SAMPLE_AGE_MS) / 1000) * 1000;
  const out: PodMetrics = new Map();
  for (const pod of reported) {
    const names = runningContainers(pod).filter((c) => container === '' || c === container);
    if (names.length === 0 || (resource !== 'cpu' && resource !== 'memory')) continue;
    let value = 0;
    for (const c of names) value += milliUsage(source.usage(pod, c), resource);
    out.set(pod.metadata.name ?? '', { value, timestampMs, windowMs: WINDOW_MS });
  }
  return { ok: true, value: out };
}

/** Quantity.MilliValue() of what metrics.k8s.io serves: `<n>n` cpu (rounded up), `<k>Ki` memory. */
function milliUsage(u: { cpuNano: number; memBytes: number }, resource: string): number {
  return resource === 'cpu' ? Math.ceil(u.cpuNano / 1_000_000) : Math.round(u.memBytes / 1024) * 1024 * 1000;
}

function runningContainers(pod: KubeObject): string[] {
  const cs =
    (pod.status as { containerStatuses?: { name: string; state?: { running?: unknown } }[] } | undefined)
      ?.containerStatuses ?? [];
  return cs.filter((c) => c.state?.running).map((c) => c.name);
}
