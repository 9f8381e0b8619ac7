/**
 * The Progressing condition (progress.go, sync.go checkPausedConditions):
 * progress is any growth of updated/ready/available replicas or shrinking of
 * old ones; with none for progressDeadlineSeconds since the condition was
 * last updated, the rollout has timed out. Worked example: the condition was
 * updated at 00:00:00 with a deadline of 600s; a pass at 00:03:00 sees no
 * progress and requeues itself for 00:10:00, when the rollout is declared
 * ProgressDeadlineExceeded (kubectl rollout status then fails).
 */
import type { KubeObject } from '../../api/types.ts';
import { isoSeconds } from '../../clock/clock.ts';
import type { Action } from '../runtime/types.ts';
import {
  PROGRESSING,
  REPLICA_FAILURE,
  calculateStatus,
  deploymentComplete,
  getCondition,
  newCondition,
  removeCondition,
  setCondition,
  statusOf,
  statusUpdate,
} from './status.ts';
import type { Condition, DeploymentStatus } from './status.ts';

export const NEW_RS_CREATED = 'NewReplicaSetCreated';
export const FOUND_NEW_RS = 'FoundNewReplicaSet';
export const NEW_RS_AVAILABLE = 'NewReplicaSetAvailable';
export const RS_UPDATED = 'ReplicaSetUpdated';
export const TIMED_OUT = 'ProgressDeadlineExceeded';
export const PAUSED = 'DeploymentPaused';
export const RESUMED = 'DeploymentResumed';

/** The slice of the controller's context these functions read. */
export interface StatusInput {
  d: KubeObject;
  now: number;
  maxUnavailable: number;
}

/** HasProgressDeadline: set and not MaxInt32. */
export function progressDeadline(d: KubeObject): number | undefined {
  const s = (d.spec as { progressDeadlineSeconds?: number }).progressDeadlineSeconds;
  return s === undefined || s === 2147483647 ? undefined : s;
}

/** checkPausedConditions: a paused (or resumed) Deployment says so, unless it has already timed out. */
export function pausedConditionUpdate(input: StatusInput): Action[] | undefined {
  const { d } = input;
  if (progressDeadline(d) === undefined) return undefined;
  const cond = getCondition(statusOf(d), PROGRESSING);
  if (cond?.reason === TIMED_OUT) return undefined;
  const paused = (d.spec as { paused?: boolean }).paused === true;
  const pausedCond = cond?.reason === PAUSED;
  if (paused === pausedCond) return undefined;
  const status: DeploymentStatus = { ...statusOf(d), conditions: [...(statusOf(d).conditions ?? [])] };
  const now = isoSeconds(input.now);
  setCondition(
    status,
    paused
      ? newCondition(now, PROGRESSING, 'Unknown', PAUSED, 'Deployment is paused')
      : newCondition(now, PROGRESSING, 'Unknown', RESUMED, 'Deployment is resumed'),
  );
  return statusUpdate(d, status, paused ? 'deployment paused' : 'deployment resumed');
}

/** syncDeploymentStatus: counts and Available only (paused or scaling passes). */
export function syncDeploymentStatus(input: StatusInput, all: KubeObject[], newRS: KubeObject | undefined): Action[] {
  const status = calculateStatus(input.d, all, newRS, input.maxUnavailable, isoSeconds(input.now));
  return statusUpdate(input.d, status, summary(input.d, status));
}

/** syncRolloutStatus: counts, Available, Progressing (complete, progressing or timed out), ReplicaFailure. */
export function syncRolloutStatus(input: StatusInput, all: KubeObject[], newRS: KubeObject | undefined): Action[] {
  const { d } = input;
  const now = isoSeconds(input.now);
  const status = calculateStatus(d, all, newRS, input.maxUnavailable, now);
  const deadline = progressDeadline(d);
  if (deadline === undefined) removeCondition(status, PROGRESSING);
  const current = getCondition(statusOf(d), PROGRESSING);
  const settled = status.replicas === status.updatedReplicas && current?.reason === NEW_RS_AVAILABLE;
  if (deadline !== undefined && !settled) estimateProgress(input, status, newRS, current, now);
  const failure = replicaFailure(all, newRS);
  if (failure) setCondition(status, failure);
  else removeCondition(status, REPLICA_FAILURE);
  return [...statusUpdate(d, status, summary(d, status)), ...requeueStuck(input, status)];
}

