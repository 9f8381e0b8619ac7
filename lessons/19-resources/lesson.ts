/**
 * Lesson 19, "Resources, quotas and limits" (seed 000's article on cluster
 * resources): requests counted against a node's allocatable; a pod too big
 * for any node and the scheduler's "Insufficient cpu"; a LimitRange filling in
 * a container's defaults at admission; a ResourceQuota and the ReplicaSet's
 * "exceeded quota" error.
 */
import { allocatableOf, isUnscheduled, joinText, podRequests, tx } from '../../core/check/index.ts';
import type { ClusterReader, KubeObject, Text } from '../../core/check/index.ts';
import { milliValue } from '../../core/scheduler/quantity.ts';
import { NS, allPodsReady, findDeployment, isResult } from '../checks.ts';
import type { Lesson } from '../types.ts';
import { missing, ok } from '../types.ts';

const DEPLOY = 'nginx-deployment';
const BIG = 'big';
const DEMO = 'defaults-demo';
const LIMITS = 'limits';
const QUOTA = 'compute-quota';
const WORKERS = ['k8s-node1', 'k8s-node2'];

const cpu = (m: number) => (m % 1000 === 0 ? `${m / 1000}` : `${m}m`);
const mem = (b: number) => `${Math.round(b / 2 ** 20)}Mi`;

