/**
 * Explanations drawn from the trace: each write a component made, told in a
 * sentence a learner can read, in both languages ("The ReplicaSet controller
 * saw desired 2, observed 1, and created pod …"). The trace's own reasons are
 * English sentences built by the components; the numbers and names in them
 * are read back here so the Chinese text can carry them too.
 */
import type { TraceEntry } from '../api/trace.ts';
import type { KubeObject } from '../api/types.ts';
import { mapSelectorMatches } from '../controllers/labels.ts';
import { isPodReady } from '../controllers/podutil.ts';
import { whyNot } from '../controllers/volume/matching.ts';
import { claimClass } from '../controllers/volume/util.ts';
import type { StorageClass } from '../controllers/volume/util.ts';
import type { Text } from './text.ts';
import { joinText, tx } from './text.ts';

/** Components inside the cluster; any other writer is a client acting for the learner (kubectl, the editor). */
const SYSTEM = /^(kube-apiserver|default-scheduler|kubelet(\/.*)?|.*-controller|pod-garbage-collector)$/;

export function isSystemComponent(component: string): boolean {
  return SYSTEM.test(component);
}

/** How the learner's tools appear in the trace: `kubectl apply`, `kubelab-editor`, `kubelab-graph`. */
function clientName(component: string): Text {
  // The Chinese names carry their own spacing: a space between Chinese and Latin text, none between Chinese.
  if (component === 'kubelab-editor') return tx('the editor’s Apply', '编辑器的 Apply ');
  if (component === 'kubelab-graph') return tx('the graph', '拓扑图');
  return tx(`\`${component}\``, ` \`${component}\` `);
}

const num = (reason: string, re: RegExp): string[] | undefined => re.exec(reason)?.slice(1);

function clientPhrase(e: TraceEntry): Text {
  const who = clientName(e.component);
  const obj = `${e.kind} \`${e.name}\``;
  const rv = e.resourceVersion ? ` (resourceVersion ${e.resourceVersion})` : '';
  const rvZh = e.resourceVersion ? `（resourceVersion ${e.resourceVersion}）` : '';
  if (e.verb === 'delete' || /\bdeleted\b/.test(e.reason))
    return tx(`You deleted ${obj} with ${who.en}.`, `你通过${who['zh-CN']}删除了 ${obj}。`);
  if (e.verb === 'create')
    return tx(
      `You sent ${obj} with ${who.en}; kube-apiserver validated it and stored it in etcd${rv}.`,
      `你通过${who['zh-CN']}把 ${obj} 发给 kube-apiserver，校验通过后存入 etcd${rvZh}。`,
    );
  return tx(
    `You changed ${obj} with ${who.en}; kube-apiserver stored the new spec in etcd${rv}.`,
    `你通过${who['zh-CN']}修改了 ${obj}，kube-apiserver 把新的 spec 存入 etcd${rvZh}。`,
  );
}

function deploymentControllerPhrase(e: TraceEntry): Text | undefined {
  if (e.kind === 'ReplicaSet' && e.verb === 'create') {
    const [rev] = num(e.reason, /revision (\d+)/) ?? [];
    return tx(
      `The Deployment controller (in kube-controller-manager) saw a new pod template${rev ? ` (revision ${rev})` : ''} and created ReplicaSet \`${e.name}\`.`,
      `Deployment 控制器（kube-controller-manager 中）发现了新的 Pod 模板${rev ? `（revision ${rev}）` : ''}，创建了 ReplicaSet \`${e.name}\`。`,
    );
  }
  const scaled = num(e.reason, /from (\d+) to (\d+)/);
  if (e.kind === 'ReplicaSet' && scaled) {
    const [from, to] = scaled;
    return tx(
      `The Deployment controller scaled ReplicaSet \`${e.name}\` from ${from} to ${to}.`,
      `Deployment 控制器把 ReplicaSet \`${e.name}\` 从 ${from} 个副本调整为 ${to} 个。`,
    );
  }
  return undefined;
}

function replicaSetControllerPhrase(e: TraceEntry): Text | undefined {
  const [desired, observed] = num(e.reason, /desired (\d+), observed (\d+)/) ?? [];
  if (e.kind !== 'Pod' || desired === undefined) return undefined;
  if (e.verb === 'create')
    return tx(
      `The ReplicaSet controller saw desired ${desired}, observed ${observed} — and created pod \`${e.name}\`.`,
      `ReplicaSet 控制器发现期望 ${desired} 个、实际 ${observed} 个，于是创建了 Pod \`${e.name}\`。`,
    );
  return tx(
    `The ReplicaSet controller saw desired ${desired}, observed ${observed} — and deleted pod \`${e.name}\`.`,
    `ReplicaSet 控制器发现期望 ${desired} 个、实际 ${observed} 个，于是删除了 Pod \`${e.name}\`。`,
  );
}

