/**
 * Zone states and the NoExecute tainting rate (node_lifecycle_controller.go:
 * ComputeZoneState, handleDisruption, setLimiterInZone, ReducedQPSFunc).
 * Nodes are grouped by zone (region + zone labels); per zone:
 *  - FullDisruption: no node Ready;
 *  - PartialDisruption: more than 2 nodes not Ready and at least 55 %
 *    (--unhealthy-zone-threshold) of them;
 *  - Normal otherwise.
 * Tainting rate per zone: Normal 0.1 nodes/s (--node-eviction-rate);
 * PartialDisruption 0.01 (--secondary-node-eviction-rate) in zones of more
 * than 50 nodes (--large-cluster-size-threshold), else 0 (stop); FullDisruption
 * 0.1, unless every zone is fully disrupted: then the controller assumes the
 * control plane lost its network ("master disruption mode"), removes the
 * NoExecute taints it added and taints nothing.
 * Worked example (the course's 3 nodes, one zone): node2 down → 1 of 3 not
 * Ready → Normal; node1 and node2 down → 2 of 3, but not more than 2 → still
 * Normal; all three down → FullDisruption everywhere → no evictions.
 */
import type { KubeObject } from '../../api/types.ts';

export const UNHEALTHY_ZONE_THRESHOLD = 0.55;
export const LARGE_CLUSTER_SIZE_THRESHOLD = 50;
export const NODE_EVICTION_RATE = 0.1;
export const SECONDARY_NODE_EVICTION_RATE = 0.01;
const LABEL_ZONE = 'topology.kubernetes.io/zone';
const LABEL_REGION = 'topology.kubernetes.io/region';
const LABEL_EXCLUDE_DISRUPTION = 'node.kubernetes.io/exclude-disruption';

export type ZoneState = 'Normal' | 'PartialDisruption' | 'FullDisruption';

export interface ZoneHealth {
  readonly zone: string;
  readonly ready: number;
  readonly notReady: number;
  readonly state: ZoneState;
}

/** What the disruption check says about one zone: its health and the tainting rate (nodes per second). */
export interface Disruption {
  readonly zone: ZoneHealth;
  /** Every zone is FullDisruption: taint nothing, untaint everything. */
  readonly masterDisruption: boolean;
  readonly qps: number;
}

/** nodetopology.GetZoneKey: "" for nodes without region and zone labels. */
export function zoneKey(node: KubeObject): string {
  const labels = node.metadata.labels ?? {};
  const region = labels[LABEL_REGION] ?? '';
  const zone = labels[LABEL_ZONE] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\u0000:${zone}`;
}

/** The zone as people say it: "zone-a", or "(no zone)". */
export function zoneName(key: string): string {
  if (key === '') return '(no zone)';
  const [region = '', zone = ''] = key.split(':\u0000:');
  return [region, zone].filter(Boolean).join('/');
}

export function computeZoneState(ready: number, notReady: number): ZoneState {
  if (ready === 0 && notReady > 0) return 'FullDisruption';
  if (notReady > 2 && notReady / (notReady + ready) >= UNHEALTHY_ZONE_THRESHOLD) return 'PartialDisruption';
  return 'Normal';
}

/** The zone health of every zone, given which nodes count as Ready. */
export function zoneHealths(nodes: readonly KubeObject[], isReady: (n: KubeObject) => boolean): ZoneHealth[] {
  const counts = new Map<string, { ready: number; notReady: number }>();
  for (const n of nodes) {
    if (n.metadata.labels?.[LABEL_EXCLUDE_DISRUPTION] !== undefined) continue;
    const key = zoneKey(n);
    const c = counts.get(key) ?? { ready: 0, notReady: 0 };
    if (isReady(n)) c.ready++;
    else c.notReady++;
    counts.set(key, c);
  }
  return [...counts].map(([zone, c]) => ({ zone, ...c, state: computeZoneState(c.ready, c.notReady) }));
}

/** The disruption verdict for the zone of `node`. */
export function disruptionFor(
  node: KubeObject,
  nodes: readonly KubeObject[],
  isReady: (n: KubeObject) => boolean,
): Disruption {
  const healths = zoneHealths(nodes, isReady);
  const key = zoneKey(node);
  const zone = healths.find((z) => z.zone === key) ?? { zone: key, ready: 0, notReady: 0, state: 'Normal' as const };
  const masterDisruption = healths.length > 0 && healths.every((z) => z.state === 'FullDisruption');
  return { zone, masterDisruption, qps: masterDisruption ? 0 : zoneQps(zone) };
}

function zoneQps(zone: ZoneHealth): number {
  if (zone.state !== 'PartialDisruption') return NODE_EVICTION_RATE;
  return zone.ready + zone.notReady > LARGE_CLUSTER_SIZE_THRESHOLD ? SECONDARY_NODE_EVICTION_RATE : 0;
}

/** Why NoExecute taints are held back, in a sentence for the trace ("" when they are not). */
export function explainDisruption(d: Disruption): string {
  const z = d.zone;
  const health = `${z.notReady} of ${z.ready + z.notReady} nodes not Ready`;
  if (d.masterDisruption)
    return `all nodes are NotReady (FullDisruption in every zone): the node controller assumes the control plane lost its network and evicts nothing`;
  if (d.qps === 0)
    return `zone ${zoneName(z.zone)} is in PartialDisruption (${health}, at least ${Math.round(UNHEALTHY_ZONE_THRESHOLD * 100)}%, zone of at most ${LARGE_CLUSTER_SIZE_THRESHOLD} nodes): evictions stop`;
  return '';
}
