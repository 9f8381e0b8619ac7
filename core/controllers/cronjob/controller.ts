/**
 * CronJob controller: creates a Job from `spec.jobTemplate` at each scheduled
 * time, honouring concurrencyPolicy, suspend and startingDeadlineSeconds,
 * keeps `status.active` / lastScheduleTime / lastSuccessfulTime, and deletes
 * finished Jobs beyond the history limits. It requeues itself on the virtual
 * clock for the next activation (never polls).
 * Mirrors kubernetes/kubernetes pkg/controller/cronjob/cronjob_controllerv2.go and utils.go (v1.33).
 * Simplification: the Job's reference joins `status.active` one pass after its
 * creation (the create response is not read back), at the same virtual instant.
 */
import type { KubeObject } from '../../api/types.ts';
import { isoSeconds } from '../../clock/clock.ts';
import { deepClone, deepEqual } from '../../util/json.ts';
import { R } from '../resources.ts';
import type { StoreEvent } from '../../store/store.ts';
import type { Action, ClusterView, Controller } from '../runtime/types.ts';
import { controllerOf, newControllerRef, ownerOfKind, self, splitKey } from '../runtime/types.ts';
import { isKnownTimeZone, mostRecentScheduleTime, parseSchedule } from './schedule.ts';
import type { Schedule } from './schedule.ts';
import { finishedType, formatInZone, historyToDelete, jobName, jobRef } from './util.ts';
import type { CronJobSpec, CronJobStatus, ObjectRef } from './util.ts';

const NAME = 'cronjob-controller';
export const SCHEDULED_TIMESTAMP = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
/** nextScheduleDelta: requeue 100 ms after the activation, for clock skew. */
const NEXT_SCHEDULE_DELTA_MS = 100;
const owner = ownerOfKind('CronJob');

export class CronJobController implements Controller {
  readonly name = NAME;
  readonly watches = [
    { resource: R.cronJobs, keys: self },
    { resource: R.jobs, keys: (e: StoreEvent) => (jobChangeMatters(e) ? owner(e) : []) },
  ];

  reconcile(view: ClusterView, key: string): Action[] {
    const [namespace, name] = splitKey(key);
    const cj = view.get(R.cronJobs, namespace, name);
    if (!cj) return [];
    const uid = cj.metadata.uid ?? '';
    const jobs = view.ownedBy(R.jobs, uid).filter((j) => controllerOf(j)?.uid === uid);
    return new CronJobSync(view, cj, jobs).run();
  }
}

class CronJobSync {
  private readonly spec: CronJobSpec;
  private readonly status: CronJobStatus;
  private readonly out: Action[] = [];
  private readonly now: number;

  constructor(
    private readonly view: ClusterView,
    private readonly cj: KubeObject,
    private readonly jobs: KubeObject[],
  ) {
    this.spec = (cj.spec ?? {}) as CronJobSpec;
    // Shallow: the active list is only ever replaced, never mutated in place.
    this.status = { ...((cj.status ?? {}) as CronJobStatus) };
    this.now = view.now();
  }

  run(): Action[] {
    this.cleanupFinishedJobs();
    this.syncActive();
    if (!this.cj.metadata.deletionTimestamp) this.schedule();
    const next: CronJobStatus = {
      ...(this.status.active?.length ? { active: this.status.active } : {}),
      ...(this.status.lastScheduleTime ? { lastScheduleTime: this.status.lastScheduleTime } : {}),
      ...(this.status.lastSuccessfulTime ? { lastSuccessfulTime: this.status.lastSuccessfulTime } : {}),
    };
    if (!deepEqual(this.cj.status ?? {}, next))
      this.out.push({
        type: 'update',
        resource: R.cronJobs,
        subresource: 'status',
        object: { ...this.cj, status: next },
        reason: `status: ${next.active?.length ?? 0} active, last scheduled ${next.lastScheduleTime ?? 'never'}`,
      });
    return this.out;
  }

