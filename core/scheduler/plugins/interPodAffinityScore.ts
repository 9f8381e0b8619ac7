/**
 * InterPodAffinity score (plugins/interpodaffinity/scoring.go, weight 2).
 * For every existing pod: the incoming pod's preferred (anti-)affinity terms
 * that match it add (subtract) their weight to the existing pod's topology
 * pair; the existing pod's required affinity terms matching the incoming pod
 * add hardPodAffinityWeight (1); its preferred (anti-)affinity terms matching
 * the incoming pod add (subtract) their weight. A node scores the sum over its
 * labels; scores are then scaled min..max to 0..100.
 */
import type { SchedulerCache } from '../cache.ts';
import type { ScorePlugin } from '../framework.ts';
import { MAX_NODE_SCORE as MAX_SCORE_IMPORT, SKIP } from '../framework.ts';
import type { Labels } from '../labels.ts';
import type { NodeInfo } from '../nodeinfo.ts';
import type { AffinityTerm, PodInfo } from '../podinfo.ts';
import { affinityTermMatches } from '../podinfo.ts';
import { NAME } from './interPodAffinity.ts';

/** A module-local copy: hot loops should not reach across modules. */
const MAX_NODE_SCORE = MAX_SCORE_IMPORT;

const HARD_POD_AFFINITY_WEIGHT = 1;

/** topologyKey -> value -> score. */
type ScoreMap = Map<string, Map<string, number>>;

function add(
  m: ScoreMap,
  terms: readonly AffinityTerm[],
  target: PodInfo,
  nsLabels: Labels | undefined,
  node: NodeInfo,
  sign: number,
  weight?: number,
): void {
  for (const t of terms) {
    if (!affinityTermMatches(t, target, nsLabels)) continue;
    const value = node.labels[t.topologyKey];
    if (value === undefined) continue;
    let byValue = m.get(t.topologyKey);
    if (!byValue) m.set(t.topologyKey, (byValue = new Map()));
    byValue.set(value, (byValue.get(value) ?? 0) + (weight ?? t.weight) * sign);
  }
}

function processExistingPod(m: ScoreMap, pod: PodInfo, existing: PodInfo, node: NodeInfo, cache: SchedulerCache): void {
  if (Object.keys(node.labels).length === 0) return;
  const existingNs = cache.namespaceLabels(existing.namespace);
  const incomingNs = cache.namespaceLabels(pod.namespace);
  add(m, pod.preferredAffinity, existing, existingNs, node, 1);
  add(m, pod.preferredAntiAffinity, existing, existingNs, node, -1);
  add(m, existing.requiredAffinity, pod, incomingNs, node, 1, HARD_POD_AFFINITY_WEIGHT);
  add(m, existing.preferredAffinity, pod, incomingNs, node, 1);
  add(m, existing.preferredAntiAffinity, pod, incomingNs, node, -1);
}

export const interPodAffinityScore: ScorePlugin = {
  name: NAME,
  weight: 2,
  preScore(pod, cache) {
    const hasConstraints = pod.preferredAffinity.length + pod.preferredAntiAffinity.length > 0;
    // Without preferred terms of its own, only pods carrying affinity can matter.
    if (!hasConstraints && cache.podsWithAffinity === 0) return SKIP;
    const m: ScoreMap = new Map();
    for (const node of cache.nodeList()) {
      if (!hasConstraints && node.podsWithAffinity === 0) continue;
      for (const existing of node.pods.values()) processExistingPod(m, pod, existing, node, cache);
    }
    if (m.size === 0) return SKIP;
    return {
      score(node) {
        let s = 0;
        for (const [key, byValue] of m) {
          const v = node.labels[key];
          if (v !== undefined) s += byValue.get(v) ?? 0;
        }
        return s;
      },
      normalize(scores, _nodes, count) {
        let min = Infinity;
        let max = -Infinity;
        for (let i = 0; i < count; i++) {
          const s = scores[i] ?? 0;
          if (s > max) max = s;
          if (s < min) min = s;
        }
        const diff = max - min;
        for (let i = 0; i < count; i++)
          scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * (((scores[i] ?? 0) - min) / diff)) : 0;
      },
    };
  },
};
