/**
 * Lesson 15, "StorageClass and dynamic provisioning" (book ch.9.2's dynamic
 * provisioning, where the class is `standard`; seed 000's StorageClass
 * article): claims of class `standard` — named, or left to the default class —
 * get a PV made for them; a `local-path` claim (WaitForFirstConsumer) waits
 * for a pod, and its PV is made on the pod's node; reclaim policy Delete takes
 * the volumes away with their claims.
 */
import { annotation, isPodServing, joinText, nodeNameOf, tx } from '../../core/check/index.ts';
import type { ClusterReader, KubeObject, Text } from '../../core/check/index.ts';
import { NS, isResult } from '../checks.ts';
import type { CheckResult, Lesson } from '../types.ts';
import { missing, ok } from '../types.ts';

const STANDARD = 'standard';
const LOCAL = 'local-path';
const POD = 'mypod3';
const CLAIMS = ['mypvc1', 'mypvc2', 'mypvc3'] as const;
const SELECTED_NODE = 'volume.kubernetes.io/selected-node';

interface EventLike {
  reason?: string;
  message?: string;
}
interface ClaimSpec {
  storageClassName?: string;
  volumeName?: string;
}

const specOf = (c: KubeObject) => (c.spec ?? {}) as ClaimSpec;
const phaseOf = (c: KubeObject) => (c.status as { phase?: string } | undefined)?.phase ?? 'Pending';

function claim(r: ClusterReader, name: string): KubeObject | undefined {
  return r.claims(NS).find((c) => c.metadata.name === name);
}

function findClaim(r: ClusterReader, name: string): KubeObject | CheckResult {
  return (
    claim(r, name) ??
    missing(
      tx(`There is no claim \`${name}\`: apply \`${name}.yml\`.`, `还没有 PVC \`${name}\`：请 apply \`${name}.yml\`。`),
    )
  );
}

/** The claim is of `cls` and Bound to a PV the provisioner made for it (`pvc-<claim uid>`). */
function provisioned(c: KubeObject, cls: string): CheckResult {
  const name = c.metadata.name ?? '';
  const got = specOf(c).storageClassName;
  if (got !== cls)
    return missing(
      tx(
        `\`${name}\` has class \`${got ?? '(none)'}\`; this step expects \`${cls}\`.`,
        `\`${name}\` 的 class 是 \`${got ?? '（无）'}\`；这一步需要 \`${cls}\`。`,
      ),
    );
  if (phaseOf(c) !== 'Bound')
    return missing(
      tx(`\`${name}\` is ${phaseOf(c)}: waiting for its volume.`, `\`${name}\` 是 ${phaseOf(c)}：正在等待它的卷。`),
    );
  return ok;
}

/** What `kubectl get pvc` shows of a claim, as a phrase. */
function boundTo(r: ClusterReader, name: string): Text {
  const c = claim(r, name);
  const pv = c ? specOf(c).volumeName : undefined;
  return tx(pv ? `\`${pv}\`` : 'a new PV', pv ? `\`${pv}\`` : '一个新的 PV');
}

function events(r: ClusterReader, obj: KubeObject, reason: string): EventLike[] {
  return (r.eventsFor(obj) as EventLike[]).filter((e) => e.reason === reason);
}

/** The dynamically provisioned PV of a claim is named after the claim's uid (upstream's `pvc-<uid>`). */
function provisionedNames(r: ClusterReader): string[] {
  return CLAIMS.flatMap((name) =>
    r
      .trace({ namespace: NS, kind: 'PersistentVolumeClaim', name })
      .filter((e) => e.verb === 'create' && e.uid)
      .map((e) => `pvc-${e.uid ?? ''}`),
  );
}

/** Removed from the store: the trace's `delete` entry (the request itself only marks it Terminating). */
const removed = (r: ClusterReader, kind: string, name: string, namespace?: string) =>
  r.trace({ kind, name, ...(namespace ? { namespace } : {}) }).some((e) => e.verb === 'delete');

