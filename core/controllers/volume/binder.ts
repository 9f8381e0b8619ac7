/**
 * The PersistentVolume binder (pkg/controller/volume/persistentvolume/pv_controller.go):
 * reconciles claims (`claim:<ns>/<name>`: syncUnboundClaim / syncBoundClaim) and
 * volumes (`volume:<name>`: syncVolume) into two-way bindings — PV.spec.claimRef and
 * PVC.spec.volumeName, with the bind-completed / bound-by-controller annotations and
 * both phases — and runs the reclaim policy when a claim goes away (reclaim.ts).
 * Claims it cannot bind get upstream's events; dynamic claims get the
 * storage-provisioner annotation that provisioner.ts acts on.
 * Simplifications: a WaitForFirstConsumer claim with a selected node is matched
 * here against that node (upstream the scheduler's binder writes the PV in PreBind);
 * events are not repeated on every resync (upstream's count would grow).
 */
import type { KubeObject } from '../../api/types.ts';
import { R } from '../resources.ts';
import type { Action, ClusterView, Controller, Watch } from '../runtime/types.ts';
import { event, splitKey } from '../runtime/types.ts';
import { hasEvent } from './events.ts';
import type { NodeTarget } from './matching.ts';
import { checkVolumeSatisfyClaim, findMatchingVolume } from './matching.ts';
import { RECYCLER_PREFIX, reclaimVolume } from './reclaim.ts';
import { claimStatus, unbindVolume, volumePhase } from './writes.ts';
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  ANN_PROVISIONED_BY,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  annotation,
  claimClass,
  claimSpec,
  isVolumeBoundToClaim,
  phaseOf,
  unversioned,
  volumeSpec,
  withAnnotations,
} from './util.ts';
import type { StorageClass } from './util.ts';

export const BINDER = 'persistentvolume-controller';
/** pvClaimBinderSyncPeriod: every claim and volume is looked at again this often. */
const SYNC_PERIOD_MS = 15_000;

export const NO_CLASS_MESSAGE = 'no persistent volumes available for this claim and no storage class is set';
export const WAIT_FOR_CONSUMER_MESSAGE = 'waiting for first consumer to be created before binding';

export function externalProvisioningMessage(provisioner: string): string {
  return `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`;
}

const claimKeyOf = (ns: string | undefined, name: string | undefined) => `claim:${ns ?? 'default'}/${name ?? ''}`;

const watches: Watch[] = [
  {
    resource: R.pvcs,
    keys: (e) => {
      const keys = [claimKeyOf(e.object.metadata.namespace, e.object.metadata.name)];
      const volume = claimSpec(e.object).volumeName;
      if (volume) keys.push(`volume:${volume}`);
      return keys;
    },
  },
  {
    resource: R.pvs,
    keys: (e) => {
      const keys = [`volume:${e.object.metadata.name ?? ''}`];
      const ref = volumeSpec(e.object).claimRef;
      if (ref?.name) keys.push(claimKeyOf(ref.namespace, ref.name));
      return keys;
    },
  },
  {
    // The recycler pod and its events belong to the volume it scrubs.
    resource: R.pods,
    keys: (e) => recyclerVolumeKey(e.object.metadata.namespace, e.object.metadata.name),
  },
  {
    resource: R.events,
    keys: (e) => {
      const o = e.object.involvedObject as { kind?: string; namespace?: string; name?: string } | undefined;
      return o?.kind === 'Pod' ? recyclerVolumeKey(o.namespace, o.name) : [];
    },
  },
];

function recyclerVolumeKey(ns: string | undefined, name: string | undefined): string[] {
  return ns === 'default' && name?.startsWith(RECYCLER_PREFIX) ? [`volume:${name.slice(RECYCLER_PREFIX.length)}`] : [];
}

export class PersistentVolumeController implements Controller {
  readonly name = BINDER;
  readonly watches = watches;

  reconcile(view: ClusterView, key: string): Action[] {
    if (key.startsWith('volume:')) {
      const volume = view.get(R.pvs, undefined, key.slice('volume:'.length));
      return volume ? syncVolume(view, volume) : [];
    }
    const [ns, name] = splitKey(key.slice('claim:'.length));
    const claim = view.get(R.pvcs, ns, name);
    if (!claim) return [];
    return annotation(claim, ANN_BIND_COMPLETED) ? syncBoundClaim(view, claim) : syncUnboundClaim(view, claim);
  }
}

