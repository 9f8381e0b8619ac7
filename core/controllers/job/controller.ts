/**
 * Job controller: runs pods from a Job's template until `completions` of them
 * succeed (or, without completions, until one does), and fails the Job past
 * its backoffLimit, activeDeadlineSeconds or a podFailurePolicy FailJob rule.
 * Mirrors kubernetes/kubernetes pkg/controller/job/job_controller.go (v1.33):
 * pods carry the batch.kubernetes.io/job-tracking finalizer until they are
 * recorded in status.uncountedTerminatedPods and then in the counters; the
 * interim SuccessCriteriaMet / FailureTarget conditions precede Complete / Failed,
 * which wait until no pod is terminating. Simplifications: no adoption of
 * orphan pods, no expectations cache, no slow-start batches, backoff recomputed
 * from the pods (see pods.ts), no backoffLimitPerIndex, successPolicy or managedBy.
 */
import type { KubeObject } from '../../api/types.ts';
import { isoSeconds } from '../../clock/clock.ts';
import { deepEqual } from '../../util/json.ts';
import { isPodActive, isPodReady, podPhase } from '../podutil.ts';
import type { NameSource } from '../replicaset/controller.ts';
import { podsToDelete } from '../replicaset/controller.ts';
import { R } from '../resources.ts';
import type { Action, ClusterView, Controller } from '../runtime/types.ts';
import { controllerOf, event, ownerOfKind, self, splitKey } from '../runtime/types.ts';
import { duplicatedIndexPods, firstPendingIndexes, formatIndexes, succeededIndexes } from './indexed.ts';
import type { JobSpec } from './pods.ts';
import { newJobPod } from './podtemplate.ts';
import {
  backoffRemainingMs,
  hasTrackingFinalizer,
  isPodFailed,
  isTerminating,
  matchPodFailurePolicy,
  onlyReplaceFailedPods,
  pastBackoffLimitOnFailure,
  withoutTrackingFinalizer,
} from './pods.ts';
import type { JobCondition } from './status.ts';
import {
  MESSAGE,
  REASON,
  ensureCondition,
  findCondition,
  isJobFinished,
  jobStatusOf,
  newCondition,
  wireStatus,
} from './status.ts';
import { trackFinishedPods } from './tracking.ts';

const NAME = 'job-controller';
/** MaxPodCreateDeletePerSync. */
const MAX_POD_CREATE_DELETE = 500;

export class JobController implements Controller {
  readonly name = NAME;
  readonly watches = [
    { resource: R.jobs, keys: self },
    { resource: R.pods, keys: ownerOfKind('Job') },
  ];

  constructor(private readonly names: NameSource) {}

  reconcile(view: ClusterView, key: string): Action[] {
    const [namespace, name] = splitKey(key);
    const job = view.get(R.jobs, namespace, name);
    if (!job) return releaseOrphanPods(view, namespace, name);
    if (isJobFinished(job)) return [];
    const uid = job.metadata.uid ?? '';
    const pods = view.ownedBy(R.pods, uid).filter((p) => controllerOf(p)?.uid === uid);
    return new JobSync(this.names, view, job, pods).run();
  }
}

/** One syncJob pass over a Job and its pods (upstream's syncJobCtx). */
class JobSync {
  private readonly spec: JobSpec;
  private readonly nowIso: string;
  private readonly out: Action[] = [];
  private readonly active: KubeObject[];
  private activeCount: number;
  private ready: number;
  private terminating: number;
  private conditions: JobCondition[];
  private startTime: string | undefined;
  private succeeded = 0;
  private failed = 0;
  private succeededIx: { prev: Set<number>; all: Set<number> } | undefined;

  constructor(
    private readonly names: NameSource,
    private readonly view: ClusterView,
    private readonly job: KubeObject,
    private readonly pods: KubeObject[],
  ) {
    this.spec = (job.spec ?? {}) as JobSpec;
    this.nowIso = isoSeconds(view.now());
    this.active = pods.filter(isPodActive);
    this.activeCount = this.active.length;
    this.ready = this.active.filter(isPodReady).length;
    this.terminating = pods.filter(isTerminating).length;
    const status = jobStatusOf(job);
    this.conditions = status.conditions ?? [];
    this.startTime = status.startTime ?? (this.suspended ? undefined : this.nowIso);
  }

  private get suspended(): boolean {
    return this.spec.suspend === true;
  }

  private get indexed(): boolean {
    return this.spec.completionMode === 'Indexed';
  }

  private get completions(): number | undefined {
    return this.spec.completions ?? undefined;
  }

  run(): Action[] {
    const tracked = this.countPods();
    let finished = this.finishedCondition(tracked.failedSoFar);
    if (finished) {
      this.deleteActivePods(this.active, false);
    } else {
      const manageCalled = !this.job.metadata.deletionTimestamp;
      if (manageCalled) this.manage();
      const complete =
        this.completions === undefined
          ? this.succeeded > 0 && this.activeCount === 0
          : this.succeeded >= this.completions && this.activeCount === 0;
      if (complete)
        finished = newCondition(
          'SuccessCriteriaMet',
          'True',
          REASON.completionsReached,
          MESSAGE.completionsReached,
          this.nowIso,
        );
      else if (manageCalled) this.syncSuspendedCondition();
    }
    this.flush(finished);
    return this.out;
  }

