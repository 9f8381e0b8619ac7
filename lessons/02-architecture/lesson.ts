/**
 * Lesson 2, "The architecture" (book ch.2 and ch.4; seed 002): follow one
 * apply through kube-apiserver, etcd, the controller manager, the scheduler
 * and the kubelets; stop the scheduler and see new pods stay Pending; start
 * it again and see them placed.
 */
import { isUnscheduled, joinText, tx } from '../../core/check/index.ts';
import type { ClusterReader, Text } from '../../core/check/index.ts';
import { NS, allPodsReady, deploymentStory, findDeployment, isResult, sinceClientWrite } from '../checks.ts';
import type { Lesson } from '../types.ts';
import { missing, ok } from '../types.ts';

const NAME = 'nginx-deployment';

const schedulerRunning = missing(
  tx(
    'kube-scheduler is running. Stop it in the dock: **Faults → Scheduler → Stop**.',
    'kube-scheduler 还在运行。在 dock 中停止它：**故障 → 调度器 → 停止**。',
  ),
);

/** Trace entries since the learner last changed the Deployment (the scale of step 3). */
function sinceLastChange(r: ClusterReader): number {
  return sinceClientWrite(r, 'Deployment', NAME);
}

function pendingPods(r: ClusterReader): string[] {
  const d = r.deployment(NS, NAME);
  return d
    ? r
        .podsOf(d)
        .filter(isUnscheduled)
        .map((p) => p.metadata.name ?? '')
    : [];
}

function pendingExplanation(r: ClusterReader): Text {
  const names = pendingPods(r).map((n) => `\`${n}\``);
  return joinText([
    tx(
      'The API server stored the change and the controllers did their part — but nobody placed the new pods:',
      'API Server 保存了这次修改，控制器也完成了各自的工作——但没有谁来安置新的 Pod：',
    ),
    deploymentStory(r, NAME, sinceLastChange(r), 8),
    tx(
      `\nStill Pending, with no node: ${names.join(', ')}. Without kube-scheduler, \`spec.nodeName\` stays empty, so no kubelet considers these pods its own.`,
      `\n仍处于 Pending、没有节点的 Pod：${names.join('、')}。没有 kube-scheduler，\`spec.nodeName\` 就一直为空，也就没有哪个 kubelet 会认领这些 Pod。`,
    ),
  ]);
}

