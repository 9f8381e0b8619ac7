/**
 * The admission plugins that read the cluster's state, in the API server's
 * order: LimitRanger and Priority (mutating: they change the object), then
 * ResourceQuota (validating, last, so it charges what will really be stored).
 * The first plugin that says no decides the error.
 */
import type { Status } from '../types.ts';
import type { PolicyContext, PolicyRequest } from './context.ts';
import { admitDefaultIngressClass } from './defaultingressclass.ts';
import { admitLimitRanges } from './limitranger.ts';
import { admitPriority } from './priority.ts';
import { admitClaimResize, admitDefaultStorageClass, admitStorageProtection } from './defaultstorageclass.ts';
import { admitQuota } from './resourcequota.ts';

export type { PolicyContext, PolicyRequest } from './context.ts';
export { RT } from './context.ts';
export { evaluatorsFor, quotaMatches } from './quota.ts';
export { add, mask, toResourceList, toStrings } from './resources.ts';
export type { ResourceList } from './resources.ts';

const PLUGINS = [
  admitLimitRanges,
  admitPriority,
  admitDefaultIngressClass,
  admitDefaultStorageClass,
  admitStorageProtection,
  admitClaimResize,
  admitQuota,
];

export function admitPolicies(ctx: PolicyContext, req: PolicyRequest): Status | undefined {
  for (const plugin of PLUGINS) {
    const denied = plugin(ctx, req);
    if (denied) return denied;
  }
  return undefined;
}
