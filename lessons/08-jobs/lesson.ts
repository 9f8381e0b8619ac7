/**
 * Lesson 8, "Jobs and CronJobs" (book ch.5.3): the book's `myjob` echoing
 * "hello k8s job!"; the same job with `invalid_command` under
 * `restartPolicy: Never` (new pods) and `OnFailure` (restarts in one pod);
 * `parallelism: 2` with `completions: 6`; the CronJob `hello` every minute.
 */
import { jobState, joinText, podPhase, restartsOf, tx } from '../../core/check/index.ts';
import type { ClusterReader, KubeObject, Text, TraceEntry } from '../../core/check/index.ts';
import { NS, isResult } from '../checks.ts';
import type { CheckResult, Lesson } from '../types.ts';
import { missing, ok } from '../types.ts';

const MYJOB = 'myjob';
const NEVER = 'myjob-fail';
const ON_FAILURE = 'myjob-onfailure';
const PARALLEL = 'myjob-parallel';
const CRON = 'hello';

const restartPolicyOf = (job: KubeObject) =>
  (job.spec as { template?: { spec?: { restartPolicy?: string } } } | undefined)?.template?.spec?.restartPolicy;

function findJob(r: ClusterReader, name: string, file: string): KubeObject | CheckResult {
  return (
    r.job(NS, name) ??
    missing(
      tx(
        `There is no Job \`${name}\` yet: apply \`${file}\`.`,
        `还没有名为 \`${name}\` 的 Job：请 apply \`${file}\`。`,
      ),
    )
  );
}

/** Pods the Job controller created for a Job, from the trace (pods may be gone by now). */
function podsCreated(r: ClusterReader, job: string): TraceEntry[] {
  return r
    .trace({ namespace: NS, kind: 'Pod' })
    .filter((e) => e.component === 'job-controller' && e.verb === 'create' && e.reason.startsWith(`job ${job}:`));
}

const clock = (e: TraceEntry) => e.time.slice(11, 19);

/** The trace of a Job's pods, told line by line: created, placed, and how each container ended. */
function jobStory(r: ClusterReader, job: string, maxLines = 10): Text {
  const lines: Text[] = [];
  let more = 0;
  for (const e of r.trace({ namespace: NS, kind: 'Pod' })) {
    if (!e.name.startsWith(`${job}-`) || (job === MYJOB && /^myjob-(fail|onfailure|parallel)-/.test(e.name))) continue;
    const p = jobPhrase(e);
    if (!p) continue;
    if (lines.length >= maxLines) {
      more++;
      continue;
    }
    lines.push(tx(`- \`${clock(e)}\` ${p.en}`, `- \`${clock(e)}\` ${p['zh-CN']}`));
  }
  if (more) lines.push(tx(`- … and ${more} more like these.`, `- ……以及另外 ${more} 条类似的记录。`));
  return joinText(lines);
}

function jobPhrase(e: TraceEntry): Text | undefined {
  if (e.component === 'job-controller' && e.verb === 'create')
    return tx(`The Job controller created pod \`${e.name}\`.`, `Job 控制器创建了 Pod \`${e.name}\`。`);
  if (!e.component.startsWith('kubelet/') || e.verb !== 'status') return undefined;
  const node = e.component.slice('kubelet/'.length);
  if (/: Succeeded, /.test(e.reason))
    return tx(
      `The kubelet on **${node}** ran \`${e.name}\`: the container exited 0, the pod Succeeded (\`Completed\`).`,
      `**${node}** 上的 kubelet 运行了 \`${e.name}\`：容器以 0 退出，Pod 成功结束（\`Completed\`）。`,
    );
  if (/: Failed, .*\(Error\)/.test(e.reason))
    return tx(
      `The kubelet on **${node}** ran \`${e.name}\`: the container failed and, with \`restartPolicy: Never\`, so did the pod (\`Error\`).`,
      `**${node}** 上的 kubelet 运行了 \`${e.name}\`：容器失败；由于 \`restartPolicy: Never\`，Pod 也随之失败（\`Error\`）。`,
    );
  if (/: Running, .*\(Error\)/.test(e.reason))
    return tx(
      `The kubelet on **${node}** saw the container of \`${e.name}\` fail, and will restart it in the same pod.`,
      `**${node}** 上的 kubelet 发现 \`${e.name}\` 的容器失败了，它会在同一个 Pod 里重启这个容器。`,
    );
  return undefined;
}

