/**
 * Lesson 14, "PersistentVolumes and claims" (book ch.9.2, its NFS example:
 * PV `mypv1` 1Gi RWO, storageClassName nfs, server 192.168.56.105, claim
 * `mypvc1`, pod `mypod1` with /mydata): a claim waits Pending while no PV
 * matches; the administrator's PV binds it; deleting the claim recycles the PV
 * (pod `recycler-for-mypv1`) back to Available; with Retain it stays Released.
 */
import { isPodServing, joinText, nodeNameOf, tx } from '../../core/check/index.ts';
import type { ClusterReader, KubeObject, Text } from '../../core/check/index.ts';
import { NS, isResult } from '../checks.ts';
import type { CheckResult, Lesson } from '../types.ts';
import { missing, ok } from '../types.ts';

const PV = 'mypv1';
const PVC = 'mypvc1';
const POD = 'mypod1';
const RECYCLER = `recycler-for-${PV}`;

interface EventLike {
  type?: string;
  reason?: string;
  message?: string;
}

const phaseOf = (obj: KubeObject | undefined) => (obj?.status as { phase?: string } | undefined)?.phase;
const policyOf = (pv: KubeObject) =>
  (pv.spec as { persistentVolumeReclaimPolicy?: string } | undefined)?.persistentVolumeReclaimPolicy ?? 'Retain';
const volumeNameOf = (claim: KubeObject) => (claim.spec as { volumeName?: string } | undefined)?.volumeName;

function claim(r: ClusterReader): KubeObject | undefined {
  return r.claims(NS).find((c) => c.metadata.name === PVC && !c.metadata.deletionTimestamp);
}

function findClaim(r: ClusterReader, file: string): KubeObject | CheckResult {
  return (
    claim(r) ??
    missing(tx(`There is no claim \`${PVC}\`: apply \`${file}\`.`, `还没有 PVC \`${PVC}\`：请 apply \`${file}\`。`))
  );
}

function findPv(r: ClusterReader): KubeObject | CheckResult {
  return (
    r.persistentVolume(PV) ??
    missing(tx(`There is no PersistentVolume \`${PV}\`.`, `还没有 PersistentVolume \`${PV}\`。`))
  );
}

/** The claim's warnings, newest last: why it is Pending. */
function warnings(r: ClusterReader, obj: KubeObject): EventLike[] {
  return (r.eventsFor(obj) as EventLike[]).filter((e) => e.type === 'Warning');
}

/** The claim is Bound to mypv1. */
function boundToPv(c: KubeObject): CheckResult {
  if (phaseOf(c) === 'Bound' && volumeNameOf(c) === PV) return ok;
  if (phaseOf(c) === 'Bound')
    return missing(
      tx(
        `\`${PVC}\` is bound to \`${volumeNameOf(c) ?? ''}\`, not \`${PV}\`.`,
        `\`${PVC}\` 绑定的是 \`${volumeNameOf(c) ?? ''}\`，而不是 \`${PV}\`。`,
      ),
    );
  return missing(
    tx(
      `\`${PVC}\` is ${phaseOf(c) ?? 'Pending'}: waiting for it to be Bound.`,
      `\`${PVC}\` 是 ${phaseOf(c) ?? 'Pending'}：正在等待它变为 Bound。`,
    ),
  );
}

/** mypod1 Running with mypvc1 mounted. */
function podUsesClaim(r: ClusterReader): CheckResult {
  const pod = r.pod(NS, POD);
  if (!pod || pod.metadata.deletionTimestamp)
    return missing(tx(`There is no pod \`${POD}\` yet.`, `还没有 Pod \`${POD}\`。`));
  const vols = (pod.spec as { volumes?: { persistentVolumeClaim?: { claimName?: string } }[] }).volumes ?? [];
  if (!vols.some((v) => v.persistentVolumeClaim?.claimName === PVC))
    return missing(tx(`\`${POD}\` does not mount the claim \`${PVC}\`.`, `\`${POD}\` 没有挂载 PVC \`${PVC}\`。`));
  if (!isPodServing(pod)) return missing(tx(`Waiting for \`${POD}\` to be Running.`, `正在等待 \`${POD}\` Running。`));
  return ok;
}

