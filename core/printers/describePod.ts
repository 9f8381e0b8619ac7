/**
 * `kubectl describe pod` and the pod-template section shared by the
 * workload describers: describePod and DescribePodTemplate of kubectl `pkg/describe/describe.go`.
 */
import type { KubeObject } from '../api/types.ts';
import { formatRFC1123Z, translateTimestampSince } from './duration.ts';
import { num, obj, objs, optNum, optObj, str, strMap, type J } from './json.ts';
import {
  cmp,
  describeEvents,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTolerationsMultiline,
  type PrefixWriter,
} from './describeWriter.ts';
import { describeVolumes } from './describeVolumes.ts';
import { formatLabelSelector } from './labels.ts';
import { canonicalQuantity } from './quantity.ts';
import { describeContainers } from './describeContainers.ts';

/** `Kind/name` of the controlling owner, or ''. */
export function controlledBy(o: KubeObject): string {
  const ref = o.metadata.ownerReferences?.find((r) => r.controller === true);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

export function describePodBody(w: PrefixWriter, pod: KubeObject, events: KubeObject[], nowMs: number): void {
  const spec = obj(pod, 'spec');
  const status = obj(pod, 'status');
  writeHeader(w, pod, spec, status, nowMs);
  const init = objs(spec, 'initContainers');
  if (init.length > 0) describeContainers(w, 'Init Containers', init, objs(status, 'initContainerStatuses'), '', pod);
  describeContainers(w, 'Containers', objs(spec, 'containers'), objs(status, 'containerStatuses'), '', pod);
  writeConditions(w, spec, status);
  describeVolumes(w, objs(spec, 'volumes'), '');
  w.write(0, `QoS Class:\t${str(status, 'qosClass') || computeQOS(spec)}\n`);
  printLabelsMultiline(w, 'Node-Selectors', strMap(spec, 'nodeSelector'));
  printTolerationsMultiline(w, 'Tolerations', objs(spec, 'tolerations'));
  describeTopologySpread(w, objs(spec, 'topologySpreadConstraints'), '');
  describeEvents(w, events, nowMs);
}

function writeHeader(w: PrefixWriter, pod: KubeObject, spec: J, status: J, nowMs: number): void {
  const meta = pod.metadata;
  w.write(0, `Name:\t${meta.name ?? ''}\n`);
  w.write(0, `Namespace:\t${meta.namespace ?? ''}\n`);
  const priority = optNum(spec, 'priority');
  if (priority !== undefined) w.write(0, `Priority:\t${priority}\n`);
  if (str(spec, 'priorityClassName')) w.write(0, `Priority Class Name:\t${str(spec, 'priorityClassName')}\n`);
  if (str(spec, 'runtimeClassName')) w.write(0, `Runtime Class Name:\t${str(spec, 'runtimeClassName')}\n`);
  if (str(spec, 'serviceAccountName')) w.write(0, `Service Account:\t${str(spec, 'serviceAccountName')}\n`);
  const node = str(spec, 'nodeName');
  w.write(0, node === '' ? 'Node:\t<none>\n' : `Node:\t${node}/${str(status, 'hostIP')}\n`);
  if (str(status, 'startTime')) w.write(0, `Start Time:\t${formatRFC1123Z(str(status, 'startTime'))}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  const phase = str(status, 'phase');
  if (meta.deletionTimestamp !== undefined && phase !== 'Failed' && phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${translateTimestampSince(meta.deletionTimestamp, nowMs)})\n`);
    w.write(0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(0, `Status:\t${phase}\n`);
  }
  if (str(status, 'reason')) w.write(0, `Reason:\t${str(status, 'reason')}\n`);
  if (str(status, 'message')) w.write(0, `Message:\t${str(status, 'message')}\n`);
  w.write(0, `IP:\t${str(status, 'podIP')}\n`);
  const ips = objs(status, 'podIPs');
  if (ips.length === 0) w.write(0, 'IPs:\t<none>\n');
  else {
    w.write(0, 'IPs:\n');
    for (const ip of ips) w.write(1, `IP:\t${str(ip, 'ip')}\n`);
  }
  const owner = controlledBy(pod);
  if (owner) w.write(0, `Controlled By:\t${owner}\n`);
  if (str(status, 'nominatedNodeName')) w.write(0, `NominatedNodeName:\t${str(status, 'nominatedNodeName')}\n`);
}

function writeConditions(w: PrefixWriter, spec: J, status: J): void {
  const conditions = objs(status, 'conditions');
  const gates = objs(spec, 'readinessGates');
  if (gates.length > 0) {
    w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of gates) {
      const c = conditions.find((x) => str(x, 'type') === str(g, 'conditionType'));
      w.write(1, `${str(g, 'conditionType')} \t${c ? str(c, 'status') : '<none>'} \n`);
    }
  }
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of conditions) w.write(1, `${str(c, 'type')} \t${str(c, 'status')} \n`);
  }
}

