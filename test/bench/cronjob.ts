/**
 * cronjob-day-ms: wall time to fast-forward 24 virtual hours of the course's
 * `*\/1 * * * *` CronJob (busybox echo, restartPolicy OnFailure, history limits
 * 3 succeeded / 1 failed) on a fresh default Cluster: 1,440 Jobs created, each
 * running its pod to completion, then deleted by the history limit with its pod
 * (garbage collector), events swept after an hour. Everything runs: CronJob,
 * Job, garbage-collector and TTL controllers, scheduler, kubelets. Timed: one
 * `cluster.advance(86_410)` call (the 1,440th activation is at exactly +24 h; 10 s more let it finish, so the history holds 3); cluster construction and the apply are not.
 * One warm-up (1 virtual hour, another cluster) is excluded; the figure is the
 * median of the timed runs.
 */
import { Cluster } from '../../core/cluster/cluster.ts';
import { applyManifest } from '../../core/manifest/apply.ts';
import { list, median, round, timed } from './stats.ts';
import type { Figure } from './types.ts';

const ACTOR = { component: 'bench', reason: 'cronjob benchmark' };
const RUNS = 3;
const DAY_SECONDS = 86_400;

const CRONJOB_YAML = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "*/1 * * * *"
  successfulJobsHistoryLimit: 3
  failedJobsHistoryLimit: 1
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox
            command: ["echo", "hello k8s job!"]
          restartPolicy: OnFailure
`;

interface Outcome {
  ms: number;
  cpuMs: number;
  created: number;
  left: number;
}

function fastForward(seconds: number): Outcome {
  const cluster = new Cluster({ seed: 1 });
  const report = applyManifest(cluster.api, CRONJOB_YAML, { actor: ACTOR });
  if (report.results.some((r) => r.error)) throw new Error('cronjob: the CronJob was rejected');
  let created = 0;
  cluster.api.store.subscribe('batch/jobs', (e) => {
    if (e.type === 'ADDED') created++;
  });
  const { ms, cpuMs } = timed(() => cluster.advance(seconds + 10));
  return { ms, cpuMs, created, left: cluster.api.store.list('batch/jobs').length };
}

export async function run(log: (line: string) => void): Promise<Figure[]> {
  const warm = fastForward(3_600);
  log(`cronjob: warm-up (excluded) 1 h in ${round(warm.ms, 0)} ms, ${warm.created} jobs`);
  const times: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const o = fastForward(DAY_SECONDS);
    if (o.created !== 1_440 || o.left !== 3)
      throw new Error(`cronjob: ${o.created} jobs created and ${o.left} left; expected 1440 and 3`);
    times.push(o.ms);
    cpus.push(o.cpuMs);
    log(`cronjob: run ${i + 1}/${RUNS} 24 h in ${round(o.ms, 0)} ms (cpu ${round(o.cpuMs, 0)} ms)`);
  }
  const note = `24 virtual hours of a */1 CronJob (1,440 Jobs and pods, history 3/1), median of ${RUNS} runs after 1 warm-up: ${list(times)} ms; cpu median ${round(median(cpus), 0)} ms`;
  return [{ name: 'cronjob-day-ms', value: round(median(times), 0), unit: 'ms', note }];
}
