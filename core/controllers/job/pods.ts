/**
 * What the Job controller reads from its pods (pkg/controller/job
 * backoff_utils.go, pod_failure_policy.go, job_controller.go helpers): the
 * tracking finalizer, when a pod finished, whether it counts as failed, the
 * pod-failure back-off, and the podFailurePolicy rules.
 */
import type { LabelSelector } from '../../api/selectors/index.ts';
import type { KubeObject } from '../../api/types.ts';
import { podConditions, podPhase } from '../podutil.ts';

export const TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
/** DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff. */
export const BACKOFF_BASE_MS = 10_000;
export const BACKOFF_MAX_MS = 360_000;

export interface JobSpec {
  parallelism?: number;
  completions?: number;
  activeDeadlineSeconds?: number;
  backoffLimit?: number;
  completionMode?: string;
  suspend?: boolean;
  podReplacementPolicy?: string;
  podFailurePolicy?: PodFailurePolicy;
  ttlSecondsAfterFinished?: number;
  selector?: LabelSelector;
  template?: { metadata?: KubeObject['metadata']; spec?: Record<string, unknown> };
}

export interface PodFailurePolicy {
  rules?: {
    action: string;
    onExitCodes?: { containerName?: string; operator: string; values: number[] };
    onPodConditions?: { type: string; status?: string }[];
  }[];
}

interface ContainerStatus {
  name: string;
  restartCount?: number;
  state?: { terminated?: { exitCode?: number; finishedAt?: string } };
}

function containerStatuses(pod: KubeObject, key: 'containerStatuses' | 'initContainerStatuses'): ContainerStatus[] {
  return ((pod.status as Record<string, ContainerStatus[] | undefined> | undefined)?.[key] ?? []) as ContainerStatus[];
}

export function hasTrackingFinalizer(pod: KubeObject): boolean {
  return pod.metadata.finalizers?.includes(TRACKING_FINALIZER) ?? false;
}

export function withoutTrackingFinalizer(pod: KubeObject): KubeObject {
  const finalizers = (pod.metadata.finalizers ?? []).filter((f) => f !== TRACKING_FINALIZER);
  const { finalizers: _dropped, ...rest } = pod.metadata;
  return { ...pod, metadata: finalizers.length ? { ...rest, finalizers } : rest };
}

/** Replace only failed pods (not terminating ones): podReplacementPolicy Failed, implied by podFailurePolicy. */
export function onlyReplaceFailedPods(spec: JobSpec): boolean {
  return spec.podReplacementPolicy === 'Failed' || spec.podFailurePolicy !== undefined;
}

/** isPodFailed: phase Failed, or (unless only failed pods count) deleted before it succeeded. */
export function isPodFailed(pod: KubeObject, spec: JobSpec): boolean {
  const phase = podPhase(pod);
  if (phase === 'Failed') return true;
  if (onlyReplaceFailedPods(spec)) return false;
  return pod.metadata.deletionTimestamp !== undefined && phase !== 'Succeeded';
}

/** CountTerminatingPods: being deleted and not yet in a terminal phase. */
export function isTerminating(pod: KubeObject): boolean {
  const phase = podPhase(pod);
  return pod.metadata.deletionTimestamp !== undefined && phase !== 'Succeeded' && phase !== 'Failed';
}

/**
 * getFinishedTime: the last container finish, else the Ready=False transition,
 * else the deletion time less the grace period, else the creation time.
 */