interface Condition {
  type: string;
  status: string;
  message?: string;
}
const conditionOf = (obj: KubeObject, type: string) =>
  ((obj.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).find((c) => c.type === type);

/** CPU and memory requested on a node by the pods bound to it that still hold their resources. */
function requestedOn(r: ClusterReader, node: string) {
  const pods = r
    .podsOnNode(node)
    .filter((p) => !['Succeeded', 'Failed'].includes((p.status as { phase?: string } | undefined)?.phase ?? ''));
  return pods
    .map(podRequests)
    .reduce((a, b) => ({ cpuMilli: a.cpuMilli + b.cpuMilli, memoryBytes: a.memoryBytes + b.memoryBytes }), {
      cpuMilli: 0,
      memoryBytes: 0,
    });
}

/** "k8s-node1: 500m of 2 CPU requested (25%), 128Mi of 3921Mi memory" per worker node. */
function nodeLines(r: ClusterReader): Text[] {
  return WORKERS.flatMap((name) => {
    const node = r.node(name);
    if (!node) return [];
    const alloc = allocatableOf(node);
    const used = requestedOn(r, name);
    const pct = alloc.cpuMilli ? Math.round((used.cpuMilli / alloc.cpuMilli) * 100) : 0;
    return [
      tx(
        `- **${name}**: ${cpu(used.cpuMilli)} of ${cpu(alloc.cpuMilli)} CPU requested (${pct}%), ${mem(used.memoryBytes)} of ${mem(alloc.memoryBytes)} memory; ${cpu(alloc.cpuMilli - used.cpuMilli)} CPU left.`,
        `- **${name}**：已请求 ${cpu(used.cpuMilli)} / ${cpu(alloc.cpuMilli)} CPU（${pct}%），内存 ${mem(used.memoryBytes)} / ${mem(alloc.memoryBytes)}；剩余 ${cpu(alloc.cpuMilli - used.cpuMilli)} CPU。`,
      ),
    ];
  });
}

function containerResources(pod: KubeObject): { requests?: Record<string, string>; limits?: Record<string, string> } {
  return (
    (
      pod.spec as {
        containers?: { resources?: { requests?: Record<string, string>; limits?: Record<string, string> } }[];
      }
    ).containers?.[0]?.resources ?? {}
  );
}

/** The Warning events of the Deployment's ReplicaSets that say a quota was exceeded, oldest first. */
function quotaFailures(r: ClusterReader, d: KubeObject): KubeObject[] {
  return r
    .replicaSetsOf(d)
    .flatMap((rs) => r.eventsFor(rs))
    .filter((e) => {
      const ev = e as { reason?: string; message?: string };
      return ev.reason === 'FailedCreate' && /exceeded quota/.test(ev.message ?? '');
    });
}

const quotaOf = (r: ClusterReader) => r.resourceQuotas(NS).find((q) => q.metadata.name === QUOTA);

export const resources: Lesson = {
  id: 'resources',
  number: 19,
  title: tx('Resources, quotas and limits', '资源、配额与限制'),
  summary: tx(
    'Requests against a node’s allocatable, a pod that fits nowhere and why, a LimitRange that fills in defaults, and a ResourceQuota that says no.',
    '资源请求与节点的可分配资源、一个哪里都放不下的 Pod 及其原因、自动填入默认值的 LimitRange，以及会拒绝请求的 ResourceQuota。',
  ),
  start: {},
  steps: [
    {
      id: 'requests',
      hints: [
        tx(
          'Apply `nginx-deployment.yaml`: each nginx container requests `cpu: 500m` and `memory: 128Mi`.',
          'apply `nginx-deployment.yaml`：每个 nginx 容器请求 `cpu: 500m` 和 `memory: 128Mi`。',
        ),
        tx(
          'Then `kubectl describe node k8s-node1` and read **Allocatable** and **Allocated resources**.',
          '然后执行 `kubectl describe node k8s-node1`，看 **Allocatable** 和 **Allocated resources** 两部分。',
        ),
      ],
      solution: { kind: 'manifest', file: 'nginx-deployment.yaml' },
      check: (r) => {
        const d = findDeployment(r, DEPLOY);
        if (isResult(d)) return d;
        const requests = (
          d.spec as { template?: { spec?: { containers?: { resources?: { requests?: { cpu?: string } } }[] } } }
        ).template?.spec?.containers?.[0]?.resources?.requests;
        if (!requests?.cpu)
          return missing(
            tx(
              'The nginx container has no `resources.requests.cpu` yet.',
              'nginx 容器还没有 `resources.requests.cpu`。',
            ),
          );
        return allPodsReady(r, d);
      },
      explain: (r) =>
        joinText([
          tx('What the scheduler now counts on each worker node:', '调度器现在在每个工作节点上记的账：'),
          ...nodeLines(r),
          tx(
            '\n**Allocatable** is what a node offers pods (its capacity minus what the system keeps). **Requests** are what a pod reserves from it: the scheduler adds up the requests of the pods on a node — not what they really use — and places a new pod only where its requests still fit. **Limits** are the ceiling the kubelet enforces at run time.',
            '\n**Allocatable** 是节点提供给 Pod 的资源（总容量减去系统保留的部分）。**requests** 是 Pod 从中预留的量：调度器把一个节点上所有 Pod 的 requests 加起来——而不是它们实际用了多少——只把新 Pod 放到 requests 还放得下的节点上。**limits** 则是 kubelet 在运行时强制执行的上限。',
          ),
        ]),
    },
    {
      id: 'insufficient',
      hints: [
        tx(
          'Apply `big.yaml`: a pod `big` that requests `cpu: "2"`. Then `kubectl get pod big` and `kubectl describe pod big`.',
          'apply `big.yaml`：Pod `big` 请求 `cpu: "2"`。然后执行 `kubectl get pod big` 和 `kubectl describe pod big`。',
        ),
      ],
      solution: { kind: 'manifest', file: 'big.yaml' },
      check: (r) => {
        const pod = r.pod(NS, BIG);
        if (!pod)
          return missing(tx('There is no pod `big` yet: apply `big.yaml`.', '还没有 Pod `big`：请 apply `big.yaml`。'));
        if (!isUnscheduled(pod))
          return missing(
            tx(
              '`big` found a node: it should request more CPU than any node has left (`cpu: "2"`).',
              '`big` 被调度到了节点上：它请求的 CPU 应当超过任何节点的剩余量（`cpu: "2"`）。',
            ),
          );
        const why = conditionOf(pod, 'PodScheduled');
        if (why?.status === 'False' && /Insufficient cpu/.test(why.message ?? '')) return ok;
        return missing(tx('Waiting for the scheduler to try `big`.', '正在等待调度器尝试调度 `big`。'));
      },
      explain: (r) => {
        const pod = r.pod(NS, BIG);
        const msg = pod ? (conditionOf(pod, 'PodScheduled')?.message ?? '') : '';
        return joinText([
          tx(
            `\`big\` stays Pending. kube-scheduler wrote why into its \`PodScheduled\` condition (and a \`FailedScheduling\` event):\n\n> ${msg}\n\nThe nodes, as the scheduler counts them:`,
            `\`big\` 一直停在 Pending。kube-scheduler 把原因写进了它的 \`PodScheduled\` 条件（以及一条 \`FailedScheduling\` 事件）：\n\n> ${msg}\n\n调度器眼中的各个节点：`,
          ),
          ...nodeLines(r),
          tx(
            '\nEach worker has 2 CPUs, and nginx is idle — yet `big` fits nowhere, because 500m of each node is already *requested*. k8s-master is out for its taint. The pod waits, and is placed as soon as room is made (scale the Deployment down to see it). Delete it before the next steps: `kubectl delete pod big`.',
            '\n每个工作节点都有 2 个 CPU，nginx 也闲着——但 `big` 哪里都放不下，因为每个节点上已经有 500m 被 *请求* 了。k8s-master 则因为污点被排除。这个 Pod 会一直等待，一旦腾出空间就会被调度（把 Deployment 缩容就能看到）。进入下一步之前先删掉它：`kubectl delete pod big`。',
          ),
        ]);
      },
    },
    {
      id: 'limitrange',
      hints: [
        tx(
          'Apply `limitrange.yaml`: the LimitRange `limits`, then a pod `defaults-demo` that says nothing about resources.',
          'apply `limitrange.yaml`：先是 LimitRange `limits`，然后是一个完全没写 resources 的 Pod `defaults-demo`。',
        ),
        tx(
          '`kubectl get pod defaults-demo -o yaml`: look at `resources` and the `kubernetes.io/limit-ranger` annotation.',
          '`kubectl get pod defaults-demo -o yaml`：看看 `resources` 和 `kubernetes.io/limit-ranger` 注解。',
        ),
      ],
      solution: { kind: 'manifest', file: 'limitrange.yaml' },
      check: (r) => {
        if (!r.limitRanges(NS).some((l) => l.metadata.name === LIMITS))
          return missing(
            tx(
              'There is no LimitRange `limits` yet: apply `limitrange.yaml`.',
              '还没有 LimitRange `limits`：请 apply `limitrange.yaml`。',
            ),
          );
        const pod = r.pod(NS, DEMO);
        if (!pod) return missing(tx('There is no pod `defaults-demo` yet.', '还没有 Pod `defaults-demo`。'));
        if (!containerResources(pod).requests?.cpu)
          return missing(
            tx(
              '`defaults-demo` has no CPU request: it was created before the LimitRange. Delete it (`kubectl delete pod defaults-demo`) and apply again.',
              '`defaults-demo` 没有 CPU request：它是在 LimitRange 之前创建的。删除它（`kubectl delete pod defaults-demo`）后再 apply 一次。',
            ),
          );
        return ok;
      },
      explain: (r) => {
        const pod = r.pod(NS, DEMO);
        const res = pod ? containerResources(pod) : {};
        const note = pod?.metadata.annotations?.['kubernetes.io/limit-ranger'] ?? '';
        const show = (l?: Record<string, string>) =>
          Object.entries(l ?? {})
            .map(([k, v]) => `${k}: ${v}`)
            .join(', ');
        return tx(
          `You wrote no \`resources\`, yet \`defaults-demo\` has requests (${show(res.requests)}) and limits (${show(res.limits)}). The **LimitRanger** admission plugin in kube-apiserver filled them in from the LimitRange before the pod was stored, and said so: \`kubernetes.io/limit-ranger: ${note}\`. Admission acts only when an object is created: pods that existed before the LimitRange kept what they had.`,
          `你没有写任何 \`resources\`，可 \`defaults-demo\` 却有了 requests（${show(res.requests)}）和 limits（${show(res.limits)}）。这是 kube-apiserver 中的 **LimitRanger** 准入插件在 Pod 存储之前按 LimitRange 填进去的，并留下了说明：\`kubernetes.io/limit-ranger: ${note}\`。准入只在对象创建时起作用：LimitRange 之前就已存在的 Pod 保持原样。`,
        );
      },
    },
    {
      id: 'quota',
      hints: [
        tx(
          'Apply `quota.yaml`: the ResourceQuota `compute-quota` (10 pods, 2 CPUs and 1Gi of memory requested in all). Then `kubectl describe quota`.',
          'apply `quota.yaml`：ResourceQuota `compute-quota`（总共 10 个 Pod、请求 2 个 CPU 和 1Gi 内存）。然后执行 `kubectl describe quota`。',
        ),
      ],
      solution: { kind: 'manifest', file: 'quota.yaml' },
      check: (r) => {
        const q = quotaOf(r);
        if (!q)
          return missing(
            tx(
              'There is no ResourceQuota `compute-quota` yet: apply `quota.yaml`.',
              '还没有 ResourceQuota `compute-quota`：请 apply `quota.yaml`。',
            ),
          );
        const used = (q.status as { used?: Record<string, string> } | undefined)?.used;
        if (!used?.['requests.cpu'])
          return missing(
            tx('Waiting for the quota controller to count what is used.', '正在等待配额控制器统计已用量。'),
          );
        return ok;
      },
      explain: (r) => {
        const q = quotaOf(r);
        const st = (q?.status ?? {}) as { used?: Record<string, string>; hard?: Record<string, string> };
        const rows = Object.keys(st.hard ?? {})
          .sort()
          .map((k) => `| ${k} | ${st.used?.[k] ?? '0'} | ${st.hard?.[k] ?? ''} |`);
        const table = ['| resource | used | hard |', '|---|---|---|', ...rows].join('\n');
        const over = Object.keys(st.hard ?? {}).filter(
          (k) => (milliValue(st.used?.[k] ?? '0') ?? 0) > (milliValue(st.hard?.[k] ?? '0') ?? 0),
        );
        const overText = over.length
          ? tx(
              ` Here ${over.map((k) => `\`${k}\``).join(', ')} is already over: ${r.pod(NS, BIG) ? '`big` is still there, and it counts although it runs nowhere' : 'the pods were there before the quota'}.`,
              `这里的 ${over.map((k) => `\`${k}\``).join('、')} 已经超出了：${r.pod(NS, BIG) ? '`big` 还在，它虽然没有在任何地方运行，却照样计入' : '这些 Pod 在配额之前就已存在'}。`,
            )
          : tx('', '');
        return tx(
          `The ResourceQuota controller added up the pods of \`${NS}\` and wrote it into the quota's status:\n\n${table}\n\nA quota caps a whole namespace — the sum over its pods, not one pod. It never removes anything already there, even when \`used\` is above \`hard\`; it is checked when something new asks for resources.${overText.en}`,
          `ResourceQuota 控制器把 \`${NS}\` 中所有 Pod 的用量加起来，写进了配额的 status：\n\n${table}\n\n配额限制的是整个命名空间——所有 Pod 的总和，而不是单个 Pod。它从不删除已经存在的东西，即使 \`used\` 超过了 \`hard\`；只有新的资源请求到来时才会检查。${overText['zh-CN']}`,
        );
      },
    },
    {
      id: 'exceeded',
      hints: [
        tx(
          'Scale up: `kubectl scale deployment nginx-deployment --replicas=4`. Then `kubectl get deployment nginx-deployment` and `kubectl describe rs`.',
          '扩容：`kubectl scale deployment nginx-deployment --replicas=4`。然后执行 `kubectl get deployment nginx-deployment` 和 `kubectl describe rs`。',
        ),
      ],
      solution: { kind: 'kubectl', commands: ['kubectl scale deployment nginx-deployment --replicas=4'] },
      check: (r) => {
        const d = findDeployment(r, DEPLOY);
        if (isResult(d)) return d;
        if (!quotaOf(r))
          return missing(tx('The ResourceQuota `compute-quota` is gone.', 'ResourceQuota `compute-quota` 不见了。'));
        if (quotaFailures(r, d).length) return ok;
        return missing(
          tx(
            'No pod of `nginx-deployment` has been refused by the quota yet: scale it up until the CPU requests pass 2.',
            '`nginx-deployment` 还没有 Pod 被配额拒绝：继续扩容，直到 CPU 请求总量超过 2。',
          ),
        );
      },
      explain: (r) => {
        const d = r.deployment(NS, DEPLOY);
        const fails = d ? quotaFailures(r, d) : [];
        const last = (fails.at(-1) as { message?: string } | undefined)?.message ?? '';
        const st = (d?.status ?? {}) as { replicas?: number };
        const want = (d?.spec as { replicas?: number } | undefined)?.replicas ?? 0;
        return tx(
          `The ReplicaSet controller tried to create the missing pods, and kube-apiserver's **ResourceQuota** admission refused them. Its \`FailedCreate\` event (${fails.length} so far):\n\n> ${last}\n\nThe Deployment wants ${want} pods and has ${st.replicas ?? 0}. No pod is Pending: a refused pod never exists — that is the difference from \`big\`, which was stored and then found no node. The controller keeps retrying, backing off, until the quota has room (raise \`hard\`, or free requests).`,
          `ReplicaSet 控制器试图创建缺少的 Pod，却被 kube-apiserver 的 **ResourceQuota** 准入拒绝了。它的 \`FailedCreate\` 事件（目前共 ${fails.length} 条）：\n\n> ${last}\n\nDeployment 期望 ${want} 个 Pod，实际有 ${st.replicas ?? 0} 个。没有 Pod 处于 Pending：被拒绝的 Pod 根本不存在——这正是它与 \`big\` 的区别，\`big\` 已经存下来了，只是找不到节点。控制器会不断退避重试，直到配额有了空间（调高 \`hard\`，或者释放一些 requests）。`,
        );
      },
    },
  ],
};
