/**
 * Storage admission plugins (plugin/pkg/admission/storage/…):
 * - DefaultStorageClass (storageclass/setdefault): a claim created without a class
 *   (no spec.storageClassName, no beta annotation) gets the default StorageClass, the
 *   newest one if several are marked (util.GetDefaultClass); `storageClassName: ""`
 *   stays classless.
 * - StorageObjectInUseProtection (storageobjectinuseprotection): new claims and
 *   volumes get their protection finalizer.
 * - PersistentVolumeClaimResize (persistentvolume/resize): a claim may only grow when
 *   it is bound and its class allows volume expansion.
 */
import type { KubeObject, Status } from '../types.ts';
import { parseQuantity } from '../validation/quantity.ts';
import type { PolicyContext, PolicyRequest } from './context.ts';
import { RT, forbidden, is } from './context.ts';

const BETA_CLASS = 'volume.beta.kubernetes.io/storage-class';
const DEFAULT_ANNOTATIONS = [
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
];

interface ClaimSpec {
  storageClassName?: string | null;
  resources?: { requests?: Record<string, unknown> };
}

const specOf = (o: KubeObject): ClaimSpec => (o.spec ?? {}) as ClaimSpec;

export function admitDefaultStorageClass(ctx: PolicyContext, req: PolicyRequest): Status | undefined {
  if (!is(req.rt, RT.pvcs) || req.operation !== 'create') return undefined;
  const spec = specOf(req.object);
  if (
    (spec.storageClassName !== undefined && spec.storageClassName !== null) ||
    req.object.metadata.annotations?.[BETA_CLASS] !== undefined
  )
    return undefined;
  const def = defaultClass(ctx.list(RT.storageClasses));
  if (def) req.object.spec = { ...spec, storageClassName: def.metadata.name };
  return undefined;
}

/** GetDefaultClass: the newest default class; equal times go to the name first in order. */
function defaultClass(classes: KubeObject[]): KubeObject | undefined {
  const defaults = classes.filter((c) => DEFAULT_ANNOTATIONS.some((a) => c.metadata.annotations?.[a] === 'true'));
  defaults.sort(
    (a, b) =>
      (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') ||
      (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
  );
  return defaults[0];
}

export function admitStorageProtection(_ctx: PolicyContext, req: PolicyRequest): Status | undefined {
  if (req.operation !== 'create') return undefined;
  const finalizer = is(req.rt, RT.pvcs)
    ? 'kubernetes.io/pvc-protection'
    : is(req.rt, RT.pvs)
      ? 'kubernetes.io/pv-protection'
      : '';
  if (!finalizer) return undefined;
  const meta = req.object.metadata;
  if (!(meta.finalizers ?? []).includes(finalizer)) meta.finalizers = [...(meta.finalizers ?? []), finalizer];
  return undefined;
}

export function admitClaimResize(ctx: PolicyContext, req: PolicyRequest): Status | undefined {
  if (!is(req.rt, RT.pvcs) || req.operation !== 'update' || !req.old) return undefined;
  const next = parseQuantity(specOf(req.object).resources?.requests?.['storage']);
  const prev = parseQuantity(specOf(req.old).resources?.requests?.['storage']);
  if (!next || !prev || next.nano <= prev.nano) return undefined;
  if ((req.old.status as { phase?: string } | undefined)?.phase !== 'Bound')
    return forbidden(req, 'Only bound persistent volume claims can be expanded');
  const className = classOf(req.object);
  const allowed =
    className !== '' &&
    className === classOf(req.old) &&
    (
      ctx.list(RT.storageClasses).find((c) => c.metadata.name === className) as
        { allowVolumeExpansion?: boolean } | undefined
    )?.allowVolumeExpansion === true;
  if (!allowed)
    return forbidden(
      req,
      'only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize',
    );
  return undefined;
}

function classOf(o: KubeObject): string {
  return o.metadata.annotations?.[BETA_CLASS] ?? specOf(o).storageClassName ?? '';
}
