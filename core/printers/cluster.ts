/**
 * Column sets of cluster-level and control-plane kinds: Node, Namespace,
 * Lease, PriorityClass, RuntimeClass, ComponentStatus,
 * CertificateSigningRequest, (Cluster)RoleBinding, webhook configurations,
 * admission policies, FlowSchema, PriorityLevelConfiguration.
 * Mirrors upstream printers.go.
 */
import type { KubeObject } from '../api/types.ts';
import { humanDuration, translateTimestampSince } from './duration.ts';
import { arr, num, obj, objs, optNum, optObj, optStr, str, type J } from './json.ts';
import { ageCol, col, nameCol, type Printer, type TableCell } from './types.ts';

const age = (o: KubeObject, nowMs: number): string => translateTimestampSince(o.metadata.creationTimestamp, nowMs);
const name = (o: KubeObject): string => o.metadata.name ?? '';
const spec = (o: KubeObject): J => obj(o, 'spec');
const status = (o: KubeObject): J => obj(o, 'status');

const ROLE_PREFIX = 'node-role.kubernetes.io/';
const ROLE_LABEL = 'kubernetes.io/role';

/** Roles from `node-role.kubernetes.io/<role>` and `kubernetes.io/role=<role>` labels, sorted. */
export function nodeRoles(node: KubeObject): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX) && k.length > ROLE_PREFIX.length) roles.add(k.slice(ROLE_PREFIX.length));
    else if (k === ROLE_LABEL && v !== '') roles.add(v);
  }
  return [...roles].sort();
}

/** `Ready`, `NotReady` or `Unknown`, plus `,SchedulingDisabled` when cordoned. */
export function nodeStatus(node: KubeObject): string {
  const ready = objs(status(node), 'conditions')
    .filter((c) => str(c, 'type') === 'Ready')
    .pop();
  const parts = [ready === undefined ? 'Unknown' : str(ready, 'status') === 'True' ? 'Ready' : 'NotReady'];
  if (spec(node)['unschedulable'] === true) parts.push('SchedulingDisabled');
  return parts.join(',');
}

function nodeAddress(node: KubeObject, type: string): string {
  const a = objs(status(node), 'addresses').find((x) => str(x, 'type') === type);
  return a ? str(a, 'address') : '<none>';
}

export const nodePrinter: Printer = {
  columns: [
    nameCol(),
    col('Status', 'The status of the node'),
    col('Roles', 'The roles of the node'),
    ageCol(),
    col('Version', 'Kubelet Version reported by the node.'),
    col('Internal-IP', 'List of addresses reachable to the node.', { wide: true }),
    col('External-IP', 'List of addresses reachable to the node.', { wide: true }),
    col('OS-Image', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', {
      wide: true,
    }),
    col('Kernel-Version', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", {
      wide: true,
    }),
    col(
      'Container-Runtime',
      'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).',
      { wide: true },
    ),
  ],
  cells(o, nowMs) {
    const info = obj(status(o), 'nodeInfo');
    const roles = nodeRoles(o).join(',');
    return [
      name(o),
      nodeStatus(o),
      roles || '<none>',
      age(o, nowMs),
      str(info, 'kubeletVersion'),
      nodeAddress(o, 'InternalIP'),
      nodeAddress(o, 'ExternalIP'),
      str(info, 'osImage') || '<unknown>',
      str(info, 'kernelVersion') || '<unknown>',
      str(info, 'containerRuntimeVersion') || '<unknown>',
    ];
  },
};

export const namespacePrinter: Printer = {
  columns: [nameCol(), col('Status', 'The status of the namespace'), ageCol()],
  cells: (o, nowMs) => [name(o), str(status(o), 'phase'), age(o, nowMs)],
};

export const leasePrinter: Printer = {
  columns: [
    nameCol(),
    col('Holder', 'holderIdentity contains the identity of the holder of a current lease.'),
    ageCol(),
  ],
  cells: (o, nowMs) => [name(o), str(spec(o), 'holderIdentity'), age(o, nowMs)],
};