/** The claim and its pod are gone (a claim in use waits for its pod: pvc-protection). */
function claimGone(r: ClusterReader): CheckResult {
  const c = r.claims(NS).find((x) => x.metadata.name === PVC);
  if (!c) return ok;
  if (c.metadata.deletionTimestamp)
    return missing(
      tx(
        `\`${PVC}\` is Terminating: the \`kubernetes.io/pvc-protection\` finalizer keeps it while \`${POD}\` uses it.`,
        `\`${PVC}\` 正在 Terminating：只要 \`${POD}\` 还在使用它，\`kubernetes.io/pvc-protection\` finalizer 就会保留它。`,
      ),
    );
  return missing(
    tx(
      `Delete the pod and the claim: \`kubectl delete pod ${POD}\`, \`kubectl delete pvc ${PVC}\`.`,
      `删除 Pod 和 PVC：\`kubectl delete pod ${POD}\`、\`kubectl delete pvc ${PVC}\`。`,
    ),
  );
}

const recyclerSeqs = (r: ClusterReader) =>
  r.trace({ namespace: NS, kind: 'Pod', name: RECYCLER }).filter((e) => e.verb === 'create');

function pvPhase(r: ClusterReader, want: string, policy: string): CheckResult {
  const pv = findPv(r);
  if (isResult(pv)) return pv;
  if (policyOf(pv) !== policy)
    return missing(
      tx(
        `\`${PV}\`'s reclaim policy is ${policyOf(pv)}; this step needs ${policy}.`,
        `\`${PV}\` 的回收策略是 ${policyOf(pv)}；这一步需要 ${policy}。`,
      ),
    );
  if (phaseOf(pv) === want) return ok;
  return missing(
    tx(
      `\`${PV}\` is ${phaseOf(pv) ?? '?'}; waiting for ${want}.`,
      `\`${PV}\` 是 ${phaseOf(pv) ?? '?'}；正在等待它变为 ${want}。`,
    ),
  );
}

/** The PV's events since the claim was last deleted, as lines. */
function pvEvents(r: ClusterReader, reasons: RegExp): Text {
  const pv = r.persistentVolume(PV);
  const evs = pv ? (r.eventsFor(pv) as EventLike[]).filter((e) => reasons.test(e.reason ?? '')) : [];
  if (!evs.length) return tx('', '');
  const lines = evs.slice(-6).map((e) => `- **${e.reason ?? ''}** ${e.message ?? ''}`);
  return tx(
    `\n\`kubectl describe pv ${PV}\` shows:\n${lines.join('\n')}`,
    `\n\`kubectl describe pv ${PV}\` 显示：\n${lines.join('\n')}`,
  );
}

