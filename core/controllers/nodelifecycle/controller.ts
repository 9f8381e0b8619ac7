/**
 * Node lifecycle: a Node's conditions, taints and pods from its Lease. Silent 50 s → conditions
 * Unknown, NodeNotReady, pods Ready=False; conditions and cordon → NoSchedule taints at once;
 * unreachable/not-ready NoExecute taints per zone at the eviction rate, none in disrupted zones
 * (zones.ts); taint eviction (tainteviction.ts) deletes pods not tolerating NoExecute taints.
 * Mirrors pkg/controller/nodelifecycle and pkg/controller/tainteviction. Simplified: the zone's
 * rate limiter is read from its taints' timeAdded (one node per 1/rate s), not a token bucket;
 * taint eviction runs in here, so its events come from node-controller (upstream:
 * taint-eviction-controller); no startup grace period for never-ready nodes.
 */
import type { KubeObject } from '../../api/types.ts';
import { isoSeconds } from '../../clock/clock.ts';
import { R } from '../resources.ts';
import type { Action, ClusterView, Controller } from '../runtime/types.ts';
import { splitKey } from '../runtime/types.ts';
import type { StoreEvent } from '../../store/store.ts';
import { nodeNameOf } from '../podutil.ts';
import type { Taint } from './tainteviction.ts';
import { TaintEvictionQueue } from './tainteviction.ts';
import type { Disruption } from './zones.ts';
import { disruptionFor, explainDisruption, zoneKey, zoneName } from './zones.ts';
export { tolerates, tolerationMs } from './tainteviction.ts';

/** Upstream's event source for node lifecycle events (NodeNotReady, …). */
const NAME = 'node-controller';
/** node-monitor-grace-period: 50 s since v1.32 (it was 40 s in the book's day). */
export const GRACE_MS = 50_000;
/** node-monitor-period. */
const MONITOR_MS = 5_000;
export const UNREACHABLE = 'node.kubernetes.io/unreachable';
export const NOT_READY = 'node.kubernetes.io/not-ready';
export const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

/** nodeConditionToTaintKeyStatusMap: condition type → status → NoSchedule taint key. */
const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: NOT_READY, Unknown: UNREACHABLE },
  MemoryPressure: { True: 'node.kubernetes.io/memory-pressure' },
  DiskPressure: { True: 'node.kubernetes.io/disk-pressure' },
  NetworkUnavailable: { True: 'node.kubernetes.io/network-unavailable' },
  PIDPressure: { True: 'node.kubernetes.io/pid-pressure' },
};
const CONDITION_TAINT_KEYS = new Set([UNSCHEDULABLE, ...Object.values(CONDITION_TAINTS).flatMap(Object.values)]);
/** Conditions set to Unknown when the kubelet goes silent (NetworkUnavailable is left alone). */
const SILENT_CONDITIONS = new Set(['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']);

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
    { resource: R.nodes, keys: (e: StoreEvent) => [e.object.metadata.name ?? ''] },
    { resource: R.leases, keys: (e: StoreEvent) => this.nodeKeyOfLease(e) },
    { resource: R.pods, keys: (e: StoreEvent) => this.nodeKeyOfPod(e) },
  ];
  private readonly evictions = new TaintEvictionQueue();

  constructor(private readonly view?: ClusterView) {}

  /** A pod matters to its node while the node is not Ready, has NoExecute taints, or a deletion waits for it. */
  private nodeKeyOfPod(e: StoreEvent): string[] {
    const node = nodeNameOf(e.object);
    if (!node) return [];
    if (!this.view || this.evictions.has(e.object.metadata.uid)) return [node];
    const n = this.view.get(R.nodes, undefined, node);
    if (!n) return [];
    return needsAttention(n) ? [node] : [];
  }

  /**
   * A renewal (every 10 s per node) of a healthy node's Lease changes nothing now: the
   * requeue the node's last pass left at the old renewTime + grace reads the new one
   * (a later requeue would not replace it). Other Lease changes reconcile the node.
   */
  private nodeKeyOfLease(e: StoreEvent): string[] {
    if (e.object.metadata.namespace !== 'kube-node-lease') return [];
    const name = e.object.metadata.name ?? '';
    if (this.view && e.type === 'MODIFIED' && e.old && renewMs(e.object) >= renewMs(e.old)) {
      const n = this.view.get(R.nodes, undefined, name);
      if (n && !needsAttention(n)) return [];
    }
    return [name];
  }

  reconcile(view: ClusterView, key: string): Action[] {
    const [, name] = splitKey(key);
    const node = view.get(R.nodes, undefined, name);
    if (!node) return [];
    const now = view.now();
    const probe = lastProbe(view, node);
    const silent = now - probe > GRACE_MS;
    if (silent) {
      const unknown = markUnknown(node, now);
      if (unknown.length) return unknown;
    }
    const ready = readyStatus(node);
    if (ready !== 'True') {
      const pods = markPodsNotReady(view.podsOnNode(name), name, now);
      if (pods.length) return pods;
    }
    const disruption =
      ready === 'True' ? null : disruptionFor(node, view.list(R.nodes), (n) => isHealthy(view, n, now));
    const noSchedule = noScheduleTaintPass(node, now, disruption);
    if (noSchedule) return [noSchedule];
    const noExecute = noExecuteTainting(view, node, ready, disruption, now);
    if (noExecute.action) return [noExecute.action];
    const noExecuteTaints = taintsOf(node).filter((t) => t.effect === 'NoExecute');
    const evict = this.evictions.process(name, noExecuteTaints, view.podsOnNode(name), now);
    const next = Math.min(evict.wake - now, noExecute.retry, silent ? MONITOR_MS : probe + GRACE_MS - now + 1);
    return [...evict.actions, { type: 'requeueAfter', ms: Math.max(1, next) }];
  }
}

