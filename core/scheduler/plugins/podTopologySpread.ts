/**
 * PodTopologySpread filter (plugins/podtopologyspread/filtering.go). For each
 * DoNotSchedule constraint: a node without the topology key is rejected as
 * unresolvable; otherwise placing the pod must keep
 *   matching pods in the node's domain + (1 if the pod matches itself) - global minimum <= maxSkew,
 * where the global minimum is 0 while fewer than minDomains domains exist.
 * Worked example: zones a=2, b=0 matching pods, maxSkew 1: zone a gives 2+1-0 = 3 > 1 (rejected), b gives 1.
 */
import type { FilterPlugin } from '../framework.ts';
import { SKIP, status } from '../framework.ts';
import { selectorMatches } from '../labels.ts';
import type { Constraint } from './spreadConstraints.ts';
import { NAME, constraintsFor, nodeHasAllKeys, nodeIncluded } from './spreadConstraints.ts';

export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;
const REJECT_SKEW = status(NAME, 'Unschedulable', ERR_REASON_CONSTRAINTS_NOT_MATCH);
const REJECT_LABEL = status(NAME, 'UnschedulableAndUnresolvable', ERR_REASON_NODE_LABEL_NOT_MATCH);

export const podTopologySpreadFilter: FilterPlugin = {
  name: NAME,
  preFilter(pod, cache) {
    const constraints = constraintsFor(pod, cache, 'DoNotSchedule');
    if (constraints.length === 0) return SKIP;
    const counts = constraints.map(() => new Map<string, number>());
    for (const node of cache.nodeList()) {
      if (!nodeHasAllKeys(node, constraints)) continue;
      constraints.forEach((c, i) => {
        if (!nodeIncluded(c, pod, node)) return;
        const value = node.labels[c.topologyKey] ?? '';
        const m = counts[i];
        m?.set(value, (m.get(value) ?? 0) + (node.spreadCounts[c.slot] ?? 0));
      });
    }
    const minMatch = constraints.map((c, i) => globalMinimum(c, counts[i] ?? new Map()));
    const selfMatch = constraints.map((c) => (selectorMatches(c.selector, pod.labels) ? 1 : 0));
    return {
      filter(node) {
        for (let i = 0; i < constraints.length; i++) {
          const c = constraints[i] as Constraint;
          const value = node.labels[c.topologyKey];
          if (value === undefined) return REJECT_LABEL;
          const skew = (counts[i]?.get(value) ?? 0) + (selfMatch[i] ?? 0) - (minMatch[i] ?? 0);
          if (skew > c.maxSkew) return REJECT_SKEW;
        }
        return null;
      },
    };
  },
};

function globalMinimum(c: Constraint, counts: Map<string, number>): number {
  if (counts.size < c.minDomains) return 0;
  let min = 2 ** 31 - 1;
  for (const n of counts.values()) if (n < min) min = n;
  return min;
}
