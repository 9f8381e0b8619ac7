/**
 * The LimitRanger admission plugin (plugin/pkg/admission/limitranger/admission.go).
 * Pod create: each container without a request or limit gets the LimitRange's
 * Container defaultRequest / default (noted in the `kubernetes.io/limit-ranger`
 * annotation), then min, max and maxLimitRequestRatio are enforced per Container
 * and per Pod. PVC create and update: min and max of requests.storage.
 * Pod updates are not judged (containers cannot change), as upstream.
 */
import type { KubeObject, Status } from '../types.ts';
import type { Quantity } from '../validation/quantity.ts';
import { formatQuantity } from '../validation/quantity.ts';
import type { PolicyContext, PolicyRequest } from './context.ts';
import { RT, aggregate, forbidden, is } from './context.ts';
import type { ResourceList } from './resources.ts';
import { containersOf, podResources, toResourceList } from './resources.ts';

const ANNOTATION = 'kubernetes.io/limit-ranger';

interface LimitRangeItem {
  type?: string;
  min?: Record<string, unknown>;
  max?: Record<string, unknown>;
  default?: Record<string, unknown>;
  defaultRequest?: Record<string, unknown>;
  maxLimitRequestRatio?: Record<string, unknown>;
}

interface Resources {
  requests?: Record<string, unknown>;
  limits?: Record<string, unknown>;
}

export function admitLimitRanges(ctx: PolicyContext, req: PolicyRequest): Status | undefined {
  const isPod = is(req.rt, RT.pods) && req.operation === 'create';
  const isPvc = is(req.rt, RT.pvcs);
  if (!isPod && !isPvc) return undefined;
  const ranges = ctx.list(RT.limitRanges, req.object.metadata.namespace);
  for (const lr of ranges) {
    const items = ((lr.spec as { limits?: LimitRangeItem[] } | undefined)?.limits ?? []).map(defaultItem);
    const errors = isPod ? limitPod(req.object, items) : limitPvc(req.object, items);
    if (errors.length) return forbidden(req, aggregate(errors));
  }
  return undefined;
}

/** SetDefaults_LimitRangeItem: a Container's default falls back to max, defaultRequest to default, then min. */
function defaultItem(item: LimitRangeItem): LimitRangeItem {
  if (item.type !== 'Container') return item;
  const def = { ...(item.max ?? {}), ...(item.default ?? {}) };
  const defaultRequest = { ...(item.min ?? {}), ...def, ...(item.defaultRequest ?? {}) };
  return { ...item, default: def, defaultRequest };
}

function limitPod(pod: KubeObject, items: LimitRangeItem[]): string[] {
  setDefaults(pod, items);
  const errors: string[] = [];
  for (const item of items) {
    if (item.type === 'Container') {
      for (const kind of ['containers', 'initContainers'] as const)
        for (const c of containersOf(pod, kind)) errors.push(...check(item, 'Container', requirements(c)));
    }
    if (item.type === 'Pod')
      errors.push(
        ...check(item, 'Pod', { requests: podResources(pod, 'requests'), limits: podResources(pod, 'limits') }),
      );
  }
  return errors;
}

function limitPvc(pvc: KubeObject, items: LimitRangeItem[]): string[] {
  const requests = toResourceList((pvc.spec as { resources?: Resources } | undefined)?.resources?.requests);
  const errors: string[] = [];
  for (const item of items.filter((i) => i.type === 'PersistentVolumeClaim')) {
    for (const [k, v] of quantities(item.min))
      errors.push(...minConstraint('PersistentVolumeClaim', k, v, requests, {}));
    for (const [k, v] of quantities(item.max)) errors.push(...maxRequestConstraint(k, v, requests));
  }
  return errors;
}

