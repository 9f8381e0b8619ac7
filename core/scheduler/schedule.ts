/**
 * One scheduling cycle (pkg/scheduler/schedule_one.go, schedulePod):
 * PreFilter -> Filter, walking nodes from a rotating start index and stopping
 * once enough feasible nodes are found (numFeasibleNodesToFind) -> PreScore,
 * Score and NormalizeScore per plugin, times its weight -> selectHost, which
 * breaks ties by reservoir sampling. When no node fits, the FitError and
 * preemption (PostFilter) explain why, in upstream's words.
 */
import type { KubeObject } from '../api/types.ts';
import type { SchedulerCache } from './cache.ts';
import { runFilters as runFiltersImport, runPreFilters } from './cycle.ts';
import type { ScheduleFailure } from './failure.ts';
import { fitFailure, preFilterFailure } from './failure.ts';
import type { BoundFilter, BoundScorer, Status } from './framework.ts';
import { SKIP, status } from './framework.ts';
import { ERR_NO_NODES_AVAILABLE } from './fitError.ts';
import type { NodeInfo } from './nodeinfo.ts';
import type { PodInfo } from './podinfo.ts';
import type { Profile } from './plugins/index.ts';
import { DEFAULT_PROFILE } from './plugins/index.ts';

export interface ScheduleOptions {
  /** Percentage of nodes to find feasible before scoring; 0 or absent means adaptive (50 - nodes/125, min 5). */
  percentageOfNodesToScore?: number;
  /** Random integer in [0, n) for tie-breaking; defaults to the cache's seeded Rng. */
  rngInt?: (n: number) => number;
  profile?: Profile;
}

/** A plugin's share of a node's score: normalized (0..100) and weighted. */
export interface PluginScore {
  readonly plugin: string;
  readonly score: number;
  readonly weight: number;
}

export interface ScheduleSuccess {
  readonly nodeName: string;
  readonly evaluatedNodes: number;
  readonly feasibleNodes: number;
  /** Why this node: its per-plugin scores and total (absent when it was the only feasible node). */
  readonly scores?: { readonly total: number; readonly plugins: readonly PluginScore[] };
}

export type { FailureReason, ScheduleFailure } from './failure.ts';

export type ScheduleResult = ScheduleSuccess | ScheduleFailure;

/** Module-local binding: the filter loop runs ~1,000 times per pod and should not go through an import binding. */
const runFilters = runFiltersImport;

const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/**
 * numFeasibleNodesToFind. Worked example: 1,000 nodes -> 50 - 8 = 42% -> 420;
 * 5,000 nodes -> 10% -> 500; under 100 nodes -> all of them.
 */
