/**
 * Patch metadata for strategic merge patch: which fields merge lists by key,
 * which are set-merged primitive lists, which maps use retainKeys. This is the
 * information upstream reads from Go struct tags (`patchStrategy`,
 * `patchMergeKey`) in kubernetes/api core/v1, apps/v1, batch/v1 and
 * apimachinery meta/v1 types.go. Every field not listed is atomic: lists are
 * replaced whole, maps are merged key by key.
 *
 * Simplification: upstream rejects fields unknown to the Go struct; we treat
 * them as plain (maps merge, lists replace).
 */

/** Patch metadata of one field. */
export interface FieldMeta {
  /** `merge`: merge a list (by mergeKey, or as a set for scalars). `replace`: replace a map whole. */
  readonly strategy?: 'merge' | 'replace';
  /** The field's map (or each list element) is cleared of keys absent from `$retainKeys`. */
  readonly retainKeys?: boolean;
  readonly mergeKey?: string;
  /** Schema of the map value, or of each list element. */
  readonly schema?: PatchSchema;
}

/** A struct type: its JSON field names and their patch metadata. */
export type PatchSchema = { readonly [field: string]: FieldMeta };

export const NO_META: FieldMeta = {};
export const EMPTY_SCHEMA: PatchSchema = {};

/** Metadata of `field` in `schema`, never reaching Object.prototype. */
export function lookupField(schema: PatchSchema | undefined, field: string): FieldMeta {
  if (!schema || !Object.hasOwn(schema, field)) return NO_META;
  return schema[field] ?? NO_META;
}

const byKey = (mergeKey: string, schema?: PatchSchema, retainKeys = false): FieldMeta => ({
  strategy: 'merge',
  mergeKey,
  ...(schema ? { schema } : {}),
  ...(retainKeys ? { retainKeys } : {}),
});
const primitiveSet: FieldMeta = { strategy: 'merge' };
const struct = (schema: PatchSchema): FieldMeta => ({ schema });

/** Every `conditions` list in the API merges by `type`. */
const conditions = byKey('type');

const objectMeta: PatchSchema = {
  finalizers: primitiveSet,
  ownerReferences: byKey('uid'),
};

const container: PatchSchema = {
  ports: byKey('containerPort'),
  env: byKey('name'),
  volumeMounts: byKey('mountPath'),
  volumeDevices: byKey('devicePath'),
};

const podSpec: PatchSchema = {
  volumes: byKey('name', undefined, true),
  initContainers: byKey('name', container),
  containers: byKey('name', container),
  ephemeralContainers: byKey('name', container),
  imagePullSecrets: byKey('name'),
  hostAliases: byKey('ip'),
  topologySpreadConstraints: byKey('topologyKey'),
  schedulingGates: byKey('name'),
  resourceClaims: byKey('name', undefined, true),
};

const podStatus: PatchSchema = { conditions, podIPs: byKey('ip'), hostIPs: byKey('ip') };
const podTemplateSpec: PatchSchema = { metadata: struct(objectMeta), spec: struct(podSpec) };
const withConditions: PatchSchema = { conditions };

const workload = (spec: PatchSchema): PatchSchema => ({
  metadata: struct(objectMeta),
  spec: struct(spec),
  status: struct(withConditions),
});

const jobSpec: PatchSchema = { template: struct(podTemplateSpec) };
const jobTemplateSpec: PatchSchema = { metadata: struct(objectMeta), spec: struct(jobSpec) };

/** Top-level schemas per kind. PodSpec lives where each kind keeps its pod template. */
const KIND_SCHEMAS: { readonly [kind: string]: PatchSchema } = {
  Pod: { metadata: struct(objectMeta), spec: struct(podSpec), status: struct(podStatus) },
  PodTemplate: { metadata: struct(objectMeta), template: struct(podTemplateSpec) },
  Deployment: workload({ template: struct(podTemplateSpec), strategy: { retainKeys: true } }),
  ReplicaSet: workload({ template: struct(podTemplateSpec) }),
  StatefulSet: workload({ template: struct(podTemplateSpec) }),
  DaemonSet: workload({ template: struct(podTemplateSpec) }),
  ReplicationController: workload({ template: struct(podTemplateSpec) }),
  Job: workload(jobSpec),
  CronJob: { metadata: struct(objectMeta), spec: struct({ jobTemplate: struct(jobTemplateSpec) }) },
  Service: workload({ ports: byKey('port') }),
  ServiceAccount: { metadata: struct(objectMeta), secrets: byKey('name') },
  Node: {
    metadata: struct(objectMeta),
    spec: struct({ podCIDRs: primitiveSet }),
    status: struct({ conditions, addresses: byKey('type') }),
  },
  Namespace: workload({}),
  PersistentVolumeClaim: workload({}),
};

const DEFAULT_SCHEMA: PatchSchema = { metadata: struct(objectMeta) };

/** The kind an SMP is computed or applied for. */
export interface KindRef {
  apiVersion: string;
  kind: string;
}

/** The patch schema of a kind; kinds without merge-keyed fields get ObjectMeta only. */
export function patchSchemaFor(ref: KindRef): PatchSchema {
  return Object.hasOwn(KIND_SCHEMAS, ref.kind) ? (KIND_SCHEMAS[ref.kind] ?? DEFAULT_SCHEMA) : DEFAULT_SCHEMA;
}
