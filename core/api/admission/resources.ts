/**
 * Resource lists (name → quantity) as the quota and limit-range plugins use
 * them (apiserver/pkg/quota/v1/resources.go, pkg/api/v1/resource): add,
 * subtract, mask, compare, print, and a pod's effective requests and limits.
 */
import type { KubeObject } from '../types.ts';
import type { Quantity } from '../validation/quantity.ts';
import { formatQuantity, parseQuantity } from '../validation/quantity.ts';

export type ResourceList = Record<string, Quantity>;

const ZERO: Quantity = { nano: 0n, format: 'DecimalSI' };

/** A stored `{cpu: "500m"}` map as quantities; unparseable values are left out. */
export function toResourceList(raw: unknown): ResourceList {
  const out: ResourceList = {};
  if (!raw || typeof raw !== 'object') return out;
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    const q = parseQuantity(v);
    if (q) out[k] = q;
  }
  return out;
}

/** Quantity.Add: a zero left-hand side takes the right-hand side's format (0 + 128Mi = 128Mi). */
function addQuantity(a: Quantity, b: Quantity): Quantity {
  return { nano: a.nano + b.nano, format: a.nano === 0n ? b.format : a.format };
}

/** quota.Add: every key of either list, summed. */
export function add(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = addQuantity(out[k] ?? ZERO, v);
  return out;
}

/** quota.SubtractWithNonNegativeResult. */
export function subtractNonNegative(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = {};
  for (const [k, v] of Object.entries(a)) {
    const d = v.nano - (b[k]?.nano ?? 0n);
    out[k] = { nano: d > 0n ? d : 0n, format: v.format };
  }
  return out;
}

/** quota.Mask: only the named resources. */
export function mask(list: ResourceList, names: Iterable<string>): ResourceList {
  const out: ResourceList = {};
  for (const n of names) if (list[n]) out[n] = list[n];
  return out;
}

export function removeZeros(list: ResourceList): ResourceList {
  return Object.fromEntries(Object.entries(list).filter(([, q]) => q.nano !== 0n));
}

/** quota.LessThanOrEqual: the names of `a` that exceed `b` (missing in `b` = unlimited). */
export function exceeded(a: ResourceList, b: ResourceList): string[] {
  return Object.keys(a)
    .filter((k) => b[k] && (a[k]?.nano ?? 0n) > (b[k]?.nano ?? 0n))
    .sort();
}

/** The quota controller's usage prettyPrint: `requests.cpu=1,requests.memory=1Gi`, sorted. */
export function prettyPrint(list: ResourceList): string {
  return Object.keys(list)
    .sort()
    .map((k) => `${k}=${formatQuantity(list[k] ?? ZERO)}`)
    .join(',');
}

/** A resource list as the API stores it: `{cpu: "1500m"}`. */
export function toStrings(list: ResourceList): Record<string, string> {
  return Object.fromEntries(Object.entries(list).map(([k, v]) => [k, formatQuantity(v)]));
}

interface Container {
  name?: string;
  resources?: { requests?: unknown; limits?: unknown };
  restartPolicy?: string;
}

export function containersOf(pod: KubeObject, kind: 'containers' | 'initContainers'): Container[] {
  const list = (pod.spec as Record<string, unknown> | undefined)?.[kind];
  return Array.isArray(list) ? (list as Container[]) : [];
}

function max(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = { ...a };
  for (const [k, v] of Object.entries(b)) if (!out[k] || out[k].nano < v.nano) out[k] = v;
  return out;
}

/**
 * resourcehelper.PodRequests / PodLimits: the sum over containers, at least the
 * largest init container (sidecars, restartPolicy Always, add to both), plus overhead.
 */
export function podResources(pod: KubeObject, which: 'requests' | 'limits'): ResourceList {
  let sum: ResourceList = {};
  for (const c of containersOf(pod, 'containers')) sum = add(sum, toResourceList(c.resources?.[which]));
  let sidecars: ResourceList = {};
  let initMax: ResourceList = {};
  for (const c of containersOf(pod, 'initContainers')) {
    const own = toResourceList(c.resources?.[which]);
    if (c.restartPolicy === 'Always') {
      sum = add(sum, own);
      sidecars = add(sidecars, own);
    } else initMax = max(initMax, add(own, sidecars));
  }
  const overhead = toResourceList((pod.spec as { overhead?: unknown } | undefined)?.overhead);
  return add(max(sum, initMax), overhead);
}
