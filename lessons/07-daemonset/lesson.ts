/**
 * Lesson 7, "DaemonSet" (book ch.5.2, its node-exporter example without the
 * exporter's command, which the lab's image catalogue does not know): one pod
 * per node; the control-plane taint keeps k8s-master out until the template
 * tolerates it; a node that joins (Faults → Add a node) gets its pod; a
 * nodeSelector narrows the set, and labelling a node brings one more pod.
 */
import { isPodServing, isSystemComponent, joinText, labelOf, nodeNameOf, tx } from '../../core/check/index.ts';
import type { ClusterReader, KubeObject, Text, TraceEntry } from '../../core/check/index.ts';
import { NS, found, isResult, sinceClientWrite, tellTrace } from '../checks.ts';
import type { CheckResult, Lesson } from '../types.ts';
import { missing, ok } from '../types.ts';

const NAME = 'node-exporter-daemonset';
const MASTER = 'k8s-master';
const TAINT = 'node-role.kubernetes.io/control-plane';
const LABELLED = 'k8s-node1';

interface PodTemplateSpec {
  nodeSelector?: Record<string, string>;
  tolerations?: { key?: string; operator?: string; effect?: string }[];
}
const templateOf = (ds: KubeObject) =>
  ((ds.spec as { template?: { spec?: PodTemplateSpec } } | undefined)?.template?.spec ?? {}) as PodTemplateSpec;

function findDaemonSet(r: ClusterReader): KubeObject | CheckResult {
  return found(r.daemonSet(NS, NAME), 'DaemonSet', NAME);
}

