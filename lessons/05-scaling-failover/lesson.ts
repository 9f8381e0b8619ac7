/**
 * Lesson 5, "Scaling and failover" (book ch.5.1.1–5.1.2; seed 001's pod eviction
 * article): scale nginx-deployment 2 → 5 → 3 and see which pods go first, then
 * fail k8s-node2: NotReady after node-monitor-grace-period, its pods evicted once
 * the 300 s unreachable toleration runs out, replacements on k8s-node1; recover it.
 */
import { isNodeReady, joinText, nodeNameOf, tx } from '../../core/check/index.ts';
import type { ClusterReader, KubeObject, Text, TraceEntry } from '../../core/check/index.ts';
import {
  NS,
  WATCH_NODES_HINT,
  allPodsReady,
  deploymentStory,
  findDeployment,
  isResult,
  sinceClientWrite,
} from '../checks.ts';
import type { CheckResult, Lesson } from '../types.ts';
import { missing, ok } from '../types.ts';

const NAME = 'nginx-deployment';
const TAB = 'nginx.yml';
const NODE = 'k8s-node2';
const isOurs = (e: TraceEntry) => e.name.startsWith(`${NAME}-`);

/** Where the scheduler bound a pod, from the trace (also for pods already gone). */
function boundNode(r: ClusterReader, pod: string): string {
  const e = r.trace({ namespace: NS, kind: 'Pod', name: pod }).find((x) => x.component === 'default-scheduler');
  return /to (\S+)$/.exec(e?.reason ?? '')?.[1] ?? '?';
}

/** "k8s-node1: 3, k8s-node2: 2" of the Deployment's live pods. */
function perNode(pods: readonly KubeObject[]): Text {
  const counts = new Map<string, number>();
  for (const p of pods) counts.set(nodeNameOf(p) ?? '-', (counts.get(nodeNameOf(p) ?? '-') ?? 0) + 1);
  const parts = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([n, c]) => `**${n}**: ${c}`);
  return tx(parts.join(', '), parts.join('，'));
}

function livePods(r: ClusterReader, d: KubeObject): KubeObject[] {
  return r.podsOf(d).filter((p) => !p.metadata.deletionTimestamp);
}

function scaledTo(r: ClusterReader, n: number): CheckResult {
  const d = findDeployment(r, NAME);
  if (isResult(d)) return d;
  const desired = (d.spec as { replicas?: number }).replicas ?? 1;
  if (desired !== n)
    return missing(
      tx(
        `\`spec.replicas\` is ${desired}; set it to ${n} in \`nginx.yml\` and apply.`,
        `\`spec.replicas\` 是 ${desired}，请在 \`nginx.yml\` 中改为 ${n} 后 apply。`,
      ),
    );
  return allPodsReady(r, d);
}

/** Seq before the learner's last change to the Deployment. */
function sinceLastChange(r: ClusterReader): number {
  return sinceClientWrite(r, 'Deployment', NAME);
}

function nodeEntries(r: ClusterReader, re: RegExp): TraceEntry[] {
  return r.trace({ kind: 'Node', name: NODE }).filter((e) => re.test(e.reason));
}

function evictions(r: ClusterReader): TraceEntry[] {
  return r.trace({ namespace: NS, kind: 'Pod' }).filter((e) => isOurs(e) && /TaintManagerEviction/.test(e.reason));
}

const clock = (e: TraceEntry | undefined) => e?.time.slice(11, 19) ?? '?';
const seconds = (a: TraceEntry | undefined, b: TraceEntry | undefined) =>
  a && b ? Math.round((Date.parse(b.time) - Date.parse(a.time)) / 1000) : 0;

