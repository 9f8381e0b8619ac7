/**
 * Deployment status and conditions (sync.go calculateStatus, progress.go):
 * counts summed over its ReplicaSets, Available and Progressing conditions
 * worded as upstream.
 */
import type { KubeObject } from '../../api/types.ts';
import { isoSeconds } from '../../clock/clock.ts';
import { deepEqual } from '../../util/json.ts';
import { R } from '../resources.ts';
import type { Action, ClusterView } from '../runtime/types.ts';
import { replicasOf, statusCount } from './replicasets.ts';

interface Condition {
  type: string;
  status: string;
  lastUpdateTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export function deploymentStatus(
  view: ClusterView,
  d: KubeObject,
  newRS: KubeObject | undefined,
  oldRSs: KubeObject[],
  maxUnavailable: number,
): Action[] {
  const all = newRS ? [newRS, ...oldRSs] : oldRSs;
  const desired = replicasOf(d);
  const sum = (f: 'replicas' | 'readyReplicas' | 'availableReplicas') =>
    all.reduce((n, rs) => n + statusCount(rs, f), 0);
  const available = sum('availableReplicas');
  const old = (d.status ?? {}) as Record<string, unknown>;
  const now = isoSeconds(view.now());
  const prev = (old.conditions as Condition[] | undefined) ?? [];
  const conditions = [
    condition(prev, now, 'Available', ...availability(available, desired - maxUnavailable)),
    condition(prev, now, 'Progressing', ...progress(d, newRS, oldRSs, desired)),
  ];
  const next: Record<string, unknown> = {
    observedGeneration: d.metadata.generation ?? 1,
    replicas: sum('replicas'),
    updatedReplicas: newRS ? statusCount(newRS, 'replicas') : 0,
    readyReplicas: sum('readyReplicas'),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, sum('replicas') - available, desired - available),
    conditions,
  };
  if ((old.collisionCount as number | undefined) !== undefined) next.collisionCount = old.collisionCount;
  for (const k of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas'])
    if (next[k] === 0) delete next[k];
  if (deepEqual(old, next)) return [];
  return [
    {
      type: 'update',
      resource: R.deployments,
      subresource: 'status',
      object: { ...d, status: next },
      reason: `status: ${available}/${desired} available`,
    },
  ];
}

function availability(available: number, minAvailable: number): [string, string, string] {
  return available >= minAvailable
    ? ['True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.']
    : ['False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'];
}

function progress(
  d: KubeObject,
  newRS: KubeObject | undefined,
  oldRSs: KubeObject[],
  desired: number,
): [string, string, string] {
  if (!newRS) return ['True', 'NewReplicaSetCreated', 'Created new replica set.'];
  const name = newRS.metadata.name ?? '';
  const complete =
    replicasOf(newRS) === desired &&
    statusCount(newRS, 'replicas') === desired &&
    statusCount(newRS, 'availableReplicas') === desired &&
    oldRSs.every((rs) => statusCount(rs, 'replicas') === 0);
  if (complete) return ['True', 'NewReplicaSetAvailable', `ReplicaSet "${name}" has successfully progressed.`];
  if ((d.spec as { paused?: boolean }).paused) return ['Unknown', 'DeploymentPaused', 'Deployment is paused'];
  return ['True', 'ReplicaSetUpdated', `ReplicaSet "${name}" is progressing.`];
}

/** Keep transition times when the status does not change; update times when the reason does. */
function condition(
  prev: Condition[],
  now: string,
  type: string,
  status: string,
  reason: string,
  message: string,
): Condition {
  const old = prev.find((c) => c.type === type);
  if (old && old.status === status && old.reason === reason && old.message === message) return old;
  return {
    type,
    status,
    lastUpdateTime: now,
    lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now,
    reason,
    message,
  };
}