export const jobs: Lesson = {
  id: 'jobs',
  number: 8,
  title: tx('Jobs and CronJobs', 'Job 与 CronJob'),
  summary: tx(
    'Work that ends: a Job that succeeds, one that fails under `Never` and under `OnFailure`, six completions two at a time, and a CronJob every minute.',
    '会结束的工作：一个成功的 Job，一个分别在 `Never` 和 `OnFailure` 下失败的 Job，两个一组完成六次，以及每分钟运行一次的 CronJob。',
  ),
  start: {},
  steps: [
    {
      id: 'myjob',
      hints: [
        tx(
          'Apply `myjob.yaml` (**Show solution**, then **Apply**), then `kubectl get jobs` and `kubectl get pods`.',
          'apply `myjob.yaml`（先点 **查看答案**，再点 **Apply**），然后执行 `kubectl get jobs` 和 `kubectl get pods`。',
        ),
        tx(
          'The pod’s output: `kubectl logs` with the pod’s name, or `kubectl logs job/myjob`.',
          'Pod 的输出：对该 Pod 执行 `kubectl logs`，或者 `kubectl logs job/myjob`。',
        ),
      ],
      solution: { kind: 'manifest', file: 'myjob.yaml' },
      check: (r) => {
        const job = findJob(r, MYJOB, 'myjob.yaml');
        if (isResult(job)) return job;
        const s = jobState(job);
        if (s.finished === 'Complete') return ok;
        return missing(
          tx(
            `\`myjob\` has ${s.succeeded} of ${s.completions} completions; waiting for it to be Complete.`,
            `\`myjob\` 完成了 ${s.completions} 次中的 ${s.succeeded} 次；正在等待它变为 Complete。`,
          ),
        );
      },
      explain: (r) =>
        joinText([
          jobStory(r, MYJOB, 4),
          tx(
            '\nThe pod ran `echo "hello k8s job!"` and exited 0. Nobody restarts it: the Job counts it as a success, marks itself `Complete` (COMPLETIONS 1/1), and keeps the pod — `Completed`, 0/1 ready — so you can still read its log.',
            '\nPod 执行了 `echo "hello k8s job!"`，以 0 退出。没有谁会重启它：Job 把它记为一次成功，将自己标记为 `Complete`（COMPLETIONS 1/1），并保留这个 Pod——状态 `Completed`，0/1 就绪——这样你仍然可以查看它的日志。',
          ),
        ]),
    },
    {
      id: 'never',
      hints: [
        tx(
          'Apply `myjob-fail.yaml`: the command is `invalid_command`, the policy `restartPolicy: Never`. Then `kubectl get pods` a few times.',
          'apply `myjob-fail.yaml`：命令是 `invalid_command`，策略是 `restartPolicy: Never`。然后多执行几次 `kubectl get pods`。',
        ),
        tx(
          'The step passes when three pods of `myjob-fail` have failed. Speed the clock up in the dock if you do not want to wait.',
          '当 `myjob-fail` 有三个 Pod 失败时，这一步就通过了。不想等的话，可以在 dock 中加快时钟。',
        ),
      ],
      solution: { kind: 'manifest', file: 'myjob-fail.yaml' },
      check: (r) => {
        const job = findJob(r, NEVER, 'myjob-fail.yaml');
        if (isResult(job)) return job;
        if (restartPolicyOf(job) !== 'Never')
          return missing(
            tx('`myjob-fail` should use `restartPolicy: Never`.', '`myjob-fail` 应当使用 `restartPolicy: Never`。'),
          );
        const failed = r.podsOf(job).filter((p) => podPhase(p) === 'Failed').length;
        if (failed >= 3) return ok;
        return missing(
          tx(
            `${failed} pods of \`myjob-fail\` have failed so far; watch for 3.`,
            `\`myjob-fail\` 目前有 ${failed} 个 Pod 失败；等到 3 个。`,
          ),
        );
      },
      explain: (r) => {
        const made = podsCreated(r, NEVER);
        const gaps = made.slice(1).map((e, i) => Math.round((Date.parse(e.time) - Date.parse(made[i]!.time)) / 1000));
        return joinText([
          jobStory(r, NEVER, 6),
          tx(
            `\nWith \`Never\`, a failed container fails its pod, and the Job controller makes a **new pod** to try again: ${made.length} so far, each RESTARTS 0. It waits longer each time (the pods were made ${gaps.map((g) => `${g}s`).join(', ')} apart: a back-off of 10 s, then 20 s, doubling each time, plus the run itself), and gives up after \`backoffLimit\` (6) retries — then the Job is \`Failed\`.`,
            `\n在 \`Never\` 策略下，容器失败就意味着 Pod 失败，Job 控制器会创建一个 **新的 Pod** 重试：到现在共 ${made.length} 个，每个的 RESTARTS 都是 0。每次重试前等待的时间越来越长（这些 Pod 相隔 ${gaps.map((g) => `${g} 秒`).join('、')} 创建：退避时间从 10 秒起，之后 20 秒，每次翻倍，再加上运行本身的时间），超过 \`backoffLimit\`（6 次）后放弃——Job 变为 \`Failed\`。`,
          ),
        ]);
      },
    },
    {
      id: 'onfailure',
      hints: [
        tx(
          'Apply `myjob-onfailure.yaml`: the same command with `restartPolicy: OnFailure`. Then `kubectl get pods`.',
          'apply `myjob-onfailure.yaml`：同样的命令，但 `restartPolicy: OnFailure`。然后执行 `kubectl get pods`。',
        ),
        tx('Look at the RESTARTS column.', '注意 RESTARTS 列。'),
      ],
      solution: { kind: 'manifest', file: 'myjob-onfailure.yaml' },
      check: (r) => {
        const job = findJob(r, ON_FAILURE, 'myjob-onfailure.yaml');
        if (isResult(job)) return job;
        if (restartPolicyOf(job) !== 'OnFailure')
          return missing(
            tx(
              '`myjob-onfailure` should use `restartPolicy: OnFailure`.',
              '`myjob-onfailure` 应当使用 `restartPolicy: OnFailure`。',
            ),
          );
        if (jobState(job).finished === 'Failed') return ok;
        const restarts = Math.max(0, ...r.podsOf(job).map(restartsOf));
        if (restarts >= 2) return ok;
        return missing(
          tx(
            `The pod of \`myjob-onfailure\` has restarted ${restarts} times; watch for 2.`,
            `\`myjob-onfailure\` 的 Pod 已重启 ${restarts} 次；等到 2 次。`,
          ),
        );
      },
      explain: (r) => {
        const job = r.job(NS, ON_FAILURE);
        const pods = job ? r.podsOf(job) : [];
        const restarts = Math.max(0, ...pods.map(restartsOf));
        const made = podsCreated(r, ON_FAILURE).length;
        return tx(
          `With \`OnFailure\`, the Job controller created ${made} pod, and the **kubelet** restarts its container in place: RESTARTS ${restarts}, status \`CrashLoopBackOff\` between tries (the same 10 s, doubling, back-off). Compare \`myjob-fail\`: many pods, 0 restarts each. Either way the Job gives up after \`backoffLimit\` failures; with \`OnFailure\` it then deletes the pod, so look at the logs before that. A Job's pods may only use \`Never\` or \`OnFailure\`: \`Always\` would restart even a success.`,
          `在 \`OnFailure\` 策略下，Job 控制器只创建了 ${made} 个 Pod，由 **kubelet** 在原地重启它的容器：RESTARTS 为 ${restarts}，两次尝试之间的状态是 \`CrashLoopBackOff\`（同样从 10 秒起翻倍退避）。对比 \`myjob-fail\`：很多个 Pod，每个都重启 0 次。两种情况下，失败次数超过 \`backoffLimit\` 后 Job 都会放弃；在 \`OnFailure\` 下它还会删除这个 Pod，所以要趁早查看日志。Job 的 Pod 只能用 \`Never\` 或 \`OnFailure\`：\`Always\` 连成功退出的容器也会重启。`,
        );
      },
    },
    {
      id: 'parallel',
      hints: [
        tx(
          'Apply `myjob-parallel.yaml`: `completions: 6`, `parallelism: 2`. Watch `kubectl get job myjob-parallel` and `kubectl get pods`.',
          'apply `myjob-parallel.yaml`：`completions: 6`、`parallelism: 2`。观察 `kubectl get job myjob-parallel` 和 `kubectl get pods`。',
        ),
      ],
      solution: { kind: 'manifest', file: 'myjob-parallel.yaml' },
      check: (r) => {
        const job = findJob(r, PARALLEL, 'myjob-parallel.yaml');
        if (isResult(job)) return job;
        const s = jobState(job);
        if (s.completions !== 6 || s.parallelism !== 2)
          return missing(
            tx(
              `\`myjob-parallel\` has \`completions: ${s.completions}\` and \`parallelism: ${s.parallelism}\`; the step wants 6 and 2.`,
              `\`myjob-parallel\` 的 \`completions\` 是 ${s.completions}、\`parallelism\` 是 ${s.parallelism}；这一步需要 6 和 2。`,
            ),
          );
        if (s.finished === 'Complete') return ok;
        return missing(
          tx(
            `COMPLETIONS ${s.succeeded}/6, ${s.active} running; waiting for 6/6.`,
            `COMPLETIONS ${s.succeeded}/6，${s.active} 个运行中；正在等待 6/6。`,
          ),
        );
      },
      explain: (r) => {
        const byTime = new Map<string, string[]>();
        for (const e of podsCreated(r, PARALLEL)) byTime.set(clock(e), [...(byTime.get(clock(e)) ?? []), e.name]);
        const waves = [...byTime].map(([t, names]) =>
          tx(
            `- \`${t}\` ${names.map((n) => `\`${n}\``).join(', ')}`,
            `- \`${t}\` ${names.map((n) => `\`${n}\``).join('、')}`,
          ),
        );
        return joinText([
          tx('The Job controller created the pods in waves:', 'Job 控制器分批创建了 Pod：'),
          ...waves,
          tx(
            '\n`parallelism: 2` caps how many pods run at once; `completions: 6` is how many must succeed. As each pod succeeded, the controller started another, until 6 had succeeded — then no more, and the Job was `Complete`.',
            '\n`parallelism: 2` 限制了同时运行的 Pod 数量；`completions: 6` 是需要成功完成的次数。每当一个 Pod 成功，控制器就再启动一个，直到成功 6 次——之后不再创建，Job 变为 `Complete`。',
          ),
        ]);
      },
    },
    {
      id: 'cronjob',
      hints: [
        tx(
          'Apply `cronjob.yaml`: the CronJob `hello` with `schedule: "*/1 * * * *"`. Then speed up the clock (**×60** in the dock) and run `kubectl get cronjob,jobs`.',
          'apply `cronjob.yaml`：CronJob `hello`，`schedule: "*/1 * * * *"`。然后加快时钟（dock 中的 **×60**），执行 `kubectl get cronjob,jobs`。',
        ),
        tx(
          'The step passes once a Job of `hello` is Complete; keep the clock running to see the next one a minute later.',
          '当 `hello` 的某个 Job 变为 Complete 时，这一步就通过了；让时钟继续走，一分钟后会看到下一个。',
        ),
      ],
      solution: { kind: 'manifest', file: 'cronjob.yaml' },
      check: (r) => {
        const cj =
          r.cronJob(NS, CRON) ??
          missing(
            tx(
              'There is no CronJob `hello` yet: apply `cronjob.yaml`.',
              '还没有名为 `hello` 的 CronJob：请 apply `cronjob.yaml`。',
            ),
          );
        if (isResult(cj)) return cj;
        const started = r.jobsOf(cj);
        const done = started.filter((j) => jobState(j).finished === 'Complete').length;
        if (done >= 1) return ok;
        return missing(
          tx(
            `\`hello\` has started ${started.length} Job(s), ${done} Complete; the next starts at the top of the minute.`,
            `\`hello\` 已启动 ${started.length} 个 Job（${done} 个 Complete）；下一个将在下一分钟整点启动。`,
          ),
        );
      },
      explain: (r) => {
        const cj = r.cronJob(NS, CRON);
        const started = cj ? r.jobsOf(cj) : [];
        const lines = r
          .trace({ namespace: NS, kind: 'Job' })
          .filter((e) => e.component === 'cronjob-controller' && e.verb === 'create')
          .map((e) => tx(`- \`${clock(e)}\` \`${e.name}\``, `- \`${clock(e)}\` \`${e.name}\``));
        const suffix = started[0]?.metadata.name?.slice(CRON.length + 1) ?? '';
        return joinText([
          tx(
            'The CronJob controller created a Job at each scheduled minute:',
            'CronJob 控制器在每个预定的分钟创建了一个 Job：',
          ),
          ...lines,
          tx(
            `\nEach Job then made its pod, as \`myjob\` did. The number in a name (\`${suffix}\`) is the scheduled time in minutes since 1970, so a Job's name says which run it is. \`*/1 * * * *\` is Linux cron syntax: every minute. Old runs are cleaned up: the CronJob keeps the last 3 successful Jobs (\`successfulJobsHistoryLimit\`) and 1 failed one.`,
            `\n之后每个 Job 像 \`myjob\` 一样创建自己的 Pod。名字里的数字（\`${suffix}\`）是预定时间距 1970 年的分钟数，所以从 Job 的名字就能看出是哪一次运行。\`*/1 * * * *\` 是 Linux cron 的格式：每分钟一次。旧的运行记录会被清理：CronJob 保留最近 3 个成功的 Job（\`successfulJobsHistoryLimit\`）和 1 个失败的 Job。`,
          ),
        ]);
      },
    },
  ],
};
