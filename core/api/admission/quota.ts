/**
 * Quota evaluators (pkg/quota/v1/evaluator/core and apiserver's generic object
 * count evaluator): which quota resources an object of a kind uses, whether a
 * quota's scopes select it, and what a pod must declare once cpu or memory is
 * quota'd. Shared by the ResourceQuota admission plugin and the quota controller.
 */
import { RESOURCES } from '../registry.ts';
import type { ResourceType } from '../registry.ts';
import type { KubeObject } from '../types.ts';
import { RT, is } from './context.ts';
import type { ResourceList } from './resources.ts';
import { add, containersOf, podResources, toResourceList } from './resources.ts';

const ONE = { nano: 1_000_000_000n, format: 'DecimalSI' as const };
const one = (n = 1) => ({ nano: ONE.nano * BigInt(n), format: 'DecimalSI' as const });

export interface Evaluator {
  readonly rt: ResourceType;
  /** Whether a write of this kind is charged: create only, or create and update. */
  readonly onUpdate: boolean;
  /** MatchingResources: which of these quota resource names this kind uses. */
  matching(names: string[]): string[];
  usage(obj: KubeObject, nowMs: number): ResourceList;
  /** Scope selectors other than pods' never match (MatchesNoScopeFunc). */
  matchesScope(sel: ScopeSelector, obj: KubeObject): boolean;
  /** What the object lacks for these quota'd resources, in upstream's words; '' when nothing. */
  constraints(names: string[], obj: KubeObject): string;
}

export interface ScopeSelector {
  scopeName: string;
  operator: string;
  values?: string[];
}

/** `count/pods`, `count/deployments.apps`. */
export function countName(rt: ResourceType): string {
  return rt.group ? `count/${rt.plural}.${rt.group}` : `count/${rt.plural}`;
}

const COMPUTE = ['cpu', 'memory', 'ephemeral-storage'];
const VALIDATED = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);

/** podComputeUsageHelper: requests under their bare and `requests.` names, limits under `limits.`. */
function computeUsage(requests: ResourceList, limits: ResourceList): ResourceList {
  const out: ResourceList = { pods: ONE };
  for (const r of COMPUTE) {
    const req = requests[r];
    if (req) out[r] = out[`requests.${r}`] = req;
    const lim = limits[r];
    if (lim) out[`limits.${r}`] = lim;
  }
  for (const [r, v] of Object.entries(requests)) {
    if (r.startsWith('hugepages-')) out[r] = out[`requests.${r}`] = v;
    else if (r.includes('/') && !r.startsWith('kubernetes.io/')) out[`requests.${r}`] = v;
  }
  return out;
}

/** QuotaV1Pod: terminal pods, and pods past their deletion grace period, no longer use compute quota. */
function chargedPod(pod: KubeObject, nowMs: number): boolean {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  const m = pod.metadata;
  if (m.deletionTimestamp && m.deletionGracePeriodSeconds !== undefined)
    return nowMs <= Date.parse(m.deletionTimestamp) + m.deletionGracePeriodSeconds * 1000;
  return true;
}

function isBestEffort(pod: KubeObject): boolean {
  for (const kind of ['containers', 'initContainers'] as const)
    for (const c of containersOf(pod, kind)) {
      const r = c.resources ?? {};
      const declared = { ...toResourceList(r.requests), ...toResourceList(r.limits) };
      if (Object.keys(declared).some((k) => k === 'cpu' || k === 'memory')) return false;
    }
  return true;
}

function podMatchesScope(sel: ScopeSelector, pod: KubeObject): boolean {
  const spec = (pod.spec ?? {}) as { activeDeadlineSeconds?: number; priorityClassName?: string };
  const terminating = typeof spec.activeDeadlineSeconds === 'number' && spec.activeDeadlineSeconds >= 0;
  switch (sel.scopeName) {
    case 'Terminating':
      return terminating;
    case 'NotTerminating':
      return !terminating;
    case 'BestEffort':
      return isBestEffort(pod);
    case 'NotBestEffort':
      return !isBestEffort(pod);
    case 'PriorityClass': {
      const name = spec.priorityClassName ?? '';
      if (sel.operator === 'Exists') return name !== '';
      if (sel.operator === 'DoesNotExist') return name === '';
      const listed = name !== '' && (sel.values ?? []).includes(name);
      return sel.operator === 'In' ? listed : !listed;
    }
    default:
      return false;
  }
}

const podEvaluator: Evaluator = {
  rt: RT.pods,
  onUpdate: false,
  matching: (names) =>
    names.filter(
      (n) =>
        n === 'pods' ||
        n === 'count/pods' ||
        COMPUTE.some((r) => n === r || n === `requests.${r}` || n === `limits.${r}`) ||
        n.startsWith('hugepages-') ||
        n.startsWith('requests.hugepages-') ||
        (n.startsWith('requests.') && n.includes('/') && !n.includes('kubernetes.io/')),
    ),
  usage(pod, nowMs) {
    const base: ResourceList = { 'count/pods': ONE };
    if (!chargedPod(pod, nowMs)) return base;
    return add(base, computeUsage(podResources(pod, 'requests'), podResources(pod, 'limits')));
  },
  matchesScope: podMatchesScope,
  constraints(names, pod) {
    const required = names.filter((n) => VALIDATED.has(n));
    const missing = new Map<string, Set<string>>();
    for (const kind of ['containers', 'initContainers'] as const)
      for (const c of containersOf(pod, kind)) {
        const r = c.resources ?? {};
        const has = computeUsage(toResourceList(r.requests), toResourceList(r.limits));
        for (const n of required) if (!has[n]) missing.set(n, (missing.get(n) ?? new Set()).add(c.name ?? ''));
      }
    if (missing.size === 0) return '';
    const parts = [...missing.keys()].sort().map((n) => `${n} for: ${[...(missing.get(n) ?? [])].sort().join(',')}`);
    return `must specify ${parts.join('; ')}`;
  },
};

