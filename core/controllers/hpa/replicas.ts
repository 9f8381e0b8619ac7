/**
 * The HPA's replica calculator (pkg/controller/podautoscaler/replica_calculator.go
 * and metrics/utilization.go): from per-pod usage and requests to a proposed
 * replica count. Pure arithmetic; errors are values with upstream's words.
 *
 * Worked example (the docs' php-apache walkthrough): 4 ready pods requesting
 * 200m use 250m each, target 50 %: utilization = 1000m*100/800m = 125 %,
 * ratio 125/50 = 2.5 (outside the 10 % tolerance), replicas = ceil(2.5 * 4) = 10.
 */
import type { KubeObject } from '../../api/types.ts';
import { milliValue } from '../../scheduler/index.ts';
import { podConditions, podPhase } from '../podutil.ts';

/** --horizontal-pod-autoscaler-tolerance: no scaling while usage is within 10 % of the target. */
export const TOLERANCE = 0.1;
/** --horizontal-pod-autoscaler-cpu-initialization-period. */
export const CPU_INITIALIZATION_PERIOD_MS = 5 * 60_000;
/** --horizontal-pod-autoscaler-initial-readiness-delay. */
export const INITIAL_READINESS_DELAY_MS = 30_000;

/** One pod's usage as the metrics API reported it: milli-units, and when it was sampled. */
export interface PodMetric {
  value: number;
  timestampMs: number;
  windowMs: number;
}

export type PodMetrics = Map<string, PodMetric>;

export type Calc<T> = { ok: true; value: T } | { ok: false; error: string };

export interface UtilizationProposal {
  replicas: number;
  /** Average utilization in percent of requests (truncated, as upstream's int32). */
  utilization: number;
  /** Average usage per pod in milli-units. */
  raw: number;
}

interface Groups {
  readyCount: number;
  unready: Set<string>;
  missing: Set<string>;
  ignored: Set<string>;
}

const within = (ratio: number): boolean => 1 - TOLERANCE <= ratio && ratio <= 1 + TOLERANCE;

/** GetResourceReplicas: a Utilization target (percent of the pods' requests). */
export function resourceReplicas(
  currentReplicas: number,
  targetUtilization: number,
  resource: string,
  pods: KubeObject[],
  fetched: PodMetrics,
  container: string,
  nowMs: number,
): Calc<UtilizationProposal> {
  if (pods.length === 0) return fail('no pods returned by selector while calculating replica count');
  const metrics = new Map(fetched);
  const g = groupPods(pods, metrics, resource, nowMs);
  for (const name of [...g.ignored, ...g.unready]) metrics.delete(name);
  if (metrics.size === 0) return fail('did not receive metrics for targeted pods (pods might be unready)');
  const requests = calculateRequests(pods, container, resource);
  if (!requests.ok) return requests;
  const first = utilizationRatio(metrics, requests.value, targetUtilization);
  if (!first.ok) return first;
  const { ratio, utilization, raw } = first.value;
  const done = (replicas: number): Calc<UtilizationProposal> => ({ ok: true, value: { replicas, utilization, raw } });

  const scaleUpWithUnready = g.unready.size > 0 && ratio > 1;
  if (!scaleUpWithUnready && g.missing.size === 0) {
    if (within(ratio)) return done(currentReplicas);
    return done(Math.ceil(ratio * g.readyCount));
  }
  // Pods without metrics count as 100 % of their request on a scale-down, 0 % on a scale-up;
  // unready pods as 0 % on a scale-up. Then the same arithmetic again, more conservatively.
  for (const name of g.missing) {
    if (ratio < 1) metrics.set(name, { value: requests.value.get(name) ?? 0, timestampMs: 0, windowMs: 0 });
    else if (ratio > 1) metrics.set(name, { value: 0, timestampMs: 0, windowMs: 0 });
  }
  if (scaleUpWithUnready) for (const name of g.unready) metrics.set(name, { value: 0, timestampMs: 0, windowMs: 0 });
  const second = utilizationRatio(metrics, requests.value, targetUtilization);
  if (!second.ok) return second;
  const newRatio = second.value.ratio;
  if (within(newRatio) || (ratio < 1 && newRatio > 1) || (ratio > 1 && newRatio < 1)) return done(currentReplicas);
  const proposed = Math.ceil(newRatio * metrics.size);
  if ((newRatio < 1 && proposed > currentReplicas) || (newRatio > 1 && proposed < currentReplicas))
    return done(currentReplicas);
  return done(proposed);
}

