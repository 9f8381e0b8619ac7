/**
 * NodeResourcesFit (plugins/noderesources/fit.go) and its LeastAllocated
 * score (least_allocated.go, weight 1), plus NodeResourcesBalancedAllocation
 * (balanced_allocation.go, weight 1).
 *
 * Filter: every insufficient resource is a reason ("Too many pods",
 * "Insufficient cpu", "Insufficient memory", ...). The status is
 * UnschedulableAndUnresolvable when the pod asks for more than the node's
 * whole allocatable, since no preemption could make room.
 *
 * LeastAllocated, worked example: 2 CPU node with 500m non-zero requested and a
 * pod asking 500m -> (2000-1000)*100/2000 = 50 for cpu; memory likewise; the
 * node scores the (integer) mean of the two.
 */
import type { FilterPlugin, ScorePlugin, Status } from '../framework.ts';
import { MAX_NODE_SCORE as MAX_SCORE_IMPORT, SKIP, status } from '../framework.ts';
import type { NodeInfo } from '../nodeinfo.ts';
import type { PodInfo } from '../podinfo.ts';

/** A module-local copy: hot loops should not reach across modules. */
const MAX_NODE_SCORE = MAX_SCORE_IMPORT;

export const NAME = 'NodeResourcesFit';
export const BALANCED_NAME = 'NodeResourcesBalancedAllocation';

interface Insufficient {
  reason: string;
  unresolvable: boolean;
}

/** fitsRequest: the insufficient resources of a node for a pod, in upstream order. */
export function insufficientResources(pod: PodInfo, node: NodeInfo): Insufficient[] {
  const out: Insufficient[] = [];
  const a = node.allocatable;
  const used = node.requested;
  const r = pod.requests;
  if (node.pods.size + 1 > a.pods) out.push({ reason: 'Too many pods', unresolvable: false });
  if (r.milliCPU === 0 && r.memory === 0 && r.ephemeralStorage === 0 && r.scalar === null) return out;
  if (r.milliCPU > 0 && r.milliCPU > a.milliCPU - used.milliCPU)
    out.push({ reason: 'Insufficient cpu', unresolvable: r.milliCPU > a.milliCPU });
  if (r.memory > 0 && r.memory > a.memory - used.memory)
    out.push({ reason: 'Insufficient memory', unresolvable: r.memory > a.memory });
  if (r.ephemeralStorage > 0 && r.ephemeralStorage > a.ephemeralStorage - used.ephemeralStorage) {
    out.push({ reason: 'Insufficient ephemeral-storage', unresolvable: r.ephemeralStorage > a.ephemeralStorage });
  }
  for (const [name, q] of r.scalar ?? []) {
    if (q === 0) continue;
    const alloc = a.scalar?.get(name) ?? 0;
    if (q > alloc - (used.scalar?.get(name) ?? 0))
      out.push({ reason: `Insufficient ${name}`, unresolvable: q > alloc });
  }
  return out;
}

const statuses = new Map<string, Status>();

function toStatus(list: Insufficient[]): Status {
  const code = list.some((i) => i.unresolvable) ? 'UnschedulableAndUnresolvable' : 'Unschedulable';
  const key = `${code}|${list.map((i) => i.reason).join('|')}`;
  let s = statuses.get(key);
  if (!s) statuses.set(key, (s = status(NAME, code, ...list.map((i) => i.reason))));
  return s;
}

export const nodeResourcesFitFilter: FilterPlugin = {
  name: NAME,
  preFilter(pod) {
    const r = pod.requests;
    const cpu = r.milliCPU;
    const mem = r.memory;
    const simple = r.ephemeralStorage === 0 && r.scalar === null;
    return {
      filter(node) {
        // Fast path: the common pod asks only for cpu and memory and fits.
        const a = node.allocatable;
        if (
          simple &&
          node.pods.size < a.pods &&
          cpu <= a.milliCPU - node.requested.milliCPU &&
          mem <= a.memory - node.requested.memory
        )
          return null;
        const list = insufficientResources(pod, node);
        return list.length === 0 ? null : toStatus(list);
      },
    };
  },
};

function leastRequested(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

export const leastAllocatedScore: ScorePlugin = {
  name: NAME,
  weight: 1,
  preScore(pod) {
    const cpu = pod.nonZeroCPU;
    const mem = pod.nonZeroMemory;
    return {
      score(node) {
        // Resources with zero allocatable are left out of the mean (weights cpu 1, memory 1).
        const allocCPU = node.allocatable.milliCPU;
        const allocMem = node.allocatable.memory;
        let sum = 0;
        let weights = 0;
        if (allocCPU !== 0) {
          sum += leastRequested(node.nonZeroCPU + cpu, allocCPU);
          weights++;
        }
        if (allocMem !== 0) {
          sum += leastRequested(node.nonZeroMemory + mem, allocMem);
          weights++;
        }
        return weights === 0 ? 0 : Math.trunc(sum / weights);
      },
    };
  },
};

/**
 * BalancedAllocation: 100 * (1 - std) of the cpu and memory fractions after
 * placing the pod (actual requests, not the non-zero defaults). With two
 * resources std = |f1 - f2| / 2: fractions 0.5 and 0.3 score 90.
 * Best-effort pods (no cpu or memory request) are not scored (issue 129138).
 */
export const balancedAllocationScore: ScorePlugin = {
  name: BALANCED_NAME,
  weight: 1,
  preScore(pod) {
    const cpu = pod.requests.milliCPU;
    const mem = pod.requests.memory;
    if (cpu === 0 && mem === 0) return SKIP;
    return {
      score(node) {
        const allocCPU = node.allocatable.milliCPU;
        const allocMem = node.allocatable.memory;
        const fCPU = allocCPU === 0 ? -1 : Math.min(1, (node.requested.milliCPU + cpu) / allocCPU);
        const fMem = allocMem === 0 ? -1 : Math.min(1, (node.requested.memory + mem) / allocMem);
        const std = fCPU >= 0 && fMem >= 0 ? Math.abs((fCPU - fMem) / 2) : 0;
        return Math.trunc((1 - std) * MAX_NODE_SCORE);
      },
    };
  },
};