// --- claims ---------------------------------------------------------------------

function syncUnboundClaim(view: ClusterView, claim: KubeObject): Action[] {
  const volumeName = claimSpec(claim).volumeName;
  if (volumeName) return syncPreBoundClaim(view, claim, volumeName);
  const className = claimClass(claim);
  const sc = className ? (view.get(R.storageClasses, undefined, className) as StorageClass | undefined) : undefined;
  const delay = sc?.volumeBindingMode === 'WaitForFirstConsumer';
  const node = selectedNode(view, claim);
  const volume = findMatchingVolume(claim, view.list(R.pvs), node, delay);
  if (volume) return bind(volume, claim);
  const pending = [...claimStatus(claim, 'Pending', undefined), { type: 'requeueAfter' as const, ms: SYNC_PERIOD_MS }];
  if (delay && !node)
    return [...pending, ...once(view, claim, 'Normal', 'WaitForFirstConsumer', WAIT_FOR_CONSUMER_MESSAGE)];
  if (!className) return [...pending, ...once(view, claim, 'Warning', 'FailedBinding', NO_CLASS_MESSAGE)];
  if (!sc) {
    const why = `storageclass.storage.k8s.io "${className}" not found`;
    return [...pending, ...once(view, claim, 'Warning', 'ProvisioningFailed', why)];
  }
  return [...pending, ...provisionClaim(view, claim, sc)];
}

/**
 * provisionClaimOperation: in-tree names (`kubernetes.io/…`) the lab has no plugin for fail;
 * any other provisioner is external — the claim is annotated for it, and waits.
 */
function provisionClaim(view: ClusterView, claim: KubeObject, sc: StorageClass): Action[] {
  const provisioner = sc.provisioner ?? '';
  if (provisioner.startsWith('kubernetes.io/'))
    return once(view, claim, 'Warning', 'ProvisioningFailed', `no volume plugin matched name: ${provisioner}`);
  const out: Action[] = [];
  if (annotation(claim, ANN_STORAGE_PROVISIONER) !== provisioner) {
    const metadata = withAnnotations(claim, {
      [ANN_STORAGE_PROVISIONER]: provisioner,
      [ANN_BETA_STORAGE_PROVISIONER]: provisioner,
    });
    out.push({
      type: 'update',
      resource: R.pvcs,
      object: { ...claim, metadata },
      reason: `claim ${claim.metadata.name} waits for provisioner ${provisioner}`,
    });
  }
  out.push(...once(view, claim, 'Normal', 'ExternalProvisioning', externalProvisioningMessage(provisioner)));
  return out;
}

/** The claim names its volume (spec.volumeName): bind to it if it fits and is free. */
function syncPreBoundClaim(view: ClusterView, claim: KubeObject, volumeName: string): Action[] {
  const volume = view.get(R.pvs, undefined, volumeName);
  const pending = [...claimStatus(claim, 'Pending', undefined), { type: 'requeueAfter' as const, ms: SYNC_PERIOD_MS }];
  if (!volume) return pending;
  if (!volumeSpec(volume).claimRef) {
    const why = checkVolumeSatisfyClaim(volume, claim);
    if (why)
      return [
        ...pending,
        ...once(view, claim, 'Warning', 'VolumeMismatch', `Cannot bind to requested volume "${volumeName}": ${why}`),
      ];
    return bind(volume, claim);
  }
  if (isVolumeBoundToClaim(volume, claim)) return bind(volume, claim);
  return pending;
}

