/**
 * The resource table: every built-in kind the lab serves, with the discovery
 * facts kubectl relies on (plural, scope, short names, categories,
 * subresources). Mirrors what `kubectl api-resources` shows on a 1.33 cluster.
 * Schema and field docs come from the generated schema, not from here.
 */

export interface Subresource {
  name: string;
  /** The kind the subresource speaks, e.g. Scale for /scale. */
  group: string;
  version: string;
  kind: string;
  verbs: string[];
}

export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  subresources: Subresource[];
  /** The apiVersion string objects carry: "v1" or "apps/v1". */
  apiVersion: string;
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const NO_COLLECTION_DELETE = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

type Row = [
  gv: string,
  kind: string,
  plural: string,
  scope: 'N' | 'C',
  shortNames?: string,
  opts?: { categories?: string; sub?: string; verbs?: string[] },
];

const scale = (sub: string): Subresource => ({
  name: sub,
  group: 'autoscaling',
  version: 'v1',
  kind: 'Scale',
  verbs: ['get', 'patch', 'update'],
});

// Order within a group-version follows the real server's discovery output.
const ROWS: Row[] = [
  ['v1', 'Binding', 'bindings', 'N', '', { verbs: ['create'] }],
  ['v1', 'ComponentStatus', 'componentstatuses', 'C', 'cs', { verbs: ['get', 'list'] }],
  ['v1', 'ConfigMap', 'configmaps', 'N', 'cm'],
  ['v1', 'Endpoints', 'endpoints', 'N', 'ep'],
  ['v1', 'Event', 'events', 'N', 'ev'],
  ['v1', 'LimitRange', 'limitranges', 'N', 'limits'],
  ['v1', 'Namespace', 'namespaces', 'C', 'ns', { sub: 'finalize,status', verbs: NO_COLLECTION_DELETE }],
  ['v1', 'Node', 'nodes', 'C', 'no', { sub: 'proxy,status' }],
  ['v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', 'N', 'pvc', { sub: 'status' }],
  ['v1', 'PersistentVolume', 'persistentvolumes', 'C', 'pv', { sub: 'status' }],
  [
    'v1',
    'Pod',
    'pods',
    'N',
    'po',
    { categories: 'all', sub: 'attach,binding,ephemeralcontainers,eviction,exec,log,portforward,proxy,resize,status' },
  ],
  ['v1', 'PodTemplate', 'podtemplates', 'N'],
  ['v1', 'ReplicationController', 'replicationcontrollers', 'N', 'rc', { categories: 'all', sub: 'scale,status' }],
  ['v1', 'ResourceQuota', 'resourcequotas', 'N', 'quota', { sub: 'status' }],
  ['v1', 'Secret', 'secrets', 'N'],
  ['v1', 'ServiceAccount', 'serviceaccounts', 'N', 'sa', { sub: 'token' }],
  ['v1', 'Service', 'services', 'N', 'svc', { categories: 'all', sub: 'proxy,status', verbs: NO_COLLECTION_DELETE }],
  ['apps/v1', 'ControllerRevision', 'controllerrevisions', 'N'],
  ['apps/v1', 'DaemonSet', 'daemonsets', 'N', 'ds', { categories: 'all', sub: 'status' }],
  ['apps/v1', 'Deployment', 'deployments', 'N', 'deploy', { categories: 'all', sub: 'scale,status' }],
  ['apps/v1', 'ReplicaSet', 'replicasets', 'N', 'rs', { categories: 'all', sub: 'scale,status' }],
  ['apps/v1', 'StatefulSet', 'statefulsets', 'N', 'sts', { categories: 'all', sub: 'scale,status' }],
  [
    'autoscaling/v2',
    'HorizontalPodAutoscaler',
    'horizontalpodautoscalers',
    'N',
    'hpa',
    { categories: 'all', sub: 'status' },
  ],
  [
    'autoscaling/v1',
    'HorizontalPodAutoscaler',
    'horizontalpodautoscalers',
    'N',
    'hpa',
    { categories: 'all', sub: 'status' },
  ],
  ['batch/v1', 'CronJob', 'cronjobs', 'N', 'cj', { categories: 'all', sub: 'status' }],
  ['batch/v1', 'Job', 'jobs', 'N', '', { categories: 'all', sub: 'status' }],
  ['networking.k8s.io/v1', 'IngressClass', 'ingressclasses', 'C'],
  ['networking.k8s.io/v1', 'Ingress', 'ingresses', 'N', 'ing', { sub: 'status' }],
  ['networking.k8s.io/v1', 'IPAddress', 'ipaddresses', 'C', 'ip'],
  ['networking.k8s.io/v1', 'NetworkPolicy', 'networkpolicies', 'N', 'netpol'],
  ['networking.k8s.io/v1', 'ServiceCIDR', 'servicecidrs', 'C', '', { sub: 'status' }],
  ['storage.k8s.io/v1', 'CSIDriver', 'csidrivers', 'C'],
  ['storage.k8s.io/v1', 'CSINode', 'csinodes', 'C'],
  ['storage.k8s.io/v1', 'CSIStorageCapacity', 'csistoragecapacities', 'N'],
  ['storage.k8s.io/v1', 'StorageClass', 'storageclasses', 'C', 'sc'],
  ['storage.k8s.io/v1', 'VolumeAttachment', 'volumeattachments', 'C', '', { sub: 'status' }],
  ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'clusterrolebindings', 'C'],
  ['rbac.authorization.k8s.io/v1', 'ClusterRole', 'clusterroles', 'C'],
  ['rbac.authorization.k8s.io/v1', 'RoleBinding', 'rolebindings', 'N'],
  ['rbac.authorization.k8s.io/v1', 'Role', 'roles', 'N'],
  ['policy/v1', 'PodDisruptionBudget', 'poddisruptionbudgets', 'N', 'pdb', { sub: 'status' }],
  ['discovery.k8s.io/v1', 'EndpointSlice', 'endpointslices', 'N'],
  ['coordination.k8s.io/v1', 'Lease', 'leases', 'N'],
  ['events.k8s.io/v1', 'Event', 'events', 'N', 'ev'],
  ['scheduling.k8s.io/v1', 'PriorityClass', 'priorityclasses', 'C', 'pc'],
  ['node.k8s.io/v1', 'RuntimeClass', 'runtimeclasses', 'C'],
  [
    'certificates.k8s.io/v1',
    'CertificateSigningRequest',
    'certificatesigningrequests',
    'C',
    'csr',
    { sub: 'approval,status' },
  ],
  ['admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', 'C'],
  [
    'admissionregistration.k8s.io/v1',
    'ValidatingAdmissionPolicy',
    'validatingadmissionpolicies',
    'C',
    '',
    { sub: 'status' },
  ],
  ['admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicyBinding', 'validatingadmissionpolicybindings', 'C'],
  ['admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', 'C'],
  [
    'apiextensions.k8s.io/v1',
    'CustomResourceDefinition',
    'customresourcedefinitions',
    'C',
    'crd,crds',
    { sub: 'status' },
  ],
  ['flowcontrol.apiserver.k8s.io/v1', 'FlowSchema', 'flowschemas', 'C', '', { sub: 'status' }],
  [
    'flowcontrol.apiserver.k8s.io/v1',
    'PriorityLevelConfiguration',
    'prioritylevelconfigurations',
    'C',
    '',
    { sub: 'status' },
  ],
  ['authorization.k8s.io/v1', 'SelfSubjectAccessReview', 'selfsubjectaccessreviews', 'C', '', { verbs: ['create'] }],
  ['authorization.k8s.io/v1', 'SelfSubjectRulesReview', 'selfsubjectrulesreviews', 'C', '', { verbs: ['create'] }],
  ['authorization.k8s.io/v1', 'SubjectAccessReview', 'subjectaccessreviews', 'C', '', { verbs: ['create'] }],
  ['authorization.k8s.io/v1', 'LocalSubjectAccessReview', 'localsubjectaccessreviews', 'N', '', { verbs: ['create'] }],
  ['authentication.k8s.io/v1', 'SelfSubjectReview', 'selfsubjectreviews', 'C', '', { verbs: ['create'] }],
  ['authentication.k8s.io/v1', 'TokenReview', 'tokenreviews', 'C', '', { verbs: ['create'] }],
];