interface ServiceSpec {
  type?: string;
  ports?: unknown[];
  allocateLoadBalancerNodePorts?: boolean;
}

const serviceEvaluator: Evaluator = {
  rt: RT.services,
  onUpdate: true,
  matching: (names) =>
    names.filter((n) => ['services', 'count/services', 'services.nodeports', 'services.loadbalancers'].includes(n)),
  usage(svc) {
    const spec = (svc.spec ?? {}) as ServiceSpec;
    const ports = spec.ports?.length ?? 0;
    const out: ResourceList = { services: ONE, 'count/services': ONE };
    if (spec.type === 'NodePort') out['services.nodeports'] = one(ports);
    if (spec.type === 'LoadBalancer') {
      out['services.loadbalancers'] = ONE;
      if (spec.allocateLoadBalancerNodePorts !== false) out['services.nodeports'] = one(ports);
    }
    return out;
  },
  matchesScope: () => false,
  constraints: () => '',
};

const STORAGE_CLASS = '.storageclass.storage.k8s.io/';

const pvcEvaluator: Evaluator = {
  rt: RT.pvcs,
  onUpdate: true,
  matching: (names) =>
    names.filter(
      (n) =>
        ['persistentvolumeclaims', 'count/persistentvolumeclaims', 'requests.storage'].includes(n) ||
        n.includes(STORAGE_CLASS),
    ),
  usage(pvc) {
    const spec = (pvc.spec ?? {}) as { storageClassName?: string; resources?: { requests?: unknown } };
    const out: ResourceList = { persistentvolumeclaims: ONE, 'count/persistentvolumeclaims': ONE };
    const storage = toResourceList(spec.resources?.requests)['storage'];
    if (storage) out['requests.storage'] = storage;
    const cls = spec.storageClassName;
    if (cls) {
      out[`${cls}${STORAGE_CLASS}persistentvolumeclaims`] = ONE;
      if (storage) out[`${cls}${STORAGE_CLASS}requests.storage`] = storage;
    }
    return out;
  },
  matchesScope: () => false,
  constraints: () => '',
};

/** configmaps, secrets, replicationcontrollers and resourcequotas keep their pre-`count/` names. */
const LEGACY_COUNT = new Set(['configmaps', 'secrets', 'replicationcontrollers', 'resourcequotas']);

function objectCountEvaluator(rt: ResourceType): Evaluator {
  const names = [countName(rt), ...(rt.group === '' && LEGACY_COUNT.has(rt.plural) ? [rt.plural] : [])];
  return {
    rt,
    onUpdate: false,
    matching: (input) => input.filter((n) => names.includes(n)),
    usage: () => Object.fromEntries(names.map((n) => [n, ONE])),
    matchesScope: () => false,
    constraints: () => '',
  };
}

const SPECIAL = [podEvaluator, serviceEvaluator, pvcEvaluator];

/** The evaluator for a kind of object (an object count one for most kinds). */
export function evaluatorFor(rt: ResourceType): Evaluator {
  return SPECIAL.find((e) => is(e.rt, rt)) ?? objectCountEvaluator(rt);
}

/** The evaluators a quota's hard resource names call for (the controller's registry). */
export function evaluatorsFor(names: string[]): Evaluator[] {
  const out = SPECIAL.filter((e) => e.matching(names).length > 0);
  for (const n of names) {
    if (!n.startsWith('count/') && !LEGACY_COUNT.has(n)) continue;
    const rt = RESOURCES.find((r) => r.namespaced && (countName(r) === n || (r.group === '' && r.plural === n)));
    if (rt && !out.some((e) => is(e.rt, rt))) out.push(evaluatorFor(rt));
  }
  return out;
}

/** The scope selectors of a quota: spec.scopes as Exists, then spec.scopeSelector's expressions. */
function scopeSelectors(quota: KubeObject): ScopeSelector[] {
  const spec = (quota.spec ?? {}) as { scopes?: string[]; scopeSelector?: { matchExpressions?: ScopeSelector[] } };
  return [
    ...(spec.scopes ?? []).map((scopeName) => ({ scopeName, operator: 'Exists' })),
    ...(spec.scopeSelector?.matchExpressions ?? []),
  ];
}

/** generic.Matches: the quota limits something this kind uses, and all its scopes select the object. */
export function quotaMatches(e: Evaluator, quota: KubeObject, hard: string[], obj: KubeObject): boolean {
  return e.matching(hard).length > 0 && scopeSelectors(quota).every((s) => e.matchesScope(s, obj));
}
