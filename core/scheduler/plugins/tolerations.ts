/**
 * Toleration matching (k8s.io/api core/v1 toleration.go ToleratesTaint and
 * component-helpers FindMatchingUntoleratedTaint).
 */
import type { Taint } from '../nodeinfo.ts';
import type { Toleration } from '../podinfo.ts';

/** Does one toleration tolerate a taint? An empty operator means Equal; an empty key with Exists tolerates every key. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect !== '' && t.effect !== taint.effect) return false;
  if (t.key !== '' && t.key !== taint.key) return false;
  if (t.operator === 'Exists') return true;
  if (t.operator === '' || t.operator === 'Equal') return t.value === taint.value;
  return false;
}

export function tolerationsTolerate(tolerations: readonly Toleration[], taint: Taint): boolean {
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true;
  return false;
}

/** The first NoSchedule/NoExecute taint no toleration tolerates, if any. */
export function findUntoleratedHardTaint(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
): Taint | undefined {
  for (const taint of taints) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (!tolerationsTolerate(tolerations, taint)) return taint;
  }
  return undefined;
}
