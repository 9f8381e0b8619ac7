/**
 * Column sets of configuration and storage kinds: ConfigMap, Secret,
 * ServiceAccount, ResourceQuota, PersistentVolume(Claim), StorageClass,
 * CSIDriver, CSINode, CSIStorageCapacity, VolumeAttachment.
 * Mirrors upstream printers.go.
 */
import type { KubeObject } from '../api/types.ts';
import { translateTimestampSince } from './duration.ts';
import { arr, obj, objs, optBool, optObj, optStr, str, strMap, strs, type J } from './json.ts';
import { ageCol, col, nameCol, type Printer } from './types.ts';

const age = (o: KubeObject, nowMs: number): string => translateTimestampSince(o.metadata.creationTimestamp, nowMs);
const name = (o: KubeObject): string => o.metadata.name ?? '';
const spec = (o: KubeObject): J => obj(o, 'spec');
const status = (o: KubeObject): J => obj(o, 'status');
const count = (o: unknown, key: string): number => Object.keys(obj(o, key)).length;

export const configMapPrinter: Printer = {
  columns: [nameCol(), col('Data', 'Data contains the configuration data.'), ageCol()],
  cells: (o, nowMs) => [name(o), count(o, 'data') + count(o, 'binaryData'), age(o, nowMs)],
};

export const secretPrinter: Printer = {
  columns: [
    nameCol(),
    col('Type', 'Used to facilitate programmatic handling of secret data.'),
    col('Data', 'Data contains the secret data.'),
    ageCol(),
  ],
  cells: (o, nowMs) => [name(o), str(o, 'type'), count(o, 'data'), age(o, nowMs)],
};

export const serviceAccountPrinter: Printer = {
  columns: [
    nameCol(),
    col(
      'Secrets',
      'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.',
    ),
    ageCol(),
  ],
  cells: (o, nowMs) => [name(o), arr(o, 'secrets').length, age(o, nowMs)],
};