function subresourceFor(plural: string, kind: string, group: string, version: string, name: string): Subresource {
  switch (name) {
    case 'scale':
      return scale(name);
    case 'status':
    case 'finalize':
    case 'approval':
      return { name, group, version, kind, verbs: ['get', 'patch', 'update'] };
    case 'eviction':
      return { name, group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] };
    case 'binding':
      return { name, group: '', version: 'v1', kind: 'Binding', verbs: ['create'] };
    case 'token':
      return { name, group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest', verbs: ['create'] };
    case 'log':
      return { name, group: '', version: 'v1', kind: 'Pod', verbs: ['get'] };
    case 'exec':
    case 'attach':
    case 'portforward':
      return {
        name,
        group: '',
        version: 'v1',
        kind: plural === 'pods' ? 'PodExecOptions' : kind,
        verbs: ['create', 'get'],
      };
    case 'proxy':
      return {
        name,
        group: '',
        version: 'v1',
        kind: plural === 'pods' ? 'PodProxyOptions' : plural === 'nodes' ? 'NodeProxyOptions' : 'ServiceProxyOptions',
        verbs: ['create', 'delete', 'get', 'patch', 'update'],
      };
    case 'ephemeralcontainers':
    case 'resize':
      return { name, group, version, kind, verbs: ['get', 'patch', 'update'] };
    default:
      return { name, group, version, kind, verbs: ['get'] };
  }
}

