/**
 * Explanations drawn from the trace: each write a component made, told in a
 * sentence a learner can read, in both languages ("The ReplicaSet controller
 * saw desired 2, observed 1, and created pod …"). The trace's own reasons are
 * English sentences built by the components; the numbers and names in them
 * are read back here so the Chinese text can carry them too.
 */
import type { TraceEntry } from '../api/trace.ts';
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