export const resourceQuotaPrinter: Printer = {
  columns: [
    nameCol(),
    col('Request', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
    col(
      'Limit',
      'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.',
    ),
    ageCol(),
  ],
  cells(o, nowMs) {
    const hard = strMap(status(o), 'hard');
    const used = strMap(status(o), 'used');
    const requests: string[] = [];
    const limits: string[] = [];
    for (const resource of Object.keys(hard).sort()) {
      const text = `${resource}: ${used[resource] ?? '0'}/${hard[resource] ?? '0'}`;
      (resource.split('.')[0] === 'limits' && resource.includes('.') ? limits : requests).push(text);
    }
    return [name(o), requests.join(', '), limits.join(', '), age(o, nowMs)];
  },
};

/** GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order. */
export function accessModes(modes: string[]): string {
  const short: [string, string][] = [
    ['ReadWriteOnce', 'RWO'],
    ['ReadOnlyMany', 'ROX'],
    ['ReadWriteMany', 'RWX'],
    ['ReadWriteOncePod', 'RWOP'],
  ];
  return short
    .filter(([m]) => modes.includes(m))
    .map(([, s]) => s)
    .join(',');
}

const BETA_CLASS = 'volume.beta.kubernetes.io/storage-class';

/**
 * storageutil.GetPersistentVolume(Claim)Class, for a PV, a PVC or a StatefulSet's
 * claim template: the beta annotation wins over spec.storageClassName.
 */
export function storageClassOf(o: J): string {
  const ann = obj(obj(o, 'metadata'), 'annotations')[BETA_CLASS];
  return typeof ann === 'string' ? ann : str(obj(o, 'spec'), 'storageClassName');
}

export const persistentVolumePrinter: Printer = {
  columns: [
    nameCol(),
    col('Capacity', "capacity is the description of the persistent volume's resources and capacity."),
    col('Access Modes', 'accessModes contains all ways the volume can be mounted.'),
    col(
      'Reclaim Policy',
      'persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim.',
    ),
    col('Status', 'phase indicates if a volume is available, bound to a claim, or released by a claim.'),
    col('Claim', 'claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim.'),
    col('StorageClass', 'StorageClass of the pv'),
    col('VolumeAttributesClass', 'VolumeAttributesClass of the pv'),
    col(
      'Reason',
      'reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI.',
    ),
    ageCol(),
    col(
      'VolumeMode',
      'volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state.',
      { wide: true },
    ),
  ],
  cells(o, nowMs) {
    const s = spec(o);
    const claim = optObj(s, 'claimRef');
    return [
      name(o),
      str(obj(s, 'capacity'), 'storage') || '0',
      accessModes(strs(s, 'accessModes')),
      str(s, 'persistentVolumeReclaimPolicy'),
      o.metadata.deletionTimestamp !== undefined ? 'Terminating' : str(status(o), 'phase'),
      claim ? `${str(claim, 'namespace')}/${str(claim, 'name')}` : '',
      storageClassOf(o),
      optStr(s, 'volumeAttributesClassName') ?? '<unset>',
      str(status(o), 'reason'),
      age(o, nowMs),
      optStr(s, 'volumeMode') ?? '<unset>',
    ];
  },
};

export const persistentVolumeClaimPrinter: Printer = {
  columns: [
    nameCol(),
    col('Status', 'phase represents the current phase of PersistentVolumeClaim.'),
    col('Volume', 'volumeName is the binding reference to the PersistentVolume backing this claim.'),
    col('Capacity', 'capacity represents the actual resources of the underlying volume.'),
    col('Access Modes', 'accessModes contains the actual access modes the volume backing the PVC has.'),
    col('StorageClass', 'StorageClass of the pvc'),
    col('VolumeAttributesClass', 'VolumeAttributesClass of the pvc'),
    ageCol(),
    col('VolumeMode', 'volumeMode defines what type of volume is required by the claim.', { wide: true }),
  ],
  cells(o, nowMs) {
    const s = spec(o);
    const bound = str(s, 'volumeName') !== '';
    return [
      name(o),
      o.metadata.deletionTimestamp !== undefined ? 'Terminating' : str(status(o), 'phase'),
      str(s, 'volumeName'),
      // Capacity and modes are only known once the claim is bound to a volume.
      bound ? str(obj(status(o), 'capacity'), 'storage') || '0' : '',
      bound ? accessModes(strs(status(o), 'accessModes')) : '',
      storageClassOf(o),
      optStr(s, 'volumeAttributesClassName') ?? '<unset>',
      age(o, nowMs),
      optStr(s, 'volumeMode') ?? '<unset>',
    ];
  },
};

const DEFAULT_CLASS = [
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
];

export const storageClassPrinter: Printer = {
  columns: [
    nameCol(),
    col('Provisioner', 'provisioner indicates the type of the provisioner.'),
    col(
      'ReclaimPolicy',
      'reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class.',
    ),
    col('VolumeBindingMode', 'volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.'),
    col('AllowVolumeExpansion', 'allowVolumeExpansion shows whether the storage class allow volume expand.'),
    ageCol(),
  ],
  cells(o, nowMs) {
    const isDefault = DEFAULT_CLASS.some((k) => o.metadata.annotations?.[k] === 'true');
    return [
      isDefault ? `${name(o)} (default)` : name(o),
      str(o, 'provisioner'),
      str(o, 'reclaimPolicy') || 'Delete',
      str(o, 'volumeBindingMode') || 'Immediate',
      optBool(o, 'allowVolumeExpansion') ?? false,
      age(o, nowMs),
    ];
  },
};

export const csiDriverPrinter: Printer = {
  columns: [
    nameCol(),
    col('AttachRequired', 'attachRequired indicates this CSI volume driver requires an attach operation.', {
      type: 'boolean',
    }),
    col(
      'PodInfoOnMount',
      'podInfoOnMount indicates this CSI volume driver requires additional pod information during mount operations.',
      { type: 'boolean' },
    ),
    col(
      'StorageCapacity',
      'storageCapacity indicates that the CSI volume driver wants pod scheduling to consider the storage capacity.',
      { type: 'boolean' },
    ),
    col(
      'TokenRequests',
      "tokenRequests indicates the CSI driver needs pods' service account tokens it is mounting volume for.",
    ),
    col(
      'RequiresRepublish',
      'requiresRepublish indicates the CSI driver wants `NodePublishVolume` being periodically called.',
      { type: 'boolean' },
    ),
    col('Modes', 'volumeLifecycleModes defines what kind of volumes this CSI volume driver supports.'),
    ageCol(),
  ],
  cells(o, nowMs) {
    const s = spec(o);
    const tokens = Array.isArray(s['tokenRequests'])
      ? objs(s, 'tokenRequests')
          .map((t) => str(t, 'audience'))
          .join(',')
      : '<unset>';
    return [
      name(o),
      optBool(s, 'attachRequired') ?? true,
      optBool(s, 'podInfoOnMount') ?? false,
      optBool(s, 'storageCapacity') ?? false,
      tokens,
      optBool(s, 'requiresRepublish') ?? false,
      strs(s, 'volumeLifecycleModes').join(',') || '<none>',
      age(o, nowMs),
    ];
  },
};

export const csiNodePrinter: Printer = {
  columns: [
    nameCol(),
    col('Drivers', 'Drivers indicates the number of CSI drivers registered on the node', { type: 'integer' }),
    ageCol(),
  ],
  cells: (o, nowMs) => [name(o), arr(spec(o), 'drivers').length, age(o, nowMs)],
};

export const csiStorageCapacityPrinter: Printer = {
  columns: [
    nameCol(),
    col(
      'StorageClassName',
      'storageClassName represents the name of the StorageClass that the reported capacity applies to.',
    ),
    col(
      'Capacity',
      'capacity is the value reported by the CSI driver in its GetCapacityResponse for a GetCapacityRequest.',
    ),
  ],
  cells: (o) => [name(o), str(o, 'storageClassName'), optStr(o, 'capacity') ?? '<unset>'],
};

export const volumeAttachmentPrinter: Printer = {
  columns: [
    nameCol(),
    col('Attacher', 'attacher indicates the name of the volume driver that MUST handle this request.', {
      format: 'name',
    }),
    col('PV', 'persistentVolumeName represents the name of the persistent volume to attach.'),
    col('Node', 'nodeName represents the node that the volume should be attached to.'),
    col('Attached', 'attached indicates the volume is successfully attached.', { type: 'boolean' }),
    ageCol(),
  ],
  cells: (o, nowMs) => [
    name(o),
    str(spec(o), 'attacher'),
    str(obj(spec(o), 'source'), 'persistentVolumeName'),
    str(spec(o), 'nodeName'),
    optBool(status(o), 'attached') ?? false,
    age(o, nowMs),
  ],
};