// --- node health -------------------------------------------------------------

function taintsOf(node: KubeObject): Taint[] {
  return (node.spec as { taints?: Taint[] } | undefined)?.taints ?? [];
}

function conditionsOf(node: KubeObject): Condition[] {
  return (node.status as { conditions?: Condition[] } | undefined)?.conditions ?? [];
}

function readyStatus(node: KubeObject): string {
  return conditionsOf(node).find((c) => c.type === 'Ready')?.status ?? 'Unknown';
}

/** Not Ready, or NoExecute taints: changes of its pods and Lease matter to the node's pass. */
function needsAttention(node: KubeObject): boolean {
  return readyStatus(node) !== 'True' || taintsOf(node).some((t) => t.effect === 'NoExecute');
}

function renewMs(lease: KubeObject | undefined): number {
  const renew = (lease?.spec as { renewTime?: string } | undefined)?.renewTime;
  return renew ? Date.parse(renew) : 0;
}

/** When the kubelet last showed life: its Lease renewal or Ready heartbeat (the node's creation before either). */
function lastProbe(view: ClusterView, node: KubeObject): number {
  const name = node.metadata.name ?? '';
  const heartbeat = conditionsOf(node).find((c) => c.type === 'Ready')?.lastHeartbeatTime;
  const times = [heartbeat, node.metadata.creationTimestamp].map((t) => (t ? Date.parse(t) : 0));
  return Math.max(renewMs(view.get(R.leases, 'kube-node-lease', name)), ...times);
}

/** Ready as the zone check counts it: Ready True and heard from within the grace period. */
function isHealthy(view: ClusterView, node: KubeObject, now: number): boolean {
  return readyStatus(node) === 'True' && now - lastProbe(view, node) <= GRACE_MS;
}

function markUnknown(node: KubeObject, now: number): Action[] {
  const status = (node.status ?? {}) as { conditions?: Condition[] };
  if (readyStatus(node) === 'Unknown' && status.conditions?.some((c) => c.type === 'Ready')) return [];
  const at = isoSeconds(now);
  const conditions = (status.conditions ?? []).map((c) =>
    SILENT_CONDITIONS.has(c.type) && c.status !== 'Unknown'
      ? {
          ...c,
          status: 'Unknown',
          lastTransitionTime: at,
          reason: 'NodeStatusUnknown',
          message: 'Kubelet stopped posting node status.',
        }
      : c,
  );
  const name = node.metadata.name ?? '';
  return [
    {
      type: 'update',
      resource: R.nodes,
      subresource: 'status',
      object: { ...node, status: { ...status, conditions } },
      reason: `no heartbeat from kubelet for ${GRACE_MS / 1000}s → node ${name} is NotReady (Unknown)`,
    },
    {
      type: 'event',
      object: node,
      eventType: 'Normal',
      reason: 'NodeNotReady',
      message: `Node ${name} status is now: NodeNotReady`,
    },
  ];
}

/** MarkPodsNotReady: the Ready condition of every pod on a not-Ready node goes False, with a NodeNotReady event. */
function markPodsNotReady(pods: readonly KubeObject[], nodeName: string, now: number): Action[] {
  const out: Action[] = [];
  for (const pod of pods) {
    const status = (pod.status ?? {}) as { conditions?: Condition[] };
    const conds = status.conditions ?? [];
    if (!conds.some((c) => c.type === 'Ready' && c.status === 'True')) continue;
    const conditions = conds.map((c) =>
      c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: isoSeconds(now) } : c,
    );
    out.push(
      {
        type: 'update',
        resource: R.pods,
        subresource: 'status',
        object: { ...pod, status: { ...status, conditions } },
        reason: `node ${nodeName} is not Ready → pod ${pod.metadata.name} marked not ready`,
      },
      { type: 'event', object: pod, eventType: 'Warning', reason: 'NodeNotReady', message: 'Node is not ready' },
    );
  }
  return out;
}

// --- taints --------------------------------------------------------------------

const sameTaint = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect;

