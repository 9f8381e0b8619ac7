/**
 * CronJob helpers (pkg/controller/cronjob/utils.go): Job names from the
 * scheduled minute, object references, finished states, which finished Jobs
 * fall out of the history, and the scheduled-timestamp annotation's format.
 */
import type { KubeObject } from '../../api/types.ts';
import { isoSeconds } from '../../clock/clock.ts';

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string;
  resourceVersion: string;
  uid: string;
}

export interface CronJobSpec {
  schedule?: string;
  timeZone?: string | null;
  startingDeadlineSeconds?: number | null;
  concurrencyPolicy?: string;
  suspend?: boolean;
  successfulJobsHistoryLimit?: number | null;
  failedJobsHistoryLimit?: number | null;
  jobTemplate?: { metadata?: KubeObject['metadata']; spec?: Record<string, unknown> };
}

export interface CronJobStatus {
  active?: ObjectRef[];
  lastScheduleTime?: string;
  lastSuccessfulTime?: string;
}

/** getJobName: `<cronjob>-<scheduled time in minutes since the epoch>`. */
export function jobName(cj: KubeObject, scheduledMs: number): string {
  return `${cj.metadata.name}-${Math.floor(scheduledMs / 60_000)}`;
}

export function jobRef(job: KubeObject): ObjectRef {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    name: job.metadata.name ?? '',
    namespace: job.metadata.namespace ?? 'default',
    resourceVersion: job.metadata.resourceVersion ?? '',
    uid: job.metadata.uid ?? '',
  };
}

/** getFinishedStatus: 'Complete' or 'Failed' when that condition is True. */
export function finishedType(job: KubeObject): 'Complete' | 'Failed' | undefined {
  const conditions = (job.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
  for (const c of conditions) if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  return undefined;
}

/** removeOldestJobs: sorted by startTime (unstarted last, names break ties), all but the newest `keep`. */
export function historyToDelete(jobs: KubeObject[], keep: number): KubeObject[] {
  const excess = jobs.length - keep;
  if (excess <= 0) return [];
  const start = (j: KubeObject) => (j.status as { startTime?: string } | undefined)?.startTime;
  const sorted = [...jobs].sort((a, b) => {
    const sa = start(a);
    const sb = start(b);
    if (sa === undefined || sb === undefined) return sa === sb ? 0 : sa === undefined ? 1 : -1;
    if (sa === sb) return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
    return Date.parse(sa) - Date.parse(sb);
  });
  return sorted.slice(0, excess);
}

/** time.RFC3339 in the CronJob's zone: "2024-01-01T09:00:00+08:00", or "...Z" in UTC. */
export function formatInZone(ms: number, timeZone: string | undefined): string {
  if (!timeZone) return isoSeconds(ms);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const offsetMin = Math.round((local - Math.floor(ms / 1000) * 1000) / 60_000);
  if (offsetMin === 0) return isoSeconds(ms);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const off = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${isoSeconds(local).slice(0, 19)}${off}`;
}
