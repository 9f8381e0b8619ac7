/**
 * Lesson 18, "StatefulSet" (seed 000's StatefulSet article; the upstream
 * tutorial's `web` + headless Service `nginx`): pods web-0, web-1, web-2 made
 * in order; web-0 deleted comes back as web-0 with its DNS name; scale-down
 * from the highest ordinal; then volumeClaimTemplates: a claim per replica,
 * kept on scale-down. No PV binder yet, so the claims (and their pods) stay
 * Pending: binding is the storage lessons' subject.
 */
import { isPodServing, joinText, phrase, tx } from '../../core/check/index.ts';
import type { ClusterReader, KubeObject, Text, TraceEntry } from '../../core/check/index.ts';
import { NS, found, isDeletion, isResult, lastClientWrite, sinceClientWrite, tellTrace } from '../checks.ts';
import type { CheckResult, Lesson } from '../types.ts';
import { missing, ok } from '../types.ts';

const NAME = 'web';
const SERVICE = 'nginx';
const CLAIM = 'www';

interface StatefulSetSpec {
  replicas?: number;
  volumeClaimTemplates?: { metadata?: { name?: string } }[];
}

const specOf = (s: KubeObject) => (s.spec ?? {}) as StatefulSetSpec;
const replicasOf = (s: KubeObject) => specOf(s).replicas ?? 1;
const ordinalName = (i: number) => `${NAME}-${i}`;
const claimOf = (i: number) => `${CLAIM}-${NAME}-${i}`;

function findSet(r: ClusterReader): KubeObject | CheckResult {
  return found(r.statefulSet(NS, NAME), 'StatefulSet', NAME);
}

/** The live pods of the StatefulSet, by name. */
function livePods(r: ClusterReader, set: KubeObject): KubeObject[] {
  return r.podsOf(set).filter((p) => !p.metadata.deletionTimestamp);
}

/** web-0 … web-(n-1) Running and Ready, and no other pod of the set left. */
function ordinalsServing(r: ClusterReader, set: KubeObject, n: number): CheckResult {
  const pods = r.podsOf(set);
  const serving = Array.from({ length: n }, (_, i) => r.pod(NS, ordinalName(i))).filter(
    (p): p is KubeObject => !!p && isPodServing(p),
  );
  const wanted = new Set(Array.from({ length: n }, (_, i) => ordinalName(i)));
  const extra = pods.filter((p) => !wanted.has(p.metadata.name ?? ''));
  if (serving.length === n && extra.length === 0) return ok;
  const names = Array.from({ length: n }, (_, i) => `\`${ordinalName(i)}\``).join(', ');
  if (serving.length === n)
    return missing(
      tx(
        `Waiting for ${extra.map((p) => `\`${p.metadata.name ?? ''}\``).join(', ')} to go.`,
        `正在等待 ${extra.map((p) => `\`${p.metadata.name ?? ''}\``).join('、')} 退出。`,
      ),
    );
  return missing(
    tx(
      `${names} should all be Running and Ready; ${serving.length} of ${n} are now. They start one at a time, in order.`,
      `${names} 都应为 Running 且 Ready，目前是 ${n} 个中的 ${serving.length} 个。它们按顺序一个接一个启动。`,
    ),
  );
}

/** One StatefulSet-controller entry as a sentence; kubelet and scheduler lines come from the SDK. */
function statefulPhrase(e: TraceEntry): Text | undefined {
  if (e.component !== 'statefulset-controller') return phrase(e);
  if (e.kind === 'PersistentVolumeClaim' && e.verb === 'create') {
    const pod = /pod (\S+) needs/.exec(e.reason)?.[1] ?? '?';
    return tx(
      `The StatefulSet controller created claim \`${e.name}\` for pod \`${pod}\`, from the template \`${CLAIM}\`.`,
      `StatefulSet 控制器根据模板 \`${CLAIM}\` 为 Pod \`${pod}\` 创建了 PVC \`${e.name}\`。`,
    );
  }
  if (e.kind !== 'Pod') return undefined;
  if (e.verb === 'create')
    return tx(
      `The StatefulSet controller saw that ordinal ${e.name.slice(NAME.length + 1)} had no pod and created \`${e.name}\`.`,
      `StatefulSet 控制器发现序号 ${e.name.slice(NAME.length + 1)} 没有 Pod，于是创建了 \`${e.name}\`。`,
    );
  const to = /scale down to (\d+)/.exec(e.reason)?.[1];
  if (to)
    return tx(
      `Scaling down to ${to}, the StatefulSet controller deleted \`${e.name}\`, the highest ordinal.`,
      `缩容到 ${to} 时，StatefulSet 控制器删除了序号最大的 \`${e.name}\`。`,
    );
  return undefined;
}

