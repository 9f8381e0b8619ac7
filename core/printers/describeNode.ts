/**
 * `kubectl describe node` (describeNode in kubectl `pkg/describe/describe.go`,
 * kubectl 1.33), with the `Non-terminated Pods` and `Allocated resources`
 * sections: per-pod requests and limits as a percentage of allocatable.
 */
import type { KubeObject } from '../api/types.ts';
import { formatRFC1123Z, translateTimestampSince } from './duration.ts';
import { obj, objs, optStr, str, strMap, strs, type J } from './json.ts';
import {
  describeEvents,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTaintsMultiline,
  type PrefixWriter,
} from './describeWriter.ts';
import { nodeRoles } from './cluster.ts';
import {
  addQuantity,
  canonicalQuantity,
  formatQuantity,
  parseQuantity,
  zeroQuantity,
  type Quantity,
} from './quantity.ts';

type ResourceList = Map<string, Quantity>;

/** Sum two lists; a resource's format is that of its first term. */
function addLists(a: ResourceList, b: ResourceList): ResourceList {
  const out = new Map(a);
  for (const [k, v] of b) out.set(k, out.has(k) ? addQuantity(out.get(k) ?? v, v) : v);
  return out;
}

/** Per resource, the larger of two lists (init containers run one at a time). */
function maxLists(a: ResourceList, b: ResourceList): ResourceList {
  const out = new Map(a);
  for (const [k, v] of b) if (!out.has(k) || (out.get(k)?.milli ?? 0) < v.milli) out.set(k, v);
  return out;
}

function parseList(resources: J, field: string): ResourceList {
  const out: ResourceList = new Map();
  for (const [k, v] of Object.entries(strMap(resources, field))) {
    const q = parseQuantity(v);
    if (q) out.set(k, q);
  }
  return out;
}

/**
 * resourcehelper.PodRequests / PodLimits, simplified: containers and
 * sidecars add up; each other init container only raises the maximum; the
 * pod overhead is added on top.
 */
export function podResources(pod: KubeObject, field: 'requests' | 'limits'): ResourceList {
  const spec = obj(pod, 'spec');
  let sum: ResourceList = new Map();
  for (const c of objs(spec, 'containers')) sum = addLists(sum, parseList(obj(c, 'resources'), field));
  for (const c of objs(spec, 'initContainers')) {
    const list = parseList(obj(c, 'resources'), field);
    sum = str(c, 'restartPolicy') === 'Always' ? addLists(sum, list) : maxLists(sum, list);
  }
  return addLists(sum, parseList(spec, 'overhead'));
}

const pct = (part: Quantity | undefined, whole: Quantity | undefined): number => {
  const w = whole?.milli ?? 0;
  return w === 0 ? 0 : Math.trunc(((part?.milli ?? 0) / w) * 100);
};
const q = (list: ResourceList, k: string, binary = false): Quantity =>
  list.get(k) ?? zeroQuantity(binary ? 'BinarySI' : 'DecimalSI');
const cell = (list: ResourceList, k: string, alloc: ResourceList): string =>
  `${formatQuantity(q(list, k))} (${pct(list.get(k), alloc.get(k))}%)`;