export const pvPvc: Lesson = {
  id: 'pv-pvc',
  number: 14,
  title: tx('PersistentVolumes and claims', 'PersistentVolume 和 PersistentVolumeClaim'),
  summary: tx(
    'The book’s NFS volume `mypv1` and claim `mypvc1`: a claim that waits for a volume, binding, a pod writing to it, and what Recycle and Retain do when the claim goes.',
    '书中的 NFS 卷 `mypv1` 和申请 `mypvc1`：等待 PV 的 PVC、绑定、Pod 往卷里写数据，以及删除 PVC 后 Recycle 和 Retain 各做了什么。',
  ),
  start: {},
  steps: [
    {
      id: 'pending',
      hints: [
        tx(
          'Apply `nfs-pvc1.yml`, then `kubectl get pvc` and `kubectl describe pvc mypvc1`.',
          'apply `nfs-pvc1.yml`，然后执行 `kubectl get pvc` 和 `kubectl describe pvc mypvc1`。',
        ),
        tx(
          'No PersistentVolume exists yet (`kubectl get pv`): the claim has nothing to bind to.',
          '现在还没有任何 PersistentVolume（`kubectl get pv`）：PVC 没有可以绑定的对象。',
        ),
      ],
      solution: { kind: 'manifest', file: 'nfs-pvc1.yml' },
      check: (r) => {
        const c = findClaim(r, 'nfs-pvc1.yml');
        if (isResult(c)) return c;
        if (warnings(r, c).length) return ok;
        return missing(
          tx(
            `\`${PVC}\` is ${phaseOf(c) ?? 'Pending'}; wait for the controller to say why (its Events).`,
            `\`${PVC}\` 是 ${phaseOf(c) ?? 'Pending'}；等待控制器给出原因（看它的 Events）。`,
          ),
        );
      },
      explain: (r) => {
        const c = claim(r);
        const w = c ? warnings(r, c).at(-1) : undefined;
        return tx(
          `\`${PVC}\` asks for 1Gi, ReadWriteOnce, class \`nfs\`. The PersistentVolume controller (persistentvolume-binder in kube-controller-manager) looked for a PV that offers all of it and found none — there are no PVs at all. A claim that names a class could also be served by *dynamic provisioning*, so it then looked for a StorageClass \`nfs\` to make one: **${w?.reason ?? 'ProvisioningFailed'}** — ${w?.message ?? 'storageclass.storage.k8s.io "nfs" not found'}. Nothing fails: the claim stays Pending, and the controller keeps trying.`,
          `\`${PVC}\` 申请 1Gi、ReadWriteOnce、class 为 \`nfs\` 的存储。PersistentVolume 控制器（kube-controller-manager 中的 persistentvolume-binder）寻找能满足全部条件的 PV，一个也没找到——现在根本没有 PV。指定了 class 的 PVC 还可以通过 *动态供给* 得到满足，于是它又去找名为 \`nfs\` 的 StorageClass 来创建 PV：**${w?.reason ?? 'ProvisioningFailed'}**——${w?.message ?? 'storageclass.storage.k8s.io "nfs" not found'}。这并不是失败：PVC 保持 Pending，控制器会一直重试。`,
        );
      },
    },
    {
      id: 'bind',
      hints: [
        tx(
          'Apply `nfs-pv1.yml` — the administrator’s side: an NFS export offered as a PersistentVolume.',
          'apply `nfs-pv1.yml`——这是管理员的工作：把一个 NFS 共享目录作为 PersistentVolume 提供出来。',
        ),
        tx('Then `kubectl get pv,pvc`.', '然后执行 `kubectl get pv,pvc`。'),
      ],
      solution: { kind: 'manifest', file: 'nfs-pv1.yml' },
      check: (r) => {
        const c = findClaim(r, 'nfs-pvc1.yml');
        return isResult(c) ? c : boundToPv(c);
      },
      explain: () =>
        tx(
          `\`${PV}\` offers 1Gi, ReadWriteOnce, class \`nfs\`: exactly what \`${PVC}\` asks for. The controller bound them both ways — \`spec.claimRef\` of the PV points at the claim, \`spec.volumeName\` of the claim at the PV — and both went **Bound**. A PV is bound to one claim at a time, and a claim to one PV. The claim did not need to know anything about NFS: the administrator provides storage as PVs, the user asks for it with a PVC.`,
          `\`${PV}\` 提供 1Gi、ReadWriteOnce、class \`nfs\` 的存储：正是 \`${PVC}\` 所申请的。控制器把两者双向绑定——PV 的 \`spec.claimRef\` 指向 PVC，PVC 的 \`spec.volumeName\` 指向 PV——两者都变成了 **Bound**。一个 PV 同一时间只绑定一个 PVC，一个 PVC 也只绑定一个 PV。PVC 不需要知道任何 NFS 的细节：管理员以 PV 的形式提供存储，普通用户用 PVC 申请存储。`,
        ),
    },
    {
      id: 'use',
      hints: [
        tx(
          'Apply `pod1.yml`, then `kubectl exec mypod1 -- touch /mydata/hello` and `kubectl exec mypod1 -- ls /mydata`.',
          'apply `pod1.yml`，然后执行 `kubectl exec mypod1 -- touch /mydata/hello` 和 `kubectl exec mypod1 -- ls /mydata`。',
        ),
        tx(
          'The pod names the claim, not the PV: `persistentVolumeClaim: {claimName: mypvc1}`.',
          'Pod 中引用的是 PVC，而不是 PV：`persistentVolumeClaim: {claimName: mypvc1}`。',
        ),
      ],
      solution: { kind: 'manifest', file: 'pod1.yml' },
      check: (r) => podUsesClaim(r),
      explain: (r) => {
        const pod = r.pod(NS, POD);
        const node = (pod && nodeNameOf(pod)) ?? '?';
        return tx(
          `\`${POD}\` runs on **${node}**. Before starting its container, the kubelet there followed the chain pod → claim \`${PVC}\` → PV \`${PV}\` → NFS export \`192.168.56.105:/nfsdata/pv1\`, and mounted that export at /mydata. \`touch /mydata/hello\` wrote the file to the NFS server, not to the node: on the book's cluster, \`ls /nfsdata/pv1\` on the NFS host shows it.`,
          `\`${POD}\` 运行在 **${node}** 上。启动容器之前，那里的 kubelet 沿着 Pod → PVC \`${PVC}\` → PV \`${PV}\` → NFS 共享目录 \`192.168.56.105:/nfsdata/pv1\` 这条链找到存储，把它 mount 到 /mydata。\`touch /mydata/hello\` 把文件写到了 NFS 服务器上，而不是节点上：在书中的集群里，在 NFS 主机上执行 \`ls /nfsdata/pv1\` 就能看到它。`,
        );
      },
    },
    {
      id: 'recycle',
      hints: [
        tx(
          '`kubectl delete pod mypod1`, then `kubectl delete pvc mypvc1`, then watch `kubectl get pv` and `kubectl get pods`.',
          '先执行 `kubectl delete pod mypod1`，再执行 `kubectl delete pvc mypvc1`，然后观察 `kubectl get pv` 和 `kubectl get pods`。',
        ),
        tx(
          'A pod named `recycler-for-mypv1` appears for a few seconds: it is the one cleaning the volume.',
          '会出现一个名为 `recycler-for-mypv1` 的 Pod，持续几秒钟：清理卷的就是它。',
        ),
      ],
      solution: { kind: 'kubectl', commands: [`kubectl delete pod ${POD}`, `kubectl delete pvc ${PVC}`] },
      check: (r) => {
        const gone = claimGone(r);
        if (!gone.ok) return gone;
        if (!recyclerSeqs(r).length)
          return missing(
            tx(`Waiting for \`${RECYCLER}\` to scrub \`${PV}\`.`, `正在等待 \`${RECYCLER}\` 清理 \`${PV}\`。`),
          );
        return pvPhase(r, 'Available', 'Recycle');
      },
      explain: (r) =>
        joinText([
          tx(
            `With the claim gone, \`${PV}\` went **Released**: bound to nothing, but still holding the claim's data. Its \`persistentVolumeReclaimPolicy: Recycle\` told the controller what to do next: it started the pod \`${RECYCLER}\`, which mounted the volume at /scrub and deleted everything in it — the effect of \`rm -rf /thevolume/*\`. When the pod succeeded, the controller cleared the PV's claimRef and made it **Available** again, for the next claim.`,
            `PVC 删除后，\`${PV}\` 变为 **Released**：不再绑定任何 PVC，但仍保存着数据。它的 \`persistentVolumeReclaimPolicy: Recycle\` 告诉控制器下一步做什么：控制器启动了 Pod \`${RECYCLER}\`，它把卷 mount 到 /scrub，删除其中的所有内容——效果相当于执行 \`rm -rf /thevolume/*\`。这个 Pod 成功结束后，控制器清除了 PV 的 claimRef，让它重新变为 **Available**，供下一个 PVC 使用。`,
          ),
          pvEvents(r, /Recycle/),
        ]),
    },
    {
      id: 'retain',
      hints: [
        tx(
          'Apply `retain.yml`: `mypv1` with `persistentVolumeReclaimPolicy: Retain`, and `mypvc1` and `mypod1` again.',
          'apply `retain.yml`：`persistentVolumeReclaimPolicy` 改为 `Retain` 的 `mypv1`，以及重新创建的 `mypvc1` 和 `mypod1`。',
        ),
        tx(
          'Then `kubectl exec mypod1 -- ls /mydata` (empty: the recycler wiped it) and `kubectl exec mypod1 -- touch /mydata/hello`.',
          '然后执行 `kubectl exec mypod1 -- ls /mydata`（是空的：recycler 已经清空了它），再执行 `kubectl exec mypod1 -- touch /mydata/hello`。',
        ),
      ],
      solution: { kind: 'manifest', file: 'retain.yml' },
      check: (r) => {
        const pv = findPv(r);
        if (isResult(pv)) return pv;
        if (policyOf(pv) !== 'Retain')
          return missing(
            tx(`\`${PV}\`'s reclaim policy is still ${policyOf(pv)}.`, `\`${PV}\` 的回收策略仍然是 ${policyOf(pv)}。`),
          );
        const c = findClaim(r, 'retain.yml');
        if (isResult(c)) return c;
        const bound = boundToPv(c);
        return bound.ok ? podUsesClaim(r) : bound;
      },
      explain: () =>
        tx(
          `Changing the reclaim policy is an ordinary update of the PV; it matters only when a claim lets go. \`${PVC}\` bound \`${PV}\` again, and \`${POD}\` mounted it: /mydata started empty, because the recycler had deleted the old hello.`,
          `修改回收策略只是一次普通的 PV 更新；它只在 PVC 释放 PV 时才起作用。\`${PVC}\` 再次绑定了 \`${PV}\`，\`${POD}\` 也 mount 了它：/mydata 一开始是空的，因为 recycler 已经删除了之前的 hello。`,
        ),
    },
    {
      id: 'released',
      hints: [
        tx(
          '`kubectl delete pod mypod1`, then `kubectl delete pvc mypvc1`, and watch `kubectl get pv` for a while.',
          '先执行 `kubectl delete pod mypod1`，再执行 `kubectl delete pvc mypvc1`，然后观察 `kubectl get pv` 一段时间。',
        ),
        tx(
          'No recycler pod this time. What is the STATUS of mypv1, and can a new claim use it?',
          '这次没有 recycler Pod。mypv1 的 STATUS 是什么？新的 PVC 还能用它吗？',
        ),
      ],
      solution: { kind: 'kubectl', commands: [`kubectl delete pod ${POD}`, `kubectl delete pvc ${PVC}`] },
      check: (r) => {
        const gone = claimGone(r);
        return gone.ok ? pvPhase(r, 'Released', 'Retain') : gone;
      },
      explain: () =>
        tx(
          `\`${PV}\` is **Released** and stays so: with \`Retain\`, Kubernetes leaves the volume and its data exactly as they were, for an administrator to deal with by hand. A Released PV is not offered to new claims: its \`claimRef\` still names the deleted claim, and data of the old user might still be there. To use the storage again, delete the PV and create it again (\`kubectl delete pv ${PV}\`, then apply): deleting the PV object does not delete the data on the NFS server. The third policy, \`Delete\`, deletes the storage asset itself along with the PV; it is the default for volumes a StorageClass provisions (next lesson).`,
          `\`${PV}\` 变为 **Released**，并一直保持这个状态：策略为 \`Retain\` 时，Kubernetes 原样保留卷和其中的数据，等管理员手工回收。Released 的 PV 不能再被新的 PVC 申请：它的 \`claimRef\` 仍指向已删除的 PVC，里面也可能还有上一个用户的数据。要重新使用这块存储，可以删除并重新创建 PV（\`kubectl delete pv ${PV}\`，然后再 apply）：删除 PV 对象并不会删除 NFS 服务器上的数据。第三种策略 \`Delete\` 会连同 PV 一起删除存储资源本身；StorageClass 动态供给的卷默认就是它（下一课）。`,
        ),
    },
  ],
};