/** A Markdown list of what happened to the set, its pods and claims, since `sinceSeq`. */
function setStory(r: ClusterReader, sinceSeq: number, maxLines: number, pick?: (e: TraceEntry) => boolean): Text {
  const ours = r
    .trace({ namespace: NS, sinceSeq })
    .filter(
      (e) =>
        ((e.kind === 'Pod' && e.name.startsWith(`${NAME}-`)) ||
          (e.kind === 'PersistentVolumeClaim' && e.name.startsWith(`${CLAIM}-${NAME}-`))) &&
        (!pick || pick(e)),
    );
  return tellTrace(ours, statefulPhrase, maxLines);
}

/** Entries since the learner last wrote the StatefulSet (apply, scale, delete). */
const sinceLastChange = (r: ClusterReader) => sinceClientWrite(r, 'StatefulSet', NAME);

/** The learner's last deletion of pod web-0, if any. */
function deletedWeb0(r: ClusterReader): TraceEntry | undefined {
  return lastClientWrite(r, (e) => e.kind === 'Pod' && e.name === ordinalName(0) && isDeletion(e));
}

function dnsLine(pod: KubeObject): string {
  const spec = (pod.spec ?? {}) as { hostname?: string; subdomain?: string };
  const ip = (pod.status as { podIP?: string } | undefined)?.podIP ?? '?';
  return `${ip}\t${spec.hostname ?? ''}.${spec.subdomain ?? ''}.${NS}.svc.cluster.local\t${spec.hostname ?? ''}`;
}

function hasClaimTemplate(set: KubeObject): boolean {
  return (specOf(set).volumeClaimTemplates ?? []).some((t) => t.metadata?.name === CLAIM);
}

const needsClaimTemplate = missing(
  tx(
    `StatefulSet \`${NAME}\` has no \`volumeClaimTemplates\` entry named \`${CLAIM}\`: apply \`web-pvc.yaml\`.`,
    `StatefulSet \`${NAME}\` 的 \`volumeClaimTemplates\` 中没有名为 \`${CLAIM}\` 的模板：请 apply \`web-pvc.yaml\`。`,
  ),
);

function claimNames(r: ClusterReader): string[] {
  return r
    .claims(NS)
    .map((c) => c.metadata.name ?? '')
    .sort();
}