export function describeNodeResource(w: PrefixWriter, node: KubeObject, pods: KubeObject[], nowMs: number): void {
  const status = obj(node, 'status');
  const allocatable =
    Object.keys(strMap(status, 'allocatable')).length > 0
      ? parseList(status, 'allocatable')
      : parseList(status, 'capacity');
  const running = pods.filter((p) => {
    const phase = str(obj(p, 'status'), 'phase');
    return str(obj(p, 'spec'), 'nodeName') === node.metadata.name && phase !== 'Succeeded' && phase !== 'Failed';
  });
  w.write(0, `Non-terminated Pods:\t(${running.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  let reqs: ResourceList = new Map();
  let limits: ResourceList = new Map();
  for (const pod of running) {
    const r = podResources(pod, 'requests');
    const l = podResources(pod, 'limits');
    reqs = addLists(reqs, r);
    limits = addLists(limits, l);
    const age = translateTimestampSince(pod.metadata.creationTimestamp, nowMs);
    w.write(
      1,
      `${pod.metadata.namespace ?? ''}\t${pod.metadata.name ?? ''}\t\t${cell(r, 'cpu', allocatable)}\t${cell(l, 'cpu', allocatable)}\t${cell(r, 'memory', allocatable)}\t${cell(l, 'memory', allocatable)}\t${age}\n`,
    );
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    w.write(1, `${r}\t${cell(reqs, r, allocatable)}\t${cell(limits, r, allocatable)}\n`);
  }
  const hugePages = [...allocatable.keys()].filter((k) => k.startsWith('hugepages-')).sort();
  for (const r of hugePages) w.write(1, `${r}\t${cell(reqs, r, allocatable)}\t${cell(limits, r, allocatable)}\n`);
}

export interface NodeRelated {
  pods: KubeObject[];
  lease?: KubeObject;
}

export function describeNodeBody(
  w: PrefixWriter,
  node: KubeObject,
  related: NodeRelated,
  events: KubeObject[],
  nowMs: number,
): void {
  const spec = obj(node, 'spec');
  const status = obj(node, 'status');
  w.write(0, `Name:\t${node.metadata.name ?? ''}\n`);
  w.write(0, `Roles:\t${nodeRoles(node).join(',') || '<none>'}\n`);
  printLabelsMultiline(w, 'Labels', node.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', node.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${formatRFC1123Z(node.metadata.creationTimestamp)}\n`);
  printTaintsMultiline(w, 'Taints', objs(spec, 'taints'));
  w.write(0, `Unschedulable:\t${spec['unschedulable'] === true}\n`);
  writeLease(w, node.metadata.name ?? '', related.lease);
  writeNodeConditions(w, objs(status, 'conditions'));
  w.write(0, 'Addresses:\n');
  for (const a of objs(status, 'addresses')) w.write(1, `${str(a, 'type')}:\t${str(a, 'address')}\n`);
  for (const [field, title] of [
    ['capacity', 'Capacity'],
    ['allocatable', 'Allocatable'],
  ] as const) {
    const list = strMap(status, field);
    if (Object.keys(list).length === 0) continue;
    w.write(0, `${title}:\n`);
    for (const r of Object.keys(list).sort()) w.write(0, `  ${r}:\t${canonicalQuantity(list[r] ?? '')}\n`);
  }
  writeSystemInfo(w, obj(status, 'nodeInfo'));
  if (str(spec, 'podCIDR')) w.write(0, `PodCIDR:\t${str(spec, 'podCIDR')}\n`);
  if (strs(spec, 'podCIDRs').length > 0) w.write(0, `PodCIDRs:\t${strs(spec, 'podCIDRs').join(',')}\n`);
  if (str(spec, 'providerID')) w.write(0, `ProviderID:\t${str(spec, 'providerID')}\n`);
  describeNodeResource(w, node, related.pods, nowMs);
  describeEvents(w, events, nowMs);
}

function writeLease(w: PrefixWriter, nodeName: string, lease: KubeObject | undefined): void {
  if (!lease) {
    w.write(0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${nodeName}" not found\n`);
    return;
  }
  const spec = obj(lease, 'spec');
  w.write(0, 'Lease:\n');
  w.write(1, `HolderIdentity:\t${optStr(spec, 'holderIdentity') ?? '<unset>'}\n`);
  w.write(1, `AcquireTime:\t${spec['acquireTime'] ? formatRFC1123Z(spec['acquireTime']) : '<unset>'}\n`);
  w.write(1, `RenewTime:\t${spec['renewTime'] ? formatRFC1123Z(spec['renewTime']) : '<unset>'}\n`);
}

function writeNodeConditions(w: PrefixWriter, conditions: J[]): void {
  if (conditions.length === 0) return;
  w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
  w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
  for (const c of conditions) {
    const hb = formatRFC1123Z(c['lastHeartbeatTime']);
    const tr = formatRFC1123Z(c['lastTransitionTime']);
    w.write(
      1,
      `${str(c, 'type')} \t${str(c, 'status')} \t${hb} \t${tr} \t${str(c, 'reason')} \t${str(c, 'message')}\n`,
    );
  }
}

function writeSystemInfo(w: PrefixWriter, info: J): void {
  const rows: [string, string][] = [
    ['Machine ID', 'machineID'],
    ['System UUID', 'systemUUID'],
    ['Boot ID', 'bootID'],
    ['Kernel Version', 'kernelVersion'],
    ['OS Image', 'osImage'],
    ['Operating System', 'operatingSystem'],
    ['Architecture', 'architecture'],
    ['Container Runtime Version', 'containerRuntimeVersion'],
    ['Kubelet Version', 'kubeletVersion'],
    ['Kube-Proxy Version', 'kubeProxyVersion'],
  ];
  w.write(0, 'System Info:\n');
  for (const [label, field] of rows) w.write(0, `  ${label}:\t${str(info, field)}\n`);
}
