/**
 * TaintToleration (plugins/tainttoleration). Filter: the first untolerated
 * NoSchedule/NoExecute taint rejects, naming it. Score (weight 3): the number
 * of untolerated PreferNoSchedule taints, normalized in reverse (fewer is better).
 */
import type { FilterPlugin, ScorePlugin, Status } from '../framework.ts';
import { SKIP, defaultNormalizeScore, status } from '../framework.ts';
import type { Taint } from '../nodeinfo.ts';
import { findUntoleratedHardTaint, tolerationsTolerate } from './tolerations.ts';

export const NAME = 'TaintToleration';

const rejections = new Map<string, Status>();

/** The Status for an untolerated taint, e.g. node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. */
export function untoleratedTaintStatus(taint: Taint): Status {
  const reason = `node(s) had untolerated taint {${taint.key}: ${taint.value}}`;
  let s = rejections.get(reason);
  if (!s) rejections.set(reason, (s = status(NAME, 'UnschedulableAndUnresolvable', reason)));
  return s;
}

export const taintTolerationFilter: FilterPlugin = {
  name: NAME,
  preFilter(pod, cache) {
    // No NoSchedule/NoExecute taint anywhere: nothing to reject.
    if (cache.nodesWithHardTaints === 0) return SKIP;
    return {
      filter(node) {
        if (!node.hasHardTaints) return null;
        const taint = findUntoleratedHardTaint(node.taints, pod.tolerations);
        return taint ? untoleratedTaintStatus(taint) : null;
      },
    };
  },
};

export const taintTolerationScore: ScorePlugin = {
  name: NAME,
  weight: 3,
  preScore(pod, cache) {
    // Tolerations with an empty effect cover PreferNoSchedule too.
    const tolerations = pod.tolerations.filter((t) => t.effect === '' || t.effect === 'PreferNoSchedule');
    const normalize = (scores: Float64Array, _nodes: unknown, count: number) =>
      defaultNormalizeScore(scores, count, true);
    // No PreferNoSchedule taint anywhere: every node counts 0 untolerated taints.
    if (cache.nodesWithPreferNoScheduleTaints === 0) return { constant: 0, score: () => 0, normalize };
    return {
      score(node) {
        if (!node.hasPreferNoScheduleTaints) return 0;
        let n = 0;
        for (const taint of node.taints)
          if (taint.effect === 'PreferNoSchedule' && !tolerationsTolerate(tolerations, taint)) n++;
        return n;
      },
      normalize,
    };
  },
};