export const storageClass: Lesson = {
  id: 'storageclass',
  number: 15,
  title: tx('StorageClass and dynamic provisioning', 'StorageClass 与动态供给'),
  summary: tx(
    'Claims that make their own volumes: the default class `standard`, a `local-path` claim that waits for its first pod, and volumes deleted with their claims.',
    '自己创建卷的 PVC：默认的 class `standard`、等待第一个 Pod 的 `local-path` PVC，以及随 PVC 一起删除的卷。',
  ),
  start: {},
  steps: [
    {
      id: 'standard',
      hints: [
        tx(
          '`kubectl get storageclass` lists the classes; then apply `mypvc1.yml` and `kubectl get pvc,pv`.',
          '`kubectl get storageclass` 会列出所有 class；然后 apply `mypvc1.yml`，再执行 `kubectl get pvc,pv`。',
        ),
        tx(
          'No administrator creates a PV this time: watch one appear by itself.',
          '这一次没有管理员创建 PV：看它自己出现。',
        ),
      ],
      solution: { kind: 'manifest', file: 'mypvc1.yml' },
      check: (r) => {
        const c = findClaim(r, 'mypvc1');
        return isResult(c) ? c : provisioned(c, STANDARD);
      },
      explain: (r) =>
        tx(
          `There was no PV for \`mypvc1\`, so the PersistentVolume controller handed the claim to the class's provisioner (annotation \`volume.kubernetes.io/storage-provisioner\`). The provisioner created a disk and a PV for it, ${boundTo(r, 'mypvc1').en}, sized and moded as the claim asked, with the class's reclaim policy **Delete**; then the controller bound the two. This is **dynamic provisioning**: no PVs made in advance, no call to the storage team — the StorageClass says how to make one when a claim needs it.`,
          `没有能给 \`mypvc1\` 用的 PV，于是 PersistentVolume 控制器把这个 PVC 交给了 class 的 provisioner（注解 \`volume.kubernetes.io/storage-provisioner\`）。provisioner 创建了一块磁盘和对应的 PV ${boundTo(r, 'mypvc1')['zh-CN']}，容量和访问模式都按 PVC 的要求，回收策略则取自 class：**Delete**；随后控制器把两者绑定。这就是 **动态供给**：不需要提前创建 PV，也不用找存储管理员——StorageClass 描述了在 PVC 需要时如何创建 PV。`,
        ),
    },
    {
      id: 'default-class',
      hints: [
        tx(
          'Apply `mypvc2.yml`: it has no `storageClassName` at all. Then `kubectl get pvc mypvc2 -o yaml`.',
          'apply `mypvc2.yml`：它根本没有 `storageClassName`。然后执行 `kubectl get pvc mypvc2 -o yaml`。',
        ),
        tx(
          'In `kubectl get storageclass`, one class is marked `(default)`.',
          '在 `kubectl get storageclass` 的输出中，有一个 class 标着 `(default)`。',
        ),
      ],
      solution: { kind: 'manifest', file: 'mypvc2.yml' },
      check: (r) => {
        const c = findClaim(r, 'mypvc2');
        return isResult(c) ? c : provisioned(c, STANDARD);
      },
      explain: (r) =>
        tx(
          `You sent \`mypvc2\` without a class, and it was stored with \`storageClassName: standard\`: kube-apiserver's **DefaultStorageClass** admission plugin fills in the class annotated \`storageclass.kubernetes.io/is-default-class: "true"\` when a new claim names none. From there it went as \`mypvc1\` did: a PV of 2Gi, ${boundTo(r, 'mypvc2').en}. (To ask for *no* class — only PVs without one — write \`storageClassName: ""\`.)`,
          `你发送的 \`mypvc2\` 没有指定 class，存下来的却是 \`storageClassName: standard\`：新建的 PVC 没有指定 class 时，kube-apiserver 的 **DefaultStorageClass** 准入插件会填上带有注解 \`storageclass.kubernetes.io/is-default-class: "true"\` 的那个 class。之后的过程和 \`mypvc1\` 一样：一个 2Gi 的 PV ${boundTo(r, 'mypvc2')['zh-CN']}。（如果想要 *不使用* class——只绑定没有 class 的 PV——要写 \`storageClassName: ""\`。）`,
        ),
    },
    {
      id: 'wait',
      hints: [
        tx(
          'Apply `mypvc3.yml` (class `local-path`), then `kubectl describe pvc mypvc3`.',
          'apply `mypvc3.yml`（class 为 `local-path`），然后执行 `kubectl describe pvc mypvc3`。',
        ),
        tx(
          'Compare the VOLUMEBINDINGMODE column of `kubectl get storageclass`.',
          '比较一下 `kubectl get storageclass` 中 VOLUMEBINDINGMODE 这一列。',
        ),
      ],
      solution: { kind: 'manifest', file: 'mypvc3.yml' },
      check: (r) => {
        const c = findClaim(r, 'mypvc3');
        if (isResult(c)) return c;
        if (specOf(c).storageClassName !== LOCAL)
          return missing(
            tx(`\`mypvc3\` should ask for class \`${LOCAL}\`.`, `\`mypvc3\` 应当申请 class \`${LOCAL}\`。`),
          );
        if (events(r, c, 'WaitForFirstConsumer').length) return ok;
        return missing(tx('Waiting for the controller to look at `mypvc3`.', '正在等待控制器处理 `mypvc3`。'));
      },
      explain: (r) => {
        const c = claim(r, 'mypvc3');
        const e = c ? events(r, c, 'WaitForFirstConsumer').at(-1) : undefined;
        return tx(
          `\`mypvc3\` stays Pending, on purpose: **WaitForFirstConsumer** "${e?.message ?? 'waiting for first consumer to be created before binding'}". \`local-path\` makes volumes on a node's own disk, and a volume on the wrong node would be useless: the pod could only run there. So the class's \`volumeBindingMode: WaitForFirstConsumer\` delays binding and provisioning until a pod needs the claim and the scheduler has chosen its node. \`standard\` is \`Immediate\`: its disks are network disks that any node can attach.`,
          `\`mypvc3\` 保持 Pending，这是有意为之：**WaitForFirstConsumer** "${e?.message ?? 'waiting for first consumer to be created before binding'}"。\`local-path\` 把卷建在节点自己的磁盘上，建错了节点，卷就没法用：Pod 只能跑在那个节点上。所以这个 class 的 \`volumeBindingMode: WaitForFirstConsumer\` 把绑定和供给推迟到有 Pod 需要这个 PVC、调度器选好节点之后。\`standard\` 是 \`Immediate\`：它的磁盘是网络磁盘，任何节点都能挂载。`,
        );
      },
    },
    {
      id: 'consumer',
      hints: [
        tx(
          'Apply `mypod3.yml`, a pod that mounts `mypvc3`; then `kubectl get pvc mypvc3` and `kubectl get pod mypod3 -o wide`.',
          'apply `mypod3.yml`，这个 Pod 挂载了 `mypvc3`；然后执行 `kubectl get pvc mypvc3` 和 `kubectl get pod mypod3 -o wide`。',
        ),
        tx(
          '`kubectl describe pv` shows the new PV’s Node Affinity.',
          '`kubectl describe pv` 可以看到新 PV 的 Node Affinity。',
        ),
      ],
      solution: { kind: 'manifest', file: 'mypod3.yml' },
      check: (r) => {
        const c = findClaim(r, 'mypvc3');
        if (isResult(c)) return c;
        const pod = r.pod(NS, POD);
        if (!pod) return missing(tx(`There is no pod \`${POD}\` yet.`, `还没有 Pod \`${POD}\`。`));
        const bound = provisioned(c, LOCAL);
        if (!bound.ok) return bound;
        if (!isPodServing(pod))
          return missing(tx(`Waiting for \`${POD}\` to be Running.`, `正在等待 \`${POD}\` Running。`));
        const selected = annotation(c, SELECTED_NODE);
        if (selected && selected !== nodeNameOf(pod))
          return missing(
            tx(
              `\`mypvc3\` was provisioned for ${selected}, but \`${POD}\` runs on ${nodeNameOf(pod) ?? '?'}.`,
              `\`mypvc3\` 是为 ${selected} 供给的，但 \`${POD}\` 运行在 ${nodeNameOf(pod) ?? '?'} 上。`,
            ),
          );
        return ok;
      },
      explain: (r) => {
        const c = claim(r, 'mypvc3');
        const node = (c && annotation(c, SELECTED_NODE)) ?? '?';
        return tx(
          `The scheduler placed \`${POD}\` first, on **${node}**, and wrote its choice onto the claim (\`${SELECTED_NODE}: ${node}\`). Only then did the \`local-path\` provisioner make the PV ${boundTo(r, 'mypvc3').en}, on **${node}**'s disk, with a node affinity for ${node} alone; the controller bound it, and the kubelet mounted it. Any later pod using \`mypvc3\` will be scheduled to ${node} too: that is the price of local storage.`,
          `调度器先放置了 \`${POD}\`，选中 **${node}**，并把结果写到 PVC 上（\`${SELECTED_NODE}: ${node}\`）。然后 \`local-path\` provisioner 才在 **${node}** 的磁盘上创建了 PV ${boundTo(r, 'mypvc3')['zh-CN']}，它的节点亲和性只指向 ${node}；控制器完成绑定，kubelet 挂载了它。以后任何使用 \`mypvc3\` 的 Pod 也都会被调度到 ${node}：这就是本地存储的代价。`,
        );
      },
    },
    {
      id: 'delete',
      hints: [
        tx(
          '`kubectl delete pod mypod3`, then `kubectl delete pvc mypvc1 mypvc2 mypvc3`, then `kubectl get pv`.',
          '先执行 `kubectl delete pod mypod3`，再执行 `kubectl delete pvc mypvc1 mypvc2 mypvc3`，然后执行 `kubectl get pv`。',
        ),
        tx(
          'Look at RECLAIM POLICY in `kubectl get pv` before you delete.',
          '删除之前，先看看 `kubectl get pv` 中的 RECLAIM POLICY。',
        ),
      ],
      solution: { kind: 'kubectl', commands: [`kubectl delete pod ${POD}`, 'kubectl delete pvc mypvc1 mypvc2 mypvc3'] },
      check: (r) => {
        const left = CLAIMS.filter((n) => claim(r, n));
        if (left.length)
          return missing(
            tx(
              `Claims still there: ${left.map((n) => `\`${n}\``).join(', ')} (a claim in use waits for its pod).`,
              `这些 PVC 还在：${left.map((n) => `\`${n}\``).join('、')}（正在被使用的 PVC 会等它的 Pod 先删除）。`,
            ),
          );
        const pvs = provisionedNames(r);
        if (!pvs.length)
          return missing(
            tx(
              'No claim of this lesson has been created yet (steps 1–4).',
              '本课的 PVC 还一个都没有创建（第 1–4 步）。',
            ),
          );
        const kept = pvs.filter((n) => !removed(r, 'PersistentVolume', n));
        if (kept.length)
          return missing(
            tx(
              `Waiting for the provisioned volumes to go: ${kept.map((n) => `\`${n}\``).join(', ')}.`,
              `正在等待动态供给的卷被删除：${kept.map((n) => `\`${n}\``).join('、')}。`,
            ),
          );
        return ok;
      },
      explain: (r) =>
        joinText([
          tx(
            `Each claim let go of its PV, and each PV went Released — then, with \`persistentVolumeReclaimPolicy: Delete\` inherited from its class, its provisioner deleted the disk and the PV object: ${provisionedNames(
              r,
            )
              .map((n) => `\`${n}\``)
              .join(', ')}. They are gone from \`kubectl get pv\`, and their data is gone for good.`,
            `每个 PVC 都释放了自己的 PV，PV 变为 Released——随后，按照从 class 继承来的 \`persistentVolumeReclaimPolicy: Delete\`，provisioner 删除了磁盘和 PV 对象：${provisionedNames(
              r,
            )
              .map((n) => `\`${n}\``)
              .join('、')}。\`kubectl get pv\` 中已经没有它们了，数据也永久删除了。`,
          ),
          tx(
            '\nThat suits volumes that exist only for their claim. For data that must survive a mistaken `kubectl delete pvc`, use a class with `reclaimPolicy: Retain` — the book’s own `standard` class does exactly that.',
            '\n这适合那些只为 PVC 而存在的卷。对于误删 PVC 后也必须保住的数据，应当使用 `reclaimPolicy: Retain` 的 class——书中自己定义的 `standard` 就是这样做的。',
          ),
        ]),
    },
  ],
};