/** GetRawResourceReplicas: an AverageValue target in milli-units per pod. */
export function rawResourceReplicas(
  currentReplicas: number,
  targetUsage: number,
  resource: string,
  pods: KubeObject[],
  fetched: PodMetrics,
  nowMs: number,
): Calc<{ replicas: number; usage: number }> {
  if (pods.length === 0) return fail('no pods returned by selector while calculating replica count');
  const metrics = new Map(fetched);
  const g = groupPods(pods, metrics, resource, nowMs);
  for (const name of [...g.ignored, ...g.unready]) metrics.delete(name);
  if (metrics.size === 0) return fail('did not receive metrics for targeted pods (pods might be unready)');
  const { ratio, usage } = usageRatio(metrics, targetUsage);
  const done = (replicas: number) => ({ ok: true as const, value: { replicas, usage } });

  const scaleUpWithUnready = g.unready.size > 0 && ratio > 1;
  if (!scaleUpWithUnready && g.missing.size === 0) {
    if (within(ratio)) return done(currentReplicas);
    return done(Math.ceil(ratio * g.readyCount));
  }
  for (const name of g.missing) {
    if (ratio < 1) metrics.set(name, { value: targetUsage, timestampMs: 0, windowMs: 0 });
    else if (ratio > 1) metrics.set(name, { value: 0, timestampMs: 0, windowMs: 0 });
  }
  if (scaleUpWithUnready) for (const name of g.unready) metrics.set(name, { value: 0, timestampMs: 0, windowMs: 0 });
  const newRatio = usageRatio(metrics, targetUsage).ratio;
  if (within(newRatio) || (ratio < 1 && newRatio > 1) || (ratio > 1 && newRatio < 1)) return done(currentReplicas);
  const proposed = Math.ceil(newRatio * metrics.size);
  if ((newRatio < 1 && proposed > currentReplicas) || (newRatio > 1 && proposed < currentReplicas))
    return done(currentReplicas);
  return done(proposed);
}

/**
 * groupPods: deleted and failed pods are ignored; pending pods are unready; pods
 * without a sample are missing. For cpu, a pod in its first 5 minutes is unready
 * until one full metrics window has passed since it became ready; after that,
 * only a pod that has never been ready (NotReady within 30 s of starting) is.
 */
function groupPods(pods: KubeObject[], metrics: PodMetrics, resource: string, nowMs: number): Groups {
  const g: Groups = { readyCount: 0, unready: new Set(), missing: new Set(), ignored: new Set() };
  for (const pod of pods) {
    const name = pod.metadata.name ?? '';
    const phase = podPhase(pod);
    if (pod.metadata.deletionTimestamp || phase === 'Failed') g.ignored.add(name);
    else if (phase === 'Pending') g.unready.add(name);
    else if (!metrics.has(name)) g.missing.add(name);
    else if (resource === 'cpu' && cpuUnready(pod, metrics.get(name)!, nowMs)) g.unready.add(name);
    else g.readyCount++;
  }
  return g;
}

function cpuUnready(pod: KubeObject, metric: PodMetric, nowMs: number): boolean {
  const ready = podConditions(pod).find((c) => c.type === 'Ready');
  const start = (pod.status as { startTime?: string } | undefined)?.startTime;
  if (!ready || !start) return true;
  const startMs = Date.parse(start);
  const transitionMs = ready.lastTransitionTime ? Date.parse(ready.lastTransitionTime) : 0;
  if (startMs + CPU_INITIALIZATION_PERIOD_MS > nowMs)
    return ready.status === 'False' || metric.timestampMs < transitionMs + metric.windowMs;
  return ready.status === 'False' && startMs + INITIAL_READINESS_DELAY_MS > transitionMs;
}

interface RequestsContainer {
  name: string;
  restartPolicy?: string;
  resources?: { requests?: Record<string, string | number> };
}

/** calculateRequests: the pods' requests (all containers and sidecars, or one container) in milli-units. */
function calculateRequests(pods: KubeObject[], container: string, resource: string): Calc<Map<string, number>> {
  const out = new Map<string, number>();
  for (const pod of pods) {
    const spec = (pod.spec ?? {}) as { containers?: RequestsContainer[]; initContainers?: RequestsContainer[] };
    const sidecars = (spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
    let request = 0;
    let found = false;
    for (const c of [...(spec.containers ?? []), ...sidecars]) {
      if (container !== '' && c.name !== container) continue;
      const q = c.resources?.requests?.[resource];
      if (q === undefined)
        return fail(`missing request for ${resource} in container ${c.name} of Pod ${pod.metadata.name ?? ''}`);
      request += milliValue(String(q)) ?? 0;
      found = true;
      if (container !== '') break;
    }
    if (container !== '' && !found) return fail(`container ${container} not found in Pod ${pod.metadata.name ?? ''}`);
    out.set(pod.metadata.name ?? '', request);
  }
  return { ok: true, value: out };
}

/** GetResourceUtilizationRatio: the ratio is taken from the truncated percentage, as upstream does. */
function utilizationRatio(
  metrics: PodMetrics,
  requests: Map<string, number>,
  target: number,
): Calc<{ ratio: number; utilization: number; raw: number }> {
  let used = 0;
  let requested = 0;
  let n = 0;
  for (const [name, m] of metrics) {
    const r = requests.get(name);
    if (r === undefined) continue;
    used += m.value;
    requested += r;
    n++;
  }
  if (requested === 0) return fail('no metrics returned matched known pods');
  const utilization = Math.trunc((used * 100) / requested);
  return { ok: true, value: { ratio: utilization / target, utilization, raw: Math.trunc(used / n) } };
}

/** GetMetricUsageRatio: average usage per pod against the target value. */
function usageRatio(metrics: PodMetrics, target: number): { ratio: number; usage: number } {
  let total = 0;
  for (const m of metrics.values()) total += m.value;
  const usage = Math.trunc(total / metrics.size);
  return { ratio: usage / target, usage };
}

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}
