/**
 * Node lifecycle: a node whose kubelet stops renewing its Lease for the
 * grace period (50 s) gets its conditions set to Unknown ("Kubelet stopped
 * posting node status."), its pods marked not ready, and the
 * `node.kubernetes.io/unreachable` taints; the taint-eviction part then
 * deletes pods once their toleration (300 s by default) runs out.
 * Mirrors pkg/controller/nodelifecycle and pkg/controller/tainteviction.
 */
import type { KubeObject } from '../../api/types.ts';
import { isoSeconds } from '../../clock/clock.ts';
import { R } from '../resources.ts';
import type { Action, ClusterView, Controller } from '../runtime/types.ts';
import { self, splitKey } from '../runtime/types.ts';
import type { StoreEvent } from '../../store/store.ts';
import { nodeNameOf } from '../podutil.ts';

const NAME = 'node-lifecycle-controller';
/** node-monitor-grace-period: 50 s since v1.32 (it was 40 s in the book's day). */
export const GRACE_MS = 50_000;
const MONITOR_MS = 5_000;
export const UNREACHABLE = 'node.kubernetes.io/unreachable';
export const NOT_READY = 'node.kubernetes.io/not-ready';

interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}
function taintsOf(node: KubeObject | undefined): Taint[] {
  return (node?.spec as { taints?: Taint[] } | undefined)?.taints ?? [];
}
interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}
interface Condition {
  type: string;
  status: string;
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export class NodeLifecycleController implements Controller {
  readonly name = NAME;
  readonly watches = [
    { resource: R.nodes, keys: self },
    {
      resource: R.leases,
      keys: (e: StoreEvent) =>
        e.object.metadata.namespace === 'kube-node-lease' ? [e.object.metadata.name ?? ''] : [],
    },
    // A pod matters to the node only while the node carries NoExecute taints (taint eviction).
    { resource: R.pods, keys: (e: StoreEvent) => this.nodeKeyIfTainted(e) },
  ];

  constructor(private readonly view?: ClusterView) {}

  private nodeKeyIfTainted(e: StoreEvent): string[] {
    const node = nodeNameOf(e.object);
    if (!node) return [];
    if (!this.view) return [node];
    return taintsOf(this.view.get(R.nodes, undefined, node)).some((t) => t.effect === 'NoExecute') ? [node] : [];
  }

  reconcile(view: ClusterView, key: string): Action[] {
    const [, name] = splitKey(key);
    const node = view.get(R.nodes, undefined, name);
    if (!node) return [];
    const now = view.now();
    const lease = view.get(R.leases, 'kube-node-lease', name);
    const renew = Date.parse(
      (lease?.spec as { renewTime?: string } | undefined)?.renewTime ?? node.metadata.creationTimestamp ?? '0',
    );
    const silent = now - renew > GRACE_MS;
    const out = silent ? this.markUnknown(view, node) : this.clearUnreachable(node);
    if (out.length) return out;
    return [
      ...this.evict(view, node),
      { type: 'requeueAfter', ms: silent ? MONITOR_MS : Math.max(1000, renew + GRACE_MS - now + 1) },
    ];
  }

  private markUnknown(view: ClusterView, node: KubeObject): Action[] {
    const status = (node.status ?? {}) as { conditions?: Condition[] };
    const ready = status.conditions?.find((c) => c.type === 'Ready');
    const taints = taintsOf(node);
    const now = isoSeconds(view.now());
    const out: Action[] = [];
    if (ready?.status !== 'Unknown') {
      const conditions = (status.conditions ?? []).map((c) => ({
        ...c,
        status: 'Unknown',
        lastTransitionTime: now,
        reason: 'NodeStatusUnknown',
        message: 'Kubelet stopped posting node status.',
      }));
      out.push({
        type: 'update',
        resource: R.nodes,
        subresource: 'status',
        object: { ...node, status: { ...status, conditions } },
        reason: `no heartbeat from kubelet for ${GRACE_MS / 1000}s → node ${node.metadata.name} is NotReady (Unknown)`,
      });
      out.push({
        type: 'event',
        object: node,
        eventType: 'Normal',
        reason: 'NodeNotReady',
        message: `Node ${node.metadata.name} status is now: NodeNotReady`,
      });
      for (const pod of view.podsOnNode(node.metadata.name ?? '')) out.push(...markPodNotReady(pod, now));
      return out;
    }
    if (!taints.some((t) => t.key === UNREACHABLE && t.effect === 'NoExecute')) {
      const next = [
        ...taints.filter((t) => t.key !== NOT_READY),
        { key: UNREACHABLE, effect: 'NoSchedule', timeAdded: now },
        { key: UNREACHABLE, effect: 'NoExecute', timeAdded: now },
      ];
      out.push({
        type: 'update',
        resource: R.nodes,
        object: { ...node, spec: { ...(node.spec as object), taints: next } },
        reason: `node ${node.metadata.name} is unreachable → tainted ${UNREACHABLE}`,
      });
    }
    return out;
  }

  private clearUnreachable(node: KubeObject): Action[] {
    const taints = taintsOf(node);
    const ready = ((node.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).find(
      (c) => c.type === 'Ready',
    );
    if (ready?.status !== 'True' || !taints.some((t) => t.key === UNREACHABLE)) return [];
    const next = taints.filter((t) => t.key !== UNREACHABLE);
    return [
      {
        type: 'update',
        resource: R.nodes,
        object: { ...node, spec: { ...(node.spec as object), taints: next.length ? next : undefined } },
        reason: `kubelet on ${node.metadata.name} is back → removed ${UNREACHABLE} taints`,
      },
    ];
  }

  /** Taint eviction: pods that do not tolerate a NoExecute taint (or whose tolerationSeconds ran out) are deleted. */
  private evict(view: ClusterView, node: KubeObject): Action[] {
    const taints = taintsOf(node).filter((t) => t.effect === 'NoExecute');
    if (taints.length === 0) return [];
    const now = view.now();
    const out: Action[] = [];
    let wake = Infinity;
    for (const pod of view.podsOnNode(node.metadata.name ?? '')) {
      if (pod.metadata.deletionTimestamp) continue;
      const due = evictionTime(pod, taints);
      if (due === undefined) continue;
      if (due <= now) {
        out.push({
          type: 'event',
          object: pod,
          eventType: 'Normal',
          reason: 'TaintManagerEviction',
          message: `Marking for deletion Pod ${pod.metadata.namespace}/${pod.metadata.name}`,
        });
        out.push({
          type: 'delete',
          resource: R.pods,
          namespace: pod.metadata.namespace,
          name: pod.metadata.name ?? '',
          uid: pod.metadata.uid,
          reason: `node ${node.metadata.name} has taint ${taints[0]!.key}:NoExecute and the pod's toleration ran out`,
        });
      } else wake = Math.min(wake, due);
    }
    if (wake < Infinity) out.push({ type: 'requeueAfter', ms: wake - now });
    return out;
  }
}

/** When a pod must go, given a node's NoExecute taints: now if one is not tolerated, later if tolerated for a while. */
export function evictionTime(pod: KubeObject, taints: Taint[]): number | undefined {
  const tolerations = (pod.spec as { tolerations?: Toleration[] } | undefined)?.tolerations ?? [];
  let due: number | undefined;
  for (const t of taints) {
    const tol = tolerations.find((x) => tolerates(x, t));
    const added = Date.parse(t.timeAdded ?? '0');
    if (!tol) return 0;
    if (tol.tolerationSeconds !== undefined) {
      const at = added + Math.max(0, tol.tolerationSeconds) * 1000;
      due = due === undefined ? at : Math.min(due, at);
    }
  }
  return due;
}

export function tolerates(tol: Toleration, taint: Taint): boolean {
  if (tol.effect && tol.effect !== taint.effect) return false;
  if (tol.operator === 'Exists') return !tol.key || tol.key === taint.key;
  return tol.key === taint.key && (tol.value ?? '') === (taint.value ?? '');
}

function markPodNotReady(pod: KubeObject, now: string): Action[] {
  const status = (pod.status ?? {}) as { conditions?: Condition[] };
  const conds = status.conditions ?? [];
  if (!conds.some((c) => c.type === 'Ready' && c.status === 'True')) return [];
  const conditions = conds.map((c) =>
    c.type === 'Ready' || c.type === 'ContainersReady' ? { ...c, status: 'False', lastTransitionTime: now } : c,
  );
  return [
    {
      type: 'update',
      resource: R.pods,
      subresource: 'status',
      object: { ...pod, status: { ...status, conditions } },
      reason: `node ${nodeNameOf(pod)} is unreachable → pod ${pod.metadata.name} marked not ready`,
    },
  ];
}