  /** Counters so far: recorded + uncounted + newly finished pods (getNewFinishedPods). */
  private countPods(): { failedSoFar: number } {
    const s = jobStatusOf(this.job);
    const unc = s.uncountedTerminatedPods ?? {};
    const counted = new Set([...(unc.succeeded ?? []), ...(unc.failed ?? [])]);
    const fresh = this.pods.filter((p) => hasTrackingFinalizer(p) && !counted.has(p.metadata.uid ?? ''));
    const newSucceeded = fresh.filter((p) => podPhase(p) === 'Succeeded').length;
    const newFailed = fresh.filter(
      (p) => isPodFailed(p, this.spec) && matchPodFailurePolicy(this.spec.podFailurePolicy, p).countFailed,
    ).length;
    this.succeeded = (s.succeeded ?? 0) + (unc.succeeded?.length ?? 0) + newSucceeded;
    this.failed = (s.failed ?? 0) + (unc.failed?.length ?? 0) + newFailed;
    if (this.indexed) {
      this.succeededIx = succeededIndexes(s.completedIndexes, this.pods, this.completions ?? 0);
      this.succeeded = this.succeededIx.all.size;
    }
    return { failedSoFar: this.failed };
  }

  /** The failure (or already-met success) the Job is heading to, if any. */
  private finishedCondition(failed: number): JobCondition | undefined {
    const met = findCondition(this.conditions, 'SuccessCriteriaMet');
    if (met?.status === 'True') return met;
    const target = findCondition(this.conditions, 'FailureTarget');
    if (target?.status === 'True') return target;
    const failJob = this.failJobMessage();
    if (failJob) return newCondition('FailureTarget', 'True', REASON.podFailurePolicy, failJob, this.nowIso);
    const limit = this.spec.backoffLimit ?? 6;
    if (failed > limit || pastBackoffLimitOnFailure(this.spec, this.pods))
      return newCondition(
        'FailureTarget',
        'True',
        REASON.backoffLimitExceeded,
        MESSAGE.backoffLimitExceeded,
        this.nowIso,
      );
    const deadline = this.spec.activeDeadlineSeconds;
    if (deadline !== undefined && this.startTime && !this.suspended) {
      const left = Date.parse(this.startTime) + deadline * 1000 - this.view.now();
      if (left <= 0)
        return newCondition('FailureTarget', 'True', REASON.deadlineExceeded, MESSAGE.deadlineExceeded, this.nowIso);
      this.out.push({ type: 'requeueAfter', ms: left });
    }
    return undefined;
  }

  private failJobMessage(): string | undefined {
    if (!this.spec.podFailurePolicy) return undefined;
    for (const p of this.pods) {
      if (!isPodFailed(p, this.spec)) continue;
      const m = matchPodFailurePolicy(this.spec.podFailurePolicy, p).failJobMessage;
      if (m) return m;
    }
    return undefined;
  }

  /** manageJob: delete surplus or suspended pods, or create missing ones once the back-off has passed. */
  private manage(): void {
    if (this.suspended) {
      this.deleteActivePods(this.active, true);
      return;
    }
    const parallelism = this.spec.parallelism ?? 1;
    const completions = this.completions;
    let want: number;
    if (completions === undefined) want = this.succeeded > 0 ? this.activeCount : parallelism;
    else want = Math.max(0, Math.min(completions - this.succeeded, parallelism));
    const surplus = Math.max(0, this.activeCount - want);
    const remove = this.indexed ? duplicatedIndexPods(this.active, completions ?? 0) : [];
    if (remove.length < surplus)
      remove.push(
        ...podsToDelete(
          this.active.filter((p) => !remove.includes(p)),
          surplus - remove.length,
          { now: Date.parse(this.nowIso) },
        ),
      );
    if (remove.length) {
      this.deleteActivePods(remove.slice(0, MAX_POD_CREATE_DELETE), true);
      return;
    }
    const replacing = onlyReplaceFailedPods(this.spec) ? this.terminating : 0;
    let diff = Math.min(want - replacing - this.activeCount, MAX_POD_CREATE_DELETE);
    if (diff <= 0) return;
    const wait = backoffRemainingMs(this.pods, this.spec, this.view.now());
    if (wait > 0) {
      this.out.push({ type: 'requeueAfter', ms: wait });
      return;
    }
    let indexes: (number | undefined)[] = [];
    if (this.indexed) {
      indexes = firstPendingIndexes(this.active, this.succeededIx!.all, diff, completions ?? 0);
      diff = indexes.length;
    }
    for (let i = 0; i < diff; i++) this.createPod(indexes[i]);
    this.activeCount += diff;
  }

