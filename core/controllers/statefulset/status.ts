/**
 * StatefulSet status (stateful_set_control.go computeReplicaStatus,
 * completeRollingUpdate): counts over the set's pods, the two revisions and
 * the collision count, written through the status subresource when it differs.
 *
 * Example: 3 replicas rolling from web-a to web-b with web-2 updated and
 * web-1 terminating → replicas 3, currentReplicas 1 (web-0), updatedReplicas 1;
 * a terminating pod counts in replicas but in neither revision.
 */
import type { KubeObject } from '../../api/types.ts';
import { deepEqual } from '../../util/json.ts';
import { R } from '../resources.ts';
import type { Action } from '../runtime/types.ts';
import {
  isCreated,
  isRunningAndAvailable,
  isRunningAndReady,
  isTerminating,
  revisionOfPod,
  specOf,
} from './identity.ts';
import type { Revisions, SetStatus } from './revisions.ts';
import { statusOf } from './revisions.ts';

export function computeStatus(set: KubeObject, pods: KubeObject[], revs: Revisions, now: number): SetStatus {
  const spec = specOf(set);
  const minReady = spec.minReadySeconds ?? 0;
  const created = pods.filter(isCreated);
  const live = created.filter((p) => !isTerminating(p));
  const ready = created.filter(isRunningAndReady);
  const s = {
    replicas: created.length,
    ready: ready.length,
    available: ready.filter((p) => isRunningAndAvailable(p, minReady, now)).length,
    current: live.filter((p) => revisionOfPod(p) === revs.current.metadata.name).length,
    updated: live.filter((p) => revisionOfPod(p) === revs.update.metadata.name).length,
    currentRevision: revs.current.metadata.name ?? '',
  };
  // completeRollingUpdate: every pod updated and ready → the update revision becomes current.
  const rolling = (spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
  if (rolling && s.updated === s.replicas && s.ready === s.replicas) {
    s.current = s.updated;
    s.currentRevision = revs.update.metadata.name ?? '';
  }
  // Wire form: zero ready/current/updated counts are omitted, replicas and availableReplicas are not.
  return {
    observedGeneration: set.metadata.generation ?? 1,
    replicas: s.replicas,
    ...(s.ready ? { readyReplicas: s.ready } : {}),
    ...(s.current ? { currentReplicas: s.current } : {}),
    ...(s.updated ? { updatedReplicas: s.updated } : {}),
    currentRevision: s.currentRevision,
    updateRevision: revs.update.metadata.name ?? '',
    collisionCount: revs.collisionCount,
    availableReplicas: s.available,
  };
}

export function statusAction(set: KubeObject, next: SetStatus): Action[] {
  const old = statusOf(set);
  const kept = (set.status as { conditions?: unknown } | undefined)?.conditions;
  const status = kept ? { ...next, conditions: kept } : next;
  if (deepEqual(old, status)) return [];
  return [
    {
      type: 'update',
      resource: R.statefulSets,
      subresource: 'status',
      object: { ...set, status },
      reason: `status: ${next.replicas} replicas, ${next.readyReplicas ?? 0} ready, ${next.updatedReplicas ?? 0} updated`,
    },
  ];
}
