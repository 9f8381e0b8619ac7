/**
 * NodeUnschedulable (plugins/nodeunschedulable): a cordoned node
 * (spec.unschedulable) rejects pods unless they tolerate the
 * node.kubernetes.io/unschedulable:NoSchedule taint.
 */
import type { FilterPlugin } from '../framework.ts';
import { SKIP, status } from '../framework.ts';
import { tolerationsTolerate } from './tolerations.ts';

export const NAME = 'NodeUnschedulable';
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
const REJECT = status(NAME, 'UnschedulableAndUnresolvable', ERR_REASON_UNSCHEDULABLE);
const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', value: '', effect: 'NoSchedule' };

export const nodeUnschedulable: FilterPlugin = {
  name: NAME,
  preFilter(pod, cache) {
    // No cordoned node anywhere: nothing to reject.
    if (cache.unschedulableNodes === 0) return SKIP;
    const tolerates = tolerationsTolerate(pod.tolerations, UNSCHEDULABLE_TAINT);
    return { filter: (node) => (node.unschedulable && !tolerates ? REJECT : null) };
  },
};