function estimateProgress(
  input: StatusInput,
  status: DeploymentStatus,
  newRS: KubeObject | undefined,
  current: Condition | undefined,
  now: string,
): void {
  const { d } = input;
  const subject = newRS ? `ReplicaSet "${newRS.metadata.name ?? ''}"` : `Deployment "${d.metadata.name ?? ''}"`;
  if (deploymentComplete(d, status)) {
    setCondition(
      status,
      newCondition(now, PROGRESSING, 'True', NEW_RS_AVAILABLE, `${subject} has successfully progressed.`),
    );
  } else if (madeProgress(statusOf(d), status)) {
    // Same reason, fresh lastUpdateTime: SetDeploymentCondition would keep the old one, so replace it here.
    const c = newCondition(now, PROGRESSING, 'True', RS_UPDATED, `${subject} is progressing.`);
    if (current?.status === 'True') c.lastTransitionTime = current.lastTransitionTime;
    removeCondition(status, PROGRESSING);
    setCondition(status, c);
  } else if (timedOut(d, status, input.now)) {
    setCondition(status, newCondition(now, PROGRESSING, 'False', TIMED_OUT, `${subject} has timed out progressing.`));
  }
}

/** DeploymentProgressing: more updated, ready or available replicas, or fewer old ones, than last written. */
function madeProgress(old: DeploymentStatus, next: DeploymentStatus): boolean {
  const n = (v: number | undefined) => v ?? 0;
  const oldOld = n(old.replicas) - n(old.updatedReplicas);
  const newOld = n(next.replicas) - n(next.updatedReplicas);
  return (
    n(next.updatedReplicas) > n(old.updatedReplicas) ||
    newOld < oldOld ||
    n(next.readyReplicas) > n(old.readyReplicas) ||
    n(next.availableReplicas) > n(old.availableReplicas)
  );
}

/** DeploymentTimedOut: the Progressing condition is older than the deadline (strictly). */
function timedOut(d: KubeObject, status: DeploymentStatus, nowMs: number): boolean {
  const deadline = progressDeadline(d);
  const c = getCondition(status, PROGRESSING);
  if (deadline === undefined || !c || c.reason === NEW_RS_AVAILABLE) return false;
  if (c.reason === TIMED_OUT) return true;
  return Date.parse(c.lastUpdateTime) + deadline * 1000 < nowMs;
}

/**
 * requeueStuckDeployment: come back when the deadline passes (the worked
 * example's 7 minutes); under a second left, retry shortly (upstream's
 * rate-limited requeue starts at 5ms).
 */
function requeueStuck(input: StatusInput, status: DeploymentStatus): Action[] {
  const { d } = input;
  const deadline = progressDeadline(d);
  const current = getCondition(statusOf(d), PROGRESSING);
  if (deadline === undefined || !current) return [];
  if (deploymentComplete(d, status) || current.reason === TIMED_OUT) return [];
  const after = Date.parse(current.lastUpdateTime) + deadline * 1000 - input.now;
  return [{ type: 'requeueAfter', ms: after < 1000 ? 5 : after }];
}

/** getReplicaFailures: the new ReplicaSet's ReplicaFailure condition first, else any old one's. */
function replicaFailure(all: KubeObject[], newRS: KubeObject | undefined): Condition | undefined {
  const failureOf = (rs: KubeObject | undefined) =>
    (
      (
        rs?.status as
          | {
              conditions?: {
                type: string;
                status: string;
                reason?: string;
                message?: string;
                lastTransitionTime?: string;
              }[];
            }
          | undefined
      )?.conditions ?? []
    ).find((c) => c.type === REPLICA_FAILURE);
  const c = failureOf(newRS) ?? all.map(failureOf).find((x) => x !== undefined);
  if (!c) return undefined;
  const at = c.lastTransitionTime ?? '';
  return {
    type: c.type,
    status: c.status,
    lastUpdateTime: at,
    lastTransitionTime: at,
    reason: c.reason ?? '',
    message: c.message ?? '',
  };
}

function summary(d: KubeObject, s: DeploymentStatus): string {
  const want = (d.spec as { replicas?: number }).replicas ?? 1;
  const cond = getCondition(s, PROGRESSING);
  return `status: ${s.availableReplicas ?? 0}/${want} available${cond ? `, ${cond.reason}` : ''}`;
}
