/**
 * Lesson 6, "Labels and nodeSelector" (book ch.5.1.4): label k8s-node1
 * `disktype=ssd`, pin nginx-deployment's 6 pods there with a nodeSelector,
 * remove the label and see nothing move (scheduling happens once), then see a
 * new pod stay Pending because no node matches any more.
 */
import { isPodServing, joinText, labelOf, nodeNameOf, tx } from '../../core/check/index.ts';
import type { ClusterReader, KubeObject, Text } from '../../core/check/index.ts';
import { NS, allPodsReady, deploymentStory, findDeployment, isResult, sinceClientWrite } from '../checks.ts';
import type { CheckResult, Lesson } from '../types.ts';
import { missing, ok } from '../types.ts';

const NAME = 'nginx-deployment';
const NODE = 'k8s-node1';
const TAB = 'nginx.yml';

function nodeSelectorOf(d: KubeObject): Record<string, string> | undefined {
  return (d.spec as { template?: { spec?: { nodeSelector?: Record<string, string> } } }).template?.spec?.nodeSelector;
}

function pinned(d: KubeObject): boolean {
  return nodeSelectorOf(d)?.disktype === 'ssd';
}

function live(r: ClusterReader, d: KubeObject): KubeObject[] {
  return r.podsOf(d).filter((p) => !p.metadata.deletionTimestamp);
}

function perNode(pods: readonly KubeObject[]): Text {
  const counts = new Map<string, number>();
  for (const p of pods) counts.set(nodeNameOf(p) ?? 'Pending', (counts.get(nodeNameOf(p) ?? 'Pending') ?? 0) + 1);
  const parts = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([n, c]) => `**${n}**: ${c}`);
  return tx(parts.join(', '), parts.join('，'));
}

function labelled(r: ClusterReader): boolean {
  const node = r.node(NODE);
  return !!node && labelOf(node, 'disktype') === 'ssd';
}

/** Every live pod of the pinned Deployment runs on k8s-node1 (or the check saying what is left). */
function allOnNode1(r: ClusterReader, d: KubeObject, desired: number): CheckResult {
  const pods = live(r, d).filter((p) => nodeNameOf(p) !== undefined);
  const elsewhere = pods.filter((p) => nodeNameOf(p) !== NODE).length;
  if (elsewhere)
    return missing(
      tx(
        `${elsewhere} pod(s) still run elsewhere: ${perNode(pods).en}. Wait for the rolling update.`,
        `还有 ${elsewhere} 个 Pod 在别的节点上：${perNode(pods)['zh-CN']}。等待滚动更新完成。`,
      ),
    );
  const serving = pods.filter(isPodServing).length;
  if (serving < desired)
    return missing(
      tx(
        `${serving} of ${desired} pods Running and Ready on **${NODE}**.`,
        `**${NODE}** 上有 ${serving}/${desired} 个 Pod Running 且 Ready。`,
      ),
    );
  return ok;
}