export const priorityClassPrinter: Printer = {
  columns: [
    nameCol(),
    col('Value', 'value represents the integer value of this priority class.', { type: 'integer' }),
    col(
      'Global-Default',
      'globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class.',
      { type: 'boolean' },
    ),
    ageCol(),
    // Upstream gives this column no priority, so plain `get pc` shows it.
    col('PreemptionPolicy', 'preemptionPolicy is the Policy for preempting pods with lower priority.'),
  ],
  cells: (o, nowMs) => [
    name(o),
    num(o, 'value'),
    o['globalDefault'] === true,
    age(o, nowMs),
    str(o, 'preemptionPolicy'),
  ],
};

export const runtimeClassPrinter: Printer = {
  columns: [
    nameCol(),
    col('Handler', 'handler specifies the underlying runtime and configuration that the CRI implementation will use.'),
    ageCol(),
  ],
  cells: (o, nowMs) => [name(o), str(o, 'handler'), age(o, nowMs)],
};

export const componentStatusPrinter: Printer = {
  columns: [
    nameCol(),
    col('Status', 'Status of the component conditions'),
    col('Message', 'Message of the component conditions'),
    col('Error', 'Error of the component conditions'),
  ],
  cells(o) {
    const c = objs(o, 'conditions').find((x) => str(x, 'type') === 'Healthy');
    if (!c) return [name(o), 'Unknown', '', ''];
    return [name(o), str(c, 'status') === 'True' ? 'Healthy' : 'Unhealthy', str(c, 'message'), str(c, 'error')];
  },
};

/** Denied / Approved / Pending, then `,Failed` and `,Issued`. */
function csrCondition(o: KubeObject): string {
  const types = new Set(objs(status(o), 'conditions').map((c) => str(c, 'type')));
  let s = types.has('Denied') ? 'Denied' : types.has('Approved') ? 'Approved' : 'Pending';
  if (types.has('Failed')) s += ',Failed';
  if (str(status(o), 'certificate') !== '') s += ',Issued';
  return s;
}

export const csrPrinter: Printer = {
  columns: [
    nameCol(),
    ageCol(),
    col('SignerName', 'signerName indicates the requested signer, and is a qualified name.'),
    col('Requestor', 'username contains the name of the user that created the CertificateSigningRequest.'),
    col('RequestedDuration', 'expirationSeconds is the requested duration of validity of the issued certificate.'),
    col('Condition', 'conditions applied to the request.'),
  ],
  cells(o, nowMs) {
    const seconds = optNum(spec(o), 'expirationSeconds');
    return [
      name(o),
      age(o, nowMs),
      str(spec(o), 'signerName') || '<none>',
      str(spec(o), 'username'),
      seconds === undefined ? '<none>' : humanDuration(seconds * 1000),
      csrCondition(o),
    ];
  },
};

/** rbac.SubjectsStrings: users, groups and `namespace/name` service accounts. */
function subjectCells(o: KubeObject): TableCell[] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of objs(o, 'subjects')) {
    const kind = str(s, 'kind');
    if (kind === 'ServiceAccount') sas.push(`${str(s, 'namespace')}/${str(s, 'name')}`);
    else if (kind === 'User') users.push(str(s, 'name'));
    else if (kind === 'Group') groups.push(str(s, 'name'));
  }
  return [users.join(', '), groups.join(', '), sas.join(', ')];
}

function roleBindingPrinter(what: string): Printer {
  return {
    columns: [
      nameCol(),
      col('Role', 'RoleRef can only reference the current namespace.'),
      ageCol(),
      col('Users', `Users in the ${what}`, { wide: true }),
      col('Groups', `Groups in the ${what}`, { wide: true }),
      col('ServiceAccounts', `ServiceAccounts in the ${what}`, { wide: true }),
    ],
    cells(o, nowMs) {
      const ref = obj(o, 'roleRef');
      return [name(o), `${str(ref, 'kind')}/${str(ref, 'name')}`, age(o, nowMs), ...subjectCells(o)];
    },
  };
}

export const roleBindingTablePrinter = roleBindingPrinter('roleBinding');
export const clusterRoleBindingTablePrinter = roleBindingPrinter('clusterRoleBinding');

