/**
 * The binder's writes, each only when something differs (so a second pass writes
 * nothing): a claim's status, a volume's phase, and unbinding a volume
 * (pv_controller.go updateClaimStatus, updateVolumePhase, unbindVolume).
 */
import type { KubeObject } from '../../api/types.ts';
import { R } from '../resources.ts';
import type { Action } from '../runtime/types.ts';
import { ANN_BOUND_BY_CONTROLLER, annotation, unversioned, volumeSpec, withAnnotations } from './util.ts';

/**
 * updateClaimStatus. Capacity is copied from the volume only when the claim becomes Bound:
 * afterwards a difference is an expansion in progress, which is not to be clobbered.
 */
export function claimStatus(claim: KubeObject, phase: string, volume: KubeObject | undefined): Action[] {
  const st = (claim.status ?? {}) as Record<string, unknown>;
  const next: Record<string, unknown> = { ...st, phase };
  if (!volume) {
    delete next['accessModes'];
    delete next['capacity'];
  } else {
    next['accessModes'] = volumeSpec(volume).accessModes;
    if (st['phase'] !== phase || !st['capacity']) next['capacity'] = volumeSpec(volume).capacity;
  }
  if (JSON.stringify(next) === JSON.stringify(st)) return [];
  return [
    {
      type: 'update',
      resource: R.pvcs,
      subresource: 'status',
      object: { ...unversioned(claim), status: next },
      reason: `claim ${claim.metadata.name} is ${phase}`,
    },
  ];
}

export function volumePhase(volume: KubeObject, phase: string, message?: string): Action[] {
  const st = (volume.status ?? {}) as { phase?: string; message?: string };
  if (st.phase === phase && st.message === message) return [];
  const status: Record<string, unknown> = { ...st, phase };
  if (message) status['message'] = message;
  else delete status['message'];
  return [
    {
      type: 'update',
      resource: R.pvs,
      subresource: 'status',
      object: { ...unversioned(volume), status },
      reason: `volume ${volume.metadata.name} is ${phase}`,
    },
  ];
}

/**
 * unbindVolume: a volume the controller bound loses its claimRef; one a user pre-bound
 * keeps the claim's name (only the uid goes). Either way it is Available again.
 */
export function unbindVolume(volume: KubeObject, reason = 'claim is bound to another volume'): Action[] {
  const spec = { ...volumeSpec(volume) };
  let metadata = unversioned(volume).metadata;
  if (annotation(volume, ANN_BOUND_BY_CONTROLLER)) {
    delete spec.claimRef;
    metadata = withAnnotations(volume, { [ANN_BOUND_BY_CONTROLLER]: undefined });
  } else if (spec.claimRef) {
    spec.claimRef = { ...spec.claimRef, uid: undefined };
    delete spec.claimRef.uid;
    delete spec.claimRef.resourceVersion;
  }
  const unbound = { ...volume, metadata, spec };
  return [
    { type: 'update', resource: R.pvs, object: unbound, reason: `unbound volume ${volume.metadata.name}: ${reason}` },
    ...volumePhase(unbound, 'Available'),
  ];
}
