/**
 * NodeAffinity (plugins/nodeaffinity). Filter: spec.nodeSelector and the
 * required node affinity terms. PreFilter narrows the nodes when every term
 * names nodes through matchFields metadata.name (how DaemonSet pods are
 * pinned). Score (weight 2): the sum of the weights of matching preferred
 * terms, normalized to 0..100.
 */
import type { FilterPlugin, ScorePlugin } from '../framework.ts';
import { SKIP, defaultNormalizeScore, status } from '../framework.ts';
import { nodeSelectorTermMatches, nodeSelectorTermsMatch } from '../labels.ts';
import type { NodeInfo } from '../nodeinfo.ts';
import type { PodInfo } from '../podinfo.ts';

export const NAME = 'NodeAffinity';
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
const ERR_REASON_CONFLICT = 'pod affinity terms conflict';
const REJECT = status(NAME, 'UnschedulableAndUnresolvable', ERR_REASON_POD);

/** nodeaffinity.RequiredNodeAffinity.Match: nodeSelector AND (any required term). */
export function requiredNodeAffinityMatches(pod: PodInfo, node: NodeInfo): boolean {
  if (pod.nodeSelector) {
    for (const [k, v] of Object.entries(pod.nodeSelector)) if (node.labels[k] !== v) return false;
  }
  return pod.requiredNodeTerms === null || nodeSelectorTermsMatch(pod.requiredNodeTerms, node.labels, node.name);
}

/** True when the pod has neither nodeSelector nor required node affinity. */
export function hasNoRequiredNodeAffinity(pod: PodInfo): boolean {
  return pod.nodeSelector === null && pod.requiredNodeTerms === null;
}

/** The union over terms of the nodes each term pins by metadata.name In; null when some term pins none. */
function pinnedNodeNames(pod: PodInfo): Set<string> | null {
  const terms = pod.requiredNodeTerms ?? [];
  if (terms.length === 0) return null;
  const union = new Set<string>();
  for (const t of terms) {
    let names: Set<string> | null = null;
    for (const f of t.fields ?? []) {
      if (f.key !== 'metadata.name' || f.op !== 'In') continue;
      const s: Set<string> = new Set(f.values);
      names = names === null ? s : new Set([...names].filter((n: string) => s.has(n)));
    }
    if (names === null) return null;
    names.forEach((n) => union.add(n));
  }
  return union;
}

export const nodeAffinityFilter: FilterPlugin = {
  name: NAME,
  preFilter(pod) {
    if (hasNoRequiredNodeAffinity(pod)) return SKIP;
    const nodeNames = pinnedNodeNames(pod);
    if (nodeNames !== null && nodeNames.size === 0)
      return status(NAME, 'UnschedulableAndUnresolvable', ERR_REASON_CONFLICT);
    return { nodeNames, filter: (node) => (requiredNodeAffinityMatches(pod, node) ? null : REJECT) };
  },
};

export const nodeAffinityScore: ScorePlugin = {
  name: NAME,
  weight: 2,
  preScore(pod) {
    if (pod.preferredNodeTerms.length === 0) return SKIP;
    return {
      score(node) {
        let sum = 0;
        for (const p of pod.preferredNodeTerms)
          if (nodeSelectorTermMatches(p.term, node.labels, node.name)) sum += p.weight;
        return sum;
      },
      normalize: (scores, _nodes, count) => defaultNormalizeScore(scores, count, false),
    };
  },
};
