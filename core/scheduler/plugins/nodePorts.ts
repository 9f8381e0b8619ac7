/** NodePorts (plugins/nodeports): a hostPort already taken on the node (same protocol, overlapping IP) rejects. */
import type { FilterPlugin } from '../framework.ts';
import { SKIP, status } from '../framework.ts';

export const NAME = 'NodePorts';
export const ERR_REASON = "node(s) didn't have free ports for the requested pod ports";
const REJECT = status(NAME, 'Unschedulable', ERR_REASON);

export const nodePorts: FilterPlugin = {
  name: NAME,
  preFilter(pod) {
    if (pod.hostPorts.length === 0) return SKIP;
    return {
      filter(node) {
        for (const hp of pod.hostPorts) if (node.portConflicts(hp)) return REJECT;
        return null;
      },
    };
  },
};
