/**
 * Job status shapes and conditions (job_controller.go newCondition,
 * ensureJobConditionStatus, IsJobFinished) and the wire form of the status:
 * `ready`, `terminating` and `uncountedTerminatedPods` always present, the
 * counters only when non-zero, as a v1.33 API server returns them.
 */
import type { KubeObject } from '../../api/types.ts';

export interface JobCondition {
  type: string;
  status: string;
  lastProbeTime: string;
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

export interface JobStatus {
  conditions?: JobCondition[];
  startTime?: string;
  completionTime?: string;
  active?: number;
  succeeded?: number;
  failed?: number;
  terminating?: number;
  completedIndexes?: string;
  uncountedTerminatedPods?: { succeeded?: string[]; failed?: string[] };
  ready?: number;
}

export const REASON = {
  completionsReached: 'CompletionsReached',
  backoffLimitExceeded: 'BackoffLimitExceeded',
  deadlineExceeded: 'DeadlineExceeded',
  podFailurePolicy: 'PodFailurePolicy',
} as const;

export const MESSAGE = {
  completionsReached: 'Reached expected number of succeeded pods',
  backoffLimitExceeded: 'Job has reached the specified backoff limit',
  deadlineExceeded: 'Job was active longer than specified deadline',
} as const;

export function jobStatusOf(job: KubeObject): JobStatus {
  return (job.status ?? {}) as JobStatus;
}

export function findCondition(list: JobCondition[] | undefined, type: string): JobCondition | undefined {
  return list?.find((c) => c.type === type);
}

export function hasTrueCondition(job: KubeObject, type: string): boolean {
  return findCondition(jobStatusOf(job).conditions, type)?.status === 'True';
}

/** IsJobFinished: Complete or Failed is True. */
export function isJobFinished(job: KubeObject): boolean {
  return hasTrueCondition(job, 'Complete') || hasTrueCondition(job, 'Failed');
}

export function newCondition(type: string, status: string, reason: string, message: string, now: string): JobCondition {
  return { type, status, lastProbeTime: now, lastTransitionTime: now, reason, message };
}

/**
 * ensureJobConditionStatus: add or update a condition; a False condition is
 * never added where none existed. Returns the new list, or undefined if unchanged.
 */
export function ensureCondition(
  list: JobCondition[],
  type: string,
  status: string,
  reason: string,
  message: string,
  now: string,
): JobCondition[] | undefined {
  const i = list.findIndex((c) => c.type === type);
  if (i >= 0) {
    const c = list[i]!;
    if (c.status === status && c.reason === reason && c.message === message) return undefined;
    return list.map((x, j) => (j === i ? newCondition(type, status, reason, message, now) : x));
  }
  if (status === 'False') return undefined;
  return [...list, newCondition(type, status, reason, message, now)];
}

/** The status as the API server stores it (omitempty counters, fixed field order). */
export function wireStatus(s: JobStatus): JobStatus {
  const out: JobStatus = {};
  if (s.conditions?.length) out.conditions = s.conditions;
  if (s.startTime) out.startTime = s.startTime;
  if (s.completionTime) out.completionTime = s.completionTime;
  if (s.active) out.active = s.active;
  if (s.succeeded) out.succeeded = s.succeeded;
  if (s.failed) out.failed = s.failed;
  out.terminating = s.terminating ?? 0;
  if (s.completedIndexes) out.completedIndexes = s.completedIndexes;
  const u = s.uncountedTerminatedPods ?? {};
  out.uncountedTerminatedPods = {
    ...(u.succeeded?.length ? { succeeded: u.succeeded } : {}),
    ...(u.failed?.length ? { failed: u.failed } : {}),
  };
  out.ready = s.ready ?? 0;
  return out;
}