/**
 * doNoScheduleTaintingPass: the NoSchedule taints the node's conditions and
 * spec.unschedulable call for (node.kubernetes.io/unreachable when Ready is
 * Unknown, …/unschedulable when cordoned), added and removed at once.
 */
function noScheduleTaintPass(node: KubeObject, now: number, disruption: Disruption | null): Action | undefined {
  const want: Taint[] = [];
  for (const c of conditionsOf(node)) {
    const key = CONDITION_TAINTS[c.type]?.[c.status];
    if (key) want.push({ key, effect: 'NoSchedule' });
  }
  if ((node.spec as { unschedulable?: boolean } | undefined)?.unschedulable)
    want.push({ key: UNSCHEDULABLE, effect: 'NoSchedule' });
  const taints = taintsOf(node);
  const managed = (t: Taint) => t.effect === 'NoSchedule' && CONDITION_TAINT_KEYS.has(t.key);
  const add = want.filter((w) => !taints.some((t) => managed(t) && sameTaint(t, w)));
  const remove = taints.filter((t) => managed(t) && !want.some((w) => sameTaint(t, w)));
  if (add.length === 0 && remove.length === 0) return undefined;
  const next = [
    ...taints.filter((t) => !remove.includes(t)),
    ...add.map((t) => ({ ...t, timeAdded: isoSeconds(now) })),
  ];
  const changes = [...add.map((t) => `+${t.key}:NoSchedule`), ...remove.map((t) => `-${t.key}:NoSchedule`)];
  const held = disruption ? explainDisruption(disruption) : '';
  return setTaints(
    node,
    next,
    `node ${node.metadata.name} conditions → taints ${changes.join(' ')}${held ? `; no NoExecute taint: ${held}` : ''}`,
  );
}

function setTaints(node: KubeObject, taints: Taint[], reason: string): Action {
  return {
    type: 'update',
    resource: R.nodes,
    object: { ...node, spec: { ...(node.spec as object), taints: taints.length ? taints : undefined } },
    reason,
  };
}

/**
 * processTaintBaseEviction + doNoExecuteTaintingPass: a Ready node loses the
 * unreachable/not-ready NoExecute taints; an Unknown (False) node gets the
 * unreachable (not-ready) one, swapped at once if it had the other, else at
 * the zone's rate: one node per 1/qps seconds, none while qps is 0.
 */
function noExecuteTainting(
  view: ClusterView,
  node: KubeObject,
  ready: string,
  d: Disruption | null,
  now: number,
): { action?: Action; retry: number } {
  const taints = taintsOf(node);
  const isControllerTaint = (t: Taint) => t.effect === 'NoExecute' && (t.key === UNREACHABLE || t.key === NOT_READY);
  const name = node.metadata.name ?? '';
  const untaint = (why: string) => ({
    action: setTaints(
      node,
      taints.filter((t) => !isControllerTaint(t)),
      `${why} → removed NoExecute taints`,
    ),
    retry: MONITOR_MS,
  });
  if (ready === 'True' || !d)
    return taints.some(isControllerTaint) ? untaint(`node ${name} is Ready again`) : { retry: Infinity };
  if (d.masterDisruption) return taints.some(isControllerTaint) ? untaint(explainDisruption(d)) : { retry: MONITOR_MS };
  const want = ready === 'False' ? NOT_READY : UNREACHABLE;
  if (taints.some((t) => isControllerTaint(t) && t.key === want)) return { retry: Infinity };
  const taint = { key: want, effect: 'NoExecute', timeAdded: isoSeconds(now) };
  const others = taints.filter((t) => !isControllerTaint(t));
  if (others.length !== taints.length)
    return {
      action: setTaints(node, [...others, taint], `node ${name} Ready is ${ready} → swapped to ${want}:NoExecute`),
      retry: Infinity,
    };
  if (d.qps === 0) return { retry: MONITOR_MS };
  const interval = 1000 / d.qps;
  const last = lastTaintedInZone(view, node);
  if (now < last + interval) return { retry: last + interval - now };
  const rate = `zone ${zoneName(d.zone.zone)} ${d.zone.state}, ${d.qps} nodes/s`;
  return {
    action: setTaints(node, [...taints, taint], `node ${name} Ready is ${ready} → tainted ${want}:NoExecute (${rate})`),
    retry: Infinity,
  };
}

/** When the zone's rate limiter last let a node be tainted: the newest controller NoExecute taint in the zone. */
function lastTaintedInZone(view: ClusterView, node: KubeObject): number {
  const zone = zoneKey(node);
  let last = -Infinity;
  for (const n of view.list(R.nodes)) {
    if (n.metadata.name === node.metadata.name || zoneKey(n) !== zone) continue;
    for (const t of taintsOf(n))
      if (t.effect === 'NoExecute' && (t.key === UNREACHABLE || t.key === NOT_READY) && t.timeAdded)
        last = Math.max(last, Date.parse(t.timeAdded));
  }
  return last;
}
