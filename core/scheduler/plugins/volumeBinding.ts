/**
 * VolumeBinding (plugins/volumebinding), the PreFilter half: a pod whose
 * PersistentVolumeClaim does not exist, or is not bound yet, cannot be
 * scheduled anywhere. Delayed binding (WaitForFirstConsumer) and volume
 * topology come with the PV binder.
 */
import type { FilterPlugin } from '../framework.ts';
import { SKIP, status } from '../framework.ts';

const NAME = 'VolumeBinding';

interface VolumeLike {
  persistentVolumeClaim?: { claimName?: string };
}

export const volumeBinding: FilterPlugin = {
  name: NAME,
  preFilter: (pod, cache) => {
    const volumes = ((pod.pod.spec as { volumes?: VolumeLike[] } | undefined)?.volumes ?? []).filter(
      (v) => v.persistentVolumeClaim?.claimName,
    );
    if (volumes.length === 0) return SKIP;
    const ns = pod.pod.metadata.namespace ?? 'default';
    let unbound = false;
    for (const v of volumes) {
      const claim = v.persistentVolumeClaim!.claimName!;
      const phase = cache.claimPhase(ns, claim);
      if (phase === undefined)
        return status(NAME, 'UnschedulableAndUnresolvable', `persistentvolumeclaim "${claim}" not found`);
      if (phase !== 'Bound') unbound = true;
    }
    return unbound
      ? status(NAME, 'UnschedulableAndUnresolvable', 'pod has unbound immediate PersistentVolumeClaims')
      : SKIP;
  },
};
