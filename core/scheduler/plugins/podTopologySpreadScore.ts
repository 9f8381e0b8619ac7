/**
 * PodTopologySpread score (plugins/podtopologyspread/scoring.go, weight 2).
 * A node's raw score sums, per ScheduleAnyway constraint, the matching pods
 * in its domain times log(domains + 2), plus maxSkew - 1; fewer is better, so
 * normalization maps the minimum to 100: 100 * (max + min - s) / max.
 * Worked example (hostname only, 2 feasible nodes, weight log 4 = 1.386,
 * maxSkew 3): 1 and 0 matching pods give 3.39 -> 3 and 2; normalized
 * 100*(3+2-3)/3 = 66 and 100*(3+2-2)/3 = 100.
 * With the system defaults (no constraints of its own) nodes lacking the zone
 * label are still scored on hostname alone. Domain totals come from the
 * SpreadIndex when every live node counts (no node affinity to honor, taints
 * ignored); otherwise all nodes are walked as processAllNode does.
 */
import type { SchedulerCache } from '../cache.ts';
import type { ScorePlugin } from '../framework.ts';
import { MAX_NODE_SCORE as MAX_SCORE_IMPORT, SKIP } from '../framework.ts';
import type { NodeInfo } from '../nodeinfo.ts';
import type { PodInfo } from '../podinfo.ts';
import { hasNoRequiredNodeAffinity } from './nodeAffinity.ts';
import type { Constraint } from './spreadConstraints.ts';
import { LABEL_HOSTNAME, LABEL_ZONE, NAME, constraintsFor, nodeHasAllKeys, nodeIncluded } from './spreadConstraints.ts';

/** A module-local copy: hot loops should not reach across modules. */
const MAX_NODE_SCORE = MAX_SCORE_IMPORT;

interface Prepared {
  readonly c: Constraint;
  readonly hostname: boolean;
  readonly zone: boolean;
  /** Domain value -> matching pods, for non-hostname constraints. */
  readonly totals: ReadonlyMap<string, number>;
  readonly weight: number;
}

export const podTopologySpreadScore: ScorePlugin = {
  name: NAME,
  weight: 2,
  preScore(pod, cache, feasible, count) {
    const constraints = constraintsFor(pod, cache, 'ScheduleAnyway');
    if (constraints.length === 0 || cache.nodeList().length === 0) return SKIP;
    const requireAll = pod.spreadConstraints.length > 0;
    const ignored = requireAll ? ignoredNodes(constraints, feasible, count) : null;
    const scored = count - (ignored?.size ?? 0);
    const prepared: Prepared[] = constraints.map((c) => {
      const hostname = c.topologyKey === LABEL_HOSTNAME;
      const totals = hostname ? new Map<string, number>() : domainTotals(c, constraints, pod, cache, requireAll);
      const size = hostname ? scored : domainCount(c.topologyKey, feasible, count, ignored);
      return { c, hostname, zone: c.topologyKey === LABEL_ZONE, totals, weight: Math.log(size + 2) };
    });
    return {
      score: ignored
        ? (node) => (ignored.has(node) ? 0 : rawScore(node, prepared))
        : (node) => rawScore(node, prepared),
      normalize: (scores, nodes, n) => normalize(scores, nodes, n, ignored),
    };
  },
};

function rawScore(node: NodeInfo, prepared: readonly Prepared[]): number {
  let s = 0;
  for (let i = 0; i < prepared.length; i++) {
    const p = prepared[i] as Prepared;
    const value = p.hostname ? node.hostnameLabel : p.zone ? node.zoneLabel : node.labels[p.c.topologyKey];
    if (value === undefined) continue;
    const cnt = p.hostname ? (node.spreadCounts[p.c.slot] ?? 0) : (p.totals.get(value) ?? 0);
    s += cnt * p.weight + (p.c.maxSkew - 1);
  }
  return Math.round(s);
}

function normalize(
  scores: Float64Array,
  nodes: readonly NodeInfo[],
  n: number,
  ignored: ReadonlySet<NodeInfo> | null,
): void {
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  for (let i = 0; i < n; i++) {
    if (ignored?.has(nodes[i] as NodeInfo)) continue;
    const s = scores[i] ?? 0;
    if (s < min) min = s;
    if (s > max) max = s;
  }
  for (let i = 0; i < n; i++) {
    if (ignored?.has(nodes[i] as NodeInfo)) scores[i] = 0;
    else if (max === 0) scores[i] = MAX_NODE_SCORE;
    else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - (scores[i] ?? 0))) / max);
  }
}

/** Feasible nodes missing a topology key are not scored (only for the pod's own constraints). */
function ignoredNodes(constraints: readonly Constraint[], feasible: readonly NodeInfo[], count: number): Set<NodeInfo> {
  const out = new Set<NodeInfo>();
  for (let i = 0; i < count; i++) {
    const node = feasible[i] as NodeInfo;
    if (!nodeHasAllKeys(node, constraints)) out.add(node);
  }
  return out;
}

/** How many distinct values the key takes on scored feasible nodes ("" for a missing label counts too). */
function domainCount(
  key: string,
  feasible: readonly NodeInfo[],
  count: number,
  ignored: ReadonlySet<NodeInfo> | null,
): number {
  // Clusters have few zones: a short array beats a Set until it grows.
  const seen: string[] = [];
  let set: Set<string> | null = null;
  const zone = key === LABEL_ZONE;
  for (let i = 0; i < count; i++) {
    const node = feasible[i] as NodeInfo;
    if (ignored?.has(node)) continue;
    const value = (zone ? node.zoneLabel : node.labels[key]) ?? '';
    if (set) set.add(value);
    else if (!seen.includes(value)) {
      seen.push(value);
      if (seen.length > 16) set = new Set(seen);
    }
  }
  return set ? set.size : seen.length;
}

/** processAllNode: matching pods per domain over all nodes that count for the constraint. */
function domainTotals(
  c: Constraint,
  constraints: readonly Constraint[],
  pod: PodInfo,
  cache: SchedulerCache,
  requireAll: boolean,
): ReadonlyMap<string, number> {
  const everyNodeCounts = !requireAll && !c.honorNodeTaints && (!c.honorNodeAffinity || hasNoRequiredNodeAffinity(pod));
  if (everyNodeCounts) return cache.spread.domainTotals(c.slot, c.topologyKey, cache.nodeList());
  const totals = new Map<string, number>();
  for (const node of cache.nodeList()) {
    if (requireAll && !nodeHasAllKeys(node, constraints)) continue;
    if (!nodeIncluded(c, pod, node)) continue;
    const value = node.labels[c.topologyKey] ?? '';
    totals.set(value, (totals.get(value) ?? 0) + (node.spreadCounts[c.slot] ?? 0));
  }
  return totals;
}