export function describeTopologySpread(w: PrefixWriter, tscs: J[], space: string): void {
  if (tscs.length === 0) return;
  w.write(0, `${space}Topology Spread Constraints:\t`);
  [...tscs]
    .sort((a, b) => cmp(str(a, 'topologyKey'), str(b, 'topologyKey')))
    .forEach((t, i) => {
      if (i !== 0) w.write(0, `${space}\t`);
      const selector = optObj(t, 'labelSelector');
      const sel = selector ? ` for selector ${formatLabelSelector(selector)}` : '';
      w.write(
        0,
        `${str(t, 'topologyKey')}:${str(t, 'whenUnsatisfiable')} when max skew ${num(t, 'maxSkew')} is exceeded${sel}\n`,
      );
    });
}

/** DescribePodTemplate: the `Pod Template:` block of Deployment, ReplicaSet, Job. */
export function describePodTemplate(w: PrefixWriter, template: J | undefined): void {
  w.write(0, 'Pod Template:\n');
  if (!template) {
    w.write(1, '<unset>');
    return;
  }
  const meta = obj(template, 'metadata');
  const spec = obj(template, 'spec');
  printLabelsMultiline(w, '  Labels', strMap(meta, 'labels'));
  const annotations = strMap(meta, 'annotations');
  if (Object.keys(annotations).length > 0) printAnnotationsMultiline(w, '  Annotations', annotations);
  if (str(spec, 'serviceAccountName')) w.write(1, `Service Account:\t${str(spec, 'serviceAccountName')}\n`);
  const init = objs(spec, 'initContainers');
  if (init.length > 0) describeContainers(w, 'Init Containers', init, null, '  ');
  describeContainers(w, 'Containers', objs(spec, 'containers'), null, '  ');
  describeVolumes(w, objs(spec, 'volumes'), '  ');
  describeTopologySpread(w, objs(spec, 'topologySpreadConstraints'), '  ');
  if (str(spec, 'priorityClassName')) w.write(1, `Priority Class Name:\t${str(spec, 'priorityClassName')}\n`);
  printLabelsMultiline(w, '  Node-Selectors', strMap(spec, 'nodeSelector'));
  printTolerationsMultiline(w, '  Tolerations', objs(spec, 'tolerations'));
}

/** ComputePodQOS for pods whose status has no qosClass yet. */
function computeQOS(spec: J): string {
  const containers = [...objs(spec, 'initContainers'), ...objs(spec, 'containers')];
  const classes = containers.map((c) => containerQOS(obj(c, 'resources')));
  if (classes.length === 0) return 'BestEffort';
  if (classes.includes('Burstable')) return 'Burstable';
  return classes.every((c) => c === classes[0]) ? (classes[0] ?? 'BestEffort') : 'Burstable';
}

function containerQOS(resources: J): string {
  const req = strMap(resources, 'requests');
  const lim = strMap(resources, 'limits');
  if (Object.keys(req).length === 0 && Object.keys(lim).length === 0) return 'BestEffort';
  const shapes = ['cpu', 'memory'].map((r) => {
    const a = canonicalQuantity(req[r] ?? '0');
    const b = canonicalQuantity(lim[r] ?? '0');
    if (a !== b) return 'Burstable';
    return a === '0' ? 'BestEffort' : 'Guaranteed';
  });
  return shapes[0] === shapes[1] ? (shapes[0] ?? 'Burstable') : 'Burstable';
}
