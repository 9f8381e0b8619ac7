/**
 * The Job controller on the virtual clock: the course's chapter 5.3 step by
 * step (myjob, a failing command with restartPolicy Never and OnFailure,
 * parallelism, completions), then deadlines, Indexed mode, podFailurePolicy,
 * suspend, cascading deletion and ttlSecondsAfterFinished.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../core/api/types.ts';
import { R } from '../../core/controllers/resources.ts';
import { lab } from '../../core/kubectl/testkit.ts';
import { TestCluster, phase } from '../harness/testCluster.ts';

const MYJOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: myjob
spec:
  template:
    metadata:
      name: myjob
    spec:
      containers:
      - name: hello
        image: busybox
        command: ["echo", "hello k8s job!"]
      restartPolicy: Never
`;
const FAILING = MYJOB.replace('["echo", "hello k8s job!"]', '["invalid_command", "hello k8s job!"]');

interface Status {
  active?: number;
  succeeded?: number;
  failed?: number;
  ready?: number;
  terminating?: number;
  startTime?: string;
  completionTime?: string;
  completedIndexes?: string;
  uncountedTerminatedPods?: { succeeded?: string[]; failed?: string[] };
  conditions?: { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string }[];
}

const statusOf = (o: KubeObject | undefined): Status => (o?.status ?? {}) as Status;
const conditions = (o: KubeObject | undefined) =>
  (statusOf(o).conditions ?? []).map((c) => `${c.type}=${c.status} ${c.reason ?? ''}: ${c.message ?? ''}`);
const sec = (iso: string | null | undefined) => Date.parse(iso ?? '') / 1000;
const rows = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s{2,}/));

function jobYaml(name: string, spec: string, command: string, restartPolicy = 'Never'): string {
  return `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
${spec
  .split('\n')
  .filter(Boolean)
  .map((l) => `  ${l}`)
  .join('\n')}
  template:
    spec:
      containers:
      - name: main
        image: busybox
        command: ${command}
      restartPolicy: ${restartPolicy}
`;
}

describe('chapter 5.3: myjob runs to completion', () => {
  it('creates one pod, records it through uncountedTerminatedPods, then Complete', () => {
    const t = TestCluster.create();
    const statuses: Status[] = [];
    t.api.store.subscribe('batch/jobs', (e) => statuses.push(statusOf(e.object)));
    t.apply(MYJOB).advance(0);
    const pods = t.pods();
    expect(pods).toHaveLength(1);
    const pod = pods[0]!;
    expect(pod.metadata.name).toMatch(/^myjob-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod.metadata.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
    expect(pod.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Job', name: 'myjob', controller: true });
    const job0 = t.get('job', 'myjob')!;
    expect(statusOf(job0)).toEqual({
      startTime: job0.metadata.creationTimestamp,
      active: 1,
      terminating: 0,
      uncountedTerminatedPods: {},
      ready: 0,
    });

    t.advance(5);
    const job = t.get('job', 'myjob')!;
    const s = statusOf(job);
    expect(s.succeeded).toBe(1);
    expect(s.active).toBeUndefined();
    expect(s.uncountedTerminatedPods).toEqual({});
    expect(conditions(job)).toEqual([
      'SuccessCriteriaMet=True CompletionsReached: Reached expected number of succeeded pods',
      'Complete=True CompletionsReached: Reached expected number of succeeded pods',
    ]);
    expect(sec(s.completionTime) - sec(s.startTime)).toBeGreaterThan(0);
    expect(t.events(job)).toEqual([`SuccessfulCreate: Created pod: ${pod.metadata.name}`, 'Completed: Job completed']);
    const done = t.get('pod', pod.metadata.name!)!;
    expect(phase(done)).toBe('Succeeded');
    expect(done.metadata.finalizers).toBeUndefined();
    // The pod's UID was written to uncountedTerminatedPods before its finalizer went, then counted.
    const uid = pod.metadata.uid!;
    const recorded = statuses.findIndex((x) => x.uncountedTerminatedPods?.succeeded?.includes(uid));
    const counted = statuses.findIndex((x) => x.succeeded === 1);
    expect(recorded).toBeGreaterThan(0);
    expect(counted).toBeGreaterThan(recorded);
    expect(statuses[recorded]!.conditions?.map((c) => c.type)).toEqual(['SuccessCriteriaMet']);
    t.expectIdempotent('job-controller').expectIdempotent('ttl-after-finished-controller');
  });

  it('kubectl get jobs and pods show Running 0/1 then Complete 1/1 and Completed', () => {
    const l = lab();
    l.files['myjob.yml'] = MYJOB;
    expect(l.k('apply -f myjob.yml').stdout).toBe('job.batch/myjob created\n');
    l.advance(1);
    expect(rows(l.k('get jobs').stdout)).toEqual([
      ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'],
      ['myjob', 'Running', '0/1', '1s', '1s'],
    ]);
    l.advance(9);
    const jobs = rows(l.k('get jobs').stdout);
    expect(jobs[1]!.slice(0, 3)).toEqual(['myjob', 'Complete', '1/1']);
    const pods = rows(l.k('get pods').stdout);
    expect(pods[0]).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    expect(pods.slice(1).map((r) => r.slice(1, 4))).toEqual([['0/1', 'Completed', '0']]);
    const podName = pods[1]![0]!;
    expect(l.k(`logs ${podName}`).stdout).toBe('hello k8s job!\n');
  });
});

describe('chapter 5.3: a failing command', () => {
  it('restartPolicy Never: a new pod per failure, 10 s, 20 s, 40 s … apart, Failed after backoffLimit 6', () => {
    const t = TestCluster.create().apply(FAILING);
    t.advance(30);
    expect(t.pods()).toHaveLength(2);
    t.advance(900);
    const pods = [...t.pods()].sort((a, b) => sec(a.metadata.creationTimestamp) - sec(b.metadata.creationTimestamp));
    expect(pods).toHaveLength(7);
    expect(pods.every((p) => phase(p) === 'Failed' && !p.metadata.finalizers)).toBe(true);
    // Each replacement waits 10 s × 2^(failures − 1) after the last failure (seconds granularity).
    const finished = (p: KubeObject) =>
      sec(
        (p.status as { containerStatuses: { state: { terminated: { finishedAt: string } } }[] }).containerStatuses[0]!
          .state.terminated.finishedAt,
      );
    const gaps = pods.slice(1).map((p, i) => sec(p.metadata.creationTimestamp) - finished(pods[i]!));
    expect(gaps).toEqual([10, 20, 40, 80, 160, 320]);
    const job = t.get('job', 'myjob')!;
    expect(statusOf(job)).toMatchObject({ failed: 7, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    expect(statusOf(job).succeeded).toBeUndefined();
    expect(statusOf(job).completionTime).toBeUndefined();
    expect(conditions(job)).toEqual([
      'FailureTarget=True BackoffLimitExceeded: Job has reached the specified backoff limit',
      'Failed=True BackoffLimitExceeded: Job has reached the specified backoff limit',
    ]);
    const events = t.events(job);
    expect(events.filter((e) => e.startsWith('SuccessfulCreate: Created pod: myjob-'))).toHaveLength(7);
    expect(events.at(-1)).toBe('BackoffLimitExceeded: Job has reached the specified backoff limit');
    t.expectIdempotent('job-controller');
  });

  it('kubectl shows each failed pod with its container terminated reason and the Job as Failed 0/1', () => {
    const l = lab();
    l.files['myjob.yml'] = FAILING;
    l.k('apply -f myjob.yml');
    l.advance(5);
    // The STATUS column is the container's terminated reason (Error here; StartError on containerd).
    const reason = () =>
      l.k('get pods -o jsonpath={.items[0].status.containerStatuses[0].state.terminated.reason}').stdout;
    expect(['Error', 'StartError']).toContain(reason());
    const statuses = () =>
      rows(l.k('get pods').stdout)
        .slice(1)
        .map((r) => r[2]);
    expect(statuses()).toEqual([reason()]);
    expect(rows(l.k('get jobs').stdout)[1]!.slice(0, 3)).toEqual(['myjob', 'Running', '0/1']);
    l.advance(900);
    expect(rows(l.k('get jobs').stdout)[1]!.slice(0, 3)).toEqual(['myjob', 'Failed', '0/1']);
    expect(statuses()).toEqual(Array(7).fill(reason()));
  });

  it('restartPolicy OnFailure: the same pod restarts in place until its restarts reach backoffLimit', () => {
    const l = lab();
    l.files['myjob.yml'] = FAILING.replace('restartPolicy: Never', 'restartPolicy: OnFailure');
    l.k('apply -f myjob.yml');
    l.advance(20);
    const early = rows(l.k('get pods').stdout).slice(1);
    expect(early).toHaveLength(1);
    expect(early[0]![2]).toBe('CrashLoopBackOff');
    expect(parseInt(early[0]![3]!, 10)).toBeGreaterThanOrEqual(1);
    const t = l.cluster;
    const job = () => t.api.store.get('batch/jobs', 'default', 'myjob');
    l.advance(200);
    expect(rows(l.k('get pods').stdout).slice(1)).toHaveLength(1);
    expect(rows(l.k('get jobs').stdout)[1]![1]).toBe('Running');
    l.advance(300);
    const j = job();
    expect(conditions(j)).toEqual([
      'FailureTarget=True BackoffLimitExceeded: Job has reached the specified backoff limit',
      'Failed=True BackoffLimitExceeded: Job has reached the specified backoff limit',
    ]);
    // The pod restarted 6 times in place, then was deleted and counted as one failure.
    expect(statusOf(j)).toMatchObject({ failed: 1, terminating: 0 });
    const events = l.k('get events --field-selector involvedObject.kind=Job -o name').stdout;
    expect(events.length).toBeGreaterThan(0);
    expect(l.k('get pods').stderr).toBe('No resources found in default namespace.\n');
  });
});

describe('chapter 5.3: parallelism and completions', () => {
  it('parallelism 2 without completions runs 2 pods and completes when they succeed', () => {
    const l = lab();
    l.files['p.yml'] = MYJOB.replace('spec:\n  template:', 'spec:\n  parallelism: 2\n  template:');
    l.k('apply -f p.yml');
    l.advance(0);
    expect(rows(l.k('get pods').stdout).slice(1)).toHaveLength(2);
    expect(rows(l.k('get jobs').stdout)[1]!.slice(0, 3)).toEqual(['myjob', 'Running', '0/1 of 2']);
    l.advance(10);
    expect(rows(l.k('get jobs').stdout)[1]!.slice(0, 3)).toEqual(['myjob', 'Complete', '2/1 of 2']);
    expect(
      rows(l.k('get pods').stdout)
        .slice(1)
        .map((r) => r[2]),
    ).toEqual(['Completed', 'Completed']);
  });

  it('completions 6 with parallelism 2: never more than 2 at once, 6 pods in all', () => {
    const t = TestCluster.create().apply(
      MYJOB.replace('spec:\n  template:', 'spec:\n  completions: 6\n  parallelism: 2\n  template:'),
    );
    let maxActive = 0;
    for (let i = 0; i < 20; i++) {
      const active = t.pods().filter((p) => phase(p) !== 'Succeeded').length;
      maxActive = Math.max(maxActive, active);
      expect(statusOf(t.get('job', 'myjob')).active ?? 0).toBeLessThanOrEqual(2);
      t.advance(1);
    }
    expect(maxActive).toBe(2);
    expect(t.pods()).toHaveLength(6);
    const job = t.get('job', 'myjob')!;
    expect(statusOf(job).succeeded).toBe(6);
    expect(conditions(job).map((c) => c.split(' ')[0])).toEqual(['SuccessCriteriaMet=True', 'Complete=True']);
    expect(t.events(job).filter((e) => e.startsWith('SuccessfulCreate'))).toHaveLength(6);
    t.expectIdempotent('job-controller');
  });
});

describe('deadlines, indexes, failure policy, suspend', () => {
  it('activeDeadlineSeconds: the running pod is deleted and the Job fails with DeadlineExceeded', () => {
    const t = TestCluster.create().apply(jobYaml('slow', 'activeDeadlineSeconds: 10', '["sleep", "300"]'));
    t.advance(9);
    expect(conditions(t.get('job', 'slow'))).toEqual([]);
    t.advance(2);
    const job = t.get('job', 'slow')!;
    expect(conditions(job)[0]).toBe(
      'FailureTarget=True DeadlineExceeded: Job was active longer than specified deadline',
    );
    t.advance(40);
    const done = t.get('job', 'slow')!;
    expect(conditions(done)[1]).toBe('Failed=True DeadlineExceeded: Job was active longer than specified deadline');
    expect(statusOf(done)).toMatchObject({ failed: 1, terminating: 0 });
    const events = t.events(done);
    expect(events.some((e) => e.startsWith('SuccessfulDelete: Deleted pod: slow-'))).toBe(true);
    expect(events.at(-1)).toBe('DeadlineExceeded: Job was active longer than specified deadline');
    expect(t.pods()).toEqual([]);
  });

  it('Indexed: pods <job>-<index>-xxxxx with the index annotation, label, hostname and JOB_COMPLETION_INDEX', () => {
    const t = TestCluster.create()
      .apply(
        jobYaml(
          'idx',
          'completions: 3\nparallelism: 3\ncompletionMode: Indexed',
          '["sh", "-c", "echo $JOB_COMPLETION_INDEX"]',
        ),
      )
      .advance(0);
    const pods = [...t.pods()].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
    expect(pods.map((p) => p.metadata.name!.replace(/-[a-z0-9]{5}$/, ''))).toEqual(['idx-0', 'idx-1', 'idx-2']);
    pods.forEach((p, i) => {
      expect(p.metadata.annotations?.['batch.kubernetes.io/job-completion-index']).toBe(String(i));
      expect(p.metadata.labels?.['batch.kubernetes.io/job-completion-index']).toBe(String(i));
      expect((p.spec as { hostname?: string }).hostname).toBe(`idx-${i}`);
      expect((p.spec as { containers: { env?: unknown[] }[] }).containers[0]!.env).toEqual([
        {
          name: 'JOB_COMPLETION_INDEX',
          valueFrom: {
            fieldRef: {
              apiVersion: 'v1',
              fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']",
            },
          },
        },
      ]);
    });
    t.advance(10);
    const job = t.get('job', 'idx')!;
    expect(statusOf(job)).toMatchObject({ succeeded: 3, completedIndexes: '0-2' });
    expect(conditions(job).at(-1)).toMatch(/^Complete=True/);
    const l = lab();
    l.files['i.yml'] = jobYaml(
      'idx',
      'completions: 2\ncompletionMode: Indexed',
      '["sh", "-c", "echo index $JOB_COMPLETION_INDEX"]',
    );
    l.k('apply -f i.yml');
    l.advance(10);
    const logs = rows(l.k('get pods -o name').stdout).map((r) => l.k(`logs ${r[0]}`).stdout);
    expect(logs.sort()).toEqual(['index 0\n', 'index 1\n']);
    t.expectIdempotent('job-controller');
  });

  it('podFailurePolicy FailJob on an exit code fails the Job at once with reason PodFailurePolicy', () => {
    const policy = `podFailurePolicy:
  rules:
  - action: FailJob
    onExitCodes:
      containerName: main
      operator: In
      values: [42]`;
    const t = TestCluster.create().apply(jobYaml('pfp', policy, '["sh", "-c", "exit 42"]'));
    t.advance(10);
    const job = t.get('job', 'pfp')!;
    const pod = t.pods()[0]!;
    const msg = `Container main for pod default/${pod.metadata.name} failed with exit code 42 matching FailJob rule at index 0`;
    expect(conditions(job)).toEqual([
      `FailureTarget=True PodFailurePolicy: ${msg}`,
      `Failed=True PodFailurePolicy: ${msg}`,
    ]);
    expect(statusOf(job).failed).toBe(1);
    expect(t.pods()).toHaveLength(1);
    expect(t.events(job).at(-1)).toBe(`PodFailurePolicy: ${msg}`);
  });

  it('podFailurePolicy Ignore does not count the failure; Count does', () => {
    const rules = (action: string) => `backoffLimit: 0
podFailurePolicy:
  rules:
  - action: ${action}
    onExitCodes:
      operator: In
      values: [3]`;
    const ignored = TestCluster.create().apply(jobYaml('ign', rules('Ignore'), '["sh", "-c", "exit 3"]'));
    ignored.advance(20);
    const ign = ignored.get('job', 'ign')!;
    expect(statusOf(ign).failed).toBeUndefined();
    expect(conditions(ign)).toEqual([]);
    expect(ignored.pods().length).toBeGreaterThanOrEqual(2);
    const counted = TestCluster.create().apply(jobYaml('cnt', rules('Count'), '["sh", "-c", "exit 3"]'));
    counted.advance(20);
    const cnt = counted.get('job', 'cnt')!;
    expect(statusOf(cnt).failed).toBe(1);
    expect(conditions(cnt).at(-1)).toBe(
      'Failed=True BackoffLimitExceeded: Job has reached the specified backoff limit',
    );
  });

  it('podFailurePolicy Ignore on the DisruptionTarget condition replaces an evicted pod without counting it', () => {
    const policy = `podFailurePolicy:
  rules:
  - action: Ignore
    onPodConditions:
    - type: DisruptionTarget`;
    const t = TestCluster.create().apply(jobYaml('dis', policy, '["sleep", "300"]'));
    t.advance(5);
    const pod = t.pods()[0]!;
    const s = pod.status as { conditions?: unknown[] };
    const r = t.api.update(
      R.pods,
      {
        ...pod,
        status: {
          ...s,
          phase: 'Failed',
          conditions: [
            ...(s.conditions ?? []),
            { type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI' },
          ],
        },
      },
      { actor: { component: 'test', reason: 'evicted' }, subresource: 'status' },
    );
    expect(r.ok, r.ok ? '' : r.status.message).toBe(true);
    // Ignored failures still count for the pod-creation back-off (10 s), as upstream's backoff record.
    t.advance(15);
    const job = t.get('job', 'dis')!;
    expect(statusOf(job).failed).toBeUndefined();
    expect(t.pods().filter((p) => p.metadata.name !== pod.metadata.name)).toHaveLength(1);
  });

  it('suspend: no pods and no startTime while suspended; resuming starts them (Suspended, Resumed events)', () => {
    const t = TestCluster.create().apply(jobYaml('sus', 'suspend: true', '["sleep", "30"]'));
    t.advance(5);
    let job = t.get('job', 'sus')!;
    expect(t.pods()).toEqual([]);
    expect(statusOf(job).startTime).toBeUndefined();
    expect(conditions(job)).toEqual(['Suspended=True JobSuspended: Job suspended']);
    t.apply(jobYaml('sus', 'suspend: false', '["sleep", "30"]')).advance(1);
    job = t.get('job', 'sus')!;
    expect(t.pods()).toHaveLength(1);
    expect(conditions(job)).toEqual(['Suspended=False JobResumed: Job resumed']);
    expect(statusOf(job).startTime).toBeDefined();
    t.apply(jobYaml('sus', 'suspend: true', '["sleep", "30"]')).advance(35);
    job = t.get('job', 'sus')!;
    expect(conditions(job)).toEqual(['Suspended=True JobSuspended: Job suspended']);
    expect(statusOf(job).active).toBeUndefined();
    expect(statusOf(job).failed).toBeUndefined();
    expect(t.pods()).toEqual([]);
    // The second "Job suspended" is aggregated into the first Event (count 2), as client-go's recorder does.
    expect(t.events(job).map((e) => e.split(':')[0])).toEqual([
      'Suspended',
      'SuccessfulCreate',
      'Resumed',
      'SuccessfulDelete',
    ]);
    const suspended = t.list('events').find((e) => e.reason === 'Suspended')!;
    expect(suspended.count).toBe(2);
    t.expectIdempotent('job-controller');
  });
});

describe('deletion and ttlSecondsAfterFinished', () => {
  it('deleting a running Job cascades to its pods and releases their finalizers', () => {
    const t = TestCluster.create().apply(jobYaml('run', 'parallelism: 2', '["sleep", "300"]'));
    t.advance(5);
    expect(t.pods()).toHaveLength(2);
    t.delete('job', 'run');
    t.advance(40);
    expect(t.get('job', 'run')).toBeUndefined();
    expect(t.pods()).toEqual([]);
  });

  it('ttlSecondsAfterFinished deletes the finished Job and its pod at completion + TTL', () => {
    const t = TestCluster.create().apply(
      MYJOB.replace('spec:\n  template:', 'spec:\n  ttlSecondsAfterFinished: 30\n  template:'),
    );
    t.advance(5);
    const done = sec(statusOf(t.get('job', 'myjob')).completionTime);
    const now = () => t.cluster.clock.now() / 1000;
    t.advance(done + 29 - now());
    expect(t.get('job', 'myjob')).toBeDefined();
    t.expectIdempotent('ttl-after-finished-controller');
    t.advance(2);
    expect(t.get('job', 'myjob')).toBeUndefined();
    expect(t.pods()).toEqual([]);
  });
});