function schedulerPhrase(e: TraceEntry): Text | undefined {
  const [node] = num(e.reason, /bound pod \S+ to (\S+)$/) ?? [];
  if (!node) return undefined;
  return tx(
    `kube-scheduler filtered and scored the nodes and bound pod \`${e.name}\` to **${node}**.`,
    `kube-scheduler 对各节点做了过滤和打分，把 Pod \`${e.name}\` 绑定到 **${node}**。`,
  );
}

function kubeletPhrase(e: TraceEntry): Text | undefined {
  const node = e.component.slice('kubelet/'.length) || '?';
  if (e.kind !== 'Pod') return undefined;
  if (e.verb === 'delete')
    return tx(
      `The kubelet on **${node}** stopped the containers of \`${e.name}\`, and the pod was removed.`,
      `**${node}** 上的 kubelet 停止了 \`${e.name}\` 的容器，Pod 随之被移除。`,
    );
  if (/: Running, .* ready$/.test(e.reason))
    return tx(
      `The kubelet on **${node}** pulled the image and started the containers of \`${e.name}\`: Running and Ready.`,
      `**${node}** 上的 kubelet 拉取镜像并启动了 \`${e.name}\` 的容器：Running 且 Ready。`,
    );
  return undefined;
}

/**
 * One trace entry as a sentence, or undefined when it is bookkeeping a learner need not read
 * (status updates, events, heartbeats, annotations).
 */
export function phrase(e: TraceEntry): Text | undefined {
  if (e.kind === 'Event' || e.kind === 'Lease') return undefined;
  if (!isSystemComponent(e.component)) return e.verb === 'status' ? undefined : clientPhrase(e);
  if (e.component === 'deployment-controller') return deploymentControllerPhrase(e);
  if (e.component === 'replicaset-controller') return replicaSetControllerPhrase(e);
  if (e.component === 'default-scheduler') return schedulerPhrase(e);
  if (e.component.startsWith('kubelet')) return kubeletPhrase(e);
  return undefined;
}

/** `09:00:03` of an entry's RFC 3339 time. */
function clockTime(e: TraceEntry): string {
  return e.time.slice(11, 19);
}

/**
 * A Markdown list telling what happened, one line per meaningful entry, oldest first, with the
 * virtual time; long stories keep their first lines and say how many more followed.
 */
export function story(entries: readonly TraceEntry[], maxLines = 12): Text {
  const lines: Text[] = [];
  let more = 0;
  for (const e of entries) {
    const p = phrase(e);
    if (!p) continue;
    if (lines.length >= maxLines) {
      more++;
      continue;
    }
    const t = clockTime(e);
    lines.push(tx(`- \`${t}\` ${p.en}`, `- \`${t}\` ${p['zh-CN']}`));
  }
  if (more) lines.push(tx(`- … and ${more} more like these.`, `- ……以及另外 ${more} 条类似的记录。`));
  return joinText(lines);
}

/** Trace entries about a Deployment and everything it made (its ReplicaSets and their pods, by name). */
export function deploymentEntries(entries: readonly TraceEntry[], namespace: string, name: string): TraceEntry[] {
  const prefix = `${name}-`;
  return entries.filter(
    (e) =>
      e.namespace === namespace &&
      ((e.kind === 'Deployment' && e.name === name) ||
        ((e.kind === 'ReplicaSet' || e.kind === 'Pod') && e.name.startsWith(prefix))),
  );
}

// --- why an object is not working yet (the inspector's Why for claims, volumes, Services) ---

/**
 * Why a PersistentVolumeClaim is Pending: the class it waits for, then each volume the
 * binder considered and why it did not match ("mypv1: too small (1Gi < 2Gi)").
 * Undefined when the claim is bound.
 */
