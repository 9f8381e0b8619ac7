/**
 * Lesson 12, "Health checks" (book ch.8): a container exiting non-zero is
 * restarted by restartPolicy; a liveness probe (`cat /tmp/healthy`) restarts a
 * container that runs but is broken; a readiness probe takes a pod out of its
 * Service's endpoints; and a broken v2 (8.5: 10 replicas, maxSurge and
 * maxUnavailable 35 %) stops a rolling update until `kubectl rollout undo`.
 */
import { isPodReady, isRolledOut, joinText, podPhase, restartsOf, tx, workloadState } from '../../core/check/index.ts';
import type { ClusterReader, KubeObject, Text } from '../../core/check/index.ts';
import { NS, allPodsReady, findDeployment, isResult } from '../checks.ts';
import type { CheckResult, Lesson } from '../types.ts';
import { missing, ok } from '../types.ts';

const APP = 'app';
const TAB = 'app.yml';
/** app.v2 (book 8.5) never creates /tmp/healthy: its command has no `touch`. */
const isV2 = (obj: KubeObject) => !commandOf(obj).includes('touch /tmp/healthy');

interface EventLike {
  reason?: string;
  message?: string;
  count?: number;
  lastTimestamp?: string;
}

function findPod(r: ClusterReader, name: string, file: string): KubeObject | CheckResult {
  return (
    r.pod(NS, name) ??
    missing(
      tx(
        `There is no pod \`${name}\` yet: apply \`${file}\`.`,
        `还没有名为 \`${name}\` 的 Pod：请 apply \`${file}\`。`,
      ),
    )
  );
}

function events(r: ClusterReader, obj: KubeObject, reason: string, message?: RegExp): EventLike[] {
  return (r.eventsFor(obj) as EventLike[]).filter(
    (e) => e.reason === reason && (!message || message.test(e.message ?? '')),
  );
}

const clock = (iso: string | undefined) => iso?.slice(11, 19) ?? '?';
const timesOf = (e: EventLike | undefined) => (e?.count && e.count > 1 ? ` (×${e.count})` : '');

/** The shell command of the first container (`args[2]` of `/bin/sh -c …`). */
function commandOf(obj: KubeObject): string {
  const spec =
    obj.kind === 'Pod' ? obj.spec : (obj.spec as { template?: { spec?: unknown } } | undefined)?.template?.spec;
  const args = (spec as { containers?: { args?: string[] }[] } | undefined)?.containers?.[0]?.args ?? [];
  return args.join(' ');
}

/** Terminated state of the last run of the pod's first container. */
function lastExit(pod: KubeObject): number | undefined {
  const cs = (
    pod.status as { containerStatuses?: { lastState?: { terminated?: { exitCode?: number } } }[] } | undefined
  )?.containerStatuses?.[0];
  return cs?.lastState?.terminated?.exitCode;
}

function pct(d: KubeObject, key: 'maxSurge' | 'maxUnavailable'): string {
  const ru = (d.spec as { strategy?: { rollingUpdate?: Record<string, unknown> } }).strategy?.rollingUpdate;
  return String(ru?.[key] ?? '25%');
}

function rsLine(r: ClusterReader, d: KubeObject): Text {
  const rss = r
    .replicaSetsOf(d)
    .map((rs) => ({ name: rs.metadata.name ?? '', v: isV2(rs) ? 'v2' : 'v1', s: workloadState(rs) }));
  return tx(
    rss.map((x) => `\`${x.name}\` (${x.v}): ${x.s.current} pods, ${x.s.ready} ready`).join('; '),
    rss.map((x) => `\`${x.name}\`（${x.v}）：${x.s.current} 个 Pod，${x.s.ready} 个 Ready`).join('；'),
  );
}

