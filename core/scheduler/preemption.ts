/**
 * DefaultPreemption's PostFilter (plugins/defaultpreemption and
 * framework/preemption/preemption.go), run when no node fits:
 *  1. a pod with preemptionPolicy Never, or waiting for a victim to terminate
 *     on its nominated node, is not eligible;
 *  2. nodes that rejected the pod as UnschedulableAndUnresolvable are
 *     "Preemption is not helpful for scheduling";
 *  3. on the others, all lower-priority pods are removed; if the pod still
 *     does not fit, that node's filter status stands; if it fits, the most
 *     important of them are reprieved one by one while it still fits;
 *  4. without candidates the result is a second FitError, prefixed
 *     "preemption: "; with candidates one node is nominated (fewest/lowest
 *     victims) and its victims are returned for eviction.
 * Simplified: no PodDisruptionBudgets, no extenders, no nominated pods of others.
 */
import type { SchedulerCache } from './cache.ts';
import type { Status } from './framework.ts';
import { status } from './framework.ts';
import { fitErrorMessage } from './fitError.ts';
import type { NodeInfo } from './nodeinfo.ts';
import type { PodInfo } from './podinfo.ts';

const NAME = 'DefaultPreemption';
const NOT_HELPFUL = status(NAME, 'UnschedulableAndUnresolvable', 'Preemption is not helpful for scheduling');
const NO_VICTIMS = status(NAME, 'UnschedulableAndUnresolvable', 'No preemption victims found for incoming pod');

/** What preemption decided: a message for the FitError, or a nominated node and victims. */
export interface PreemptionOutcome {
  /** The PostFilter message appended to the FitError ("" when a node was nominated). */
  readonly message: string;
  readonly nominatedNodeName?: string;
  readonly victims?: readonly PodInfo[];
}

/** Runs every filter (fresh PreFilter state) for the pod on one node. */
export type FilterOnNode = (pod: PodInfo, node: NodeInfo) => Status | null;

interface Candidate {
  readonly node: NodeInfo;
  readonly victims: readonly PodInfo[];
}

/** DefaultPreemption.PostFilter for a pod no node could take. */
export function preempt(
  pod: PodInfo,
  cache: SchedulerCache,
  nodes: readonly NodeInfo[],
  statusOf: (node: NodeInfo) => Status | undefined,
  filterOnNode: FilterOnNode,
): PreemptionOutcome {
  const notEligible = eligibility(pod, cache, statusOf);
  if (notEligible) return { message: `preemption: ${notEligible}` };
  const statuses = new Map<string, Status>();
  const candidates: Candidate[] = [];
  for (const node of nodes) {
    const s = statusOf(node);
    if (s?.code !== 'Unschedulable') {
      statuses.set(node.name, NOT_HELPFUL);
      continue;
    }
    const result = selectVictimsOnNode(pod, cache, node, filterOnNode);
    if ('victims' in result && result.victims.length > 0) candidates.push(result);
    else if ('victims' in result) statuses.set(node.name, NO_VICTIMS);
    else statuses.set(node.name, result);
  }
  const best = pickOneNode(candidates);
  if (!best) return { message: `preemption: ${fitErrorMessage(statuses.size, statuses.values())}` };
  return { message: '', nominatedNodeName: best.node.name, victims: best.victims };
}

function eligibility(
  pod: PodInfo,
  cache: SchedulerCache,
  statusOf: (node: NodeInfo) => Status | undefined,
): string | null {
  if (pod.preemptionPolicy === 'Never') return 'not eligible due to preemptionPolicy=Never.';
  const nominated = pod.nominatedNodeName ? cache.getNode(pod.nominatedNodeName) : undefined;
  if (!nominated || statusOf(nominated)?.code === 'UnschedulableAndUnresolvable') return null;
  for (const p of nominated.pods.values()) {
    if (p.terminating && p.priority < pod.priority)
      return 'not eligible due to a terminating pod on the nominated node.';
  }
  return null;
}

/** MoreImportantPod: higher priority first, then the one that started earlier. */
function moreImportantFirst(a: PodInfo, b: PodInfo): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  return a.startTime < b.startTime ? -1 : a.startTime > b.startTime ? 1 : 0;
}

function selectVictimsOnNode(
  pod: PodInfo,
  cache: SchedulerCache,
  node: NodeInfo,
  filterOnNode: FilterOnNode,
): Candidate | Status {
  const lower = [...node.pods.values()].filter((p) => p.priority < pod.priority);
  if (lower.length === 0) return NO_VICTIMS;
  const removed = new Set(lower);
  lower.forEach((p) => cache.dryRunRemove(p));
  const nodeName = node.name;
  try {
    const still = filterOnNode(pod, node);
    if (still) return still;
    const victims: PodInfo[] = [];
    for (const p of [...lower].sort(moreImportantFirst)) {
      cache.dryRunRestore(p, nodeName);
      removed.delete(p);
      if (filterOnNode(pod, node) === null) continue;
      cache.dryRunRemove(p);
      removed.add(p);
      victims.push(p);
    }
    return { node, victims };
  } finally {
    removed.forEach((p) => cache.dryRunRestore(p, nodeName));
  }
}

/** pickOneNodeForPreemption without PDBs: lowest top victim priority, lowest priority sum, fewest victims, first. */
function pickOneNode(candidates: readonly Candidate[]): Candidate | undefined {
  let best: Candidate | undefined;
  for (const c of candidates) if (!best || better(c, best)) best = c;
  return best;
}

function better(a: Candidate, b: Candidate): boolean {
  const top = (c: Candidate) => c.victims[0]?.priority ?? -Infinity;
  if (top(a) !== top(b)) return top(a) < top(b);
  // Upstream offsets each priority by MaxInt32+1 so all terms are positive.
  const sum = (c: Candidate) => c.victims.reduce((s, p) => s + p.priority + 2 ** 31, 0);
  if (sum(a) !== sum(b)) return sum(a) < sum(b);
  return a.victims.length < b.victims.length;
}