  /** cleanupFinishedJobs: keep the newest successfulJobsHistoryLimit Complete and failedJobsHistoryLimit Failed Jobs. */
  private cleanupFinishedJobs(): void {
    for (const [type, limit] of [
      ['Complete', this.spec.successfulJobsHistoryLimit],
      ['Failed', this.spec.failedJobsHistoryLimit],
    ] as const) {
      if (limit === undefined || limit === null) continue;
      const finished = this.jobs.filter((j) => finishedType(j) === type && !j.metadata.deletionTimestamp);
      for (const j of historyToDelete(finished, limit)) this.deleteJob(j);
    }
  }

  private deleteJob(job: KubeObject): void {
    this.out.push(
      {
        type: 'delete',
        resource: R.jobs,
        namespace: job.metadata.namespace,
        name: job.metadata.name ?? '',
        uid: job.metadata.uid,
        propagationPolicy: 'Background',
        reason: `cronjob ${this.cj.metadata.name}: deleted job ${job.metadata.name}`,
      },
      this.event('Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name}`),
    );
    this.status.active = (this.status.active ?? []).filter((r) => r.uid !== job.metadata.uid);
  }

  /** The first half of syncCronJob: reconcile status.active and lastSuccessfulTime with the Jobs that exist. */
  private syncActive(): void {
    for (const j of this.jobs) {
      const found = this.activeRefs.some((r) => r.uid === j.metadata.uid);
      const done = finishedType(j);
      if (!found && !done) {
        if (this.isOwnLatest(j)) this.status.active = [...this.activeRefs, jobRef(j)];
        else
          this.out.push(
            this.event(
              'Warning',
              'UnexpectedJob',
              `Saw a job that the controller did not create or forgot: ${j.metadata.name}`,
            ),
          );
      } else if (found && done) {
        this.status.active = this.activeRefs.filter((r) => r.uid !== j.metadata.uid);
        this.out.push(
          this.event('Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, status: ${done}`),
        );
      } else if (done === 'Complete') {
        const completed = (j.status as { completionTime?: string } | undefined)?.completionTime;
        const last = this.status.lastSuccessfulTime;
        if (completed && (!last || Date.parse(completed) > Date.parse(last)))
          this.status.lastSuccessfulTime = completed;
      }
    }
    const uids = new Set(this.jobs.map((j) => j.metadata.uid));
    for (const r of this.activeRefs) {
      if (uids.has(r.uid)) continue;
      this.status.active = this.activeRefs.filter((x) => x.uid !== r.uid);
      this.out.push(this.event('Normal', 'MissingJob', `Active job went missing: ${r.name}`));
    }
  }

  private get activeRefs(): ObjectRef[] {
    return this.status.active ?? [];
  }

  /** The Job this controller created for lastScheduleTime, seen before its reference was recorded. */
  private isOwnLatest(job: KubeObject): boolean {
    const last = this.status.lastScheduleTime;
    return last !== undefined && job.metadata.name === jobName(this.cj, Date.parse(last));
  }

  /** The second half of syncCronJob: start the Job for the most recent unmet activation, then requeue for the next. */
  private schedule(): void {
    const tz = this.spec.timeZone ?? undefined;
    if (tz !== undefined && !isKnownTimeZone(tz)) {
      this.out.push(this.event('Warning', 'UnknownTimeZone', `invalid timeZone: "${tz}": unknown time zone ${tz}`));
      return;
    }
    if (this.spec.suspend) return;
    const sched = parseSchedule(this.spec.schedule ?? '', tz);
    if (sched instanceof Error) {
      this.out.push(
        this.event(
          'Warning',
          'UnparseableSchedule',
          `unparseable schedule: "${this.spec.schedule}" : ${sched.message}`,
        ),
      );
      return;
    }
    const due = this.dueTime(sched);
    if (due !== undefined) this.start(due, tz);
    this.requeue(sched);
  }

  /** nextScheduleTime: the activation to act on now, if any, after the deadline and concurrency checks. */
  private dueTime(sched: Schedule): number | undefined {
    let earliest = Date.parse(this.status.lastScheduleTime ?? this.cj.metadata.creationTimestamp ?? '');
    const deadline = this.spec.startingDeadlineSeconds;
    if (deadline !== undefined && deadline !== null) earliest = Math.max(earliest, this.now - deadline * 1000);
    const recent = mostRecentScheduleTime(sched, earliest, this.now);
    if (recent.error) {
      this.out.push(
        this.event('Warning', 'InvalidSchedule', `invalid schedule: ${this.spec.schedule} : ${recent.error}`),
      );
      return undefined;
    }
    const t = recent.time;
    if (t === undefined) return undefined;
    if (recent.missed === 'many')
      this.out.push(
        this.event(
          'Warning',
          'TooManyMissedTimes',
          'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew',
        ),
      );
    if (deadline !== undefined && deadline !== null && t + deadline * 1000 < this.now) {
      this.out.push(this.event('Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(t)}`));
      return undefined;
    }
    const name = jobName(this.cj, t);
    const last = this.status.lastScheduleTime;
    if ((this.status.active ?? []).some((r) => r.name === name) || (last && Date.parse(last) === t)) return undefined;
    if (this.spec.concurrencyPolicy === 'Forbid' && (this.status.active ?? []).length > 0) {
      this.out.push(
        this.event(
          'Normal',
          'JobAlreadyActive',
          'Not starting job because prior execution is running and concurrency policy is Forbid',
        ),
      );
      return undefined;
    }
    return t;
  }

  private start(scheduledMs: number, tz: string | undefined): void {
    if (this.spec.concurrencyPolicy === 'Replace')
      for (const r of [...(this.status.active ?? [])]) {
        const job = this.jobs.find((j) => j.metadata.uid === r.uid);
        if (job) this.deleteJob(job);
      }
    const template = this.spec.jobTemplate ?? {};
    const name = jobName(this.cj, scheduledMs);
    const job: KubeObject = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name,
        namespace: this.cj.metadata.namespace ?? 'default',
        ...(template.metadata?.labels && Object.keys(template.metadata.labels).length
          ? { labels: { ...template.metadata.labels } }
          : {}),
        annotations: {
          ...(template.metadata?.annotations ?? {}),
          [SCHEDULED_TIMESTAMP]: formatInZone(scheduledMs, tz),
        },
        ownerReferences: [newControllerRef(this.cj, 'batch/v1', 'CronJob')],
      },
      spec: deepClone(template.spec ?? {}),
    };
    this.out.push(
      {
        type: 'create',
        resource: R.jobs,
        object: job,
        reason: `cronjob ${this.cj.metadata.name}: scheduled ${isoSeconds(scheduledMs)}`,
      },
      this.event('Normal', 'SuccessfulCreate', `Created job ${name}`),
    );
    this.status.lastScheduleTime = isoSeconds(scheduledMs);
  }

  /** nextScheduleTimeDuration: wake up 100 ms after the next activation. */
  private requeue(sched: Schedule): void {
    const earliest = Date.parse(this.status.lastScheduleTime ?? this.cj.metadata.creationTimestamp ?? '');
    const recent = mostRecentScheduleTime(sched, earliest, this.now);
    let from = recent.time ?? (recent.missed === 'none' ? earliest : this.now);
    if (recent.error) from = this.now;
    const next = sched.next(from);
    if (next === undefined) return;
    this.out.push({ type: 'requeueAfter', ms: Math.max(0, next + NEXT_SCHEDULE_DELTA_MS - this.now) });
  }

  private event(eventType: 'Normal' | 'Warning', reason: string, message: string): Action {
    return { type: 'event', object: this.cj, eventType, reason, message };
  }
}

/**
 * Only a Job's arrival, departure, finishing or owner change can change what
 * syncCronJob does; upstream enqueues on every update and its sync is then a
 * no-op. Skipping those keeps a fast-forwarded day cheap.
 */
function jobChangeMatters(e: StoreEvent): boolean {
  if (e.type !== 'MODIFIED' || !e.old) return true;
  return (
    finishedType(e.old) !== finishedType(e.object) ||
    controllerOf(e.old)?.uid !== controllerOf(e.object)?.uid ||
    e.old.metadata.deletionTimestamp !== e.object.metadata.deletionTimestamp
  );
}

/** Go's time.RFC1123Z in UTC: "Mon, 02 Jan 2006 15:04:05 +0000". */
function rfc1123z(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

export type { ObjectRef };
