/**
 * `kubectl describe`, computed from objects the caller already has: the
 * dispatcher over the per-kind describers and the generic describer kubectl
 * uses for kinds without one (kubectl `pkg/describe/describe.go`, 1.33).
 * Text layout (padded label columns) comes from a Go tabwriter port.
 */
import type { ResourceType } from '../api/registry.ts';
import type { KubeObject } from '../api/types.ts';
import { isRecord } from './json.ts';
import { describeDeploymentBody, describeJobBody, describeReplicaSetBody } from './describeApps.ts';
import {
  describeConfigMapBody,
  describeNamespaceBody,
  describeSecretBody,
  describeServiceBody,
} from './describeCore.ts';
import { describeCronJobBody, describeDaemonSetBody, describeStatefulSetBody } from './describeControllers.ts';
import { describeIngressBody, describeIngressClassBody } from './describeIngress.ts';
import { describeNodeBody } from './describeNode.ts';
import {
  describeHPABody,
  describeLimitRangeBody,
  describePDBBody,
  describePriorityClassBody,
  describeResourceQuotaBody,
} from './describePolicy.ts';
import { describePVBody, describePVCBody, describeStorageClassBody } from './describeStorage.ts';
import { describePodBody } from './describePod.ts';
import {
  describeEvents,
  eventsFor,
  printAnnotationsMultiline,
  printLabelsMultiline,
  tabbedString,
  type PrefixWriter,
} from './describeWriter.ts';

/** The objects a describer reads besides the one described, as kubectl fetches them. */
export interface DescribeRelated {
  /** Events in the object's namespace (or all); the describer keeps those about the object. */
  events: KubeObject[];
  /** Pods: status counts for ReplicaSets, DaemonSets and StatefulSets, non-terminated pods for Nodes, users of PVCs. */
  pods?: KubeObject[];
  /** ReplicaSets in the Deployment's namespace; owned ones are picked by controller UID. */
  replicaSets?: KubeObject[];
  /** EndpointSlices labelled `kubernetes.io/service-name=<service>` (for an Ingress: all of its namespace). */
  endpointSlices?: KubeObject[];
  /** Services of an Ingress's namespace, for its backends. */
  services?: KubeObject[];
  /** The node's Lease in kube-node-lease. */
  lease?: KubeObject;
  resourceQuotas?: KubeObject[];
  limitRanges?: KubeObject[];
}

/** The describe text of `obj` (a `resource`) at virtual time `nowMs`. */
export function describe(resource: ResourceType, obj: KubeObject, related: DescribeRelated, nowMs: number): string {
  return tabbedString((w) => describeInto(w, resource, obj, related, nowMs));
}

function describeInto(
  w: PrefixWriter,
  resource: ResourceType,
  obj: KubeObject,
  related: DescribeRelated,
  nowMs: number,
): void {
  const extraUids = resource.kind === 'Node' && obj.metadata.name ? [obj.metadata.name] : [];
  // The kubelet reports node events with the node name as uid, so kubectl searches both.
  const events = eventsFor(obj, related.events, extraUids);
  switch (`${resource.group}/${resource.kind}`) {
    case '/Pod':
      return describePodBody(w, obj, events, nowMs);
    case 'apps/Deployment':
      return describeDeploymentBody(w, obj, related.replicaSets ?? [], events, nowMs);
    case 'apps/ReplicaSet':
      return describeReplicaSetBody(w, obj, related.pods ?? [], events, nowMs);
    case 'apps/DaemonSet':
      return describeDaemonSetBody(w, obj, related.pods ?? [], events, nowMs);
    case 'apps/StatefulSet':
      return describeStatefulSetBody(w, obj, related.pods ?? [], events, nowMs);
    case 'batch/Job':
      return describeJobBody(w, obj, events, nowMs);
    case 'batch/CronJob':
      return describeCronJobBody(w, obj, events, nowMs);
    case 'autoscaling/HorizontalPodAutoscaler':
      return describeHPABody(w, obj, events, nowMs);
    case 'policy/PodDisruptionBudget':
      return describePDBBody(w, obj, events, nowMs);
    case 'scheduling.k8s.io/PriorityClass':
      return describePriorityClassBody(w, obj, events, nowMs);
    case '/ResourceQuota':
      return describeResourceQuotaBody(w, obj);
    case '/LimitRange':
      return describeLimitRangeBody(w, obj);
    case '/Service':
      return describeServiceBody(w, obj, related.endpointSlices ?? [], events, nowMs);
    case 'networking.k8s.io/Ingress':
      return describeIngressBody(
        w,
        obj,
        { services: related.services ?? [], endpointSlices: related.endpointSlices ?? [] },
        events,
        nowMs,
      );
    case 'networking.k8s.io/IngressClass':
      return describeIngressClassBody(w, obj, events, nowMs);
    case '/Node':
      return describeNodeBody(w, obj, { pods: related.pods ?? [], lease: related.lease }, events, nowMs);
    case '/Namespace':
      return describeNamespaceBody(w, obj, related);
    case '/ConfigMap':
      return describeConfigMapBody(w, obj, events, nowMs);
    case '/Secret':
      return describeSecretBody(w, obj);
    case '/PersistentVolumeClaim':
      return describePVCBody(w, obj, related.pods ?? [], events, nowMs);
    case '/PersistentVolume':
      return describePVBody(w, obj, events, nowMs);
    case 'storage.k8s.io/StorageClass':
      return describeStorageClassBody(w, obj, events, nowMs);
    default:
      return describeGeneric(w, obj, events, nowMs);
  }
}

