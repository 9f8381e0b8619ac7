/**
 * FitError text (pkg/scheduler/framework/types.go, FitError.Error):
 *   0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: …
 * Each reason is counted once per node that gave it, "<count> <reason>"
 * strings are sorted as strings (so "10 x" sorts before "2 y"), and the
 * PostFilter (preemption) message follows after a space.
 */
import type { Status } from './framework.ts';

/** ErrNoNodesAvailable, when the cluster has no nodes at all. */
export const ERR_NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

/** The message of a FitError over `numAllNodes` nodes. */
export function fitErrorMessage(
  numAllNodes: number,
  statuses: Iterable<Status>,
  preFilterMsg = '',
  postFilterMsg = '',
): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if (preFilterMsg !== '') {
    msg += ` ${preFilterMsg}.`;
  } else {
    const histogram = reasonHistogram(statuses);
    if (histogram.length > 0) msg += ` ${histogram.join(', ')}.`;
  }
  if (postFilterMsg !== '') msg += ` ${postFilterMsg}`;
  return msg;
}

/** "<count> <reason>" for every distinct reason, sorted as Go's sort.Strings does. */
export function reasonHistogram(statuses: Iterable<Status>): string[] {
  const counts = new Map<string, number>();
  for (const s of statuses) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts].map(([reason, n]) => `${n} ${reason}`).sort();
}

/** Status.Message(): the reasons joined by ", ". */
export function statusMessage(s: Status): string {
  return s.reasons.join(', ');
}
