/**
 * PodDisruptionBudget arithmetic (pkg/controller/disruption/disruption.go:
 * getExpectedPodCount, countHealthyPods, buildDisruptedPodMap), pure.
 *
 * Worked example: a Deployment of 3 replicas, all Ready.
 *   minAvailable: 2      → expectedPods 3 (the pods), desiredHealthy 2, disruptionsAllowed 1
 *   minAvailable: "50%"  → expectedPods 3 (the scale), desiredHealthy ceil(1.5) = 2, allowed 1
 *   maxUnavailable: 1    → expectedPods 3 (the scale), desiredHealthy 3 - 1 = 2, allowed 1
 *   maxUnavailable: "50%"→ maxUnavailable ceil(1.5) = 2, desiredHealthy 1, allowed 2
 * One pod evicted (in disruptedPods, not yet deleted): currentHealthy 2, allowed 0.
 */
import type { KubeObject } from '../../api/types.ts';
import { isPodReady } from '../podutil.ts';

/** How long an eviction's entry in disruptedPods waits for the pod's deletion (DeletionTimeout). */
export const DELETION_TIMEOUT_MS = 120_000;

export type IntOrString = number | string;

export interface Budget {
  expectedPods: number;
  desiredHealthy: number;
}

/** intstr.GetScaledValueFromIntOrPercent with roundUp: "50%" of 3 is 2. */
export function scaled(value: IntOrString, total: number): number {
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(value);
  if (m) return Math.ceil((Number(m[1]) * total) / 100);
  const n = Number(value);
  return Number.isInteger(n) ? n : 0;
}

/** getExpectedPodCount: `scale` is the summed replicas of the pods' controllers. */
export function budgetFor(
  spec: { minAvailable?: IntOrString; maxUnavailable?: IntOrString },
  podCount: number,
  scale: () => number,
): Budget {
  if (spec.maxUnavailable !== undefined) {
    const expectedPods = scale();
    return { expectedPods, desiredHealthy: Math.max(0, expectedPods - scaled(spec.maxUnavailable, expectedPods)) };
  }
  if (typeof spec.minAvailable === 'number') return { expectedPods: podCount, desiredHealthy: spec.minAvailable };
  if (typeof spec.minAvailable === 'string') {
    const expectedPods = scale();
    return { expectedPods, desiredHealthy: scaled(spec.minAvailable, expectedPods) };
  }
  return { expectedPods: podCount, desiredHealthy: 0 };
}

/**
 * buildDisruptedPodMap: keep the evictions whose pod still exists, is not yet
 * being deleted, and whose 2 minutes have not run out; `recheckAt` is the
 * earliest moment one of them runs out.
 */
export function disruptedPods(
  pods: KubeObject[],
  previous: Record<string, string> | undefined,
  nowMs: number,
): { kept: Record<string, string>; expired: KubeObject[]; recheckAt?: number } {
  const kept: Record<string, string> = {};
  const expired: KubeObject[] = [];
  let recheckAt: number | undefined;
  for (const p of pods) {
    const at = previous?.[p.metadata.name ?? ''];
    if (p.metadata.deletionTimestamp || !at) continue;
    const deadline = Date.parse(at) + DELETION_TIMEOUT_MS;
    if (deadline < nowMs) {
      expired.push(p);
      continue;
    }
    kept[p.metadata.name ?? ''] = at;
    if (recheckAt === undefined || deadline < recheckAt) recheckAt = deadline;
  }
  return { kept, expired, ...(recheckAt !== undefined ? { recheckAt } : {}) };
}

/** countHealthyPods: Ready, not being deleted, not just evicted. */
export function countHealthy(pods: KubeObject[], disrupted: Record<string, string>): number {
  return pods.filter((p) => !p.metadata.deletionTimestamp && !disrupted[p.metadata.name ?? ''] && isPodReady(p)).length;
}

/** disruptionsAllowed: never negative, and zero when no pods are expected. */
export function allowed(b: Budget, currentHealthy: number): number {
  const n = currentHealthy - b.desiredHealthy;
  return b.expectedPods <= 0 || n <= 0 ? 0 : n;
}