function build(row: Row): ResourceType {
  const [gv, kind, plural, scope, shortNames = '', opts = {}] = row;
  const [group, version] = gv.includes('/') ? (gv.split('/') as [string, string]) : ['', gv];
  return {
    group,
    version,
    kind,
    plural,
    singular: kind.toLowerCase(),
    namespaced: scope === 'N',
    shortNames: shortNames ? shortNames.split(',') : [],
    categories: opts.categories ? opts.categories.split(',') : [],
    verbs: opts.verbs ?? ALL_VERBS,
    subresources: (opts.sub ? opts.sub.split(',') : []).map((s) => subresourceFor(plural, kind, group, version, s)),
    apiVersion: gv,
  };
}

export const RESOURCES: readonly ResourceType[] = ROWS.map(build);

/** The group-versions served, each with its resources; the first version of a group is preferred. */
export function groupVersions(): { group: string; versions: { version: string; resources: ResourceType[] }[] }[] {
  const groups = new Map<string, Map<string, ResourceType[]>>();
  for (const r of RESOURCES) {
    const versions = groups.get(r.group) ?? new Map<string, ResourceType[]>();
    groups.set(r.group, versions);
    const list = versions.get(r.version) ?? [];
    versions.set(r.version, list);
    list.push(r);
  }
  return [...groups].map(([group, versions]) => ({
    group,
    versions: [...versions].map(([version, resources]) => ({ version, resources })),
  }));
}

const byGVR = new Map<string, ResourceType>();
const byApiVersionKind = new Map<string, ResourceType>();
for (const r of RESOURCES) {
  byGVR.set(`${r.group}/${r.version}/${r.plural}`, r);
  byApiVersionKind.set(`${r.apiVersion}/${r.kind}`, r);
}

export function resourceByGVR(group: string, version: string, plural: string): ResourceType | undefined {
  return byGVR.get(`${group}/${version}/${plural}`);
}

export function resourceByKind(apiVersion: string, kind: string): ResourceType | undefined {
  return byApiVersionKind.get(`${apiVersion}/${kind}`);
}

const storageKeys = new WeakMap<ResourceType, string>();

/**
 * The storage identity of a resource: objects of autoscaling/v1 and /v2 HPAs,
 * or core and events.k8s.io Events, live in one place, as in etcd.
 */
export function storageKey(r: ResourceType): string {
  // Asked on every read and write: one string per resource type, so Map lookups by it hash once.
  let key = storageKeys.get(r);
  if (key === undefined) {
    if (r.plural === 'horizontalpodautoscalers') key = 'autoscaling/horizontalpodautoscalers';
    else if (r.plural === 'events') key = 'events';
    else key = `${r.group}/${r.plural}`;
    storageKeys.set(r, key);
  }
  return key;
}

/** The fields a resource-name lookup needs, shared by the registry and discovery clients. */
export type NamedResource = Pick<ResourceType, 'group' | 'version' | 'kind' | 'plural' | 'singular' | 'shortNames'>;

/** Find a resource type from what a user typed: plural, singular, short name or Kind, optionally `name.group`. */
export function resolveResourceName(input: string): ResourceType | undefined {
  return findResource(RESOURCES, input);
}

/**
 * kubectl's RESTMapper rule over a list of resources: plural, singular, short
 * name or Kind, optionally qualified `name.group` or `name.version.group`; the
 * core group wins over others (events vs events.k8s.io).
 */
export function findResource<T extends NamedResource>(resources: readonly T[], input: string): T | undefined {
  const lower = input.toLowerCase();
  const dot = lower.indexOf('.');
  const name = dot >= 0 ? lower.slice(0, dot) : lower;
  const group = dot >= 0 ? lower.slice(dot + 1) : undefined;
  const candidates = resources.filter(
    (r) =>
      (group === undefined || r.group === group || `${r.version}.${r.group}` === group) &&
      (r.plural === name || r.singular === name || r.shortNames.includes(name) || r.kind.toLowerCase() === name),
  );
  // Core group wins over events.k8s.io, as kubectl does.
  return candidates.find((r) => r.group === '') ?? candidates[0];
}