/** mergeContainerResources: fill what is missing, and say so in the annotation. */
function setDefaults(pod: KubeObject, items: LimitRangeItem[]): void {
  const defaults: Resources = { requests: {}, limits: {} };
  for (const item of items.filter((i) => i.type === 'Container')) {
    Object.assign(defaults.requests!, item.defaultRequest);
    Object.assign(defaults.limits!, item.default);
  }
  const notes: string[] = [];
  for (const kind of ['containers', 'initContainers'] as const) {
    const label = kind === 'containers' ? 'container' : 'init container';
    for (const c of containersOf(pod, kind)) {
      const resources = (c.resources ??= {}) as Resources;
      for (const which of ['requests', 'limits'] as const) {
        const set: string[] = [];
        for (const [k, v] of Object.entries(defaults[which] ?? {})) {
          const list = (resources[which] ??= {});
          if (k in list) continue;
          list[k] = v;
          set.push(k);
        }
        if (set.length)
          notes.push(`${set.sort().join(', ')} ${which === 'requests' ? 'request' : 'limit'} for ${label} ${c.name}`);
      }
    }
  }
  if (notes.length)
    pod.metadata.annotations = {
      ...pod.metadata.annotations,
      [ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}`,
    };
}

function requirements(c: { resources?: unknown }): { requests: ResourceList; limits: ResourceList } {
  const r = (c.resources ?? {}) as Resources;
  return { requests: toResourceList(r.requests), limits: toResourceList(r.limits) };
}

function quantities(list: Record<string, unknown> | undefined): [string, Quantity][] {
  return Object.entries(toResourceList(list));
}

function check(item: LimitRangeItem, type: string, r: { requests: ResourceList; limits: ResourceList }): string[] {
  const errors: string[] = [];
  for (const [k, v] of quantities(item.min)) errors.push(...minConstraint(type, k, v, r.requests, r.limits));
  for (const [k, v] of quantities(item.max)) errors.push(...maxConstraint(type, k, v, r.requests, r.limits));
  for (const [k, v] of quantities(item.maxLimitRequestRatio)) errors.push(...ratioConstraint(type, k, v, r));
  return errors;
}

const q = formatQuantity;

function minConstraint(type: string, name: string, min: Quantity, req: ResourceList, lim: ResourceList): string[] {
  const r = req[name];
  const l = lim[name];
  if (!r) return [`minimum ${name} usage per ${type} is ${q(min)}.  No request is specified`];
  if (r.nano < min.nano) return [`minimum ${name} usage per ${type} is ${q(min)}, but request is ${q(r)}`];
  if (l && l.nano < min.nano) return [`minimum ${name} usage per ${type} is ${q(min)}, but limit is ${q(l)}`];
  return [];
}

function maxConstraint(type: string, name: string, max: Quantity, req: ResourceList, lim: ResourceList): string[] {
  const r = req[name];
  const l = lim[name];
  if (!l) return [`maximum ${name} usage per ${type} is ${q(max)}.  No limit is specified`];
  if (l.nano > max.nano) return [`maximum ${name} usage per ${type} is ${q(max)}, but limit is ${q(l)}`];
  if (r && r.nano > max.nano) return [`maximum ${name} usage per ${type} is ${q(max)}, but request is ${q(r)}`];
  return [];
}

function maxRequestConstraint(name: string, max: Quantity, req: ResourceList): string[] {
  const r = req[name];
  const type = 'PersistentVolumeClaim';
  if (!r) return [`maximum ${name} usage per ${type} is ${q(max)}.  No request is specified`];
  if (r.nano > max.nano) return [`maximum ${name} usage per ${type} is ${q(max)}, but request is ${q(r)}`];
  return [];
}

function ratioConstraint(
  type: string,
  name: string,
  ratio: Quantity,
  r: { requests: ResourceList; limits: ResourceList },
): string[] {
  const req = r.requests[name]?.nano ?? 0n;
  const lim = r.limits[name]?.nano ?? 0n;
  const head = `${name} max limit to request ratio per ${type} is ${q(ratio)}`;
  if (req === 0n) return [`${head}, but no request is specified or request is 0`];
  if (lim === 0n) return [`${head}, but no limit is specified or limit is 0`];
  const observed = Number(lim) / Number(req);
  // Go's %f: six decimals.
  if (observed * 1e9 > Number(ratio.nano)) return [`${head}, but provided ratio is ${observed.toFixed(6)}`];
  return [];
}