export function numFeasibleNodesToFind(percentage: number | undefined, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let pct = percentage ?? 0;
  if (pct === 0) pct = Math.max(MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND, 50 - Math.trunc(numAllNodes / 125));
  const n = Math.trunc((numAllNodes * pct) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

/** Scratch space reused across cycles, so scoring 1,000 nodes allocates no big arrays. */
let feasibleScratch: NodeInfo[] = [];
const scoreScratch: Float64Array[] = [];
let totalScratch = new Float64Array(0);

function scratch(i: number, n: number): Float64Array {
  let a = scoreScratch[i];
  if (!a || a.length < n) scoreScratch[i] = a = new Float64Array(Math.max(n, 64));
  return a;
}

/** Runs one scheduling cycle for a pending pod. Call cache.assume(pod, nodeName) after a success. */
export function schedulePod(pod: KubeObject, cache: SchedulerCache, opts: ScheduleOptions = {}): ScheduleResult {
  const info = cache.podInfo(pod);
  const profile = opts.profile ?? DEFAULT_PROFILE;
  if (info.schedulingGates > 0) return gated();
  const allNodes = cache.nodeList();
  if (allNodes.length === 0)
    return { failure: { reason: 'Unschedulable', message: ERR_NO_NODES_AVAILABLE, perNode: {} } };
  const pre = runPreFilters(info, cache, profile);
  if (pre.rejection) return preFilterFailure(info, cache, profile, allNodes, pre.rejection);
  const nominated = evaluateNominatedNode(info, cache, pre.filters);
  if (nominated) return { nodeName: nominated.name, evaluatedNodes: 1, feasibleNodes: 1 };
  const nodes = pre.nodeNames ? allNodes.filter((n) => pre.nodeNames?.has(n.name)) : allNodes;
  const absent = pre.nodeNames
    ? status(
        pre.restrictingPlugins[0] ?? '',
        'UnschedulableAndUnresolvable',
        `node(s) didn't satisfy plugin(s) [${[...pre.restrictingPlugins].sort().join(' ')}]`,
      )
    : null;
  const found = findFeasible(pre.filters, nodes, allNodes.length, cache, opts.percentageOfNodesToScore);
  const evaluated = found.count + found.statuses.size;
  if (found.count === 0) return fitFailure(info, cache, profile, allNodes, found.statuses, absent);
  if (found.count === 1)
    return { nodeName: (feasibleScratch[0] as NodeInfo).name, evaluatedNodes: evaluated, feasibleNodes: 1 };
  return prioritizeAndSelect(info, cache, profile, found.count, evaluated, opts.rngInt ?? ((n) => cache.rng.int(n)));
}

function gated(): ScheduleFailure {
  return {
    failure: {
      reason: 'SchedulingGated',
      message: 'Scheduling is blocked due to non-empty scheduling gates',
      perNode: {},
    },
  };
}

/** A pod already nominated (after preemption) goes to that node if it now fits. */
function evaluateNominatedNode(pod: PodInfo, cache: SchedulerCache, filters: readonly BoundFilter[]): NodeInfo | null {
  const node = pod.nominatedNodeName ? cache.getNode(pod.nominatedNodeName) : undefined;
  return node && runFilters(filters, node) === null ? node : null;
}

/** findNodesThatPassFilters, sequentially from nextStartNodeIndex. */
function findFeasible(
  filters: readonly BoundFilter[],
  nodes: readonly NodeInfo[],
  numAllNodes: number,
  cache: SchedulerCache,
  pct: number | undefined,
) {
  const n = nodes.length;
  const want = numFeasibleNodesToFind(pct, n);
  if (feasibleScratch.length < want) feasibleScratch = new Array<NodeInfo>(want);
  const statuses = new Map<string, Status>();
  let count = 0;
  let processed = 0;
  const start = cache.nextStartNodeIndex;
  for (let i = 0; i < n && count < want; i++) {
    const node = nodes[(start + i) % n] as NodeInfo;
    processed++;
    const s = runFilters(filters, node);
    if (s === null) feasibleScratch[count++] = node;
    else statuses.set(node.name, s);
  }
  cache.nextStartNodeIndex = (start + processed) % numAllNodes;
  return { count, statuses };
}

function prioritizeAndSelect(
  pod: PodInfo,
  cache: SchedulerCache,
  profile: Profile,
  n: number,
  evaluated: number,
  rngInt: (n: number) => number,
): ScheduleSuccess {
  const feasible = feasibleScratch;
  if (totalScratch.length < n) totalScratch = new Float64Array(Math.max(n, 64));
  const total = totalScratch;
  total.fill(0, 0, n);
  const used: { name: string; weight: number; scores: Float64Array }[] = [];
  for (const plugin of profile.scorers) {
    const bound: BoundScorer | typeof SKIP = plugin.preScore(pod, cache, feasible, n);
    if (bound === SKIP) continue;
    const scores = scratch(used.length, n);
    if (bound.constant !== undefined) scores.fill(bound.constant, 0, n);
    else for (let i = 0; i < n; i++) scores[i] = bound.score(feasible[i] as NodeInfo);
    bound.normalize?.(scores, feasible, n);
    for (let i = 0; i < n; i++) total[i] = (total[i] ?? 0) + (scores[i] ?? 0) * plugin.weight;
    used.push({ name: plugin.name, weight: plugin.weight, scores });
  }
  const chosen = selectHost(total, n, rngInt);
  return {
    nodeName: (feasible[chosen] as NodeInfo).name,
    evaluatedNodes: evaluated,
    feasibleNodes: n,
    scores: {
      total: total[chosen] ?? 0,
      plugins: used.map((u) => ({ plugin: u.name, score: u.scores[chosen] ?? 0, weight: u.weight })),
    },
  };
}

/** selectHost: the highest total; among equals each is kept with probability 1/count seen (reservoir sampling). */
export function selectHost(total: Float64Array, n: number, rngInt: (n: number) => number): number {
  let best = 0;
  let bestScore = total[0] ?? 0;
  let ties = 1;
  for (let i = 1; i < n; i++) {
    const s = total[i] ?? 0;
    if (s > bestScore) {
      best = i;
      bestScore = s;
      ties = 1;
    } else if (s === bestScore) {
      ties++;
      if (rngInt(ties) === 0) best = i;
    }
  }
  return best;
}
