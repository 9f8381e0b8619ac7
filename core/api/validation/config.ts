/**
 * ConfigMap, Secret, Namespace, PersistentVolumeClaim and PersistentVolume
 * (upstream `pkg/apis/core/validation/validation.go`).
 */
import type { StatusCause } from '../types.ts';
import { GoValue, child, fe, index } from './field.ts';
import { deepEqual, list, map, mapOr, str } from './json.ts';
import { validateImmutable, validateLabelSelector, validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { isConfigMapKey, isQualifiedName, nameIsDNSLabel, nameIsDNSSubdomain } from './names.ts';
import { canonical, parseQuantity } from './quantity.ts';

type Obj = Record<string, unknown>;

/** Upstream `MaxSecretSize`: 1 MiB of data in a Secret or ConfigMap. */
export const MAX_SECRET_SIZE = 1024 * 1024;
const utf8 = (s: string): number => new TextEncoder().encode(s).length;

/** Bytes a base64 string decodes to (Secret data is sized after decoding). */
export function base64Size(b64: string): number {
  const clean = b64.replace(/\s/g, '');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - pad;
}

function validateKeys(data: unknown, path: string): StatusCause[] {
  return Object.keys(mapOr(data)).flatMap((key) =>
    isConfigMapKey(key).map((m) => fe.invalid(index(path, key), key, m)),
  );
}

function immutableData(obj: Obj, old: Obj, fields: string[]): StatusCause[] {
  if (old['immutable'] !== true) return [];
  const errs: StatusCause[] = [];
  if (obj['immutable'] !== true) errs.push(fe.forbidden('immutable', 'field is immutable when `immutable` is set'));
  for (const f of fields)
    if (!deepEqual(obj[f] ?? {}, old[f] ?? {}))
      errs.push(fe.forbidden(f, 'field is immutable when `immutable` is set'));
  return errs;
}

export function validateConfigMap(obj: Obj, old?: Obj): StatusCause[] {
  const errs = old ? validateObjectMetaUpdate(obj['metadata'], old['metadata']) : [];
  if (old) errs.push(...immutableData(obj, old, ['data', 'binaryData']));
  errs.push(...validateObjectMeta(obj['metadata'], true, nameIsDNSSubdomain));
  errs.push(...validateKeys(obj['data'], 'data'));
  const binary = mapOr(obj['binaryData']);
  for (const key of Object.keys(mapOr(obj['data']))) {
    if (key in binary) errs.push(fe.invalid(index('data', key), key, 'duplicate of key present in binaryData'));
  }
  errs.push(...validateKeys(binary, 'binaryData'));
  let total = 0;
  for (const v of Object.values(mapOr(obj['data']))) total += utf8(String(v));
  for (const v of Object.values(binary)) total += base64Size(String(v));
  if (total > MAX_SECRET_SIZE) errs.push(fe.tooLong('', MAX_SECRET_SIZE));
  return errs;
}

/** Keys each well-known Secret type requires in `data`. */
function secretTypeChecks(obj: Obj, data: Obj): StatusCause[] {
  const has = (k: string): boolean => k in data;
  switch (str(obj['type'])) {
    case 'kubernetes.io/service-account-token': {
      const annotations = mapOr(mapOr(obj['metadata'])['annotations']);
      return str(annotations['kubernetes.io/service-account.name'])
        ? []
        : [fe.required('metadata.annotations[kubernetes.io/service-account.name]')];
    }
    case 'kubernetes.io/dockercfg':
      return has('.dockercfg') ? [] : [fe.required('data[.dockercfg]')];
    case 'kubernetes.io/dockerconfigjson':
      return has('.dockerconfigjson') ? [] : [fe.required('data[.dockerconfigjson]')];
    case 'kubernetes.io/basic-auth':
      return has('username') || has('password') ? [] : [fe.required('data[username]'), fe.required('data[password]')];
    case 'kubernetes.io/ssh-auth':
      return str(data['ssh-privatekey']) ? [] : [fe.required('data[ssh-privatekey]')];
    case 'kubernetes.io/tls':
      return [
        ...(has('tls.crt') ? [] : [fe.required('data[tls.crt]')]),
        ...(has('tls.key') ? [] : [fe.required('data[tls.key]')]),
      ];
    default:
      return [];
  }
}

/** ValidateSecret; `stringData` is expected to be folded into `data` already (as conversion does). */
export function validateSecret(obj: Obj, old?: Obj): StatusCause[] {
  const errs = old ? validateObjectMetaUpdate(obj['metadata'], old['metadata']) : [];
  errs.push(...validateObjectMeta(obj['metadata'], true, nameIsDNSSubdomain));
  const data = { ...mapOr(obj['data']), ...mapOr(obj['stringData']) };
  errs.push(...validateKeys(data, 'data'));
  let total = 0;
  for (const [k, v] of Object.entries(data))
    total += k in mapOr(obj['stringData']) ? utf8(String(v)) : base64Size(String(v));
  if (total > MAX_SECRET_SIZE) errs.push(fe.tooLong('data', MAX_SECRET_SIZE));
  errs.push(...secretTypeChecks(obj, data));
  if (old) {
    errs.push(...validateImmutable(str(obj['type']), str(old['type']), 'type', str(obj['type'])));
    errs.push(...immutableData(obj, old, ['data']));
  }
  return errs;
}

export function validateNamespace(obj: Obj, old?: Obj): StatusCause[] {
  if (old) return validateObjectMetaUpdate(obj['metadata'], old['metadata']);
  const errs = validateObjectMeta(obj['metadata'], false, nameIsDNSLabel);
  for (const f of list(mapOr(obj['spec'])['finalizers'])) {
    const name = str(f);
    errs.push(...isQualifiedName(name).map((m) => fe.invalid('spec.finalizers', name, m)));
    if (!name.includes('/') && name !== 'kubernetes' && isQualifiedName(name).length === 0) {
      errs.push(
        fe.invalid('spec.finalizers', name, 'name is neither a standard finalizer name nor is it fully qualified'),
      );
    }
  }
  return errs;
}

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const VOLUME_MODES = ['Block', 'Filesystem'];

function validateAccessModes(modes: unknown[], path: string, requiredDetail: string): StatusCause[] {
  const errs: StatusCause[] = [];
  if (modes.length === 0) errs.push(fe.required(path, requiredDetail));
  let rwop = false;
  let other = false;
  for (const m of modes.map(str)) {
    if (!ACCESS_MODES.includes(m)) errs.push(fe.notSupported(path, m, ACCESS_MODES));
    else if (m === 'ReadWriteOncePod') rwop = true;
    else other = true;
  }
  if (rwop && other) errs.push(fe.forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

function positiveQuantity(raw: unknown, path: string): StatusCause[] {
  const q = parseQuantity(raw);
  return q && q.nano <= 0n ? [fe.invalid(path, canonical(raw), 'must be greater than zero')] : [];
}

/** ValidatePersistentVolumeClaimSpec. */
export function validatePVCSpec(specRaw: unknown, path: string): StatusCause[] {
  const spec = mapOr(specRaw);
  const errs = validateAccessModes(
    list(spec['accessModes']),
    child(path, 'accessModes'),
    'at least 1 access mode is required',
  );
  if (map(spec['selector'])) errs.push(...validateLabelSelector(spec['selector'], child(path, 'selector')));
  const requests = mapOr(mapOr(spec['resources'])['requests']);
  const storagePath = index(child(path, 'resources'), 'storage');
  if (!('storage' in requests)) errs.push(fe.required(storagePath));
  else errs.push(...positiveQuantity(requests['storage'], storagePath));
  const sc = str(spec['storageClassName']);
  if (sc) errs.push(...nameIsDNSSubdomain(sc, false).map((m) => fe.invalid(child(path, 'storageClassName'), sc, m)));
  const mode = spec['volumeMode'];
  if (mode !== undefined && !VOLUME_MODES.includes(str(mode)))
    errs.push(fe.notSupported(child(path, 'volumeMode'), str(mode), VOLUME_MODES));
  return errs;
}

export function validatePVC(obj: Obj, old?: Obj): StatusCause[] {
  const errs = old ? validateObjectMetaUpdate(obj['metadata'], old['metadata']) : [];
  errs.push(...validateObjectMeta(obj['metadata'], true, nameIsDNSSubdomain));
  errs.push(...validatePVCSpec(obj['spec'], 'spec'));
  if (old)
    errs.push(...pvcUpdate(mapOr(obj['spec']), mapOr(old['spec']), str(mapOr(old['status'])['phase']) === 'Bound'));
  return errs;
}

/**
 * Claims are immutable except a first volumeName and, once Bound, a larger storage
 * request (ValidatePersistentVolumeClaimUpdate: only a bound claim's request may change).
 */
function pvcUpdate(spec: Obj, old: Obj, bound: boolean): StatusCause[] {
  const strip = (s: Obj, o: Obj): Obj => {
    const requests = mapOr(mapOr(s['resources'])['requests']);
    const out: Obj = {
      ...s,
      resources: { ...mapOr(s['resources']), requests: bound ? { ...requests, storage: undefined } : requests },
    };
    if (!str(o['volumeName'])) delete out['volumeName'];
    return out;
  };
  const errs: StatusCause[] = [];
  if (!deepEqual(strip(spec, old), strip(old, old))) {
    errs.push(
      fe.forbidden(
        'spec',
        'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
      ),
    );
  }
  const next = parseQuantity(mapOr(mapOr(spec['resources'])['requests'])['storage']);
  const prev = parseQuantity(mapOr(mapOr(old['resources'])['requests'])['storage']);
  if (next && prev && next.nano < prev.nano)
    errs.push(fe.forbidden('spec.resources.requests.storage', 'field can not be less than previous value'));
  return errs;
}

const PV_SOURCES = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'glusterfs',
  'flocker',
  'nfs',
  'rbd',
  'quobyte',
  'cephfs',
  'iscsi',
  'cinder',
  'fc',
  'flexVolume',
  'azureFile',
  'vsphereVolume',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'local',
  'storageos',
  'csi',
];

export function validatePV(obj: Obj, old?: Obj): StatusCause[] {
  const spec = mapOr(obj['spec']);
  const errs = validateObjectMeta(obj['metadata'], false, nameIsDNSSubdomain);
  errs.push(...validateAccessModes(list(spec['accessModes']), 'spec.accessModes', ''));
  const capacity = mapOr(spec['capacity']);
  const names = Object.keys(capacity);
  if (names.length === 0) errs.push(fe.required('spec.capacity'));
  if (!names.includes('storage') || names.length > 1) {
    const shown = `core.ResourceList{${names
      .sort()
      .map((n) => `${JSON.stringify(n)}:resource.Quantity{…}`)
      .join(', ')}}`;
    errs.push(
      fe.notSupported('spec.capacity', new GoValue(names.length ? shown : 'core.ResourceList(nil)'), ['storage']),
    );
  }
  for (const n of names) errs.push(...positiveQuantity(capacity[n], index('spec.capacity', n)));
  const policy = str(spec['persistentVolumeReclaimPolicy']);
  if (policy && !['Delete', 'Recycle', 'Retain'].includes(policy))
    errs.push(fe.notSupported('spec.persistentVolumeReclaimPolicy', policy, ['Delete', 'Recycle', 'Retain']));
  errs.push(...pvSources(spec));
  const mode = spec['volumeMode'];
  if (mode !== undefined && !VOLUME_MODES.includes(str(mode)))
    errs.push(fe.notSupported('spec.volumeMode', str(mode), VOLUME_MODES));
  if (old && !deepEqual(pick(spec, PV_SOURCES), pick(mapOr(old['spec']), PV_SOURCES))) {
    errs.push(fe.forbidden('spec.persistentvolumesource', 'spec.persistentvolumesource is immutable after creation'));
  }
  return errs;
}

function pvSources(spec: Obj): StatusCause[] {
  const errs: StatusCause[] = [];
  let count = 0;
  for (const s of PV_SOURCES) {
    if (!map(spec[s])) continue;
    if (count++ > 0) errs.push(fe.forbidden(child('spec', s), 'may not specify more than 1 volume type'));
    else if (s === 'local' && !map(spec['nodeAffinity']))
      errs.push(fe.required('spec.nodeAffinity', 'Local volume requires node affinity'));
    else if (s === 'hostPath' && !str(mapOr(spec[s])['path'])) errs.push(fe.required('spec.hostPath.path'));
  }
  if (count === 0) errs.push(fe.required('spec', 'must specify a volume type'));
  return errs;
}

function pick(o: Obj, keys: string[]): Obj {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}