export function finishedTime(pod: KubeObject): number {
  let latest: number | undefined;
  const statuses = containerStatuses(pod, 'containerStatuses');
  const allTerminated = statuses.length > 0 && statuses.every((c) => c.state?.terminated?.finishedAt);
  if (allTerminated)
    for (const c of statuses) latest = Math.max(latest ?? 0, Date.parse(c.state!.terminated!.finishedAt!));
  if (latest !== undefined) return latest;
  const ready = podConditions(pod).find((c) => c.type === 'Ready' && c.status === 'False');
  if (ready?.lastTransitionTime) return Date.parse(ready.lastTransitionTime);
  if (pod.metadata.deletionTimestamp)
    return Date.parse(pod.metadata.deletionTimestamp) - (pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
  return Date.parse(pod.metadata.creationTimestamp ?? '0');
}

/**
 * The back-off before the next pod may be created (backoffRecord and
 * getRemainingTime). Upstream keeps the record in memory, fed with newly
 * finished pods; here it is recomputed from the pods the Job still has: failures
 * finished after the last success, 10 s doubled per failure, capped at 6 min.
 * Worked example: 3 failures since the last success, the last at 12:00:00 →
 * back-off 40 s → at 12:00:25 the next pod waits 15 s more.
 */
export function backoffRemainingMs(pods: KubeObject[], spec: JobSpec, nowMs: number): number {
  let lastSuccess = -Infinity;
  for (const p of pods) if (podPhase(p) === 'Succeeded') lastSuccess = Math.max(lastSuccess, finishedTime(p));
  let failures = 0;
  let lastFailure = -Infinity;
  for (const p of pods) {
    if (!isPodFailed(p, spec)) continue;
    const t = finishedTime(p);
    if (t <= lastSuccess) continue;
    failures++;
    lastFailure = Math.max(lastFailure, t);
  }
  if (failures === 0) return 0;
  let backoff = BACKOFF_BASE_MS;
  for (let i = 1; i < failures && backoff < BACKOFF_MAX_MS; i++) backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
  const elapsed = nowMs - lastFailure;
  return backoff < elapsed ? 0 : backoff - elapsed;
}

/** pastBackoffLimitOnFailure: with restartPolicy OnFailure, container restarts of running pods count. */
export function pastBackoffLimitOnFailure(spec: JobSpec, pods: KubeObject[]): boolean {
  if (spec.template?.spec?.['restartPolicy'] !== 'OnFailure') return false;
  let restarts = 0;
  for (const p of pods) {
    const phase = podPhase(p);
    if (phase !== 'Running' && phase !== 'Pending') continue;
    for (const key of ['initContainerStatuses', 'containerStatuses'] as const)
      for (const c of containerStatuses(p, key)) restarts += c.restartCount ?? 0;
  }
  const limit = spec.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

export interface PolicyMatch {
  /** Set when a FailJob rule matched. */
  failJobMessage?: string;
  /** False when an Ignore rule matched. */
  countFailed: boolean;
  action?: string;
}

/** matchPodFailurePolicy: the first rule matching the failed pod's exit codes or conditions. */
export function matchPodFailurePolicy(policy: PodFailurePolicy | undefined, pod: KubeObject): PolicyMatch {
  if (!policy) return { countFailed: true };
  const ns = pod.metadata.namespace ?? '';
  const name = pod.metadata.name ?? '';
  for (const [index, rule] of (policy.rules ?? []).entries()) {
    let what: string | undefined;
    if (rule.onExitCodes) {
      const c = matchOnExitCodes(pod, rule.onExitCodes);
      if (c)
        what = `Container ${c.name} for pod ${ns}/${name} failed with exit code ${c.state!.terminated!.exitCode ?? 0}`;
    } else if (rule.onPodConditions) {
      const cond = podConditions(pod).find((pc) =>
        rule.onPodConditions!.some((pat) => pat.type === pc.type && (pat.status ?? 'True') === pc.status),
      );
      if (cond) what = `Pod ${ns}/${name} has condition ${cond.type}`;
    }
    if (what === undefined) continue;
    if (rule.action === 'Ignore') return { countFailed: false, action: 'Ignore' };
    if (rule.action === 'Count') return { countFailed: true, action: 'Count' };
    if (rule.action === 'FailJob')
      return {
        countFailed: true,
        action: 'FailJob',
        failJobMessage: `${what} matching FailJob rule at index ${index}`,
      };
  }
  return { countFailed: true };
}

function matchOnExitCodes(
  pod: KubeObject,
  req: { containerName?: string; operator: string; values: number[] },
): ContainerStatus | undefined {
  for (const key of ['containerStatuses', 'initContainerStatuses'] as const) {
    for (const c of containerStatuses(pod, key)) {
      const code = c.state?.terminated?.exitCode;
      if (code === undefined || code === 0) continue;
      if (req.containerName !== undefined && req.containerName !== c.name) continue;
      const listed = req.values.includes(code);
      if ((req.operator === 'In' && listed) || (req.operator === 'NotIn' && !listed)) return c;
    }
  }
  return undefined;
}
