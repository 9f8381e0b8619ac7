/**
 * The scheduling framework's shapes (pkg/scheduler/framework/interface.go),
 * reduced to what runs in one process: a filter plugin's PreFilter returns a
 * per-cycle "bound" filter (its CycleState), SKIP, or a rejection; a score
 * plugin's PreScore returns a bound scorer or SKIP. Bound objects are plain
 * closures, so a plugin's state stays private and typed.
 */
import type { SchedulerCache } from './cache.ts';
import type { NodeInfo } from './nodeinfo.ts';
import type { PodInfo } from './podinfo.ts';

/** framework.MaxNodeScore. */
export const MAX_NODE_SCORE = 100;

/** Status codes a filter can reject with. UnschedulableAndUnresolvable means preemption cannot help. */
export type Code = 'Unschedulable' | 'UnschedulableAndUnresolvable';

/** A rejection: the plugin, its code and reasons (each reason counts in the FitError histogram). */
export interface Status {
  readonly plugin: string;
  readonly code: Code;
  readonly reasons: readonly string[];
}

/** Builds a Status; plugins keep their common statuses as constants so rejecting allocates nothing. */
export function status(plugin: string, code: Code, ...reasons: string[]): Status {
  return { plugin, code, reasons };
}

/** Returned by PreFilter/PreScore when the plugin has nothing to do for this pod. */
export const SKIP = Symbol('Skip');

/** What a filter plugin checks for one pod in one cycle. */
export interface BoundFilter {
  filter(node: NodeInfo): Status | null;
  /** PreFilterResult.NodeNames: only these nodes can fit (null means all). */
  readonly nodeNames?: ReadonlySet<string> | null;
}

export interface FilterPlugin {
  readonly name: string;
  preFilter(pod: PodInfo, cache: SchedulerCache): BoundFilter | Status | typeof SKIP;
}

/** What a score plugin computes for one pod in one cycle. */
export interface BoundScorer {
  score(node: NodeInfo): number;
  /** Set when every node's raw score is known to be this value (the per-node loop is skipped). */
  readonly constant?: number;
  /** NormalizeScore over the scores of the feasible nodes, in place (0..MAX_NODE_SCORE). */
  normalize?(scores: Float64Array, nodes: readonly NodeInfo[], count: number): void;
}

export interface ScorePlugin {
  readonly name: string;
  readonly weight: number;
  preScore(
    pod: PodInfo,
    cache: SchedulerCache,
    feasible: readonly NodeInfo[],
    feasibleCount: number,
  ): BoundScorer | typeof SKIP;
}

export function isStatus(v: unknown): v is Status {
  return typeof v === 'object' && v !== null && 'code' in v && 'reasons' in v;
}

/**
 * helper.DefaultNormalizeScore: scale to 0..max by the highest score, and
 * reverse when lower raw scores are better (TaintToleration).
 */
export function defaultNormalizeScore(scores: Float64Array, count: number, reverse: boolean): void {
  let max = 0;
  for (let i = 0; i < count; i++) if ((scores[i] ?? 0) > max) max = scores[i] ?? 0;
  if (max === 0) {
    if (reverse) scores.fill(MAX_NODE_SCORE, 0, count);
    return;
  }
  for (let i = 0; i < count; i++) {
    const s = Math.trunc((MAX_NODE_SCORE * (scores[i] ?? 0)) / max);
    scores[i] = reverse ? MAX_NODE_SCORE - s : s;
  }
}
