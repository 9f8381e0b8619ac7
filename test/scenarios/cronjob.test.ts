/**
 * The CronJob controller on the virtual clock: the course's chapter 5.3
 * `*\/1 * * * *` CronJob minute by minute, a fast-forwarded day, concurrency
 * policies, suspend, missed schedules, time zones and descriptors.
 * The lab's clock starts at 2026-11-22T09:00:00Z.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../core/api/types.ts';
import { lab } from '../../core/kubectl/testkit.ts';
import { TestCluster } from '../harness/testCluster.ts';

const START = Date.parse('2026-11-22T09:00:00Z');
const minute = (iso: string) => Math.floor(Date.parse(iso) / 60_000);

function cronJob(opts: { spec?: string; command?: string; restartPolicy?: string } = {}): string {
  const extra = (opts.spec ?? '')
    .split('\n')
    .filter(Boolean)
    .map((l) => `  ${l}`)
    .join('\n');
  return `apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "*/1 * * * *"
${extra}
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox
            command: ${opts.command ?? '["echo", "hello k8s job!"]'}
          restartPolicy: ${opts.restartPolicy ?? 'OnFailure'}
`;
}
const HELLO = cronJob();

interface CronStatus {
  active?: { name: string; uid: string; kind: string; apiVersion: string; namespace: string }[];
  lastScheduleTime?: string;
  lastSuccessfulTime?: string;
}
const cjStatus = (t: TestCluster): CronStatus => (t.get('cronjob', 'hello')?.status ?? {}) as CronStatus;
const jobNames = (t: TestCluster) =>
  t
    .list('jobs', 'default')
    .map((j) => j.metadata.name!)
    .sort();
const rows = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s{2,}/));

/** Advance to a virtual instant given as seconds after the lab's start. */
function at(t: TestCluster, seconds: number): TestCluster {
  return t.advance(seconds - (t.cluster.clock.now() - START) / 1000);
}

describe('chapter 5.3: a CronJob every minute', () => {
  it('creates hello-<minute> each minute, tracks it in status.active, and keeps 3 finished Jobs', () => {
    const t = TestCluster.create().apply(HELLO);
    at(t, 59);
    expect(t.list('jobs')).toEqual([]);
    expect(cjStatus(t)).toEqual({});
    at(t, 60.5);
    const name = `hello-${minute('2026-11-22T09:01:00Z')}`;
    expect(jobNames(t)).toEqual([name]);
    const job = t.get('job', name)!;
    expect(job.metadata.annotations).toEqual({
      'batch.kubernetes.io/cronjob-scheduled-timestamp': '2026-11-22T09:01:00Z',
    });
    const cj = t.get('cronjob', 'hello')!;
    expect(job.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        name: 'hello',
        uid: cj.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(cjStatus(t)).toEqual({
      active: [
        {
          apiVersion: 'batch/v1',
          kind: 'Job',
          name,
          namespace: 'default',
          resourceVersion: job.metadata.resourceVersion,
          uid: job.metadata.uid,
        },
      ],
      lastScheduleTime: '2026-11-22T09:01:00Z',
    });
    at(t, 70);
    const finished = t.get('job', name)!;
    const completion = (finished.status as { completionTime: string }).completionTime;
    expect(cjStatus(t)).toEqual({ lastScheduleTime: '2026-11-22T09:01:00Z', lastSuccessfulTime: completion });
    expect(t.events(cj)).toEqual([
      `SuccessfulCreate: Created job ${name}`,
      `SawCompletedJob: Saw completed job: ${name}, status: Complete`,
    ]);
    at(t, 230);
    expect(jobNames(t)).toHaveLength(3);
    expect(t.pods()).toHaveLength(3);
    at(t, 250);
    // The 4th finished Job pushes the oldest out of successfulJobsHistoryLimit (3).
    expect(jobNames(t)).toEqual([2, 3, 4].map((m) => `hello-${minute('2026-11-22T09:01:00Z') + m - 1}`));
    expect(t.events(cj)).toContain(`SuccessfulDelete: Deleted job ${name}`);
    expect(t.pods()).toHaveLength(3);
    t.expectIdempotent('cronjob-controller').expectIdempotent('job-controller');
  });

  it('kubectl get cronjob shows SCHEDULE, ACTIVE and LAST SCHEDULE', () => {
    const l = lab();
    l.files['cronjob.yml'] = HELLO;
    expect(l.k('apply -f cronjob.yml').stdout).toBe('cronjob.batch/hello created\n');
    l.advance(30);
    expect(rows(l.k('get cronjob').stdout)).toEqual([
      ['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'],
      ['hello', '*/1 * * * *', '<none>', 'False', '0', '<none>', '30s'],
    ]);
    l.advance(31);
    expect(rows(l.k('get cronjob').stdout)[1]).toEqual(['hello', '*/1 * * * *', '<none>', 'False', '1', '1s', '61s']);
    expect(rows(l.k('get jobs').stdout)[1]!.slice(0, 3)).toEqual([
      `hello-${minute('2026-11-22T09:01:00Z')}`,
      'Running',
      '0/1',
    ]);
    l.advance(10);
    expect(rows(l.k('get cronjob').stdout)[1]![4]).toBe('0');
    expect(rows(l.k('get jobs').stdout)[1]!.slice(1, 3)).toEqual(['Complete', '1/1']);
    const pod = rows(l.k('get pods').stdout)[1]!;
    expect(pod[0]).toMatch(new RegExp(`^hello-${minute('2026-11-22T09:01:00Z')}-[a-z0-9]{5}$`));
    expect(pod[2]).toBe('Completed');
  });

  it('24 hours fast-forwarded: 1,440 Jobs were created and only the history limits remain', () => {
    const t = TestCluster.create().apply(HELLO);
    let created = 0;
    t.api.store.subscribe('batch/jobs', (e) => {
      if (e.type === 'ADDED') created++;
    });
    // The 1,440th activation is 09:00 the next day; 10 s more let that Job finish, so the oldest goes.
    t.advance(86_410);
    expect(created).toBe(1_440);
    expect(jobNames(t)).toEqual([1438, 1439, 1440].map((m) => `hello-${Math.floor(START / 60_000) + m}`));
    expect(t.pods()).toHaveLength(3);
    expect(cjStatus(t).lastScheduleTime).toBe('2026-11-23T09:00:00Z');
    t.expectIdempotent('cronjob-controller').expectIdempotent('job-controller');
  }, 120_000);
});

describe('concurrencyPolicy, suspend and history of failures', () => {
  const slow = (policy: string) =>
    cronJob({ spec: `concurrencyPolicy: ${policy}`, command: '["sleep", "90"]', restartPolicy: 'Never' });

  it('Forbid: skips a run while the previous one is active (JobAlreadyActive)', () => {
    const t = TestCluster.create().apply(slow('Forbid'));
    at(t, 125);
    expect(jobNames(t)).toEqual([`hello-${minute('2026-11-22T09:01:00Z')}`]);
    const cj = t.get('cronjob', 'hello')!;
    expect(t.events(cj)).toContain(
      'JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid',
    );
    // As upstream: the 09:02 run was missed, not dropped. Once the first Job completes (~09:02:33) and
    // without startingDeadlineSeconds, it starts late; at 09:03 that one is active, so 09:03 is skipped.
    at(t, 185);
    const late = `hello-${minute('2026-11-22T09:02:00Z')}`;
    expect(jobNames(t)).toEqual([`hello-${minute('2026-11-22T09:01:00Z')}`, late]);
    const job = t.get('job', late)!;
    expect(job.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2026-11-22T09:02:00Z');
    expect(Date.parse(job.metadata.creationTimestamp!)).toBeGreaterThan(Date.parse('2026-11-22T09:02:30Z'));
    expect(t.events(cj).filter((e) => e.startsWith('JobAlreadyActive'))).toHaveLength(1);
    expect(t.list('events').find((e) => e.reason === 'JobAlreadyActive')!.count).toBeGreaterThanOrEqual(2);
  });

  it('Allow runs them side by side; Replace deletes the running one first', () => {
    const allow = TestCluster.create().apply(slow('Allow'));
    at(allow, 125);
    expect(jobNames(allow)).toHaveLength(2);
    expect(cjStatus(allow).active).toHaveLength(2);
    const replace = TestCluster.create().apply(slow('Replace'));
    at(replace, 125);
    const first = `hello-${minute('2026-11-22T09:01:00Z')}`;
    const second = `hello-${minute('2026-11-22T09:02:00Z')}`;
    expect(cjStatus(replace).active?.map((r) => r.name)).toEqual([second]);
    const events = replace.events(replace.get('cronjob', 'hello'));
    expect(events).toEqual([
      `SuccessfulCreate: Created job ${first}`,
      `SuccessfulDelete: Deleted job ${first}`,
      `SuccessfulCreate: Created job ${second}`,
    ]);
    at(replace, 200);
    expect(jobNames(replace)).not.toContain(first);
  });

  it('suspend: no Jobs while suspended; resuming schedules the next activation', () => {
    const t = TestCluster.create().apply(cronJob({ spec: 'suspend: true' }));
    at(t, 200);
    expect(t.list('jobs')).toEqual([]);
    t.apply(cronJob({ spec: 'suspend: false' }));
    // Resumed at 09:03:20: the 09:03 activation is still the most recent unmet one, so it starts now.
    at(t, 201);
    expect(jobNames(t)).toEqual([`hello-${minute('2026-11-22T09:03:00Z')}`]);
    t.expectIdempotent('cronjob-controller');
  });

  it('failedJobsHistoryLimit keeps only the newest failed Job', () => {
    const t = TestCluster.create().apply(
      cronJob({ spec: 'failedJobsHistoryLimit: 1', command: '["sh", "-c", "exit 1"]', restartPolicy: 'Never' }).replace(
        '    spec:\n      template:',
        '    spec:\n      backoffLimit: 0\n      template:',
      ),
    );
    at(t, 200);
    const jobs = t.list('jobs');
    expect(jobs.map((j) => j.metadata.name)).toEqual([`hello-${minute('2026-11-22T09:03:00Z')}`]);
    const cj = t.get('cronjob', 'hello')!;
    const events = t.events(cj);
    expect(events).toContain(
      `SawCompletedJob: Saw completed job: hello-${minute('2026-11-22T09:01:00Z')}, status: Failed`,
    );
    expect(events).toContain(`SuccessfulDelete: Deleted job hello-${minute('2026-11-22T09:02:00Z')}`);
    expect(cjStatus(t).lastSuccessfulTime).toBeUndefined();
  });
});

describe('missed schedules, time zones, descriptors and validation', () => {
  it('more than 100 missed start times: TooManyMissedTimes, then only the most recent runs', () => {
    const t = TestCluster.create().apply(HELLO);
    t.cluster.stop('controller-manager');
    at(t, 3 * 3600 + 30);
    t.cluster.start('controller-manager');
    const cj = t.get('cronjob', 'hello')!;
    expect(t.events(cj)).toEqual([
      'TooManyMissedTimes: too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew',
      `SuccessfulCreate: Created job hello-${minute('2026-11-22T12:00:00Z')}`,
    ]);
    expect(jobNames(t)).toEqual([`hello-${minute('2026-11-22T12:00:00Z')}`]);
  });

  it('startingDeadlineSeconds bounds how far back a missed run may start', () => {
    const t = TestCluster.create().apply(cronJob({ spec: 'startingDeadlineSeconds: 20' }));
    t.cluster.stop('controller-manager');
    at(t, 3 * 3600 + 30);
    t.cluster.start('controller-manager');
    // 12:00:00 is 30 s ago, outside the 20 s window: nothing now, no warning, the next run at 12:01.
    expect(t.list('jobs')).toEqual([]);
    expect(t.events(t.get('cronjob', 'hello'))).toEqual([]);
    at(t, 3 * 3600 + 61);
    expect(jobNames(t)).toEqual([`hello-${minute('2026-11-22T12:01:00Z')}`]);
  });

  it('spec.timeZone: "0 * * * *" in Asia/Kolkata runs at :30 UTC, annotated in local time', () => {
    const yaml = HELLO.replace('schedule: "*/1 * * * *"', 'schedule: "0 * * * *"\n  timeZone: Asia/Kolkata');
    const t = TestCluster.create().apply(yaml);
    at(t, 29 * 60);
    expect(t.list('jobs')).toEqual([]);
    at(t, 30 * 60 + 1);
    const [job] = t.list('jobs');
    expect(job!.metadata.name).toBe(`hello-${minute('2026-11-22T09:30:00Z')}`);
    expect(job!.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe(
      '2026-11-22T15:00:00+05:30',
    );
    const l = lab();
    l.files['tz.yml'] = yaml;
    l.k('apply -f tz.yml');
    expect(rows(l.k('get cronjob').stdout)[1]!.slice(1, 3)).toEqual(['0 * * * *', 'Asia/Kolkata']);
  });

  it('an unknown time zone is reported, not scheduled (UnknownTimeZone)', () => {
    const t = TestCluster.create();
    const report = t.tryApply(
      HELLO.replace('schedule: "*/1 * * * *"', 'schedule: "*/1 * * * *"\n  timeZone: Mars/Olympus'),
    );
    const rejected = report.results.find((r) => r.error)?.error?.message;
    if (rejected) {
      // Upstream's validateTimeZone rejects it at admission already.
      expect(rejected).toContain('spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus');
      return;
    }
    at(t, 120);
    expect(t.list('jobs')).toEqual([]);
    expect(t.events(t.get('cronjob', 'hello'))[0]).toBe(
      'UnknownTimeZone: invalid timeZone: "Mars/Olympus": unknown time zone Mars/Olympus',
    );
  });

  it('@hourly runs on the hour', () => {
    const t = TestCluster.create().apply(HELLO.replace('"*/1 * * * *"', '"@hourly"'));
    at(t, 3599);
    expect(t.list('jobs')).toEqual([]);
    at(t, 3601);
    expect(jobNames(t)).toEqual([`hello-${minute('2026-11-22T10:00:00Z')}`]);
  });

  it('a bad schedule is rejected by admission with the parser message', () => {
    const t = TestCluster.create();
    const report = t.tryApply(HELLO.replace('"*/1 * * * *"', '"61 * * * *"'));
    expect(report.results[0]!.error?.message).toBe(
      'CronJob.batch "hello" is invalid: spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61',
    );
  });

  it('deleting the CronJob cascades to its Jobs and their pods', () => {
    const t = TestCluster.create().apply(cronJob({ command: '["sleep", "300"]' }));
    at(t, 130);
    expect(t.list('jobs')).toHaveLength(2);
    t.delete('cronjob', 'hello');
    at(t, 200);
    expect(t.list('jobs')).toEqual([]);
    expect(t.pods()).toEqual([] as KubeObject[]);
  });
});
