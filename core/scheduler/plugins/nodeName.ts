/** NodeName (plugins/nodename): a pod naming a node fits only that node. */
import type { FilterPlugin } from '../framework.ts';
import { SKIP, status } from '../framework.ts';

export const NAME = 'NodeName';
export const ERR_REASON = "node(s) didn't match the requested node name";
const REJECT = status(NAME, 'UnschedulableAndUnresolvable', ERR_REASON);

export const nodeName: FilterPlugin = {
  name: NAME,
  preFilter(pod) {
    if (!pod.nodeName) return SKIP;
    return { filter: (node) => (node.name === pod.nodeName ? null : REJECT) };
  },
};