export const statefulSet: Lesson = {
  id: 'statefulset',
  number: 18,
  title: tx('StatefulSet', 'StatefulSet'),
  summary: tx(
    'Pods with stable names made in order, a DNS name per pod through a headless Service, and a claim per replica that outlives its pod.',
    '名称固定、按顺序创建的 Pod，通过 Headless Service 得到的每个 Pod 自己的 DNS 名称，以及每个副本一个、比 Pod 活得更久的 PVC。',
  ),
  start: {},
  steps: [
    {
      id: 'ordered',
      hints: [
        tx(
          'Apply `web.yaml`: the headless Service `nginx` (`clusterIP: None`) and the StatefulSet `web` with 3 replicas. **Show solution** loads it.',
          'apply `web.yaml`：其中有 Headless Service `nginx`（`clusterIP: None`）和 3 个副本的 StatefulSet `web`。点 **查看答案** 可以载入它。',
        ),
        tx(
          'Watch `kubectl get pods -w` or the graph: `web-1` is created only once `web-0` is Running and Ready.',
          '用 `kubectl get pods -w` 或拓扑图观察：只有 `web-0` Running 且 Ready 之后，才会创建 `web-1`。',
        ),
      ],
      solution: { kind: 'manifest', file: 'web.yaml' },
      check: (r) => {
        const set = findSet(r);
        if (isResult(set)) return set;
        if (!r.service(NS, SERVICE))
          return missing(
            tx(
              `The headless Service \`${SERVICE}\` is missing: the StatefulSet's \`serviceName\` names it.`,
              `缺少 Headless Service \`${SERVICE}\`：StatefulSet 的 \`serviceName\` 指向的就是它。`,
            ),
          );
        return ordinalsServing(r, set, 3);
      },
      explain: (r) =>
        joinText([
          tx(
            'The StatefulSet controller made the pods one by one, each only after the one before it was Running and Ready:',
            'StatefulSet 控制器逐个创建 Pod，每个都要等前一个 Running 且 Ready 之后才创建：',
          ),
          setStory(
            r,
            sinceLastChange(r),
            9,
            (e) => e.verb === 'create' || e.component.startsWith('kubelet/') || e.component === 'default-scheduler',
          ),
          tx(
            '\nNo random suffix: a StatefulSet names its pods `<name>-<ordinal>`, from 0 up (the default `podManagementPolicy: OrderedReady`).',
            '\n没有随机后缀：StatefulSet 用 `<名称>-<序号>` 给 Pod 命名，从 0 开始（默认的 `podManagementPolicy: OrderedReady`）。',
          ),
        ]),
    },
    {
      id: 'stable-identity',
      hints: [
        tx(
          'Look first: `kubectl exec web-0 -- hostname` and `kubectl exec web-0 -- cat /etc/hosts`. Then `kubectl delete pod web-0`.',
          '先看一看：`kubectl exec web-0 -- hostname` 和 `kubectl exec web-0 -- cat /etc/hosts`。然后执行 `kubectl delete pod web-0`。',
        ),
        tx(
          'The step passes when a new `web-0` is Running and Ready. Run the two `exec` commands again and compare.',
          '新的 `web-0` Running 且 Ready 时这一步就通过了。再执行一次这两个 `exec` 命令，对比一下。',
        ),
      ],
      solution: { kind: 'kubectl', commands: ['kubectl delete pod web-0'] },
      check: (r) => {
        const set = findSet(r);
        if (isResult(set)) return set;
        const deleted = deletedWeb0(r);
        if (!deleted)
          return missing(
            tx('Delete pod `web-0`: `kubectl delete pod web-0`.', '删除 Pod `web-0`：`kubectl delete pod web-0`。'),
          );
        const pod = r.pod(NS, ordinalName(0));
        if (!pod || pod.metadata.uid === deleted.uid || !isPodServing(pod))
          return missing(
            tx(
              'Waiting for the StatefulSet controller to make a new `web-0` and for it to be Running and Ready.',
              '正在等待 StatefulSet 控制器创建新的 `web-0`，并等它 Running 且 Ready。',
            ),
          );
        return ok;
      },
      explain: (r) => {
        const pod = r.pod(NS, ordinalName(0));
        const since = (deletedWeb0(r)?.seq ?? 1) - 1;
        return joinText([
          setStory(r, since, 6),
          tx(
            `\nA ReplicaSet would have made a pod with a new random name. The StatefulSet made \`web-0\` again: same name, same hostname \`web-0\`, same DNS name. The kubelet wrote it into the new pod's \`/etc/hosts\`:`,
            `\nReplicaSet 会创建一个名字随机的新 Pod，而 StatefulSet 重新创建的仍是 \`web-0\`：名称相同，主机名 \`web-0\` 相同，DNS 名称也相同。kubelet 把它写进了新 Pod 的 \`/etc/hosts\`：`,
          ),
          tx(
            `\n\`\`\`\n${pod ? dnsLine(pod) : ''}\n\`\`\`\n\`hostname\` and \`subdomain\` in the pod's spec come from the StatefulSet (\`serviceName: ${SERVICE}\`). The IP is new; the name is not — so other pods should reach it as \`web-0.${SERVICE}\`, not by IP.`,
            `\n\`\`\`\n${pod ? dnsLine(pod) : ''}\n\`\`\`\nPod spec 中的 \`hostname\` 和 \`subdomain\` 来自 StatefulSet（\`serviceName: ${SERVICE}\`）。IP 变了，名称却没变——所以其他 Pod 应当通过 \`web-0.${SERVICE}\` 而不是 IP 访问它。`,
          ),
        ]);
      },
    },
    {
      id: 'scale-down',
      hints: [
        tx(
          'Scale it with `kubectl scale statefulset web --replicas=1`.',
          '用 `kubectl scale statefulset web --replicas=1` 缩容。',
        ),
        tx(
          'Watch which pod goes first. With `OrderedReady`, the next one goes only once the previous one is gone.',
          '注意哪个 Pod 先被删除。在 `OrderedReady` 策略下，前一个彻底退出后才会删除下一个。',
        ),
      ],
      solution: { kind: 'kubectl', commands: ['kubectl scale statefulset web --replicas=1'] },
      check: (r) => {
        const set = findSet(r);
        if (isResult(set)) return set;
        if (replicasOf(set) !== 1)
          return missing(
            tx(
              `\`spec.replicas\` is ${replicasOf(set)}; scale \`web\` to 1.`,
              `\`spec.replicas\` 是 ${replicasOf(set)}，请把 \`web\` 缩容到 1。`,
            ),
          );
        return ordinalsServing(r, set, 1);
      },
      explain: (r) =>
        joinText([
          tx(
            'Scale-down went from the highest ordinal down, one pod at a time:',
            '缩容从序号最大的 Pod 开始，一次一个：',
          ),
          setStory(r, sinceLastChange(r), 6, isDeletion),
          tx(
            '\n`web-0`, the first to start, is the last to go. Databases and clusters that elect a leader by ordinal rely on this order.',
            '\n最先启动的 `web-0` 最后才会被删除。按序号选主的数据库和集群软件就依赖这个顺序。',
          ),
        ]),
    },
    {
      id: 'delete',
      hints: [
        tx(
          'Try adding `volumeClaimTemplates` to the running set in the editor first, and read the error. Then `kubectl delete statefulset web`.',
          '先试着在编辑器里给现有的 StatefulSet 加上 `volumeClaimTemplates` 并 apply，读一读报错。然后执行 `kubectl delete statefulset web`。',
        ),
      ],
      solution: { kind: 'kubectl', commands: ['kubectl delete statefulset web'] },
      check: (r) => {
        const deleted = lastClientWrite(r, (e) => e.kind === 'StatefulSet' && e.name === NAME && isDeletion(e));
        if (!deleted || r.statefulSet(NS, NAME))
          return missing(
            tx(
              'Delete the StatefulSet: `kubectl delete statefulset web`.',
              '删除 StatefulSet：`kubectl delete statefulset web`。',
            ),
          );
        const left = r.pods(NS, { app: 'nginx' }).filter((p) => p.metadata.name?.startsWith(`${NAME}-`));
        if (left.length)
          return missing(
            tx(
              `Waiting for ${left.map((p) => `\`${p.metadata.name ?? ''}\``).join(', ')} to go.`,
              `正在等待 ${left.map((p) => `\`${p.metadata.name ?? ''}\``).join('、')} 退出。`,
            ),
          );
        return ok;
      },
      explain: (r) =>
        tx(
          `The garbage collector deleted the pods the StatefulSet owned. The headless Service \`${SERVICE}\` is still there: ${r.service(NS, SERVICE) ? 'it has no owner, so nothing deletes it' : 'you deleted it too'}. The set had to go because \`volumeClaimTemplates\` cannot change on a live StatefulSet: only \`replicas\`, \`template\`, \`updateStrategy\`, \`persistentVolumeClaimRetentionPolicy\`, \`minReadySeconds\` and \`ordinals\` can.`,
          `垃圾回收器删除了 StatefulSet 拥有的 Pod。Headless Service \`${SERVICE}\` ${r.service(NS, SERVICE) ? '还在：它没有 owner，所以没有谁会删除它' : '也被你删除了'}。之所以要删除 StatefulSet，是因为已有 StatefulSet 的 \`volumeClaimTemplates\` 不能修改：只有 \`replicas\`、\`template\`、\`updateStrategy\`、\`persistentVolumeClaimRetentionPolicy\`、\`minReadySeconds\` 和 \`ordinals\` 可以改。`,
        ),
    },
    {
      id: 'claims',
      hints: [
        tx(
          'Apply `web-pvc.yaml`: the same set with `volumeClaimTemplates` and `podManagementPolicy: Parallel`.',
          'apply `web-pvc.yaml`：同样的 StatefulSet，加上了 `volumeClaimTemplates` 和 `podManagementPolicy: Parallel`。',
        ),
        tx(
          '`kubectl get pvc` lists the claims; `kubectl describe pod web-0` says why the pod stays Pending.',
          '`kubectl get pvc` 列出 PVC；`kubectl describe pod web-0` 说明了 Pod 为什么停在 Pending。',
        ),
      ],
      solution: { kind: 'manifest', file: 'web-pvc.yaml' },
      check: (r) => {
        const set = findSet(r);
        if (isResult(set)) return set;
        if (!hasClaimTemplate(set)) return needsClaimTemplate;
        const have = claimNames(r);
        const want = Array.from({ length: replicasOf(set) }, (_, i) => claimOf(i));
        const lacking = want.filter((c) => !have.includes(c));
        if (want.length < 2)
          return missing(
            tx(
              'Apply it with `replicas: 2` to see one claim per replica.',
              '请用 `replicas: 2` apply，看看每个副本各有一个 PVC。',
            ),
          );
        if (lacking.length)
          return missing(
            tx(
              `Waiting for the claims ${lacking.map((c) => `\`${c}\``).join(', ')}.`,
              `正在等待 PVC ${lacking.map((c) => `\`${c}\``).join('、')} 被创建。`,
            ),
          );
        return ok;
      },
      explain: (r) => {
        const pending = r
          .pods(NS, { app: 'nginx' })
          .filter((p) => (p.status as { phase?: string } | undefined)?.phase === 'Pending')
          .map((p) => `\`${p.metadata.name ?? ''}\``);
        return joinText([
          setStory(r, sinceLastChange(r), 6, (e) => e.component === 'statefulset-controller'),
          tx(
            `\nEach pod got its own claim, named \`<template>-<set>-<ordinal>\`, created just before the pod. The claims are Pending: no PersistentVolume is there to bind them to (PVs and dynamic provisioning come in the storage lessons). Until a claim is bound its pod cannot be scheduled — the scheduler says \`pod has unbound immediate PersistentVolumeClaims\` — so ${pending.join(', ') || 'the pods'} stay Pending too. With \`Parallel\`, the controller did not wait for \`web-0\` to be Ready before making \`web-1\`.`,
            `\n每个 Pod 都有自己的 PVC，名为 \`<模板名>-<StatefulSet 名>-<序号>\`，在 Pod 之前创建。这些 PVC 处于 Pending：还没有可以绑定的 PersistentVolume（PV 和动态供给在存储相关的课程中介绍）。PVC 绑定之前，Pod 无法被调度——调度器给出的原因是 \`pod has unbound immediate PersistentVolumeClaims\`——所以 ${pending.join('、') || 'Pod'} 也停在 Pending。使用 \`Parallel\` 时，控制器不会等 \`web-0\` Ready 之后再创建 \`web-1\`。`,
          ),
        ]);
      },
    },
    {
      id: 'keep-claims',
      hints: [
        tx(
          '`kubectl scale statefulset web --replicas=1`, then `kubectl get pods,pvc`.',
          '`kubectl scale statefulset web --replicas=1`，然后执行 `kubectl get pods,pvc`。',
        ),
      ],
      solution: { kind: 'kubectl', commands: ['kubectl scale statefulset web --replicas=1'] },
      check: (r) => {
        const set = findSet(r);
        if (isResult(set)) return set;
        if (!hasClaimTemplate(set)) return needsClaimTemplate;
        if (replicasOf(set) !== 1)
          return missing(
            tx(
              `\`spec.replicas\` is ${replicasOf(set)}; scale \`web\` to 1.`,
              `\`spec.replicas\` 是 ${replicasOf(set)}，请把 \`web\` 缩容到 1。`,
            ),
          );
        if (livePods(r, set).some((p) => p.metadata.name !== ordinalName(0)) || r.pod(NS, ordinalName(1)))
          return missing(tx('Waiting for `web-1` to go.', '正在等待 `web-1` 退出。'));
        if (!claimNames(r).includes(claimOf(1)))
          return missing(
            tx(
              `Claim \`${claimOf(1)}\` is gone: it was deleted by hand, not by the scale-down. Reset the lesson to see it kept.`,
              `PVC \`${claimOf(1)}\` 不见了：它是被手动删除的，而不是缩容删掉的。请重置本课，再看它如何被保留。`,
            ),
          );
        return ok;
      },
      explain: (r) =>
        tx(
          `\`web-1\` is gone, but the claims are still ${claimNames(r)
            .map((c) => `\`${c}\``)
            .join(
              ', ',
            )}. A StatefulSet never deletes claims on scale-down unless \`persistentVolumeClaimRetentionPolicy.whenScaled\` says \`Delete\` (the default is \`Retain\`). Scale back to 2 and the new \`web-1\` mounts the same \`${claimOf(1)}\` — the data of a replica follows its name.`,
          `\`web-1\` 已经没有了，但 PVC 还在：${claimNames(r)
            .map((c) => `\`${c}\``)
            .join(
              '、',
            )}。除非 \`persistentVolumeClaimRetentionPolicy.whenScaled\` 设为 \`Delete\`（默认是 \`Retain\`），StatefulSet 缩容时从不删除 PVC。再扩容到 2，新的 \`web-1\` 会挂载同一个 \`${claimOf(1)}\`——副本的数据跟着它的名字走。`,
        ),
    },
  ],
};
