/**
 * Topology spread constraints as PodTopologySpread uses them
 * (plugins/podtopologyspread/common.go): the pod's own constraints of one
 * whenUnsatisfiable kind, or, when it states none, the system defaults
 * (hostname maxSkew 3, zone maxSkew 5, ScheduleAnyway) with the selector of
 * the Services and controller that own it. Each constraint carries the
 * SpreadIndex slot counting its matching pods per node.
 */
import type { SchedulerCache } from '../cache.ts';
import type { Selector } from '../labels.ts';
import type { NodeInfo } from '../nodeinfo.ts';
import type { PodInfo } from '../podinfo.ts';
import { requiredNodeAffinityMatches } from './nodeAffinity.ts';
import { findUntoleratedHardTaint } from './tolerations.ts';

export const NAME = 'PodTopologySpread';
export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_ZONE = 'topology.kubernetes.io/zone';

export interface Constraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly selector: Selector;
  readonly minDomains: number;
  readonly honorNodeAffinity: boolean;
  readonly honorNodeTaints: boolean;
  /** SpreadIndex slot: node.spreadCounts[slot] is the number of matching pods on the node. */
  readonly slot: number;
}

const SYSTEM_DEFAULTS = [
  { topologyKey: LABEL_HOSTNAME, maxSkew: 3 },
  { topologyKey: LABEL_ZONE, maxSkew: 5 },
];

/** The constraints of one kind ('DoNotSchedule' for filtering, 'ScheduleAnyway' for scoring). */
export function constraintsFor(
  pod: PodInfo,
  cache: SchedulerCache,
  action: 'DoNotSchedule' | 'ScheduleAnyway',
): readonly Constraint[] {
  if (pod.spreadConstraints.length > 0) {
    return pod.spreadConstraints
      .filter((c) => c.whenUnsatisfiable === action)
      .map((c) => ({
        maxSkew: c.maxSkew,
        topologyKey: c.topologyKey,
        selector: c.selector,
        minDomains: c.minDomains,
        honorNodeAffinity: c.nodeAffinityPolicy === 'Honor',
        honorNodeTaints: c.nodeTaintsPolicy === 'Honor',
        slot: cache.spreadSlot(pod.namespace, c.selector),
      }));
  }
  if (action !== 'ScheduleAnyway') return [];
  const selector = cache.defaultSelector(pod);
  if (selector.kind !== 'requirements') return [];
  const slot = cache.spreadSlot(pod.namespace, selector);
  const memoKey = `${slot}\u0000${selector.key}`;
  let defaults = defaultsMemo.get(memoKey);
  if (!defaults) {
    if (defaultsMemo.size > 256) defaultsMemo.clear();
    defaults = SYSTEM_DEFAULTS.map((d) => ({
      topologyKey: d.topologyKey,
      maxSkew: d.maxSkew,
      selector,
      minDomains: 1,
      honorNodeAffinity: true,
      honorNodeTaints: false,
      slot,
    }));
    defaultsMemo.set(memoKey, defaults);
  }
  return defaults;
}

/** System-default constraints by slot and selector: pods of one workload share them. */
const defaultsMemo = new Map<string, Constraint[]>();

/** Does the node carry every constraint's topology key? */
export function nodeHasAllKeys(node: NodeInfo, constraints: readonly Constraint[]): boolean {
  for (const c of constraints) if (node.labels[c.topologyKey] === undefined) return false;
  return true;
}

/** nodeAffinityPolicy / nodeTaintsPolicy: does this node count for the constraint? */
export function nodeIncluded(c: Constraint, pod: PodInfo, node: NodeInfo): boolean {
  if (c.honorNodeAffinity && !requiredNodeAffinityMatches(pod, node)) return false;
  if (c.honorNodeTaints && node.hasHardTaints && findUntoleratedHardTaint(node.taints, pod.tolerations)) return false;
  return true;
}