function syncBoundClaim(view: ClusterView, claim: KubeObject): Action[] {
  const volumeName = claimSpec(claim).volumeName;
  const lost = (reason: string, message: string): Action[] =>
    phaseOf(claim) === 'Lost'
      ? []
      : [...claimStatus(claim, 'Lost', undefined), event(claim, 'Warning', reason, message)];
  if (!volumeName)
    return lost('ClaimLost', 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!');
  const volume = view.get(R.pvs, undefined, volumeName);
  if (!volume) return lost('ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
  const ref = volumeSpec(volume).claimRef;
  if (!ref || ref.uid === claim.metadata.uid) return bind(volume, claim);
  return lost('ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly');
}

function selectedNode(view: ClusterView, claim: KubeObject): NodeTarget | undefined {
  const name = annotation(claim, ANN_SELECTED_NODE);
  if (!name) return undefined;
  const node = view.get(R.nodes, undefined, name);
  return { name, labels: node?.metadata.labels ?? {} };
}

// --- binding --------------------------------------------------------------------

/**
 * bind(): volume → claim, volume phase Bound, claim → volume, claim phase Bound; each
 * write only when something differs, so a second pass writes nothing.
 */
function bind(volume: KubeObject, claim: KubeObject): Action[] {
  const out: Action[] = [];
  const spec = volumeSpec(volume);
  const ref = spec.claimRef;
  const name = claim.metadata.name ?? '';
  const ns = claim.metadata.namespace ?? 'default';
  let boundVolume = volume;
  if (!ref || ref.name !== name || (ref.namespace ?? 'default') !== ns || ref.uid !== claim.metadata.uid) {
    const claimRef = {
      kind: 'PersistentVolumeClaim',
      namespace: ns,
      name,
      uid: claim.metadata.uid,
      apiVersion: 'v1',
      resourceVersion: claim.metadata.resourceVersion,
    };
    // A volume the controller picked (not pre-bound by a user) says so, so it may unbind it later.
    const metadata = isVolumeBoundToClaim(volume, claim)
      ? unversioned(volume).metadata
      : withAnnotations(volume, { [ANN_BOUND_BY_CONTROLLER]: 'yes' });
    boundVolume = { ...volume, metadata, spec: { ...spec, claimRef } };
    out.push({
      type: 'update',
      resource: R.pvs,
      object: boundVolume,
      reason: `bound volume ${volume.metadata.name} to claim ${ns}/${name}`,
    });
  }
  out.push(...volumePhase(boundVolume, 'Bound'));
  const cspec = claimSpec(claim);
  if (cspec.volumeName !== volume.metadata.name || !annotation(claim, ANN_BIND_COMPLETED)) {
    const set: Record<string, string> = { [ANN_BIND_COMPLETED]: 'yes' };
    if (cspec.volumeName !== volume.metadata.name) set[ANN_BOUND_BY_CONTROLLER] = 'yes';
    out.push({
      type: 'update',
      resource: R.pvcs,
      object: { ...claim, metadata: withAnnotations(claim, set), spec: { ...cspec, volumeName: volume.metadata.name } },
      reason: `bound claim ${ns}/${name} to volume ${volume.metadata.name}`,
    });
  }
  out.push(...claimStatus(claim, 'Bound', volume));
  return out;
}

/** An event once per object and reason/message (upstream repeats it on every resync; the count is not the lesson). */
function once(
  view: ClusterView,
  obj: KubeObject,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
): Action[] {
  return hasEvent(view, obj, reason, message) ? [] : [event(obj, type, reason, message)];
}

// --- volumes --------------------------------------------------------------------

function syncVolume(view: ClusterView, volume: KubeObject): Action[] {
  const ref = volumeSpec(volume).claimRef;
  if (!ref?.uid) return phaseOf(volume) === 'Failed' && ref ? [] : volumePhase(volume, 'Available');
  let claim = view.get(R.pvcs, ref.namespace ?? 'default', ref.name ?? '');
  if (claim && claim.metadata.uid !== ref.uid) claim = undefined;
  if (!claim) {
    // The claim is gone: Released (a Failed volume keeps its phase), then the reclaim policy.
    const phase = phaseOf(volume);
    if (phase !== 'Released' && phase !== 'Failed') return volumePhase(volume, 'Released');
    return reclaimVolume(view, volume);
  }
  const claimVolume = claimSpec(claim).volumeName;
  if (!claimVolume) return []; // the claim's sync finishes the binding
  if (claimVolume === volume.metadata.name) return volumePhase(volume, 'Bound');
  // Bound to a claim that is bound elsewhere.
  if (annotation(volume, ANN_PROVISIONED_BY) && volumeSpec(volume).persistentVolumeReclaimPolicy === 'Delete') {
    const phase = phaseOf(volume);
    if (phase !== 'Released' && phase !== 'Failed') return volumePhase(volume, 'Released');
    return reclaimVolume(view, volume);
  }
  return unbindVolume(volume);
}
