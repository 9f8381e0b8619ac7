/**
 * The ResourceQuota admission plugin (apiserver/pkg/admission/plugin/resourcequota,
 * CheckRequest): every quota of the namespace that limits something the object
 * uses, and whose scopes select it, must have room for it. Pods must declare
 * the cpu/memory a quota limits. When all have room, each quota's status.used is
 * charged at once (the quota controller recounts later), so two creates in the
 * same instant cannot both take the last slot. Quotas whose status.hard the
 * controller has not written yet do not apply, as upstream.
 */
import type { KubeObject, Status } from '../types.ts';
import type { PolicyContext, PolicyRequest } from './context.ts';
import { RT, forbidden } from './context.ts';
import { evaluatorFor, quotaMatches } from './quota.ts';
import type { ResourceList } from './resources.ts';
import {
  add,
  exceeded,
  mask,
  prettyPrint,
  removeZeros,
  subtractNonNegative,
  toResourceList,
  toStrings,
} from './resources.ts';

interface Charge {
  quota: KubeObject;
  used: ResourceList;
}

export function admitQuota(ctx: PolicyContext, req: PolicyRequest): Status | undefined {
  const namespace = req.object.metadata.namespace;
  if (!req.rt.namespaced || !namespace) return undefined;
  const quotas = ctx.list(RT.resourceQuotas, namespace);
  if (quotas.length === 0) return undefined;
  const e = evaluatorFor(req.rt);
  if (req.operation === 'update' && !e.onUpdate) return undefined;
  const now = ctx.now();
  const charges: Charge[] = [];
  for (const quota of quotas) {
    const st = (quota.status ?? {}) as { hard?: unknown; used?: unknown };
    const hard = toResourceList(st.hard);
    const hardNames = Object.keys(hard);
    if (!quotaMatches(e, quota, hardNames, req.object)) continue;
    const restricted = e.matching(hardNames);
    const missing = e.constraints(restricted, req.object);
    if (missing) return forbidden(req, `failed quota: ${quota.metadata.name ?? ''}: ${missing}`);
    const used = toResourceList(st.used);
    const unknown = restricted.filter((n) => !used[n]);
    if (unknown.length)
      return forbidden(
        req,
        `status unknown for quota: ${quota.metadata.name ?? ''}, resources: ${[...restricted].sort().join(',')}`,
      );
    let delta = e.usage(req.object, now);
    if (req.old && quotaMatches(e, quota, hardNames, req.old))
      delta = subtractNonNegative(delta, e.usage(req.old, now));
    const requested = mask(removeZeros(delta), hardNames);
    if (Object.keys(requested).length === 0) continue;
    const newUsage = add(used, requested);
    const over = exceeded(mask(newUsage, Object.keys(requested)), hard);
    if (over.length)
      return forbidden(
        req,
        `exceeded quota: ${quota.metadata.name ?? ''}, requested: ${prettyPrint(mask(requested, over))}, used: ${prettyPrint(mask(used, over))}, limited: ${prettyPrint(mask(hard, over))}`,
      );
    charges.push({ quota, used: newUsage });
  }
  if (!req.dryRun) for (const c of charges) ctx.chargeQuota(c.quota, toStrings(c.used));
  return undefined;
}
