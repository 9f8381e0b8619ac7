/**
 * What a failed cycle reports: the FitError text, each node's reasons, and
 * what preemption (PostFilter) made of it.
 */
import type { KubeObject } from '../api/types.ts';
import type { SchedulerCache } from './cache.ts';
import { runFilters, runPreFilters } from './cycle.ts';
import type { Status } from './framework.ts';
import { status } from './framework.ts';
import { fitErrorMessage, statusMessage } from './fitError.ts';
import type { NodeInfo } from './nodeinfo.ts';
import type { PodInfo } from './podinfo.ts';
import type { Profile } from './plugins/index.ts';
import { preempt } from './preemption.ts';

export interface FailureReason {
  readonly plugin: string;
  readonly reason: string;
}

export interface ScheduleFailure {
  readonly failure: {
    /** PodScheduled condition reason. */
    readonly reason: 'Unschedulable' | 'SchedulingGated';
    /** The FitError text, exactly as the default scheduler prints it. */
    readonly message: string;
    readonly perNode: Readonly<Record<string, readonly FailureReason[]>>;
    /** Set when preemption found room: evict `victims`, then retry on this node. */
    readonly nominatedNodeName?: string;
    readonly victims?: readonly KubeObject[];
  };
}

function perNodeReasons(
  nodes: readonly NodeInfo[],
  statusOf: (n: NodeInfo) => Status | undefined,
): Record<string, FailureReason[]> {
  const out: Record<string, FailureReason[]> = {};
  for (const node of nodes) {
    const s = statusOf(node);
    if (s) out[node.name] = s.reasons.map((reason) => ({ plugin: s.plugin, reason }));
  }
  return out;
}

/** Runs every filter for one node with fresh PreFilter state (preemption's dry runs). */
function filterOnNodeWith(cache: SchedulerCache, profile: Profile) {
  return (pod: PodInfo, node: NodeInfo): Status | null => {
    const pre = runPreFilters(pod, cache, profile);
    if (pre.rejection) return pre.rejection;
    if (pre.nodeNames && !pre.nodeNames.has(node.name))
      return status('', 'UnschedulableAndUnresolvable', 'node(s) filtered out by PreFilter');
    return runFilters(pre.filters, node);
  };
}

export function fitFailure(
  pod: PodInfo,
  cache: SchedulerCache,
  profile: Profile,
  allNodes: readonly NodeInfo[],
  statuses: Map<string, Status>,
  absent: Status | null,
): ScheduleFailure {
  const statusOf = (n: NodeInfo) => statuses.get(n.name) ?? absent ?? undefined;
  const explicit = [...statuses.values()];
  const absentCount = allNodes.length - statuses.size;
  const all = absent && absentCount > 0 ? [...explicit, ...new Array<Status>(absentCount).fill(absent)] : explicit;
  const post = preempt(pod, cache, allNodes, statusOf, filterOnNodeWith(cache, profile));
  return failure(fitErrorMessage(allNodes.length, all, '', post.message), perNodeReasons(allNodes, statusOf), post);
}

export function preFilterFailure(
  pod: PodInfo,
  cache: SchedulerCache,
  profile: Profile,
  allNodes: readonly NodeInfo[],
  rejection: Status,
): ScheduleFailure {
  const statusOf = () => rejection;
  const post = preempt(pod, cache, allNodes, statusOf, filterOnNodeWith(cache, profile));
  return failure(
    fitErrorMessage(allNodes.length, [], statusMessage(rejection), post.message),
    perNodeReasons(allNodes, statusOf),
    post,
  );
}

function failure(
  message: string,
  perNode: Record<string, FailureReason[]>,
  post: ReturnType<typeof preempt>,
): ScheduleFailure {
  const extra = post.nominatedNodeName
    ? { nominatedNodeName: post.nominatedNodeName, victims: (post.victims ?? []).map((v) => v.pod) }
    : {};
  return { failure: { reason: 'Unschedulable', message, perNode, ...extra } };
}
