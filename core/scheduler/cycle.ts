/**
 * The filter half of a cycle, shared by scheduling and preemption's dry runs:
 * run every PreFilter (collecting bound filters, a rejection, or the node set
 * some plugin narrowed the pod to), then the filters for one node in order,
 * stopping at the first rejection (RunFilterPlugins).
 */
import type { SchedulerCache } from './cache.ts';
import type { BoundFilter, Status } from './framework.ts';
import { SKIP, isStatus, status } from './framework.ts';
import type { NodeInfo } from './nodeinfo.ts';
import type { PodInfo } from './podinfo.ts';
import type { Profile } from './plugins/index.ts';

export interface PreFilterOutcome {
  readonly filters: BoundFilter[];
  readonly rejection: Status | null;
  readonly nodeNames: ReadonlySet<string> | null;
  readonly restrictingPlugins: string[];
}

export function runPreFilters(pod: PodInfo, cache: SchedulerCache, profile: Profile): PreFilterOutcome {
  const filters: BoundFilter[] = [];
  let nodeNames: Set<string> | null = null;
  const restrictingPlugins: string[] = [];
  for (const plugin of profile.filters) {
    const bound = plugin.preFilter(pod, cache);
    if (bound === SKIP) continue;
    if (isStatus(bound)) return { filters, rejection: bound, nodeNames, restrictingPlugins };
    filters.push(bound);
    if (!bound.nodeNames) continue;
    restrictingPlugins.push(plugin.name);
    const names: ReadonlySet<string> = bound.nodeNames;
    nodeNames = nodeNames === null ? new Set(names) : new Set([...nodeNames].filter((n: string) => names.has(n)));
    if (nodeNames.size === 0) {
      const msg =
        restrictingPlugins.length === 1
          ? `node(s) didn't satisfy plugin ${plugin.name}`
          : `node(s) didn't satisfy plugin(s) [${restrictingPlugins.join(' ')}] simultaneously`;
      return {
        filters,
        rejection: status(plugin.name, 'UnschedulableAndUnresolvable', msg),
        nodeNames,
        restrictingPlugins,
      };
    }
  }
  return { filters, rejection: null, nodeNames, restrictingPlugins };
}

export function runFilters(filters: readonly BoundFilter[], node: NodeInfo): Status | null {
  for (let i = 0; i < filters.length; i++) {
    const s = (filters[i] as BoundFilter).filter(node);
    if (s) return s;
  }
  return null;
}