function toleratesControlPlane(ds: KubeObject): boolean {
  return (templateOf(ds).tolerations ?? []).some(
    (t) =>
      (t.key === TAINT || (t.key === undefined && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoSchedule'),
  );
}

/** Nodes holding a Running and Ready pod of the DaemonSet, and nodes with more than one pod. */
function servedNodes(r: ClusterReader, ds: KubeObject): { served: string[]; crowded: string[] } {
  const count = new Map<string, number>();
  const served = new Set<string>();
  for (const p of r.podsOf(ds)) {
    if (p.metadata.deletionTimestamp) continue;
    const node = nodeNameOf(p) ?? '';
    count.set(node, (count.get(node) ?? 0) + 1);
    if (isPodServing(p)) served.add(node);
  }
  return { served: [...served].sort(), crowded: [...count].filter(([, n]) => n > 1).map(([node]) => node) };
}

/** Exactly these nodes run one Ready pod each, and no other node runs one. */
function exactlyOn(r: ClusterReader, ds: KubeObject, want: string[]): CheckResult {
  const { served, crowded } = servedNodes(r, ds);
  const pods = r.podsOf(ds).filter((p) => !p.metadata.deletionTimestamp);
  const stray = pods.filter((p) => !want.includes(nodeNameOf(p) ?? '')).map((p) => nodeNameOf(p) ?? '<none>');
  const lacking = want.filter((n) => !served.includes(n));
  if (!lacking.length && !stray.length && !crowded.length) return ok;
  const list = (ns: string[], sep: string) => ns.map((n) => `**${n}**`).join(sep);
  if (lacking.length)
    return missing(
      tx(
        `Waiting for a Running and Ready pod on ${list(lacking, ', ')}.`,
        `正在等待 ${list(lacking, '、')} 上的 Pod Running 且 Ready。`,
      ),
    );
  const extra = [...new Set([...stray, ...crowded])];
  return missing(
    tx(`Waiting for the pods on ${list(extra, ', ')} to go.`, `正在等待 ${list(extra, '、')} 上的 Pod 退出。`),
  );
}

/** Nodes labelled `disktype=ssd`. */
function ssdNodes(r: ClusterReader): string[] {
  return r
    .nodes()
    .filter((n) => labelOf(n, 'disktype') === 'ssd')
    .map((n) => n.metadata.name ?? '');
}

function workerNames(r: ClusterReader): string[] {
  return r.nodeNames().filter((n) => n !== MASTER);
}

/** A DaemonSet-controller or kubelet line of the trace, as a sentence. */
function dsPhrase(e: TraceEntry): Text | undefined {
  if (e.component === 'daemonset-controller' && e.kind === 'Pod') {
    const created = /node (\S+) should run a pod/.exec(e.reason)?.[1];
    if (e.verb === 'create' && created)
      return tx(
        `The DaemonSet controller saw that **${created}** should run a pod and had none: it created \`${e.name}\` with a node affinity for ${created} alone (kube-scheduler binds it there).`,
        `DaemonSet 控制器发现 **${created}** 应当运行一个 Pod 却还没有，于是创建了 \`${e.name}\`，它的节点亲和性只指向 ${created}（随后由 kube-scheduler 绑定到那里）。`,
      );
    const gone = /on (\S+) must go/.exec(e.reason)?.[1];
    if (gone)
      return tx(
        `The DaemonSet controller deleted \`${e.name}\`: **${gone}** no longer qualifies (or its pod template changed).`,
        `DaemonSet 控制器删除了 \`${e.name}\`：**${gone}** 不再符合条件（或者 Pod 模板变了）。`,
      );
    return undefined;
  }
  if (e.component.startsWith('kubelet/') && e.kind === 'Pod' && /: Running, .* ready$/.test(e.reason)) {
    const node = e.component.slice('kubelet/'.length);
    return tx(`The kubelet on **${node}** started \`${e.name}\`.`, `**${node}** 上的 kubelet 启动了 \`${e.name}\`。`);
  }
  return undefined;
}

function dsStory(r: ClusterReader, sinceSeq: number, maxLines: number): Text {
  const ours = r.trace({ namespace: NS, kind: 'Pod', sinceSeq }).filter((e) => e.name.startsWith(`${NAME}-`));
  return tellTrace(ours, dsPhrase, maxLines);
}

const sinceDaemonSetChange = (r: ClusterReader) => sinceClientWrite(r, 'DaemonSet', NAME);

/** Entries since the newest Node was registered (a machine joined). */
function sinceNodeJoined(r: ClusterReader): number {
  const w = r.trace({ kind: 'Node' }).findLast((e) => e.verb === 'create');
  return w ? w.seq - 1 : 0;
}

/** Entries since the learner last changed a node (its labels). Nodes have no namespace: read the whole trace. */
function sinceNodeLabel(r: ClusterReader): number {
  const w = r.trace({ kind: 'Node' }).findLast((e) => !isSystemComponent(e.component) && e.verb !== 'status');
  return w ? w.seq - 1 : 0;
}

function masterTaints(r: ClusterReader): string {
  const taints = (
    (r.node(MASTER)?.spec as { taints?: { key: string; value?: string; effect: string }[] } | undefined)?.taints ?? []
  ).map((t) => `\`${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}\``);
  return taints.join(', ') || `\`${TAINT}:NoSchedule\``;
}

export const daemonSet: Lesson = {
  id: 'daemonset',
  number: 7,
  title: tx('DaemonSet', 'DaemonSet'),
  summary: tx(
    'One pod per node: see the control-plane taint keep k8s-master out until the DaemonSet tolerates it, and a node that joins or starts to qualify get its pod at once.',
    '每个节点一个 Pod：看控制平面的污点如何把 k8s-master 挡在外面，直到 DaemonSet 容忍它；以及新加入或刚变得符合条件的节点，立刻得到自己的 Pod。',
  ),
  start: {},
  steps: [
    {
      id: 'one-per-node',
      hints: [
        tx(
          'Apply `node-exporter.yaml` (**Show solution**, then **Apply**), then `kubectl get daemonset` and `kubectl get pods -o wide`.',
          'apply `node-exporter.yaml`（先点 **查看答案**，再点 **Apply**），然后执行 `kubectl get daemonset` 和 `kubectl get pods -o wide`。',
        ),
        tx(
          'A DaemonSet has no `replicas`: the number of pods follows the number of nodes that qualify.',
          'DaemonSet 没有 `replicas`：Pod 的数量取决于符合条件的节点数量。',
        ),
      ],
      solution: { kind: 'manifest', file: 'node-exporter.yaml', tab: 'node-exporter.yaml' },
      check: (r) => {
        const ds = findDaemonSet(r);
        return isResult(ds) ? ds : exactlyOn(r, ds, toleratesControlPlane(ds) ? r.nodeNames() : workerNames(r));
      },
      explain: (r) =>
        joinText([
          dsStory(r, sinceDaemonSetChange(r), 6),
          tx(
            `\nOne pod per node, and the DaemonSet controller itself picked the nodes. But only ${workerNames(r).length} pods for ${r.nodeNames().length} nodes: **${MASTER}** carries the taint ${masterTaints(r)}, and the pod template has no toleration for it, so the controller leaves it out — as the scheduler would.`,
            `\n每个节点一个 Pod，节点由 DaemonSet 控制器自己挑选。但 ${r.nodeNames().length} 个节点只有 ${workerNames(r).length} 个 Pod：**${MASTER}** 带有污点 ${masterTaints(r)}，而 Pod 模板中没有容忍它的 toleration，所以控制器跳过了它——和调度器的做法一样。`,
          ),
        ]),
    },
    {
      id: 'tolerate',
      hints: [
        tx(
          `Add to the pod template's \`spec\` a toleration for \`${TAINT}\` with \`operator: Exists\` and \`effect: NoSchedule\`, and apply.`,
          `在 Pod 模板的 \`spec\` 中加上对 \`${TAINT}\` 的 toleration（\`operator: Exists\`、\`effect: NoSchedule\`），然后 apply。`,
        ),
        tx(
          '`kubectl describe node k8s-master` shows its `Taints:` line.',
          '`kubectl describe node k8s-master` 可以看到它的 `Taints:` 一行。',
        ),
      ],
      solution: { kind: 'manifest', file: 'node-exporter-tolerate.yaml', tab: 'node-exporter.yaml' },
      check: (r) => {
        const ds = findDaemonSet(r);
        if (isResult(ds)) return ds;
        if (!toleratesControlPlane(ds))
          return missing(
            tx(
              `The pod template does not tolerate \`${TAINT}:NoSchedule\` yet.`,
              `Pod 模板还没有容忍 \`${TAINT}:NoSchedule\`。`,
            ),
          );
        return exactlyOn(r, ds, r.nodeNames());
      },
      explain: (r) =>
        joinText([
          dsStory(r, sinceDaemonSetChange(r), 8),
          tx(
            `\nWith the toleration, **${MASTER}** qualifies, and got its pod. Changing the template also made a new revision, so the controller replaced the pods on the other nodes (\`updateStrategy: RollingUpdate\`). This is how clusters run their own agents on every machine, control plane included: kube-proxy and the flannel network in the book's cluster are DaemonSets in \`kube-system\`.`,
            `\n有了这个 toleration，**${MASTER}** 也符合条件了，于是得到了自己的 Pod。修改模板还产生了一个新的 revision，所以控制器替换了其他节点上的 Pod（\`updateStrategy: RollingUpdate\`）。集群就是这样在包括控制平面在内的每台机器上运行自己的代理程序的：书中集群里的 kube-proxy 和 flannel 网络都是 \`kube-system\` 中的 DaemonSet。`,
          ),
        ]),
    },
    {
      id: 'node-joins',
      hints: [
        tx(
          'Open **Faults** (⚡) in the dock’s header and press **Add a node**.',
          '在 dock 标题栏中打开 **故障**（⚡），点 **添加节点**。',
        ),
        tx(
          'Then `kubectl get nodes` and `kubectl get pods -o wide`: the new node has a pod, and nobody edited the DaemonSet.',
          '然后执行 `kubectl get nodes` 和 `kubectl get pods -o wide`：新节点上有了 Pod，而没有人修改过 DaemonSet。',
        ),
      ],
      solution: {
        kind: 'action',
        description: tx(
          'In the dock’s header, open **Faults** (⚡) and press **Add a node**.',
          '在 dock 标题栏中打开 **故障**（⚡），点 **添加节点**。',
        ),
        solve: (cluster) => {
          cluster.addWorker();
        },
      },
      check: (r) => {
        const ds = findDaemonSet(r);
        if (isResult(ds)) return ds;
        const nodes = r.nodeNames();
        if (nodes.length <= 3)
          return missing(
            tx(
              `The cluster still has ${nodes.length} nodes: add one with **Faults → Add a node**.`,
              `集群仍然只有 ${nodes.length} 个节点：用 **故障 → 添加节点** 添加一个。`,
            ),
          );
        return exactlyOn(r, ds, toleratesControlPlane(ds) ? nodes : workerNames(r));
      },
      explain: (r) =>
        joinText([
          dsStory(r, sinceNodeJoined(r), 4),
          tx(
            '\nNobody touched the DaemonSet. The new machine’s kubelet registered its Node; the DaemonSet controller watches nodes as well as its pods, saw a node that qualifies and has no pod, and made one. That is how every node of a real cluster gets its kube-proxy and network agent the moment it joins.',
            '\n没有人动过 DaemonSet。新机器上的 kubelet 注册了它的 Node；DaemonSet 控制器既监视自己的 Pod，也监视节点，它发现一个符合条件却没有 Pod 的节点，于是创建了一个。真实集群中的每个节点，正是这样在加入的那一刻就得到自己的 kube-proxy 和网络代理的。',
          ),
        ]),
    },
    {
      id: 'node-selector',
      hints: [
        tx(
          "Add `nodeSelector: {disktype: ssd}` to the pod template's `spec` and apply: pods run only on nodes with that label.",
          '在 Pod 模板的 `spec` 中加上 `nodeSelector: {disktype: ssd}` 后 apply：Pod 只会运行在带有这个 label 的节点上。',
        ),
        tx(
          '`kubectl get nodes --show-labels` shows which nodes have it (none, so far).',
          '`kubectl get nodes --show-labels` 可以看到哪些节点有这个 label（目前还没有）。',
        ),
      ],
      solution: { kind: 'manifest', file: 'node-exporter-ssd.yaml', tab: 'node-exporter.yaml' },
      check: (r) => {
        const ds = findDaemonSet(r);
        if (isResult(ds)) return ds;
        if (templateOf(ds).nodeSelector?.disktype !== 'ssd')
          return missing(
            tx(
              'The pod template has no `nodeSelector` with `disktype: ssd` yet.',
              'Pod 模板中还没有 `disktype: ssd` 的 `nodeSelector`。',
            ),
          );
        return exactlyOn(r, ds, ssdNodes(r));
      },
      explain: (r) => {
        const ssd = ssdNodes(r);
        return joinText([
          dsStory(r, sinceDaemonSetChange(r), 6),
          tx(
            `\n${ssd.length ? `Only ${ssd.map((n) => `**${n}**`).join(', ')} has \`disktype=ssd\`; every other node lost its pod.` : 'No node has `disktype=ssd`, so no node qualifies: DESIRED is 0, and every pod went.'} A DaemonSet means *one pod on every node that qualifies*, and the nodeSelector is part of qualifying.`,
            `\n${ssd.length ? `只有 ${ssd.map((n) => `**${n}**`).join('、')} 带有 \`disktype=ssd\`，其他节点上的 Pod 都被删除了。` : '没有节点带有 `disktype=ssd`，所以没有节点符合条件：DESIRED 为 0，所有 Pod 都被删除了。'}DaemonSet 的含义是 *每个符合条件的节点上运行一个 Pod*，而 nodeSelector 也是条件的一部分。`,
          ),
        ]);
      },
    },
    {
      id: 'label-node',
      hints: [
        tx(`\`kubectl label node ${LABELLED} disktype=ssd\``, `执行 \`kubectl label node ${LABELLED} disktype=ssd\`。`),
        tx(
          'Then `kubectl get pods -o wide`: no apply, no scale — the DaemonSet reacts to the node.',
          '然后执行 `kubectl get pods -o wide`：不用 apply，也不用 scale——DaemonSet 会对节点的变化做出反应。',
        ),
      ],
      solution: { kind: 'kubectl', commands: [`kubectl label node ${LABELLED} disktype=ssd`] },
      check: (r) => {
        const ds = findDaemonSet(r);
        if (isResult(ds)) return ds;
        if (templateOf(ds).nodeSelector?.disktype !== 'ssd')
          return missing(
            tx(
              'The pod template should keep its `nodeSelector` `disktype: ssd`.',
              'Pod 模板应当保留 `disktype: ssd` 的 `nodeSelector`。',
            ),
          );
        const ssd = ssdNodes(r);
        if (!ssd.length)
          return missing(
            tx(
              `No node has the label \`disktype=ssd\`: \`kubectl label node ${LABELLED} disktype=ssd\`.`,
              `还没有节点带有 \`disktype=ssd\` 这个 label：执行 \`kubectl label node ${LABELLED} disktype=ssd\`。`,
            ),
          );
        return exactlyOn(r, ds, ssd);
      },
      explain: (r) =>
        joinText([
          dsStory(r, sinceNodeLabel(r), 4),
          tx(
            '\nNobody touched the DaemonSet: the controller watches nodes too, and as soon as one qualified it got a pod — exactly as when the new machine joined: a node it had not counted now matches, so it runs one more pod. Remove the label (`kubectl label node k8s-node1 disktype-`) and that pod goes.',
            '\n没有人动过 DaemonSet：控制器同时也在监视节点，一旦某个节点符合条件，它就得到一个 Pod——和新机器加入时一模一样：一个之前不算在内的节点现在符合条件了，于是多运行一个 Pod。删除这个 label（`kubectl label node k8s-node1 disktype-`），那个 Pod 就会被删除。',
          ),
        ]),
    },
  ],
};
