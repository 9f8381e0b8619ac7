/**
 * ResourceQuota controller: keeps each quota's status current — `hard` copied
 * from spec.hard, `used` recounted from the objects of its namespace that its
 * scopes select — so `kubectl get/describe quota` show real numbers and usage
 * is released when pods finish or are deleted. Mirrors
 * pkg/controller/resourcequota/resource_quota_controller.go (syncResourceQuota)
 * with the evaluators of core/api/admission/quota.ts. Simplifications: no
 * 5-minute full resync (every relevant change enqueues the namespace's quotas),
 * object counts only for the kinds it watches.
 */
import type { KubeObject } from '../../api/types.ts';
import type { ResourceList } from '../../api/admission/index.ts';
import { add, evaluatorsFor, mask, quotaMatches, toResourceList, toStrings } from '../../api/admission/index.ts';
import type { StoreEvent } from '../../store/store.ts';
import { deepEqual } from '../../util/json.ts';
import { R } from '../resources.ts';
import type { Action, ClusterView, Controller } from '../runtime/types.ts';
import { keyOf, self, splitKey } from '../runtime/types.ts';

const NAME = 'resourcequota-controller';

/** Kinds whose changes can move a quota's usage: compute, storage and object counts. */
const COUNTED = [
  R.pods,
  R.services,
  R.pvcs,
  R.configMaps,
  R.secrets,
  R.replicationControllers,
  R.deployments,
  R.replicaSets,
  R.statefulSets,
  R.daemonSets,
  R.jobs,
  R.cronJobs,
];

export class ResourceQuotaController implements Controller {
  readonly name = NAME;
  readonly watches;

  constructor(private readonly view: ClusterView) {
    this.watches = [
      { resource: R.resourceQuotas, keys: self },
      ...COUNTED.map((resource) => ({ resource, keys: (e: StoreEvent) => this.quotasFor(e) })),
    ];
  }

  /** Every quota of the namespace, when the change can move usage (pod status writes mostly cannot). */
  private quotasFor(e: StoreEvent): string[] {
    if (e.type === 'MODIFIED' && e.old && e.object.kind === 'Pod' && !podUsageMayChange(e.old, e.object)) return [];
    return this.view.list(R.resourceQuotas, e.object.metadata.namespace).map(keyOf);
  }

  reconcile(view: ClusterView, key: string): Action[] {
    const [namespace, name] = splitKey(key);
    const quota = view.get(R.resourceQuotas, namespace, name);
    if (!quota || quota.metadata.deletionTimestamp) return [];
    const hard = ((quota.spec as { hard?: Record<string, unknown> } | undefined)?.hard ?? {}) as Record<
      string,
      unknown
    >;
    const hardNames = Object.keys(hard);
    const now = view.now();
    const used = calculateUsage(view, quota, hardNames, now);
    const next = { hard: toStrings(toResourceList(hard)), used: toStrings(used) };
    const actions: Action[] = [];
    const expiry = nextGraceExpiry(view, quota, now);
    if (expiry !== undefined) actions.push({ type: 'requeueAfter', ms: expiry - now + 1 });
    if (deepEqual(quota.status, next)) return actions;
    actions.push({
      type: 'update',
      resource: R.resourceQuotas,
      subresource: 'status',
      object: { ...quota, status: next },
      reason: `recounted usage: ${Object.entries(next.used)
        .map(([k, v]) => `${k}=${v}/${next.hard[k] ?? ''}`)
        .join(', ')}`,
    });
    return actions;
  }
}

/** quota.CalculateUsage: zero for every hard resource, plus each matching object's masked usage. */
function calculateUsage(view: ClusterView, quota: KubeObject, hardNames: string[], now: number): ResourceList {
  let used: ResourceList = Object.fromEntries(hardNames.map((n) => [n, { nano: 0n, format: 'DecimalSI' as const }]));
  const namespace = quota.metadata.namespace;
  for (const e of evaluatorsFor(hardNames)) {
    const names = e.matching(hardNames);
    for (const obj of view.list(e.rt, namespace)) {
      if (!quotaMatches(e, quota, hardNames, obj)) continue;
      used = add(used, mask(e.usage(obj, now), names));
    }
  }
  return mask(used, hardNames);
}

/**
 * A terminating pod stops counting once deletionTimestamp + grace has passed
 * (QuotaV1Pod); nothing is written then, so wake up at that moment.
 */
function nextGraceExpiry(view: ClusterView, quota: KubeObject, now: number): number | undefined {
  let next: number | undefined;
  for (const p of view.list(R.pods, quota.metadata.namespace)) {
    const m = p.metadata;
    if (!m.deletionTimestamp || m.deletionGracePeriodSeconds === undefined) continue;
    const at = Date.parse(m.deletionTimestamp) + m.deletionGracePeriodSeconds * 1000;
    if (at >= now && (next === undefined || at < next)) next = at;
  }
  return next;
}

function podUsageMayChange(old: KubeObject, pod: KubeObject): boolean {
  const phase = (o: KubeObject) => (o.status as { phase?: string } | undefined)?.phase;
  return (
    old.spec !== pod.spec ||
    old.metadata.deletionTimestamp !== pod.metadata.deletionTimestamp ||
    phase(old) !== phase(pod)
  );
}
