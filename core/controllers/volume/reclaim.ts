/**
 * The reclaim policies of a Released volume (pv_controller.go reclaimVolume,
 * recycleVolumeOperation, deleteVolumeOperation): Retain keeps it Released with
 * its data; Recycle runs the recycler pod `recycler-for-<pv>` on the volume's
 * own source (NewPersistentVolumeRecyclerPodTemplate in pkg/volume/plugins.go),
 * forwards the pod's events to the volume ("Recycler pod: …") and makes the
 * volume Available again when the pod succeeds; Delete is done by the volume's
 * external provisioner (provisioner.ts) — a volume no provisioner owns fails as
 * upstream's in-tree plugins without a deleter do.
 */
import type { KubeObject } from '../../api/types.ts';
import { R } from '../resources.ts';
import type { Action, ClusterView } from '../runtime/types.ts';
import { event } from '../runtime/types.ts';
import { unbindVolume, volumePhase } from './writes.ts';
import { eventsOf, hasEvent } from './events.ts';
import { ANN_PROVISIONED_BY, annotation, phaseOf, volumeCapacity, volumeSpec } from './util.ts';

export const RECYCLER_PREFIX = 'recycler-for-';
/** The scrub script of NewPersistentVolumeRecyclerPodTemplate. */
export const SCRUB = 'test -e /scrub && find /scrub -mindepth 1 -delete && test -z "$(ls -A /scrub)" || exit 1';
const GI = 1024n ** 3n * 1_000_000_000n;

export function reclaimVolume(view: ClusterView, volume: KubeObject): Action[] {
  const policy = volumeSpec(volume).persistentVolumeReclaimPolicy ?? 'Retain';
  if (policy === 'Retain') return [];
  if (policy === 'Recycle') return recycle(view, volume);
  return deleteVolume(view, volume);
}

/**
 * deleteVolumeOperation: a volume provisioned by an external provisioner is left to it;
 * any other has no deleter here (the lab's in-tree plugins, like nfs, have none).
 */
function deleteVolume(view: ClusterView, volume: KubeObject): Action[] {
  if (annotation(volume, ANN_PROVISIONED_BY)) return [];
  if (phaseOf(volume) === 'Failed') return [];
  const why = `error getting deleter volume plugin for volume "${volume.metadata.name ?? ''}": no deletable volume plugin matched`;
  return [...volumePhase(volume, 'Failed', why), event(volume, 'Warning', 'VolumeFailedDelete', why)];
}

/** The recycler pod for a volume (nfs and hostPath can be recycled), or undefined. */
export function recyclerPod(volume: KubeObject): KubeObject | undefined {
  const spec = volumeSpec(volume);
  const source = spec.nfs
    ? { nfs: { server: spec.nfs.server, path: spec.nfs.path } }
    : spec.hostPath
      ? { hostPath: { path: spec.hostPath.path } }
      : undefined;
  if (!source) return undefined;
  // RecyclerPodTimeout: 60 s at least, 30 s per GiB (the nfs and hostPath plugins' defaults).
  const gib = Number((volumeCapacity(volume)?.nano ?? 0n) / GI);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `${RECYCLER_PREFIX}${volume.metadata.name ?? ''}`, namespace: 'default' },
    spec: {
      activeDeadlineSeconds: Math.max(60, 30 * gib),
      restartPolicy: 'Never',
      volumes: [{ name: 'vol', ...source }],
      containers: [
        {
          name: 'pv-recycler',
          image: 'busybox:1.27',
          command: ['/bin/sh'],
          args: ['-c', SCRUB],
          volumeMounts: [{ name: 'vol', mountPath: '/scrub' }],
        },
      ],
    },
  };
}

function recycle(view: ClusterView, volume: KubeObject): Action[] {
  if (phaseOf(volume) === 'Failed') return [];
  const name = volume.metadata.name ?? '';
  const template = recyclerPod(volume);
  if (!template) {
    const why = 'Failed to recycle volume: no recyclable volume plugin matched';
    return [...volumePhase(volume, 'Failed', why), event(volume, 'Warning', 'VolumeFailedRecycle', why)];
  }
  const pod = view.get(R.pods, 'default', `${RECYCLER_PREFIX}${name}`);
  if (!pod)
    return [{ type: 'create', resource: R.pods, object: template, reason: `recycle volume ${name}: scrub its data` }];
  const out = forwardPodEvents(view, volume, pod);
  const podPhase = phaseOf(pod);
  if (podPhase !== 'Succeeded' && podPhase !== 'Failed') return out;
  const remove: Action = {
    type: 'delete',
    resource: R.pods,
    namespace: 'default',
    name: pod.metadata.name ?? '',
    uid: pod.metadata.uid,
    reason: `recycler pod of volume ${name} finished`,
  };
  if (podPhase === 'Failed') {
    const why = `Recycle failed: recycler pod ${pod.metadata.name ?? ''} failed`;
    return [
      ...out,
      remove,
      ...volumePhase(volume, 'Failed', why),
      event(volume, 'Warning', 'VolumeFailedRecycle', why),
    ];
  }
  return [
    ...out,
    remove,
    event(volume, 'Normal', 'VolumeRecycled', 'Volume recycled'),
    ...unbindVolume(volume, 'recycled'),
  ];
}

/** The recycler's event watcher: each pod event appears on the volume as "Recycler pod: <message>". */
function forwardPodEvents(view: ClusterView, volume: KubeObject, pod: KubeObject): Action[] {
  const out: Action[] = [];
  for (const e of eventsOf(view, pod)) {
    const message = `Recycler pod: ${String(e.message ?? '')}`;
    if (hasEvent(view, volume, 'RecyclerPod', message)) continue;
    out.push(event(volume, e.type === 'Warning' ? 'Warning' : 'Normal', 'RecyclerPod', message));
  }
  return out;
}
