/**
 * Admission: what every write passes before it is stored — decoding checks
 * against the schema (unknown fields, wrong types; Strict, Warn or Ignore),
 * defaulting, then semantic validation. Nothing is stored unless all of it
 * passes, and the caller's object is never changed.
 */
import { applyDefaults, defaultJobSelector } from './defaults/index.ts';
import type { ResourceType } from './registry.ts';
import { checkStructure } from './schema/index.ts';
import * as status from './status.ts';
import type { KubeObject, Result } from './types.ts';
import { fail, ok } from './types.ts';
import { validateObject } from './validation/index.ts';
import type { FieldValidation } from './api.ts';

export interface Admitted {
  object: KubeObject;
  warnings: string[];
}

export function admit(
  rt: ResourceType,
  obj: KubeObject,
  old: KubeObject | undefined,
  mode: FieldValidation,
  trusted = false,
): Result<Admitted> {
  if (trusted) {
    // In-process components write objects derived from admitted ones: defaults on create only.
    // Only pods (create-time admission: tolerations, service account, priority) and Jobs need more.
    if (old || (rt.kind !== 'Pod' && rt.kind !== 'Job') || rt.group === 'events.k8s.io')
      return ok({ object: obj, warnings: [] });
    let next = applyDefaults(obj, { operation: 'create' });
    if (rt.group === 'batch' && rt.kind === 'Job' && next.metadata.uid)
      next = defaultJobSelector(next, next.metadata.uid);
    return ok({ object: next, warnings: [] });
  }
  const structure = checkStructure(obj, rt.apiVersion, rt.kind, mode);
  if (structure.error) return fail(structure.error);
  let next = applyDefaults(structure.object as KubeObject, { operation: old ? 'update' : 'create' });
  if (!old && rt.group === 'batch' && rt.kind === 'Job' && next.metadata.uid)
    next = defaultJobSelector(next, next.metadata.uid);
  const causes = validateObject(next, old);
  if (causes.length) return fail(status.invalid(rt.kind, rt.group, next.metadata.name ?? '', causes));
  return ok({ object: next, warnings: structure.warnings });
}
