/**
 * Lesson 1, "Run your first app" (book ch.1; seed 004's nginx-deployment.yaml):
 * apply a Deployment, find the ReplicaSet and pods it makes, describe a pod,
 * delete one and see it replaced.
 */
import { isSystemComponent, joinText, tx } from '../../core/check/index.ts';
import type { TraceEntry } from '../../core/check/index.ts';
import { NS, allPodsReady, deploymentStory, findDeployment, isDeletion, isResult, lastClientWrite } from '../checks.ts';
import type { Lesson } from '../types.ts';
import { missing, ok } from '../types.ts';

const NAME = 'nginx-deployment';
const podOfNginx = (e: TraceEntry) => e.kind === 'Pod' && e.name.startsWith(`${NAME}-`);

export const firstApp: Lesson = {
  id: 'first-app',
  number: 1,
  title: tx('Run your first app', '先把应用跑起来'),
  summary: tx(
    'Apply nginx-deployment and watch Kubernetes turn one Deployment into a ReplicaSet and two running pods.',
    '部署 nginx-deployment，看 Kubernetes 如何把一个 Deployment 变成一个 ReplicaSet 和两个运行中的 Pod。',
  ),
  start: {},
  steps: [
    {
      id: 'apply',
      hints: [
        tx(
          'A Deployment is created by applying a manifest. **Apply** in the editor (Ctrl/Cmd+Enter) sends the YAML to the API server, as `kubectl apply -f` does.',
          'Deployment 通过应用（apply）一份清单来创建。编辑器里的 **Apply**（Ctrl/Cmd+Enter）会把 YAML 发给 API Server，和 `kubectl apply -f` 的作用一样。',
        ),
        tx(
          'The manifest needs `kind: Deployment`, `metadata.name: nginx-deployment`, `replicas: 2` and a pod template running the `nginx:1.7.9` image. **Show solution** loads it into the editor.',
          '清单里需要 `kind: Deployment`、`metadata.name: nginx-deployment`、`replicas: 2`，以及一个运行 `nginx:1.7.9` 镜像的 Pod 模板。点 **查看答案** 可以把它载入编辑器。',
        ),
      ],
      solution: { kind: 'manifest', file: 'nginx-deployment.yaml' },
      check: (r) => {
        const d = findDeployment(r, NAME);
        return isResult(d) ? d : ok;
      },
      explain: (r) =>
        joinText([
          tx(
            'The API server accepted the Deployment. Everything that follows is other components reacting to it:',
            'API Server 接受了这个 Deployment。接下来发生的一切，都是其他组件对它做出的反应：',
          ),
          deploymentStory(r, NAME, 0, 3),
        ]),
    },
    {
      id: 'pods-running',
      hints: [
        tx(
          'Pods need a few seconds: the image is pulled, then the container starts. If the clock in the dock is paused, press ▶.',
          'Pod 需要几秒钟：先拉取镜像，再启动容器。如果 dock 里的时钟处于暂停状态，请点 ▶。',
        ),
        tx(
          'In the terminal: `kubectl get deployments`, `kubectl get replicasets`, `kubectl get pods -o wide`. Compare the names.',
          '在终端里运行 `kubectl get deployments`、`kubectl get replicasets`、`kubectl get pods -o wide`，对比一下它们的名字。',
        ),
      ],
      solution: {
        kind: 'kubectl',
        commands: ['kubectl get deployments', 'kubectl get replicasets', 'kubectl get pods -o wide'],
      },
      check: (r) => {
        const d = findDeployment(r, NAME);
        if (isResult(d)) return d;
        if (r.replicaSetsOf(d).length === 0)
          return missing(
            tx(
              'No ReplicaSet yet: the Deployment controller has not acted on the Deployment.',
              '还没有 ReplicaSet：Deployment 控制器尚未处理这个 Deployment。',
            ),
          );
        return allPodsReady(r, d);
      },
      explain: (r) =>
        joinText([
          tx(
            'One write of yours, and each component did its small part, reading and writing only through the API server:',
            '你只写了一次，之后每个组件各司其职，而且都只通过 API Server 读写：',
          ),
          deploymentStory(r, NAME, 0, 14),
        ]),
    },
    {
      id: 'replace-pod',
      hints: [
        tx(
          '`kubectl describe pod <name>` ends with the pod’s **Events**: Scheduled, Pulling, Pulled, Created, Started. Tab completes pod names.',
          '`kubectl describe pod <名字>` 的最后是这个 Pod 的 **Events**：Scheduled、Pulling、Pulled、Created、Started。按 Tab 可以补全 Pod 名字。',
        ),
        tx(
          'Delete one pod: `kubectl delete pod <name>`, or select it in the graph and delete it there. Then list the pods again.',
          '删除一个 Pod：`kubectl delete pod <名字>`，或者在拓扑图中选中它再删除。然后再列一次 Pod。',
        ),
      ],
      solution: {
        kind: 'kubectl',
        commands: ['kubectl describe pods -l app=nginx', 'kubectl delete pod -l app=nginx', 'kubectl get pods'],
      },
      check: (r) => {
        const d = findDeployment(r, NAME);
        if (isResult(d)) return d;
        const deleted = lastClientWrite(r, (e) => podOfNginx(e) && isDeletion(e));
        if (!deleted)
          return missing(tx(`No pod of \`${NAME}\` has been deleted yet.`, `\`${NAME}\` 的 Pod 还没有被删除过。`));
        const replaced = r
          .trace({ namespace: NS, kind: 'Pod', sinceSeq: deleted.seq })
          .some((e) => e.component === 'replicaset-controller' && e.verb === 'create' && podOfNginx(e));
        if (!replaced) return missing(tx('Waiting for a replacement pod…', '正在等待替代的 Pod……'));
        return allPodsReady(r, d);
      },
      explain: (r) => {
        // Start the story at the first deletion of the learner's last burst (`delete pod -l` deletes several at once).
        const last = lastClientWrite(r, (e) => podOfNginx(e) && isDeletion(e));
        const from = r
          .trace({ namespace: NS, kind: 'Pod' })
          .find((e) => e.time === last?.time && !isSystemComponent(e.component) && isDeletion(e) && podOfNginx(e));
        return joinText([
          tx(
            'You deleted a pod, not the Deployment. The desired state still said 2 replicas, so the controllers made the cluster match it again:',
            '你删除的是 Pod，而不是 Deployment。期望状态仍然是 2 个副本，于是控制器让集群重新与之一致：',
          ),
          deploymentStory(r, NAME, from ? from.seq - 1 : 0, 10),
        ]);
      },
    },
  ],
};