export const webhookConfigurationPrinter: Printer = {
  columns: [
    nameCol(),
    col('Webhooks', 'Webhooks indicates the number of webhooks registered in this configuration', { type: 'integer' }),
    ageCol(),
  ],
  cells: (o, nowMs) => [name(o), arr(o, 'webhooks').length, age(o, nowMs)],
};

export const validatingAdmissionPolicyPrinter: Printer = {
  columns: [
    nameCol(),
    col('Validations', 'Validations indicates the number of validation rules defined in this configuration', {
      type: 'integer',
    }),
    col('ParamKind', 'ParamKind specifies the kind of resources used to parameterize this policy'),
    ageCol(),
  ],
  cells(o, nowMs) {
    const pk = optObj(spec(o), 'paramKind');
    const paramKind = pk ? `${str(pk, 'apiVersion')}/${str(pk, 'kind')}` : '<unset>';
    return [name(o), arr(spec(o), 'validations').length, paramKind, age(o, nowMs)];
  },
};

export const validatingAdmissionPolicyBindingPrinter: Printer = {
  columns: [
    nameCol(),
    col('PolicyName', 'PolicyName indicates the policy definition which the policy binding binded to'),
    col('ParamRef', 'ParamRef indicates the param resource which sets the configration param'),
    ageCol(),
  ],
  cells(o, nowMs) {
    const pr = optObj(spec(o), 'paramRef');
    let param = '<unset>';
    if (pr && str(pr, 'name') !== '') param = `${str(pr, 'namespace') || '*'}/${str(pr, 'name')}`;
    return [name(o), str(spec(o), 'policyName'), param, age(o, nowMs)];
  },
};

export const flowSchemaPrinter: Printer = {
  columns: [
    nameCol(),
    col('PriorityLevel', '`name` is the name of the priority level configuration being referenced'),
    col(
      'MatchingPrecedence',
      '`matchingPrecedence` is used to choose among the FlowSchemas that match a given request.',
    ),
    col(
      'DistinguisherMethod',
      '`distinguisherMethod` defines how to compute the flow distinguisher for requests that match this schema.',
    ),
    ageCol(),
    col('MissingPL', 'references a broken or non-existent PriorityLevelConfiguration'),
  ],
  cells(o, nowMs) {
    const dangling = objs(status(o), 'conditions').find((c) => str(c, 'type') === 'Dangling');
    const method = optObj(spec(o), 'distinguisherMethod');
    return [
      name(o),
      str(obj(spec(o), 'priorityLevelConfiguration'), 'name'),
      num(spec(o), 'matchingPrecedence'),
      method ? str(method, 'type') : '<none>',
      age(o, nowMs),
      dangling ? str(dangling, 'status') : '?',
    ];
  },
};

export const priorityLevelPrinter: Printer = {
  columns: [
    nameCol(),
    col('Type', '`type` indicates whether this priority level is subject to limitation on request execution.'),
    col(
      'NominalConcurrencyShares',
      '`nominalConcurrencyShares` (NCS) contributes to the computation of the NominalConcurrencyLimit (NominalCL) of this level.',
    ),
    col('Queues', '`queues` is the number of queues for this priority level.'),
    col(
      'HandSize',
      '`handSize` is a small positive number that configures the shuffle sharding of requests into queues.',
    ),
    col(
      'QueueLengthLimit',
      '`queueLengthLimit` is the maximum number of requests allowed to be waiting in a given queue of this priority level at a time.',
    ),
    ageCol(),
  ],
  cells(o, nowMs) {
    const limited = optObj(spec(o), 'limited');
    const queuing = limited ? optObj(obj(limited, 'limitResponse'), 'queuing') : undefined;
    const or = (v: J | undefined, k: string): TableCell => (v ? num(v, k) : '<none>');
    return [
      name(o),
      optStr(spec(o), 'type') ?? '',
      or(limited, 'nominalConcurrencyShares'),
      or(queuing, 'queues'),
      or(queuing, 'handSize'),
      or(queuing, 'queueLengthLimit'),
      age(o, nowMs),
    ];
  },
};
