/**
 * Which field labels each resource supports in field selectors, and the
 * values an object exposes for them. Sources: the field-label conversion
 * funcs registered per kind (pkg/apis/core/v1/conversion.go, apps/v1,
 * batch/v1, certificates/v1) and each registry's ToSelectableFields / GetAttrs
 * (pkg/registry/core/pod/strategy.go, event/strategy.go, …).
 *
 * Kinds with a conversion func reject other labels with
 * `field label not supported: <label>`; kinds without one fall back to
 * runtime.DefaultMetaV1FieldSelectorConversion:
 * `"<label>" is not a known field selector: only "metadata.name", "metadata.namespace"`.
 */

type Get = (obj: Record<string, unknown>) => string;

export interface FieldLabelRules {
  /** Accepted label → the label it converts to (`spec.host` → `spec.nodeName`). */
  readonly accepted: Readonly<Record<string, string>>;
  /** Selectable field values; accepted labels missing here read as "". */
  readonly fields: Readonly<Record<string, Get>>;
  /** Message for an unsupported label. */
  readonly reject: (label: string) => string;
}

function at(obj: unknown, ...path: string[]): unknown {
  let node = obj;
  for (const p of path) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    node = Object.hasOwn(node, p) ? (node as Record<string, unknown>)[p] : undefined;
  }
  return node;
}

const str =
  (...path: string[]): Get =>
  (obj) => {
    const v = at(obj, ...path);
    return typeof v === 'string' ? v : '';
  };
const int =
  (...path: string[]): Get =>
  (obj) => {
    const v = at(obj, ...path);
    return typeof v === 'number' ? String(Math.trunc(v)) : '0';
  };
const bool =
  (...path: string[]): Get =>
  (obj) =>
    String(at(obj, ...path) === true);

const NAME: Record<string, Get> = { 'metadata.name': str('metadata', 'name') };
const NAME_NS: Record<string, Get> = { ...NAME, 'metadata.namespace': str('metadata', 'namespace') };
const notSupported = (label: string): string => `field label not supported: ${label}`;

function rules(labels: string[], fields: Record<string, Get>, aliases: Record<string, string> = {}): FieldLabelRules {
  const accepted: Record<string, string> = { ...aliases };
  for (const l of labels) accepted[l] = l;
  return { accepted, fields, reject: notSupported };
}

const podIP: Get = (obj) => {
  const ips = at(obj, 'status', 'podIPs');
  const first = Array.isArray(ips) ? at(ips[0], 'ip') : undefined;
  return typeof first === 'string' ? first : str('status', 'podIP')(obj);
};

const podFields: Record<string, Get> = {
  ...NAME_NS,
  'spec.nodeName': str('spec', 'nodeName'),
  'spec.restartPolicy': str('spec', 'restartPolicy'),
  'spec.schedulerName': str('spec', 'schedulerName'),
  'spec.serviceAccountName': str('spec', 'serviceAccountName'),
  'spec.hostNetwork': bool('spec', 'hostNetwork'),
  'status.phase': str('status', 'phase'),
  'status.podIP': podIP,
  'status.nominatedNodeName': str('status', 'nominatedNodeName'),
};

const eventSource: Get = (obj) => str('source', 'component')(obj) || str('reportingComponent')(obj);
const eventFields: Record<string, Get> = {
  ...NAME_NS,
  'involvedObject.kind': str('involvedObject', 'kind'),
  'involvedObject.namespace': str('involvedObject', 'namespace'),
  'involvedObject.name': str('involvedObject', 'name'),
  'involvedObject.uid': str('involvedObject', 'uid'),
  'involvedObject.apiVersion': str('involvedObject', 'apiVersion'),
  'involvedObject.resourceVersion': str('involvedObject', 'resourceVersion'),
  'involvedObject.fieldPath': str('involvedObject', 'fieldPath'),
  reason: str('reason'),
  reportingComponent: str('reportingComponent'),
  source: eventSource,
  type: str('type'),
};

const withNs = (extra: Record<string, Get>): Record<string, Get> => ({ ...NAME_NS, ...extra });

/** Per kind (the Kind name; these are all in their only served group). */
const TABLE: Readonly<Record<string, FieldLabelRules>> = {
  Pod: rules(Object.keys(podFields).concat('status.podIPs'), podFields, { 'spec.host': 'spec.nodeName' }),
  Event: rules(Object.keys(eventFields), eventFields),
  Node: rules(['metadata.name', 'spec.unschedulable'], {
    ...NAME,
    'spec.unschedulable': bool('spec', 'unschedulable'),
  }),
  Namespace: rules(['metadata.name', 'status.phase'], { ...NAME, 'status.phase': str('status', 'phase') }),
  Secret: rules(['metadata.name', 'metadata.namespace', 'type'], withNs({ type: str('type') })),
  Service: rules(
    ['metadata.name', 'metadata.namespace', 'spec.clusterIP', 'spec.type'],
    withNs({ 'spec.clusterIP': str('spec', 'clusterIP'), 'spec.type': str('spec', 'type') }),
  ),
  ReplicationController: rules(
    ['metadata.name', 'metadata.namespace', 'status.replicas'],
    withNs({ 'status.replicas': int('status', 'replicas') }),
  ),
  ReplicaSet: rules(
    ['metadata.name', 'metadata.namespace', 'status.replicas'],
    withNs({ 'status.replicas': int('status', 'replicas') }),
  ),
  Job: rules(
    ['metadata.name', 'metadata.namespace', 'status.successful'],
    withNs({ 'status.successful': int('status', 'succeeded') }),
  ),
  CertificateSigningRequest: rules(['metadata.name', 'spec.signerName'], {
    ...NAME,
    'spec.signerName': str('spec', 'signerName'),
  }),
};

const DEFAULT_RULES: FieldLabelRules = {
  accepted: { 'metadata.name': 'metadata.name', 'metadata.namespace': 'metadata.namespace' },
  fields: NAME_NS,
  reject: (label) =>
    `${JSON.stringify(label)} is not a known field selector: only "metadata.name", "metadata.namespace"`,
};

/** The field-label rules of a kind. */
export function fieldLabelRules(kind: string): FieldLabelRules {
  return Object.hasOwn(TABLE, kind) ? (TABLE[kind] ?? DEFAULT_RULES) : DEFAULT_RULES;
}
