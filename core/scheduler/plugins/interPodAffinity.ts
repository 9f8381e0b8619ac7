/**
 * InterPodAffinity filter (plugins/interpodaffinity/filtering.go).
 * PreFilter counts, per topology pair (key, value):
 *  - existing pods whose required anti-affinity terms match the incoming pod;
 *  - existing pods matching all of the incoming pod's required affinity terms;
 *  - existing pods matching each of its required anti-affinity terms.
 * Filter then checks, in this order: pod affinity (unresolvable), pod
 * anti-affinity, existing pods' anti-affinity. A pod whose affinity selects
 * itself may go first when no pod matches yet (the "first replica" rule).
 */
import type { SchedulerCache } from '../cache.ts';
import type { FilterPlugin } from '../framework.ts';
import { SKIP, status } from '../framework.ts';
import type { Labels } from '../labels.ts';
import type { NodeInfo } from '../nodeinfo.ts';
import type { AffinityTerm, PodInfo } from '../podinfo.ts';
import { affinityTermMatches } from '../podinfo.ts';

export const NAME = 'InterPodAffinity';
export const ERR_REASON_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
export const ERR_REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
const REJECT_AFFINITY = status(NAME, 'UnschedulableAndUnresolvable', ERR_REASON_AFFINITY);
const REJECT_ANTI = status(NAME, 'Unschedulable', ERR_REASON_ANTI_AFFINITY);
const REJECT_EXISTING = status(NAME, 'Unschedulable', ERR_REASON_EXISTING_ANTI_AFFINITY);

/** Counts keyed by "topologyKey\0value". */
export type TopologyCounts = Map<string, number>;
export const pairKey = (key: string, value: string) => `${key}\u0000${value}`;

function bump(m: TopologyCounts, node: NodeInfo, key: string, by: number): void {
  const value = node.labels[key];
  if (value === undefined) return;
  const k = pairKey(key, value);
  m.set(k, (m.get(k) ?? 0) + by);
}

/** All terms match the pod (and there is at least one term). */
export function matchesAllTerms(terms: readonly AffinityTerm[], pod: PodInfo, nsLabels: Labels | undefined): boolean {
  if (terms.length === 0) return false;
  for (const t of terms) if (!affinityTermMatches(t, pod, nsLabels)) return false;
  return true;
}

function existingAntiAffinityCounts(pod: PodInfo, cache: SchedulerCache): TopologyCounts {
  const counts: TopologyCounts = new Map();
  if (cache.podsWithRequiredAntiAffinity === 0) return counts;
  const nsLabels = cache.namespaceLabels(pod.namespace);
  for (const node of cache.nodeList()) {
    if (node.podsWithRequiredAntiAffinity === 0) continue;
    for (const existing of node.pods.values()) {
      for (const t of existing.requiredAntiAffinity)
        if (affinityTermMatches(t, pod, nsLabels)) bump(counts, node, t.topologyKey, 1);
    }
  }
  return counts;
}

function incomingCounts(pod: PodInfo, cache: SchedulerCache): { affinity: TopologyCounts; anti: TopologyCounts } {
  const affinity: TopologyCounts = new Map();
  const anti: TopologyCounts = new Map();
  for (const node of cache.nodeList()) {
    for (const existing of node.pods.values()) {
      const nsLabels = cache.namespaceLabels(existing.namespace);
      if (matchesAllTerms(pod.requiredAffinity, existing, nsLabels))
        for (const t of pod.requiredAffinity) bump(affinity, node, t.topologyKey, 1);
      for (const t of pod.requiredAntiAffinity)
        if (affinityTermMatches(t, existing, nsLabels)) bump(anti, node, t.topologyKey, 1);
    }
  }
  return { affinity, anti };
}

export const interPodAffinityFilter: FilterPlugin = {
  name: NAME,
  preFilter(pod, cache) {
    const existingAnti = existingAntiAffinityCounts(pod, cache);
    if (existingAnti.size === 0 && pod.requiredAffinity.length === 0 && pod.requiredAntiAffinity.length === 0)
      return SKIP;
    const { affinity, anti } =
      pod.requiredAffinity.length + pod.requiredAntiAffinity.length > 0
        ? incomingCounts(pod, cache)
        : { affinity: new Map(), anti: new Map() };
    const selfMatch = matchesAllTerms(pod.requiredAffinity, pod, cache.namespaceLabels(pod.namespace));
    return {
      filter(node) {
        if (!satisfiesPodAffinity(pod, node, affinity, selfMatch)) return REJECT_AFFINITY;
        if (!satisfiesPodAntiAffinity(pod, node, anti)) return REJECT_ANTI;
        if (!satisfiesExistingAntiAffinity(node, existingAnti)) return REJECT_EXISTING;
        return null;
      },
    };
  },
};

function satisfiesPodAffinity(pod: PodInfo, node: NodeInfo, counts: TopologyCounts, selfMatch: boolean): boolean {
  let podsExist = true;
  for (const t of pod.requiredAffinity) {
    const value = node.labels[t.topologyKey];
    if (value === undefined) return false;
    if ((counts.get(pairKey(t.topologyKey, value)) ?? 0) <= 0) podsExist = false;
  }
  // The first pod of a group with affinity to itself may go anywhere that has the topology labels.
  return podsExist || (counts.size === 0 && selfMatch);
}

function satisfiesPodAntiAffinity(pod: PodInfo, node: NodeInfo, counts: TopologyCounts): boolean {
  if (counts.size === 0) return true;
  for (const t of pod.requiredAntiAffinity) {
    const value = node.labels[t.topologyKey];
    if (value !== undefined && (counts.get(pairKey(t.topologyKey, value)) ?? 0) > 0) return false;
  }
  return true;
}

function satisfiesExistingAntiAffinity(node: NodeInfo, counts: TopologyCounts): boolean {
  if (counts.size === 0) return true;
  for (const [key, value] of Object.entries(node.labels)) if ((counts.get(pairKey(key, value)) ?? 0) > 0) return false;
  return true;
}