  private createPod(index: number | undefined): void {
    const job = this.job;
    const prefix = index === undefined ? `${job.metadata.name}-` : `${job.metadata.name}-${index}-`;
    const name = this.names.podName(job.metadata.namespace ?? 'default', prefix);
    this.out.push(
      {
        type: 'create',
        resource: R.pods,
        object: newJobPod(job, this.spec, name, prefix, index),
        reason: `job ${job.metadata.name}: created pod ${name}`,
      },
      event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${name}`),
    );
  }

  /**
   * deleteActivePods (the Job is finishing: keep finalizers, the pods are
   * counted as failed) or deleteJobPods (surplus or suspended: drop the
   * finalizer first, the pods are not counted).
   */
  private deleteActivePods(pods: KubeObject[], dropFinalizer: boolean): void {
    for (const p of pods) {
      const podName = p.metadata.name ?? '';
      if (dropFinalizer && hasTrackingFinalizer(p))
        this.out.push({
          type: 'update',
          resource: R.pods,
          object: withoutTrackingFinalizer(p),
          reason: `job ${this.job.metadata.name}: removed the tracking finalizer before deleting ${podName}`,
        });
      this.out.push(
        {
          type: 'delete',
          resource: R.pods,
          namespace: p.metadata.namespace,
          name: podName,
          uid: p.metadata.uid,
          reason: `job ${this.job.metadata.name}: deleted active pod ${podName}`,
        },
        event(this.job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${podName}`),
      );
      if (isPodReady(p)) this.ready--;
    }
    this.activeCount -= pods.length;
    this.terminating += pods.length;
  }

  /** JobSuspended / JobResumed; resuming restarts startTime (activeDeadlineSeconds counts active time). */
  private syncSuspendedCondition(): void {
    const [status, reason, message, eventReason] = this.suspended
      ? ['True', 'JobSuspended', 'Job suspended', 'Suspended']
      : ['False', 'JobResumed', 'Job resumed', 'Resumed'];
    const next = ensureCondition(this.conditions, 'Suspended', status, reason, message, this.nowIso);
    if (!next) return;
    this.conditions = next;
    this.out.push(event(this.job, 'Normal', eventReason, message));
    if (!this.suspended) this.startTime = this.nowIso;
  }

  /** trackJobStatusAndRemoveFinalizers, one durable step at a time, then the status write. */
  private flush(finished: JobCondition | undefined): void {
    const t = trackFinishedPods(this.job, this.spec, this.pods, finished, this.succeededIx);
    for (const p of t.releaseFinalizer)
      this.out.push({
        type: 'update',
        resource: R.pods,
        object: withoutTrackingFinalizer(p),
        reason: `job ${this.job.metadata.name}: pod ${p.metadata.name} recorded in status, tracking finalizer removed`,
      });
    let final: JobCondition | undefined;
    if (finished && (finished.type === 'FailureTarget' || finished.type === 'SuccessCriteriaMet')) {
      if (!findCondition(this.conditions, finished.type)) this.conditions = [...this.conditions, finished];
      const type = finished.type === 'FailureTarget' ? 'Failed' : 'Complete';
      final = newCondition(type, 'True', finished.reason ?? '', finished.message ?? '', this.nowIso);
    }
    let completionTime = jobStatusOf(this.job).completionTime;
    const settled = t.uncounted.succeeded.length + t.uncounted.failed.length === 0 && this.terminating === 0;
    const enact = final !== undefined && settled;
    if (enact) {
      this.conditions =
        ensureCondition(this.conditions, final!.type, 'True', final!.reason!, final!.message!, this.nowIso) ??
        this.conditions;
      if (final!.type === 'Complete') completionTime = this.nowIso;
    }
    const next = wireStatus({
      conditions: this.conditions,
      startTime: this.startTime,
      completionTime,
      active: this.activeCount,
      succeeded: this.indexed ? this.succeededIx!.all.size : t.succeeded,
      failed: t.failed,
      terminating: this.terminating,
      ...(this.indexed ? { completedIndexes: formatIndexes(this.succeededIx!.all) } : {}),
      uncountedTerminatedPods: t.uncounted,
      ready: this.ready,
    });
    if (deepEqual(this.job.status ?? {}, next)) return;
    this.out.push({
      type: 'update',
      resource: R.jobs,
      subresource: 'status',
      object: { ...this.job, status: next },
      reason: `status: ${this.activeCount} active, ${next.succeeded ?? 0} succeeded, ${next.failed ?? 0} failed`,
    });
    if (!enact) return;
    if (final!.type === 'Complete') this.out.push(event(this.job, 'Normal', 'Completed', 'Job completed'));
    else this.out.push(event(this.job, 'Warning', final!.reason!, final!.message!));
  }
}

/** A deleted Job's pods still holding the tracking finalizer (syncOrphanPod): release them. */
function releaseOrphanPods(view: ClusterView, namespace: string | undefined, jobName: string): Action[] {
  const out: Action[] = [];
  for (const p of view.list(R.pods, namespace)) {
    const ref = controllerOf(p);
    if (!ref || ref.kind !== 'Job' || ref.name !== jobName || !hasTrackingFinalizer(p)) continue;
    out.push({
      type: 'update',
      resource: R.pods,
      object: withoutTrackingFinalizer(p),
      reason: `job ${jobName} is gone: tracking finalizer removed from ${p.metadata.name}`,
    });
  }
  return out;
}
