/**
 * Per-kind write strategies, as upstream's registry `strategy.go` files:
 * what a create resets, which writes bump generation, how status is
 * initialised. Pure functions over plain objects.
 */
import type { ResourceType } from './registry.ts';
import type { KubeObject } from './types.ts';
import { deepEqual } from '../util/json.ts';

/** Kinds whose metadata.generation tracks spec changes (upstream sets it in PrepareForCreate/Update). */
const GENERATION_KINDS = new Set([
  'apps/deployments',
  'apps/replicasets',
  'apps/statefulsets',
  'apps/daemonsets',
  'batch/jobs',
  'batch/cronjobs',
  '/replicationcontrollers',
  'autoscaling/horizontalpodautoscalers',
  'networking.k8s.io/networkpolicies',
  'networking.k8s.io/ingresses',
  'policy/poddisruptionbudgets',
  'apiextensions.k8s.io/customresourcedefinitions',
  '/pods',
]);

/** Both asked on every write: answered once per resource type. */
const generationTracked = new WeakMap<ResourceType, boolean>();
const statusSubresource = new WeakMap<ResourceType, boolean>();

export function tracksGeneration(rt: ResourceType): boolean {
  let tracks = generationTracked.get(rt);
  if (tracks === undefined) {
    tracks = GENERATION_KINDS.has(`${rt.group}/${rt.plural}`);
    generationTracked.set(rt, tracks);
  }
  return tracks;
}

export function hasStatusSubresource(rt: ResourceType): boolean {
  let has = statusSubresource.get(rt);
  if (has === undefined) {
    has = rt.subresources.some((s) => s.name === 'status');
    statusSubresource.set(rt, has);
  }
  return has;
}

/** The parts of an object other than metadata and status: a change here bumps generation. */
export function specChanged(a: KubeObject, b: KubeObject): boolean {
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (k === 'metadata' || k === 'status' || k === 'apiVersion' || k === 'kind') continue;
    if (!deepEqual(a[k], b[k])) return true;
  }
  return false;
}

/** The status a freshly created object starts with. */
export function initialStatus(rt: ResourceType, obj: KubeObject): unknown {
  switch (`${rt.group}/${rt.plural}`) {
    case '/pods':
      return { phase: 'Pending', qosClass: qosClass(obj) };
    case '/namespaces':
      return { phase: 'Active' };
    case '/persistentvolumeclaims':
      return { phase: 'Pending' };
    case '/persistentvolumes':
      return { phase: 'Pending' };
    case '/services':
      return { loadBalancer: {} };
    case '/nodes':
      return obj.status ?? {};
    default:
      // Objects with a status subresource start with an empty status, as upstream strategies reset it.
      return hasStatusSubresource(rt) ? {} : obj.status;
  }
}

interface ContainerLike {
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
}

/** Pod QoS class (pkg/apis/core/v1/helper/qos): Guaranteed, Burstable or BestEffort. */
export function qosClass(pod: KubeObject): string {
  const spec = (pod.spec ?? {}) as { containers?: ContainerLike[]; initContainers?: ContainerLike[] };
  const all = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  let anySet = false;
  let guaranteed = all.length > 0;
  for (const c of all) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) anySet = true;
    for (const r of ['cpu', 'memory']) {
      if (lim[r] === undefined) guaranteed = false;
      else if (req[r] !== undefined && String(req[r]) !== String(lim[r])) guaranteed = false;
    }
  }
  if (!anySet) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