export function whyClaimPending(
  claim: KubeObject,
  volumes: readonly KubeObject[],
  classes: readonly KubeObject[],
): Text | undefined {
  if ((claim.status as { phase?: string } | undefined)?.phase === 'Bound') return undefined;
  const name = `\`${claim.metadata.name ?? ''}\``;
  const cls = claimClass(claim);
  const sc = classes.find((c) => c.metadata.name === cls) as StorageClass | undefined;
  const lines: Text[] = [];
  if (!cls)
    lines.push(
      tx(
        `Claim ${name} has no storage class: only a matching volume can satisfy it.`,
        `PVC ${name} 没有 StorageClass：只能绑定到匹配的 PV。`,
      ),
    );
  else if (!sc)
    lines.push(
      tx(
        `Claim ${name} asks for StorageClass \`${cls}\`, which does not exist: nothing will provision it.`,
        `PVC ${name} 要求的 StorageClass \`${cls}\` 不存在，不会有动态供给。`,
      ),
    );
  else if (
    sc.volumeBindingMode === 'WaitForFirstConsumer' &&
    !claim.metadata.annotations?.['volume.kubernetes.io/selected-node']
  )
    lines.push(
      tx(
        `Class \`${cls}\` binds on first use: the claim waits for a pod that uses it to be scheduled.`,
        `StorageClass \`${cls}\` 延迟绑定：等待使用它的 Pod 被调度。`,
      ),
    );
  else
    lines.push(
      tx(
        `Class \`${cls}\` provisions through \`${sc.provisioner ?? ''}\`; the claim waits for that volume.`,
        `StorageClass \`${cls}\` 通过 \`${sc.provisioner ?? ''}\` 动态供给，PVC 正在等待该 PV。`,
      ),
    );
  const considered = [...volumes].sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  for (const v of considered) {
    const why = whyNot(claim, v);
    const pv = `\`${v.metadata.name ?? ''}\``;
    lines.push(
      why
        ? tx(`- ${pv}: ${why}`, `- ${pv}：${why}`)
        : tx(`- ${pv}: fits (the binder takes it on its next pass)`, `- ${pv}：匹配（绑定器下一轮会绑定它）`),
    );
  }
  if (considered.length === 0) lines.push(tx('- There are no PersistentVolumes.', '- 集群中没有 PersistentVolume。'));
  return joinText(lines);
}

/** Why a PersistentVolume is not Bound: Available (no claim matched), Released (claimRef kept), Failed. */
export function whyVolume(volume: KubeObject): Text | undefined {
  const st = (volume.status ?? {}) as { phase?: string; message?: string };
  const spec = (volume.spec ?? {}) as {
    claimRef?: { namespace?: string; name?: string };
    persistentVolumeReclaimPolicy?: string;
  };
  const name = `\`${volume.metadata.name ?? ''}\``;
  const ref = spec.claimRef ? `${spec.claimRef.namespace ?? 'default'}/${spec.claimRef.name ?? ''}` : '';
  if (st.phase === 'Released')
    return tx(
      `Volume ${name} was bound to \`${ref}\`, which is gone. Policy ${spec.persistentVolumeReclaimPolicy ?? 'Retain'}: it keeps its claimRef (and data) and is not bound again until the claimRef is removed.`,
      `PV ${name} 曾绑定的 \`${ref}\` 已删除。回收策略 ${spec.persistentVolumeReclaimPolicy ?? 'Retain'}：它保留 claimRef（和数据），删除 claimRef 之前不会再被绑定。`,
    );
  if (st.phase === 'Failed')
    return tx(`Volume ${name} failed: ${st.message ?? ''}`, `PV ${name} 失败：${st.message ?? ''}`);
  if (st.phase === 'Available')
    return ref
      ? tx(
          `Volume ${name} is reserved for claim \`${ref}\` (claimRef) and waits for it.`,
          `PV ${name} 通过 claimRef 预留给 \`${ref}\`，等待该 PVC。`,
        )
      : tx(`Volume ${name} is Available: no claim has matched it yet.`, `PV ${name} 可用：还没有 PVC 与之匹配。`);
  return undefined;
}

/**
 * Why a Service has no endpoints: its selector matches no pod ("selector app=web matches
 * 0 pods") or the pods it matches are not Ready. Undefined when some pod serves it.
 */
export function whyServiceEmpty(service: KubeObject, pods: readonly KubeObject[]): Text | undefined {
  const selector = (service.spec as { selector?: Record<string, string> } | undefined)?.selector;
  const shown = Object.entries(selector ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  if (!selector || !shown)
    return tx(
      'The Service has no selector: its endpoints are whatever you create by hand.',
      '该 Service 没有 selector：端点需要手动创建。',
    );
  const matching = pods.filter(
    (p) =>
      p.metadata.namespace === service.metadata.namespace &&
      !p.metadata.deletionTimestamp &&
      mapSelectorMatches(selector, p.metadata.labels),
  );
  if (matching.length === 0) return tx(`selector ${shown} matches 0 pods`, `selector ${shown} 没有匹配任何 Pod`);
  if (matching.some(isPodReady)) return undefined;
  return tx(
    `${matching.length} pod${matching.length === 1 ? '' : 's'} match${matching.length === 1 ? 'es' : ''} but none is Ready`,
    `${matching.length} 个 Pod 匹配，但没有一个 Ready`,
  );
}