export const architecture: Lesson = {
  id: 'architecture',
  number: 2,
  title: tx('The architecture', 'Kubernetes 架构'),
  summary: tx(
    'Follow one apply through kube-apiserver, etcd, the controller manager, the scheduler and the kubelets — then stop the scheduler and see what no longer happens.',
    '跟随一次 apply 走过 kube-apiserver、etcd、controller manager、scheduler 和 kubelet，再停掉 scheduler，看看哪些事情不再发生。',
  ),
  start: {},
  steps: [
    {
      id: 'follow-apply',
      hints: [
        tx(
          'Apply `nginx-deployment` from the editor (**Show solution**, then **Apply**), and keep an eye on the **Events** tab of the dock.',
          '在编辑器中 apply `nginx-deployment`（先点 **查看答案**，再点 **Apply**），同时留意 dock 的 **事件** 标签页。',
        ),
        tx(
          'The step passes when both pods are Running and Ready. If the clock is paused, press ▶ or step it.',
          '两个 Pod 都 Running 且 Ready 时这一步就通过了。如果时钟暂停了，请点 ▶ 或单步前进。',
        ),
      ],
      solution: { kind: 'manifest', file: 'nginx-deployment.yaml' },
      check: (r) => {
        const d = findDeployment(r, NAME);
        return isResult(d) ? d : allPodsReady(r, d);
      },
      explain: (r) =>
        joinText([
          tx(
            'Here is that apply, component by component, from the lab’s trace:',
            '下面是实验室记录的这次 apply，一个组件接一个组件：',
          ),
          deploymentStory(r, NAME, 0, 14),
        ]),
    },
    {
      id: 'stop-scheduler',
      hints: [
        tx(
          'The dock at the bottom has a **Faults** menu (⚡) in its header, listing the control-plane components and the nodes.',
          '底部 dock 的标题栏里有一个 **故障** 菜单（⚡），列出了控制平面组件和各个节点。',
        ),
      ],
      solution: {
        kind: 'action',
        description: tx(
          'In the dock’s header, open **Faults** (⚡) and press **Stop** next to **Scheduler**.',
          '在 dock 标题栏中打开 **故障**（⚡），点 **调度器** 旁边的 **停止**。',
        ),
        solve: (cluster) => cluster.stop('scheduler'),
      },
      check: (r) => (r.componentRunning('scheduler') ? schedulerRunning : ok),
    },
    {
      id: 'scale-pending',
      hints: [
        tx(
          'Ask for more replicas: `kubectl scale deployment nginx-deployment --replicas=4`, or change `replicas` in the editor and apply.',
          '要求更多副本：`kubectl scale deployment nginx-deployment --replicas=4`，或者在编辑器里修改 `replicas` 再 apply。',
        ),
        tx(
          '`kubectl get pods -o wide` shows the new pods with `NODE <none>`; `kubectl describe pod` on one of them shows no `Scheduled` event.',
          '`kubectl get pods -o wide` 中新 Pod 的 `NODE` 列是 `<none>`；对其中一个执行 `kubectl describe pod`，看不到 `Scheduled` 事件。',
        ),
      ],
      solution: {
        kind: 'kubectl',
        commands: ['kubectl scale deployment nginx-deployment --replicas=4', 'kubectl get pods -o wide'],
      },
      check: (r) => {
        if (r.componentRunning('scheduler')) return schedulerRunning;
        const d = findDeployment(r, NAME);
        if (isResult(d)) return d;
        if (pendingPods(r).length === 0)
          return missing(
            tx(
              'Every pod of `nginx-deployment` is on a node. Scale it up so that new pods are created.',
              '`nginx-deployment` 的 Pod 都已经在节点上了。把它扩容，让集群创建新的 Pod。',
            ),
          );
        return ok;
      },
      explain: pendingExplanation,
    },
    {
      id: 'start-scheduler',
      hints: [
        tx('Back to the **Faults** menu (⚡) in the dock.', '回到 dock 中的 **故障** 菜单（⚡）。'),
        tx(
          'After starting it, the Pending pods get a node within a second, then the kubelets start them.',
          '启动之后，Pending 的 Pod 一秒之内就会分到节点，接着由 kubelet 启动它们。',
        ),
      ],
      solution: {
        kind: 'action',
        description: tx(
          'In the dock’s header, open **Faults** (⚡) and press **Start** next to **Scheduler**.',
          '在 dock 标题栏中打开 **故障**（⚡），点 **调度器** 旁边的 **启动**。',
        ),
        solve: (cluster) => cluster.start('scheduler'),
      },
      check: (r) => {
        if (!r.componentRunning('scheduler'))
          return missing(tx('kube-scheduler is still stopped.', 'kube-scheduler 仍处于停止状态。'));
        const d = findDeployment(r, NAME);
        return isResult(d) ? d : allPodsReady(r, d);
      },
      explain: (r) => {
        const since = sinceLastChange(r);
        const placed = r
          .trace({ namespace: NS, kind: 'Pod', sinceSeq: since })
          .filter((e) => e.component === 'default-scheduler' || e.component.startsWith('kubelet/'));
        return joinText([
          tx(
            'kube-scheduler came back, found the Pending pods in its queue, and placed them; the kubelets took it from there:',
            'kube-scheduler 恢复后，在队列里找到了 Pending 的 Pod 并为它们选定节点，之后由 kubelet 接手：',
          ),
          deploymentStory(r, NAME, placed[0] ? placed[0].seq - 1 : since, 8),
        ]);
      },
    },
  ],
};
