/**
 * TTL-after-finished controller: deletes a finished Job (Complete or Failed)
 * `spec.ttlSecondsAfterFinished` seconds after the condition's
 * lastTransitionTime, cascading to its pods.
 * Mirrors kubernetes/kubernetes pkg/controller/ttlafterfinished/ttlafterfinished_controller.go:
 * Foreground propagation with a UID precondition, as upstream (the Job stays,
 * with a deletionTimestamp, until the garbage collector has removed its pods).
 * Simplifications: none beyond the shared ones (no informer resync period).
 */
import type { KubeObject } from '../../api/types.ts';
import { R } from '../resources.ts';
import type { Action, ClusterView, Controller } from '../runtime/types.ts';
import { self, splitKey } from '../runtime/types.ts';

const NAME = 'ttl-after-finished-controller';

interface Condition {
  type: string;
  status: string;
  lastTransitionTime?: string;
}

export class TTLAfterFinishedController implements Controller {
  readonly name = NAME;
  readonly watches = [{ resource: R.jobs, keys: self }];

  reconcile(view: ClusterView, key: string): Action[] {
    const [namespace, name] = splitKey(key);
    const job = view.get(R.jobs, namespace, name);
    if (!job || job.metadata.deletionTimestamp) return [];
    const expireAt = expiresAt(job);
    if (expireAt === undefined) return [];
    const left = expireAt - view.now();
    if (left > 0) return [{ type: 'requeueAfter', ms: left }];
    const ttl = (job.spec as { ttlSecondsAfterFinished?: number }).ttlSecondsAfterFinished ?? 0;
    return [
      {
        type: 'delete',
        resource: R.jobs,
        namespace: job.metadata.namespace,
        name: job.metadata.name ?? '',
        uid: job.metadata.uid,
        propagationPolicy: 'Foreground',
        reason: `job ${job.metadata.name} finished and its ttlSecondsAfterFinished (${ttl}s) expired`,
      },
    ];
  }
}

/** When a finished Job with a TTL expires (jobFinishTime + TTL), or undefined if it needs no clean-up. */
export function expiresAt(job: KubeObject): number | undefined {
  const ttl = (job.spec as { ttlSecondsAfterFinished?: number } | undefined)?.ttlSecondsAfterFinished;
  if (ttl === undefined || ttl === null) return undefined;
  const conditions = (job.status as { conditions?: Condition[] } | undefined)?.conditions ?? [];
  const done = conditions.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
  if (!done?.lastTransitionTime) return undefined;
  return Date.parse(done.lastTransitionTime) + ttl * 1000;
}
