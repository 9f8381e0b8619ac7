/**
 * Deployment status and its conditions (sync.go calculateStatus,
 * deployment_util.go SetDeploymentCondition): counts summed over the
 * ReplicaSets, the Available condition, and the condition bookkeeping the
 * Progressing condition (progress.ts) shares.
 */
import type { KubeObject } from '../../api/types.ts';
import { deepEqual } from '../../util/json.ts';
import { R } from '../resources.ts';
import type { Action } from '../runtime/types.ts';
import { replicasOf, statusCount } from './replicasets.ts';

export interface Condition {
  type: string;
  status: string;
  lastUpdateTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions?: Condition[];
  collisionCount?: number;
}

export const AVAILABLE = 'Available';
export const PROGRESSING = 'Progressing';
export const REPLICA_FAILURE = 'ReplicaFailure';

export function statusOf(d: KubeObject): DeploymentStatus {
  return (d.status ?? {}) as DeploymentStatus;
}

export function getCondition(status: DeploymentStatus, type: string): Condition | undefined {
  return status.conditions?.find((c) => c.type === type);
}

export function newCondition(now: string, type: string, status: string, reason: string, message: string): Condition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

/**
 * SetDeploymentCondition: nothing changes when status and reason are the same;
 * the transition time survives when only the reason changes; the condition
 * moves to the end of the list (why `Progressing` usually follows `Available`).
 */
export function setCondition(status: DeploymentStatus, c: Condition): void {
  const current = getCondition(status, c.type);
  if (current && current.status === c.status && current.reason === c.reason) return;
  const next = current && current.status === c.status ? { ...c, lastTransitionTime: current.lastTransitionTime } : c;
  status.conditions = [...(status.conditions ?? []).filter((x) => x.type !== c.type), next];
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  if (!status.conditions) return;
  status.conditions = status.conditions.filter((c) => c.type !== type);
  if (status.conditions.length === 0) delete status.conditions;
}

/** calculateStatus: `unavailableReplicas` is spec replicas minus available ones, as upstream counts it. */
export function calculateStatus(
  d: KubeObject,
  all: KubeObject[],
  newRS: KubeObject | undefined,
  maxUnavailable: number,
  now: string,
): DeploymentStatus {
  const sum = (f: 'replicas' | 'readyReplicas' | 'availableReplicas') =>
    all.reduce((n, rs) => n + statusCount(rs, f), 0);
  const available = sum('availableReplicas');
  const total = all.reduce((n, rs) => n + replicasOf(rs), 0);
  const old = statusOf(d);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 1,
    replicas: sum('replicas'),
    updatedReplicas: newRS ? statusCount(newRS, 'replicas') : 0,
    readyReplicas: sum('readyReplicas'),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
    ...(old.conditions ? { conditions: [...old.conditions] } : {}),
    ...(old.collisionCount !== undefined ? { collisionCount: old.collisionCount } : {}),
  };
  setCondition(
    status,
    available >= replicasOf(d) - maxUnavailable
      ? newCondition(now, AVAILABLE, 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.')
      : newCondition(
          now,
          AVAILABLE,
          'False',
          'MinimumReplicasUnavailable',
          'Deployment does not have minimum availability.',
        ),
  );
  return status;
}

/** Go omits zero counts; the stored status never carries them. */
function withoutZeros(status: DeploymentStatus): DeploymentStatus {
  const out: Record<string, unknown> = { ...status };
  for (const k of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas'])
    if (out[k] === 0) delete out[k];
  return out as DeploymentStatus;
}

/** The status write, if anything changed. */
export function statusUpdate(d: KubeObject, status: DeploymentStatus, why: string): Action[] {
  const next = withoutZeros(status);
  if (deepEqual(d.status ?? {}, next)) return [];
  return [
    {
      type: 'update',
      resource: R.deployments,
      subresource: 'status',
      object: { ...d, status: next },
      reason: why,
    },
  ];
}

/** DeploymentComplete: every desired replica updated and available, nothing old left. */
export function deploymentComplete(d: KubeObject, status: DeploymentStatus): boolean {
  const want = replicasOf(d);
  return (
    (status.updatedReplicas ?? 0) === want &&
    (status.replicas ?? 0) === want &&
    (status.availableReplicas ?? 0) === want &&
    (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 1)
  );
}
