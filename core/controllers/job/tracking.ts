/**
 * Finished-pod accounting (trackJobStatusAndRemoveFinalizers,
 * cleanUncountedPodsWithoutFinalizers): a finished pod's UID is first written
 * to status.uncountedTerminatedPods, only then is its tracking finalizer
 * removed, and once the finalizer is gone the UID moves into the counters.
 * Each step is durable before the next, so no pod is counted twice or lost.
 * Worked example: pod p succeeds → pass 1 writes uncounted.succeeded [p];
 * pass 2 removes p's finalizer; pass 3 moves p into succeeded: 1.
 */
import type { KubeObject } from '../../api/types.ts';
import { podPhase } from '../podutil.ts';
import { completionIndex } from './indexed.ts';
import type { JobSpec } from './pods.ts';
import { hasTrackingFinalizer, isPodFailed, matchPodFailurePolicy } from './pods.ts';
import type { JobCondition } from './status.ts';
import { jobStatusOf } from './status.ts';

export interface Tracked {
  /** Recorded counters (pods whose finalizer is gone). */
  succeeded: number;
  failed: number;
  /** UIDs recorded but still holding their finalizer, plus those recorded by this pass. */
  uncounted: { succeeded: string[]; failed: string[] };
  /** Pods whose finalizer may go now: their record is already stored, or they need none. */
  releaseFinalizer: KubeObject[];
}

export function trackFinishedPods(
  job: KubeObject,
  spec: JobSpec,
  pods: KubeObject[],
  finished: JobCondition | undefined,
  indexes: { prev: Set<number> } | undefined,
): Tracked {
  const s = jobStatusOf(job);
  const stored = {
    succeeded: s.uncountedTerminatedPods?.succeeded ?? [],
    failed: s.uncountedTerminatedPods?.failed ?? [],
  };
  const holding = new Set(pods.filter(hasTrackingFinalizer).map((p) => p.metadata.uid ?? ''));
  const succeeded = stored.succeeded.filter((u) => holding.has(u));
  const failed = stored.failed.filter((u) => holding.has(u));
  const out: Tracked = {
    succeeded: (s.succeeded ?? 0) + stored.succeeded.length - succeeded.length,
    failed: (s.failed ?? 0) + stored.failed.length - failed.length,
    uncounted: { succeeded, failed },
    releaseFinalizer: [],
  };
  const storedSucceeded = new Set(stored.succeeded);
  const storedFailed = new Set(stored.failed);
  const completions = spec.completions ?? 0;
  const failing = finished !== undefined && finished.type !== 'SuccessCriteriaMet';
  for (const p of pods) {
    if (!hasTrackingFinalizer(p)) continue;
    const uid = p.metadata.uid ?? '';
    const consideredFailed = isPodFailed(p, spec);
    const phase = podPhase(p);
    if (!job.metadata.deletionTimestamp && !finished && phase !== 'Succeeded' && !consideredFailed) continue;
    const ix = completionIndex(p);
    const validIndex = !indexes || (ix !== undefined && ix < completions);
    let recordFirst = false;
    if (phase === 'Succeeded' && !storedFailed.has(uid)) {
      if (indexes) recordFirst = validIndex && !indexes.prev.has(ix!);
      else if (!storedSucceeded.has(uid)) {
        succeeded.push(uid);
        recordFirst = true;
      }
    } else if ((consideredFailed || failing) && !storedFailed.has(uid) && validIndex) {
      if (matchPodFailurePolicy(spec.podFailurePolicy, p).countFailed) {
        failed.push(uid);
        recordFirst = true;
      }
    }
    if (!recordFirst) out.releaseFinalizer.push(p);
  }
  return out;
}