export const nodeSelector: Lesson = {
  id: 'node-selector',
  number: 6,
  title: tx('Labels and nodeSelector', 'label 与 nodeSelector'),
  summary: tx(
    'Label k8s-node1 as `disktype=ssd`, pin nginx-deployment to it with a nodeSelector, then remove the label and see what moves — and what cannot be placed.',
    '给 k8s-node1 打上 `disktype=ssd` 的 label，用 nodeSelector 把 nginx-deployment 固定在它上面；再删除这个 label，看什么会移动——以及什么无法被调度。',
  ),
  start: { apply: ['nginx.yml'] },
  steps: [
    {
      id: 'label-node',
      hints: [
        tx('Run `kubectl label node k8s-node1 disktype=ssd`.', '运行 `kubectl label node k8s-node1 disktype=ssd`。'),
        tx(
          '`kubectl get node --show-labels` lists every label of every node.',
          '`kubectl get node --show-labels` 会列出每个节点的所有 label。',
        ),
      ],
      solution: {
        kind: 'kubectl',
        commands: ['kubectl label node k8s-node1 disktype=ssd', 'kubectl get node --show-labels'],
      },
      check: (r) =>
        labelled(r)
          ? ok
          : missing(tx(`**${NODE}** has no label \`disktype=ssd\`.`, `**${NODE}** 上没有 label \`disktype=ssd\`。`)),
      explain: (r) => {
        const node = r.node(NODE);
        const own = Object.keys(node?.metadata.labels ?? {}).filter((k) => k.includes('kubernetes.io'));
        return tx(
          `**${NODE}** now carries \`disktype=ssd\` next to the labels Kubernetes set itself (${own.map((k) => `\`${k}\``).join(', ')}). A label is just a key/value pair any resource can carry; it means what you make it mean. Nothing else happened: no pod looks at node labels after it has been placed.`,
          `**${NODE}** 现在除了 Kubernetes 自己设置的 label（${own.map((k) => `\`${k}\``).join('、')}）之外，又多了 \`disktype=ssd\`。label 就是一个 key-value 对，各种资源都可以设置 label，灵活添加各种自定义属性；它的含义由你来定。此外什么也没发生：Pod 一旦被调度，就不会再去看节点的 label。`,
        );
      },
    },
    {
      id: 'node-selector',
      hints: [
        tx(
          'Add to the pod template’s `spec` (beside `containers`):\n```yaml\n      nodeSelector:\n        disktype: ssd\n```\nand apply.',
          '在 Pod 模板的 `spec` 中（与 `containers` 同级）加上：\n```yaml\n      nodeSelector:\n        disktype: ssd\n```\n然后 apply。',
        ),
        tx(
          '`kubectl get pod -o wide` shows the NODE of each pod.',
          '`kubectl get pod -o wide` 会显示每个 Pod 所在的 NODE。',
        ),
      ],
      solution: { kind: 'manifest', file: 'nginx-ssd.yml', tab: TAB },
      check: (r) => {
        const d = findDeployment(r, NAME);
        if (isResult(d)) return d;
        if (!pinned(d))
          return missing(
            tx(
              'The pod template has no `nodeSelector` with `disktype: ssd`.',
              'Pod 模板中还没有 `disktype: ssd` 的 `nodeSelector`。',
            ),
          );
        if (!labelled(r))
          return missing(
            tx(
              `**${NODE}** lost its label \`disktype=ssd\`: put it back.`,
              `**${NODE}** 上的 label \`disktype=ssd\` 没有了：请加回去。`,
            ),
          );
        const all = allOnNode1(r, d, 6);
        return all.ok ? allPodsReady(r, d) : all;
      },
      explain: (r) => {
        const d = r.deployment(NS, NAME);
        return joinText([
          tx(
            `A nodeSelector is part of the pod template, so changing it is a new template: a rolling update to a new ReplicaSet. For each new pod the scheduler's filter kept only nodes carrying every label of the selector — only **${NODE}** — so all pods now run there: ${d ? perNode(live(r, d)).en : ''}.`,
            `nodeSelector 是 Pod 模板的一部分，修改它就等于换了新模板：一次滚动更新，换成新的 ReplicaSet。调度每个新 Pod 时，Scheduler 的过滤阶段只保留带有 selector 中全部 label 的节点——只有 **${NODE}**——所以现在所有 Pod 都在那里：${d ? perNode(live(r, d))['zh-CN'] : ''}。`,
          ),
          deploymentStory(r, NAME, sinceClientWrite(r, 'Deployment', NAME), 6),
        ]);
      },
    },
    {
      id: 'remove-label',
      hints: [
        tx(
          'A trailing `-` removes a label: `kubectl label node k8s-node1 disktype-`.',
          '在 key 后面加 `-` 就是删除 label：`kubectl label node k8s-node1 disktype-`。',
        ),
        tx('Then `kubectl get pod -o wide` again.', '然后再运行一次 `kubectl get pod -o wide`。'),
      ],
      solution: { kind: 'kubectl', commands: ['kubectl label node k8s-node1 disktype-', 'kubectl get pod -o wide'] },
      check: (r) => {
        const d = findDeployment(r, NAME);
        if (isResult(d)) return d;
        if (!pinned(d))
          return missing(
            tx(
              'Pin the pods with the `nodeSelector` first (previous step).',
              '请先用 `nodeSelector` 固定 Pod（上一步）。',
            ),
          );
        if (labelled(r))
          return missing(tx(`**${NODE}** still has \`disktype=ssd\`.`, `**${NODE}** 上仍有 \`disktype=ssd\`。`));
        return allOnNode1(r, d, 6);
      },
      explain: (r) => {
        const d = r.deployment(NS, NAME);
        return tx(
          `Nothing moved: ${d ? perNode(live(r, d)).en : ''}, all Running. The scheduler checks a nodeSelector once, when it places a pod; after that the pod is bound to its node and no component compares the two again (node affinity says it in its name: *IgnoredDuringExecution*). To move pods you must make new ones — a rollout, or deleting pods.`,
          `什么都没有移动：${d ? perNode(live(r, d))['zh-CN'] : ''}，全都是 Running。Scheduler 只在调度 Pod 的那一刻检查 nodeSelector；之后 Pod 就绑定在那个节点上，再也没有组件去比较两者（node affinity 的名字里就写着：*IgnoredDuringExecution*）。要移动 Pod，就得创建新的 Pod——一次滚动更新，或者删除 Pod。`,
        );
      },
    },
    {
      id: 'pending',
      hints: [
        tx(
          'Ask for one more replica: `kubectl scale deployment nginx-deployment --replicas=7`.',
          '再要一个副本：`kubectl scale deployment nginx-deployment --replicas=7`。',
        ),
        tx(
          '`kubectl describe pod <the Pending one>` ends with the scheduler’s reason.',
          '`kubectl describe pod <Pending 的那个>` 的最后是 Scheduler 给出的原因。',
        ),
      ],
      solution: {
        kind: 'kubectl',
        commands: ['kubectl scale deployment nginx-deployment --replicas=7', 'kubectl get pod -o wide'],
      },
      check: (r) => {
        const d = findDeployment(r, NAME);
        if (isResult(d)) return d;
        if (!pinned(d) || labelled(r))
          return missing(
            tx(
              'Do the steps before first: pin the pods, then remove the label.',
              '请先完成前面的步骤：固定 Pod，然后删除 label。',
            ),
          );
        const pending = live(r, d).filter((p) => !nodeNameOf(p));
        const failed = pending.some((p) =>
          r.eventsFor(p).some((e) => (e as { reason?: string }).reason === 'FailedScheduling'),
        );
        if (failed) return ok;
        return missing(
          tx(
            'No pod is waiting to be scheduled: scale the Deployment up by one.',
            '还没有等待调度的 Pod：把 Deployment 扩容一个副本。',
          ),
        );
      },
      explain: (r) => {
        const d = r.deployment(NS, NAME);
        const pod = d ? live(r, d).find((p) => !nodeNameOf(p)) : undefined;
        const ev = pod
          ? (r.eventsFor(pod) as { reason?: string; message?: string }[]).findLast(
              (e) => e.reason === 'FailedScheduling',
            )
          : undefined;
        return tx(
          `The six pods keep running on **${NODE}**, but the new pod \`${pod?.metadata.name ?? ''}\` is **Pending**. The scheduler said why (event FailedScheduling): "${ev?.message ?? ''}". Put the label back (\`kubectl label node k8s-node1 disktype=ssd\`) and it is scheduled within seconds: the scheduler retries unschedulable pods when nodes change.`,
          `六个 Pod 仍在 **${NODE}** 上运行，但新的 Pod \`${pod?.metadata.name ?? ''}\` 处于 **Pending**。Scheduler 说明了原因（事件 FailedScheduling）："${ev?.message ?? ''}"。把 label 加回去（\`kubectl label node k8s-node1 disktype=ssd\`），它几秒之内就会被调度：节点发生变化时，Scheduler 会重试无法调度的 Pod。`,
        );
      },
    },
  ],
};
