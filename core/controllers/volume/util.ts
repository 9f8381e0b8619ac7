/**
 * Names and small readers shared by the volume controllers
 * (pkg/controller/volume/persistentvolume/util and pv_controller.go's constants):
 * annotations, finalizers, and typed views of claims, volumes and classes.
 */
import type { KubeObject } from '../../api/types.ts';
import type { Quantity } from '../../api/validation/quantity.ts';
import { parseQuantity } from '../../api/validation/quantity.ts';

export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
export const ANN_PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
export const ANN_STORAGE_RESIZER = 'volume.kubernetes.io/storage-resizer';
const ANN_BETA_CLASS = 'volume.beta.kubernetes.io/storage-class';

export const PVC_PROTECTION = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION = 'kubernetes.io/pv-protection';

/** The provisioners the lab simulates: a network disk every node reaches, and node-local paths. */
export const SIMULATED_DISK = 'kubelab.io/simulated-disk';
export const LOCAL_PATH = 'kubelab.io/local-path';

export interface ClaimSpec {
  accessModes?: string[];
  resources?: { requests?: Record<string, unknown> };
  storageClassName?: string | null;
  volumeName?: string;
  volumeMode?: string;
  selector?: unknown;
}

export interface ClaimRef {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
}

export interface VolumeSpec {
  accessModes?: string[];
  capacity?: Record<string, unknown>;
  claimRef?: ClaimRef;
  persistentVolumeReclaimPolicy?: string;
  storageClassName?: string;
  volumeMode?: string;
  nodeAffinity?: { required?: { nodeSelectorTerms?: unknown[] } };
  nfs?: { server?: string; path?: string };
  hostPath?: { path?: string; type?: string };
  local?: { path?: string };
  csi?: { driver?: string; volumeHandle?: string; fsType?: string; volumeAttributes?: Record<string, string> };
}

export interface StorageClass extends KubeObject {
  provisioner?: string;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
  allowVolumeExpansion?: boolean;
  parameters?: Record<string, string>;
  allowedTopologies?: { matchLabelExpressions?: { key: string; values?: string[] }[] }[];
}

export const claimSpec = (c: KubeObject): ClaimSpec => (c.spec ?? {}) as ClaimSpec;
export const volumeSpec = (v: KubeObject): VolumeSpec => (v.spec ?? {}) as VolumeSpec;
export const phaseOf = (o: KubeObject): string => (o.status as { phase?: string } | undefined)?.phase ?? '';
export const annotation = (o: KubeObject, key: string): string | undefined => o.metadata.annotations?.[key];

/** storageutil.GetPersistentVolumeClaimClass: the beta annotation wins over spec.storageClassName. */
export function claimClass(c: KubeObject): string {
  return annotation(c, ANN_BETA_CLASS) ?? claimSpec(c).storageClassName ?? '';
}

/** storageutil.GetPersistentVolumeClass. */
export function volumeClass(v: KubeObject): string {
  return annotation(v, ANN_BETA_CLASS) ?? volumeSpec(v).storageClassName ?? '';
}

export function claimRequest(c: KubeObject): Quantity | undefined {
  return parseQuantity(claimSpec(c).resources?.requests?.['storage']);
}

export function volumeCapacity(v: KubeObject): Quantity | undefined {
  return parseQuantity(volumeSpec(v).capacity?.['storage']);
}

/** "default/mypvc1", as upstream's claimToClaimKey. */
export function claimKey(c: KubeObject): string {
  return `${c.metadata.namespace ?? 'default'}/${c.metadata.name ?? ''}`;
}

export function claimRefKey(ref: ClaimRef): string {
  return `${ref.namespace ?? 'default'}/${ref.name ?? ''}`;
}

/** IsVolumeBoundToClaim: the PV's claimRef names this claim (and its uid, once set). */
export function isVolumeBoundToClaim(v: KubeObject, c: KubeObject): boolean {
  const ref = volumeSpec(v).claimRef;
  if (!ref) return false;
  if (ref.name !== c.metadata.name || (ref.namespace ?? 'default') !== (c.metadata.namespace ?? 'default'))
    return false;
  return !ref.uid || ref.uid === c.metadata.uid;
}

/** A copy of an object's metadata with some annotations set (undefined removes). */
export function withAnnotations(o: KubeObject, set: Record<string, string | undefined>): KubeObject['metadata'] {
  const annotations: Record<string, string> = { ...(o.metadata.annotations ?? {}) };
  for (const [k, v] of Object.entries(set)) {
    if (v === undefined) delete annotations[k];
    else annotations[k] = v;
  }
  const meta: KubeObject['metadata'] = { ...o.metadata, annotations };
  delete meta.resourceVersion;
  if (Object.keys(annotations).length === 0) delete meta.annotations;
  return meta;
}

/** The object without its resourceVersion: the controllers' writes are last-writer-wins in one process. */
export function unversioned(o: KubeObject): KubeObject {
  const meta = { ...o.metadata };
  delete meta.resourceVersion;
  return { ...o, metadata: meta };
}