const SKIPPED = new Set([
  '.metadata.managedFields',
  '.metadata.name',
  '.metadata.namespace',
  '.metadata.labels',
  '.metadata.annotations',
]);

/** The generic describer: header, then every field in sorted order with smart labels. */
function describeGeneric(w: PrefixWriter, obj: KubeObject, events: KubeObject[], nowMs: number): void {
  w.write(0, `Name:\t${obj.metadata.name ?? ''}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  printUnstructured(w, 0, obj, '');
  describeEvents(w, events, nowMs);
}

function printUnstructured(w: PrefixWriter, level: number, content: Record<string, unknown>, prefix: string): void {
  for (const field of Object.keys(content).sort()) {
    const path = `${prefix}.${field}`;
    if (SKIPPED.has(path)) continue;
    const value = content[field];
    if (isRecord(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printUnstructured(w, level + 1, value, path);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (isRecord(child)) printUnstructured(w, level + 1, child, path);
        else w.write(level + 1, `${goValue(child)}\n`);
      }
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${goValue(value)}\n`);
    }
  }
}

/** fmt %v of a JSON scalar. */
const goValue = (v: unknown): string => (v === null || v === undefined ? '<nil>' : String(v));

const ACRONYMS = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);

/** `apiVersion` → `API Version`, `podIP` → `Pod IP`; names with digits or symbols stay as they are. */
export function smartLabelFor(field: string): string {
  if (/[^\p{L}-]/u.test(field)) return field;
  return camelcaseSplit(field)
    .filter((p) => p !== '_')
    .map((p) => (ACRONYMS.has(p.toUpperCase()) ? p.toUpperCase() : p.charAt(0).toUpperCase() + p.slice(1)))
    .join(' ');
}

/** fatih/camelcase Split: runs of lower, upper and other letters; `HTTPServer` → HTTP, Server. */
function camelcaseSplit(s: string): string[] {
  const kind = (ch: string): number => (/\p{Ll}/u.test(ch) ? 1 : /\p{Lu}/u.test(ch) ? 2 : /\p{N}/u.test(ch) ? 3 : 4);
  const runs: string[][] = [];
  let last = 0;
  for (const ch of s) {
    const k = kind(ch);
    if (k === last && runs.length > 0) runs[runs.length - 1]?.push(ch);
    else runs.push([ch]);
    last = k;
  }
  // An upper run followed by a lower run gives its last letter to the next word.
  for (let i = 0; i < runs.length - 1; i++) {
    const cur = runs[i] ?? [];
    const next = runs[i + 1] ?? [];
    if (kind(cur[0] ?? '') === 2 && kind(next[0] ?? '') === 1) {
      const moved = cur.pop();
      if (moved !== undefined) next.unshift(moved);
    }
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(''));
}