export const healthChecks: Lesson = {
  id: 'health-checks',
  number: 12,
  title: tx('Health checks', 'Health Check'),
  summary: tx(
    'Restart on failure, liveness and readiness probes with `cat /tmp/healthy`, and a broken version that a readiness probe keeps from replacing a healthy app.',
    '失败自动重启、用 `cat /tmp/healthy` 做 Liveness 和 Readiness 探测，以及 Readiness 探测如何阻止一个坏掉的新版本替换正常运行的应用。',
  ),
  start: { apply: ['app.v1.yml'] },
  steps: [
    {
      id: 'restart',
      hints: [
        tx(
          'Apply `healthcheck.yml` (**Show solution**), then `kubectl get pod healthcheck` every few seconds.',
          'apply `healthcheck.yml`（**查看答案**），然后每隔几秒运行一次 `kubectl get pod healthcheck`。',
        ),
        tx(
          'The RESTARTS column counts restarts. The book waits until it shows 3; fast-forward if you like.',
          'RESTARTS 列是重启次数。书中等到它变成 3；可以快进时钟。',
        ),
      ],
      solution: { kind: 'manifest', file: 'healthcheck.yml' },
      check: (r) => {
        const pod = findPod(r, 'healthcheck', 'healthcheck.yml');
        if (isResult(pod)) return pod;
        const n = restartsOf(pod);
        if (n >= 3) return ok;
        return missing(
          tx(
            `\`healthcheck\` has been restarted ${n} time(s); wait until RESTARTS shows 3.`,
            `\`healthcheck\` 已经重启了 ${n} 次；等到 RESTARTS 显示 3。`,
          ),
        );
      },
      explain: (r) => {
        const pod = r.pod(NS, 'healthcheck');
        const backOff = pod ? events(r, pod, 'BackOff').at(-1) : undefined;
        return tx(
          `The container's process, \`sh -c "sleep 10; exit 1"\`, ended with exit code ${pod ? (lastExit(pod) ?? 1) : 1}. A non-zero exit is a failure, and \`restartPolicy: OnFailure\` tells the kubelet to start the container again, in the same pod on the same node: RESTARTS is now ${pod ? restartsOf(pod) : '?'}. Between restarts the kubelet waits longer and longer — 10 s, 20 s, 40 s … up to 5 min — and the pod shows **CrashLoopBackOff** meanwhile${backOff ? ` (event BackOff${timesOf(backOff)})` : ''}. This is Kubernetes' default health check: the exit code of the container's process.`,
          `容器的进程 \`sh -c "sleep 10; exit 1"\` 以退出码 ${pod ? (lastExit(pod) ?? 1) : 1} 结束。返回码非零即视为故障，\`restartPolicy: OnFailure\` 让 kubelet 重新启动这个容器，仍在同一个 Pod、同一个节点上：RESTARTS 现在是 ${pod ? restartsOf(pod) : '?'}。两次重启之间 kubelet 等待的时间越来越长——10 秒、20 秒、40 秒……最长 5 分钟——其间 Pod 显示 **CrashLoopBackOff**${backOff ? `（事件 BackOff${timesOf(backOff)}）` : ''}。这就是 Kubernetes 默认的健康检查：看容器启动进程的返回值。`,
        );
      },
    },
    {
      id: 'liveness',
      hints: [
        tx(
          'Apply `liveness.yml`, then watch `kubectl describe pod liveness`: its Events show the probe failing.',
          'apply `liveness.yml`，然后查看 `kubectl describe pod liveness`：Events 中能看到探测失败。',
        ),
        tx(
          'The file disappears after 30 s; three failed probes 5 s apart later, the container is restarted. About a minute and a half in all.',
          '文件在 30 秒后被删除；之后间隔 5 秒的探测连续失败 3 次，容器就会被重启。总共大约一分半钟。',
        ),
      ],
      solution: { kind: 'manifest', file: 'liveness.yml' },
      check: (r) => {
        const pod = findPod(r, 'liveness', 'liveness.yml');
        if (isResult(pod)) return pod;
        if (restartsOf(pod) >= 1) return ok;
        const failed = events(r, pod, 'Unhealthy', /Liveness/).at(-1);
        return missing(
          failed
            ? tx(
                `The liveness probe is failing${timesOf(failed)}; after 3 failures in a row the container is restarted.`,
                `Liveness 探测正在失败${timesOf(failed)}；连续失败 3 次后容器会被重启。`,
              )
            : tx(
                '`liveness` has not been restarted yet: `/tmp/healthy` is still there. Let the clock run.',
                '`liveness` 还没有重启：`/tmp/healthy` 还在。让时钟继续走。',
              ),
        );
      },
      explain: (r) => {
        const pod = r.pod(NS, 'liveness');
        const failed = pod ? events(r, pod, 'Unhealthy', /Liveness/).at(-1) : undefined;
        const killing = pod ? events(r, pod, 'Killing').at(-1) : undefined;
        return tx(
          `The process never exited — \`sleep 600\` was still running — so the default check saw nothing wrong. The liveness probe did: from 10 s (\`initialDelaySeconds\`) the kubelet ran \`cat /tmp/healthy\` every 5 s (\`periodSeconds\`). Once the file was gone the command returned non-zero: **Unhealthy** "${failed?.message ?? 'Liveness probe failed'}"${timesOf(failed)}. After 3 failures in a row (\`failureThreshold\`) the kubelet killed the container (**Killing** at \`${clock(killing?.lastTimestamp)}\`: "${killing?.message ?? ''}") and started it again: RESTARTS ${pod ? restartsOf(pod) : '?'}. The new container creates /tmp/healthy again, so the cycle repeats.`,
          `进程一直没有退出——\`sleep 600\` 还在运行——所以默认的检查看不出问题。Liveness 探测看出来了：从第 10 秒起（\`initialDelaySeconds\`），kubelet 每 5 秒（\`periodSeconds\`）执行一次 \`cat /tmp/healthy\`。文件被删除后命令返回非零：**Unhealthy** "${failed?.message ?? 'Liveness probe failed'}"${timesOf(failed)}。连续失败 3 次（\`failureThreshold\`）后，kubelet 杀掉了容器（\`${clock(killing?.lastTimestamp)}\` 的 **Killing**："${killing?.message ?? ''}"）并重新启动它：RESTARTS ${pod ? restartsOf(pod) : '?'}。新容器又会创建 /tmp/healthy，于是这个过程周而复始。`,
        );
      },
    },
    {
      id: 'readiness',
      hints: [
        tx(
          'Apply `readiness.yml`: the same pod with a `readinessProbe`, and a Service `readiness-svc` that selects it.',
          'apply `readiness.yml`：同样的 Pod，换成 `readinessProbe`，再加一个选中它的 Service `readiness-svc`。',
        ),
        tx(
          'Watch READY in `kubectl get pod readiness` and the ENDPOINTS of `kubectl get endpointslices -l kubernetes.io/service-name=readiness-svc`.',
          '观察 `kubectl get pod readiness` 的 READY 列，以及 `kubectl get endpointslices -l kubernetes.io/service-name=readiness-svc` 的 ENDPOINTS。',
        ),
      ],
      solution: { kind: 'manifest', file: 'readiness.yml' },
      check: (r) => {
        const pod = findPod(r, 'readiness', 'readiness.yml');
        if (isResult(pod)) return pod;
        const svc = r.service(NS, 'readiness-svc');
        if (!svc)
          return missing(
            tx(
              'There is no Service `readiness-svc`: apply the whole `readiness.yml`.',
              '还没有 Service `readiness-svc`：请 apply 完整的 `readiness.yml`。',
            ),
          );
        const wasIn = r
          .trace({ namespace: NS, kind: 'EndpointSlice' })
          .some((e) => /readiness-svc: [1-9]/.test(e.reason));
        const inNow = r.endpointPods(svc).some((p) => p.metadata.name === 'readiness');
        if (!wasIn || inNow || isPodReady(pod))
          return missing(
            tx(
              `\`readiness\` is ${isPodReady(pod) ? 'Ready' : 'not Ready'} and ${inNow ? 'is' : 'is not'} an endpoint of \`readiness-svc\`. Wait until it has been Ready and then drops out.`,
              `\`readiness\` ${isPodReady(pod) ? '是 Ready 的' : '不是 Ready'}，${inNow ? '在' : '不在'} \`readiness-svc\` 的 endpoints 里。等它先 Ready，再被移出。`,
            ),
          );
        if (podPhase(pod) !== 'Running' || restartsOf(pod) > 0)
          return missing(
            tx('`readiness` should still be Running, never restarted.', '`readiness` 应该仍是 Running，并且从未重启。'),
          );
        return ok;
      },
      explain: (r) => {
        const slices = r
          .trace({ namespace: NS, kind: 'EndpointSlice' })
          .filter((e) => /service readiness-svc: \d+ ready/.test(e.reason));
        const lines = slices.map((e) => `\`${clock(e.time)}\` ${/\d+ ready endpoints?/.exec(e.reason)?.[0] ?? ''}`);
        return tx(
          `The same probe, the same failures — but a readiness probe never restarts anything: RESTARTS stays 0, STATUS stays Running, READY goes 0/1 → 1/1 → 0/1. What changes is who gets traffic. The endpoint controllers follow the pod's Ready condition and keep the Service's EndpointSlice current: ${lines.join(', ')}. A pod that is not Ready stays in the slice marked \`ready: false\`, and kube-proxy sends it nothing. Liveness answers "restart me?", readiness "send me requests?"; they run independently.`,
          `同样的探测，同样的失败——但 Readiness 探测从不重启任何东西：RESTARTS 一直是 0，STATUS 一直是 Running，READY 从 0/1 变成 1/1 又变回 0/1。变的是谁能收到流量。endpoint 控制器跟随 Pod 的 Ready 状况，持续更新 Service 的 EndpointSlice：${lines.join('，')}。不 Ready 的 Pod 仍留在 slice 里，但被标记为 \`ready: false\`，kube-proxy 不会把请求转发给它。Liveness 回答"要不要重启我"，Readiness 回答"能不能给我发请求"；两者独立执行。`,
        );
      },
    },
    {
      id: 'broken-rollout',
      hints: [
        tx(
          '`app` runs 10 healthy replicas (v1). Load `app.v2.yml` (**Show solution**) and apply it: its containers never create /tmp/healthy.',
          '`app` 有 10 个健康的副本（v1）。载入 `app.v2.yml`（**查看答案**）并 apply：它的容器永远不会创建 /tmp/healthy。',
        ),
        tx(
          'Then `kubectl get deployment app` and `kubectl get pods`: count the pods of each version.',
          '然后运行 `kubectl get deployment app` 和 `kubectl get pods`：数一数每个版本各有多少个 Pod。',
        ),
      ],
      solution: { kind: 'manifest', file: 'app.v2.yml', tab: TAB },
      check: (r) => {
        const d = findDeployment(r, APP);
        if (isResult(d)) return d;
        if (!isV2(d))
          return missing(
            tx('`app` still runs v1: apply `app.v2.yml`.', '`app` 运行的仍是 v1：请 apply `app.v2.yml`。'),
          );
        if (pct(d, 'maxSurge') !== '35%' || pct(d, 'maxUnavailable') !== '35%')
          return missing(
            tx(
              'Keep the book’s `maxSurge: 35%` and `maxUnavailable: 35%` in `app.v2.yml`.',
              '请在 `app.v2.yml` 中保留书中的 `maxSurge: 35%` 和 `maxUnavailable: 35%`。',
            ),
          );
        const s = workloadState(d);
        if (s.current === 14 && s.updated === 7 && s.available === 7) return ok;
        return missing(
          tx(
            `Rolling out: ${s.current} pods, ${s.updated} up to date, ${s.available} available. Wait for it to settle.`,
            `滚动更新中：共 ${s.current} 个 Pod，${s.updated} 个已更新，${s.available} 个可用。等它稳定下来。`,
          ),
        );
      },
      explain: (r) => {
        const d = r.deployment(NS, APP);
        return joinText([
          tx(
            '`kubectl get deployment app` shows 7/10 READY, 7 UP-TO-DATE, 7 AVAILABLE, with 14 pods in all. Why those numbers:',
            '`kubectl get deployment app` 显示 READY 7/10、UP-TO-DATE 7、AVAILABLE 7，一共 14 个 Pod。这些数字是这样来的：',
          ),
          tx(
            '- `maxSurge: 35%` of 10 = 3.5, rounded **up** = 4: at most 10 + 4 = **14** pods at any time.\n- `maxUnavailable: 35%` of 10 = 3.5, rounded **down** = 3: at least 10 − 3 = **7** pods available.\n- So the Deployment controller scaled v2 up to 4 and v1 down to 7, then v2 up to 14 − 7 = **7**. Further progress needs v2 pods to become available — and none will: `cat /tmp/healthy` fails in every one of them.',
            '- `maxSurge: 35%`：10 × 35% = 3.5，**向上** 取整为 4：任何时候最多 10 + 4 = **14** 个 Pod。\n- `maxUnavailable: 35%`：10 × 35% = 3.5，**向下** 取整为 3：至少要有 10 − 3 = **7** 个 Pod 可用。\n- 于是 Deployment 控制器先把 v2 扩到 4 个、把 v1 缩到 7 个，再把 v2 扩到 14 − 7 = **7** 个。要继续下去，就得有 v2 的 Pod 变为可用——而一个都不会：每个 v2 容器里的 `cat /tmp/healthy` 都会失败。',
          ),
          tx(
            `\nReplicaSets: ${d ? rsLine(r, d).en : ''}. The rollout is stuck, but the 7 v1 pods keep serving: the readiness probe kept a broken version from taking over. (With the default 25 % the book got 13 pods, 5 up to date, 8 available.) After \`progressDeadlineSeconds\` (600 s) the Deployment's Progressing condition turns False with reason ProgressDeadlineExceeded — it reports, it does not roll back by itself.`,
            `\nReplicaSet：${d ? rsLine(r, d)['zh-CN'] : ''}。滚动更新卡住了，但 7 个 v1 Pod 仍在提供服务：Readiness 探测挡住了坏掉的新版本。（书中先用默认的 25%，得到的是 13 个 Pod、5 个已更新、8 个可用。）超过 \`progressDeadlineSeconds\`（600 秒）后，Deployment 的 Progressing 状况会变为 False，原因是 ProgressDeadlineExceeded——它只报告，不会自己回滚。`,
          ),
        ]);
      },
    },
    {
      id: 'undo',
      hints: [
        tx(
          '`kubectl rollout undo deployment app` goes back to the previous revision.',
          '`kubectl rollout undo deployment app` 会回到上一个 revision。',
        ),
        tx(
          '`kubectl rollout history deployment app` lists the revisions.',
          '`kubectl rollout history deployment app` 会列出所有 revision。',
        ),
      ],
      solution: {
        kind: 'kubectl',
        commands: ['kubectl rollout history deployment app', 'kubectl rollout undo deployment app'],
      },
      check: (r) => {
        const d = findDeployment(r, APP);
        if (isResult(d)) return d;
        if (!r.replicaSetsOf(d).some(isV2))
          return missing(
            tx(
              '`app` has never run v2: apply `app.v2.yml` first (previous step).',
              '`app` 还没有运行过 v2：请先 apply `app.v2.yml`（上一步）。',
            ),
          );
        if (isV2(d))
          return missing(
            tx(
              '`app`’s template is still v2: `kubectl rollout undo deployment app`.',
              '`app` 的模板仍是 v2：请执行 `kubectl rollout undo deployment app`。',
            ),
          );
        if (!isRolledOut(d)) {
          const s = workloadState(d);
          return missing(
            tx(
              `Rolling back: ${s.updated} of ${s.desired} pods on v1, ${s.available} available.`,
              `回滚中：${s.desired} 个 Pod 中有 ${s.updated} 个是 v1，${s.available} 个可用。`,
            ),
          );
        }
        return allPodsReady(r, d);
      },
      explain: (r) => {
        const d = r.deployment(NS, APP);
        return tx(
          `\`rollout undo\` copied the pod template of the previous revision back into the Deployment. Its hash matched v1's ReplicaSet, so no new ReplicaSet was made: the Deployment controller scaled v1 back up and v2 down to 0 — ${d ? rsLine(r, d).en : ''}. v1's ReplicaSet now carries the newest revision number; v2's stays, scaled to 0, ready for another try once it is fixed.`,
          `\`rollout undo\` 把上一个 revision 的 Pod 模板复制回了 Deployment。它的哈希与 v1 的 ReplicaSet 相同，所以没有创建新的 ReplicaSet：Deployment 控制器把 v1 扩回去，把 v2 缩到 0——${d ? rsLine(r, d)['zh-CN'] : ''}。v1 的 ReplicaSet 现在拿到了最新的 revision 号；v2 的 ReplicaSet 仍然保留，副本数为 0，修好之后可以再试。`,
        );
      },
    },
  ],
};
