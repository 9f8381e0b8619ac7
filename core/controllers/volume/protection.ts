/**
 * The storage-object-in-use protection controllers (pkg/controller/volume/pvcprotection,
 * pvprotection): a claim being deleted keeps its `kubernetes.io/pvc-protection`
 * finalizer while a pod that is not finished uses it; a volume being deleted keeps
 * `kubernetes.io/pv-protection` while it is Bound. Both add their finalizer to objects
 * that lack it (the admission plugin adds it on create; this covers restored objects).
 */
import type { KubeObject } from '../../api/types.ts';
import { R } from '../resources.ts';
import type { Action, ClusterView, Controller, Watch } from '../runtime/types.ts';
import { splitKey } from '../runtime/types.ts';
import { PVC_PROTECTION, PV_PROTECTION, claimKey, phaseOf, unversioned } from './util.ts';

interface PodVolumes {
  volumes?: { persistentVolumeClaim?: { claimName?: string } }[];
}

function claimsOfPod(pod: KubeObject): string[] {
  const ns = pod.metadata.namespace ?? 'default';
  return ((pod.spec as PodVolumes | undefined)?.volumes ?? [])
    .map((v) => v.persistentVolumeClaim?.claimName)
    .filter((n): n is string => !!n)
    .map((n) => `${ns}/${n}`);
}

/** A copy with a finalizer added or removed. */
function withFinalizer(o: KubeObject, finalizer: string, present: boolean): KubeObject {
  const rest = (o.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  const finalizers = present ? [...rest, finalizer] : rest;
  const u = unversioned(o);
  return { ...u, metadata: { ...u.metadata, finalizers: finalizers.length ? finalizers : undefined } };
}

export class PVCProtectionController implements Controller {
  readonly name = 'pvc-protection-controller';
  readonly watches: Watch[] = [
    { resource: R.pvcs, keys: (e) => [claimKey(e.object)] },
    { resource: R.pods, keys: (e) => claimsOfPod(e.object) },
  ];

  reconcile(view: ClusterView, key: string): Action[] {
    const [ns, name] = splitKey(key);
    const claim = view.get(R.pvcs, ns, name);
    if (!claim) return [];
    const has = (claim.metadata.finalizers ?? []).includes(PVC_PROTECTION);
    if (!claim.metadata.deletionTimestamp) {
      if (has) return [];
      return [
        {
          type: 'update',
          resource: R.pvcs,
          object: withFinalizer(claim, PVC_PROTECTION, true),
          reason: `protect claim ${key} while in use`,
        },
      ];
    }
    if (!has || this.inUse(view, ns ?? 'default', name)) return [];
    return [
      {
        type: 'update',
        resource: R.pvcs,
        object: withFinalizer(claim, PVC_PROTECTION, false),
        reason: `claim ${key} is no longer used by any pod: removed ${PVC_PROTECTION}`,
      },
    ];
  }

  /** isBeingUsed: a pod of the namespace that is not Succeeded or Failed mounts the claim. */
  private inUse(view: ClusterView, ns: string, name: string): boolean {
    return view.list(R.pods, ns).some((p) => {
      const phase = phaseOf(p);
      return phase !== 'Succeeded' && phase !== 'Failed' && claimsOfPod(p).includes(`${ns}/${name}`);
    });
  }
}

export class PVProtectionController implements Controller {
  readonly name = 'pv-protection-controller';
  readonly watches: Watch[] = [{ resource: R.pvs, keys: (e) => [e.object.metadata.name ?? ''] }];

  reconcile(view: ClusterView, key: string): Action[] {
    const volume = view.get(R.pvs, undefined, key);
    if (!volume) return [];
    const has = (volume.metadata.finalizers ?? []).includes(PV_PROTECTION);
    if (!volume.metadata.deletionTimestamp) {
      if (has) return [];
      return [
        {
          type: 'update',
          resource: R.pvs,
          object: withFinalizer(volume, PV_PROTECTION, true),
          reason: `protect volume ${key} while bound`,
        },
      ];
    }
    if (!has || phaseOf(volume) === 'Bound') return [];
    return [
      {
        type: 'update',
        resource: R.pvs,
        object: withFinalizer(volume, PV_PROTECTION, false),
        reason: `volume ${key} is not bound: removed ${PV_PROTECTION}`,
      },
    ];
  }
}