export const scalingFailover: Lesson = {
  id: 'scaling-failover',
  number: 5,
  title: tx('Scaling and failover', '伸缩与故障转移'),
  summary: tx(
    'Scale nginx-deployment 2 → 5 → 3, then take k8s-node2 down and watch Kubernetes move its pods to k8s-node1.',
    '把 nginx-deployment 从 2 个副本扩到 5 个再缩到 3 个，然后让 k8s-node2 宕机，看 Kubernetes 如何把它上面的 Pod 转移到 k8s-node1。',
  ),
  start: { apply: ['nginx.yml'] },
  steps: [
    {
      id: 'scale-up',
      hints: [
        tx(
          'Change `replicas: 2` to `replicas: 5` in `nginx.yml` and apply. (`kubectl scale deployment nginx-deployment --replicas=5` works too, but the file would no longer say the truth.)',
          '把 `nginx.yml` 中的 `replicas: 2` 改为 `replicas: 5` 后 apply。（`kubectl scale deployment nginx-deployment --replicas=5` 也可以，但那样文件里写的就不再是实际状态了。）',
        ),
        tx(
          '`kubectl get pods -o wide` shows the NODE of each pod.',
          '`kubectl get pods -o wide` 会显示每个 Pod 所在的 NODE。',
        ),
      ],
      solution: { kind: 'manifest', file: 'nginx-replicas5.yml', tab: TAB },
      check: (r) => scaledTo(r, 5),
      explain: (r) => {
        const d = r.deployment(NS, NAME);
        return joinText([
          deploymentStory(r, NAME, sinceLastChange(r), 8),
          tx(
            `\nPods per node now: ${d ? perNode(livePods(r, d)).en : ''}. None on **k8s-master**: it carries the taint \`node-role.kubernetes.io/control-plane:NoSchedule\`, so by default the scheduler places no ordinary pod there.`,
            `\n现在每个节点上的 Pod 数：${d ? perNode(livePods(r, d))['zh-CN'] : ''}。**k8s-master** 上一个也没有：它带着污点 \`node-role.kubernetes.io/control-plane:NoSchedule\`，默认配置下 Scheduler 不会把普通 Pod 调度到 Master 节点。`,
          ),
        ]);
      },
    },
    {
      id: 'scale-down',
      hints: [
        tx('Set `replicas: 3` and apply.', '把 `replicas` 改为 3 后 apply。'),
        tx(
          'Before applying, note which node each pod is on (`kubectl get pods -o wide`); afterwards, compare.',
          'apply 之前先记下每个 Pod 在哪个节点（`kubectl get pods -o wide`），之后再对比一下。',
        ),
      ],
      solution: { kind: 'manifest', file: 'nginx-replicas3.yml', tab: TAB },
      check: (r) => scaledTo(r, 3),
      explain: (r) => {
        const since = sinceLastChange(r);
        const deleted = r
          .trace({ namespace: NS, kind: 'Pod', sinceSeq: since })
          .filter((e) => e.component === 'replicaset-controller' && /→ deleted pod/.test(e.reason) && isOurs(e));
        const list = deleted.map((e) => `\`${e.name}\` (${boundNode(r, e.name)})`);
        return joinText([
          tx(
            `The ReplicaSet controller had 5 pods for 3 replicas and deleted 2: ${list.join(', ')}.`,
            `ReplicaSet 控制器有 5 个 Pod 而只需要 3 个，于是删除了 2 个：${list.join('、')}。`,
          ),
          tx(
            'It does not pick at random. It ranks the pods and deletes the "cheapest" first: not yet scheduled before scheduled, Pending before Running, not Ready before Ready, then pods on the node that runs the **most** pods of this ReplicaSet, then the **youngest**. So scaling down also evens the pods out across nodes.',
            '它不是随便挑的。它会给 Pod 排序，先删除"代价最小"的：未调度的先于已调度的，Pending 先于 Running，未 Ready 先于 Ready；然后是所在节点上本 ReplicaSet 的 Pod **最多** 的，最后是 **最年轻** 的。所以缩容也会让 Pod 在节点间分布得更均匀。',
          ),
        ]);
      },
    },
    {
      id: 'fail-node',
      hints: [
        tx(
          'Open **Faults** (⚡) in the dock’s header and press **Fail node** next to **Node k8s-node2**: the machine goes down, kubelet and containers with it.',
          '打开 dock 标题栏中的 **故障**（⚡），点 **节点 k8s-node2** 旁边的 **节点宕机**：这台机器关机，kubelet 和容器都随之停止。',
        ),
        WATCH_NODES_HINT,
      ],
      solution: {
        kind: 'action',
        description: tx(
          'In the dock’s header open **Faults** (⚡), press **Fail node** next to **Node k8s-node2**, then run `kubectl get nodes` until it says NotReady.',
          '在 dock 标题栏中打开 **故障**（⚡），点 **节点 k8s-node2** 旁边的 **节点宕机**，然后运行 `kubectl get nodes`，直到它显示 NotReady。',
        ),
        solve: (cluster) => cluster.failNode(NODE),
      },
      check: (r) => {
        const node = r.node(NODE);
        if (node && !isNodeReady(node)) return ok;
        if (r.componentRunning('kubelet', NODE))
          return missing(
            tx(
              `**${NODE}** is up and Ready. Fail it in **Faults** (⚡).`,
              `**${NODE}** 正常运行且 Ready。请在 **故障**（⚡）中让它宕机。`,
            ),
          );
        return missing(
          tx(
            `**${NODE}** is down, but the control plane does not know yet: it waits 50 s without a heartbeat before it marks the node NotReady. Let the clock run.`,
            `**${NODE}** 已经宕机，但控制平面还不知道：它要等 50 秒收不到心跳，才会把节点标记为 NotReady。让时钟继续走。`,
          ),
        );
      },
      explain: (r) => {
        const notReady = nodeEntries(r, /NotReady/).at(-1);
        const d = r.deployment(NS, NAME);
        const left = d ? livePods(r, d).filter((p) => nodeNameOf(p) === NODE) : [];
        return tx(
          `At \`${clock(notReady)}\` the node controller (in kube-controller-manager) had heard no heartbeat (the kubelet renews a Lease every 10 s) for 50 s — \`node-monitor-grace-period\` (40 s in the book's day) — and set the node's Ready condition to **Unknown**: \`kubectl get nodes\` shows NotReady. It also tainted the node \`node.kubernetes.io/unreachable:NoExecute\`. The ${left.length} pod(s) there still show Running: nobody can ask a machine that is off. They are not moved yet: every pod tolerates that taint for **300 s** (\`tolerationSeconds\`, added by admission), in case the node comes right back.`,
          `\`${clock(notReady)}\` 时，node controller（在 kube-controller-manager 中）已经 50 秒没有收到心跳（kubelet 每 10 秒续约一次 Lease）——即 \`node-monitor-grace-period\`（书中那时是 40 秒）——于是把节点的 Ready 状况设为 **Unknown**：\`kubectl get nodes\` 显示 NotReady。它还给节点加上了污点 \`node.kubernetes.io/unreachable:NoExecute\`。节点上的 ${left.length} 个 Pod 仍显示 Running：已经关机的机器没法回答。它们暂时还不会被转移：每个 Pod 都会容忍这个污点 **300 秒**（\`tolerationSeconds\`，由准入控制自动加上），以防节点很快恢复。`,
        );
      },
    },
    {
      id: 'evicted',
      hints: [
        tx(
          'The pods wait 300 s of cluster time. Fast-forward the clock (**×60** in the dock) or press **Step** until the pods on k8s-node2 show Terminating.',
          'Pod 要等集群时间 300 秒。把时钟快进（dock 中的 **×60**），或者点 **前进到下一个事件**，直到 k8s-node2 上的 Pod 显示 Terminating。',
        ),
        tx(
          '`kubectl get pods -o wide` and `kubectl get events`.',
          '`kubectl get pods -o wide` 和 `kubectl get events`。',
        ),
      ],
      solution: {
        kind: 'action',
        description: tx(
          'Fast-forward the clock with **×60** (or **Step**) for five minutes of cluster time, then run `kubectl get pods -o wide`.',
          '用 **×60**（或 **前进到下一个事件**）把时钟快进五分钟集群时间，然后运行 `kubectl get pods -o wide`。',
        ),
        solve: (cluster) => cluster.advance(300),
      },
      check: (r) => {
        const d = findDeployment(r, NAME);
        if (isResult(d)) return d;
        const node = r.node(NODE);
        if (!node || isNodeReady(node))
          return missing(
            tx(
              `**${NODE}** is Ready: fail it first (previous step).`,
              `**${NODE}** 是 Ready 的：请先让它宕机（上一步）。`,
            ),
          );
        if (evictions(r).length === 0)
          return missing(
            tx(
              `No pod of \`${NAME}\` has been evicted from **${NODE}** yet: the 300 s toleration is still running. Fast-forward the clock.`,
              `\`${NAME}\` 还没有 Pod 被从 **${NODE}** 驱逐：300 秒的容忍期还没到。请快进时钟。`,
            ),
          );
        const onNode = livePods(r, d).filter((p) => nodeNameOf(p) === NODE);
        if (onNode.length) return missing(tx('Waiting for the last evictions…', '正在等待剩下的驱逐……'));
        return allPodsReady(r, d);
      },
      explain: (r) => {
        const notReady = nodeEntries(r, /NotReady/).at(-1);
        const ev = evictions(r);
        const created = r
          .trace({ namespace: NS, kind: 'Pod', sinceSeq: (ev[0]?.seq ?? 1) - 1 })
          .filter((e) => e.component === 'replicaset-controller' && e.verb === 'create' && isOurs(e));
        const news = created.map((e) => `\`${e.name}\` → **${boundNode(r, e.name)}**`);
        return tx(
          `At \`${clock(ev[0])}\`, ${seconds(notReady, ev[0])} s after the node went NotReady, the tolerations ran out and the taint-eviction controller deleted ${ev.length} pod(s) (event **TaintManagerEviction**). They stay **Terminating**: a deleted pod waits for its kubelet to confirm the containers stopped, and that kubelet is down. The ReplicaSet controller counts only pods not being deleted, saw too few and made ${news.join(', ')}. The book (Kubernetes 1.7) showed the old pods as **Unknown**; today they show Terminating — the article's *pod eviction*, with 300 s of patience per pod instead of the old 5-minute eviction timeout for the whole node.`,
          `\`${clock(ev[0])}\` 时，即节点变为 NotReady 之后 ${seconds(notReady, ev[0])} 秒，容忍期到了，taint-eviction 控制器删除了 ${ev.length} 个 Pod（事件 **TaintManagerEviction**）。它们一直停在 **Terminating**：被删除的 Pod 要等它的 kubelet 确认容器已经停止，而那个 kubelet 已经宕机了。ReplicaSet 控制器只统计没有在删除中的 Pod，发现数量不够，于是新建了 ${news.join('、')}。书中（Kubernetes 1.7）旧 Pod 显示为 **Unknown**；如今显示的是 Terminating——这就是文章里说的 *pod eviction*（Pod 驱逐），只是现在每个 Pod 有 300 秒的容忍期，而不是过去整个节点的 5 分钟驱逐超时。`,
        );
      },
    },
    {
      id: 'recover',
      hints: [
        tx(
          'In **Faults** (⚡), press **Recover** next to **Node k8s-node2**, and watch `kubectl get pods -o wide`.',
          '在 **故障**（⚡）中点 **节点 k8s-node2** 旁边的 **恢复**，然后观察 `kubectl get pods -o wide`。',
        ),
      ],
      solution: {
        kind: 'action',
        description: tx(
          'In the dock’s header open **Faults** (⚡) and press **Recover** next to **Node k8s-node2**; then run `kubectl get nodes` and `kubectl get pods -o wide`.',
          '在 dock 标题栏中打开 **故障**（⚡），点 **节点 k8s-node2** 旁边的 **恢复**；然后运行 `kubectl get nodes` 和 `kubectl get pods -o wide`。',
        ),
        solve: (cluster) => cluster.recoverNode(NODE),
      },
      check: (r) => {
        const d = findDeployment(r, NAME);
        if (isResult(d)) return d;
        if (evictions(r).length === 0)
          return missing(
            tx(
              `No pod has been evicted from **${NODE}** yet (previous steps).`,
              `还没有 Pod 被从 **${NODE}** 驱逐（前面的步骤）。`,
            ),
          );
        const node = r.node(NODE);
        if (!node || !isNodeReady(node))
          return missing(
            tx(
              `**${NODE}** is not Ready yet: recover it in **Faults** (⚡).`,
              `**${NODE}** 还不是 Ready：请在 **故障**（⚡）中恢复它。`,
            ),
          );
        const stuck = r.podsOf(d).filter((p) => nodeNameOf(p) === NODE && p.metadata.deletionTimestamp);
        if (stuck.length)
          return missing(
            tx(
              `${stuck.length} evicted pod(s) are still Terminating on **${NODE}**: its kubelet is cleaning up.`,
              `**${NODE}** 上还有 ${stuck.length} 个被驱逐的 Pod 处于 Terminating：它的 kubelet 正在清理。`,
            ),
          );
        return allPodsReady(r, d);
      },
      explain: (r) => {
        const d = r.deployment(NS, NAME);
        return tx(
          `**${NODE}** came back. Its kubelet found its pods deleted in the API server, stopped their containers and confirmed, and the Terminating pods vanished. Nothing moved back: pods per node are ${d ? perNode(livePods(r, d)).en : '?'}. The scheduler places a pod once, when it is created; a recovered node only gets new pods (the next scale-up, a rollout).`,
          `**${NODE}** 恢复了。它的 kubelet 发现自己的 Pod 已在 API Server 中被删除，于是停止这些容器并确认，Terminating 的 Pod 随之消失。没有 Pod 搬回去：现在每个节点上的 Pod 数是 ${d ? perNode(livePods(r, d))['zh-CN'] : '?'}。Scheduler 只在 Pod 创建时调度一次；恢复的节点只会接收新的 Pod（下一次扩容、滚动更新）。`,
        );
      },
    },
  ],
};
