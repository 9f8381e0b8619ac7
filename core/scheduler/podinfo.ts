/**
 * PodInfo: everything the scheduler needs from a Pod, parsed once
 * (framework.PodInfo plus the requests NodeInfo sums, see resources.ts).
 */
import type { KubeObject } from '../api/types.ts';
import { isObject } from '../api/types.ts';
import type { Labels, NodeSelectorTerm, Selector } from './labels.ts';
import { NOTHING, addRequirements, compileLabelSelector, compileNodeSelectorTerms, selectorMatches } from './labels.ts';
import type { Resources } from './resources.ts';
export type { Resources } from './resources.ts';
import { podRequests } from './resources.ts';

export interface Toleration {
  readonly key: string;
  readonly operator: string;
  readonly value: string;
  readonly effect: string;
}

export interface HostPort {
  readonly ip: string;
  readonly protocol: string;
  readonly port: number;
}

/** framework.AffinityTerm: selector, namespaces (own namespace by default) and namespaceSelector. */
export interface AffinityTerm {
  readonly selector: Selector;
  readonly namespaces: ReadonlySet<string>;
  readonly namespaceSelector: Selector;
  readonly topologyKey: string;
  readonly weight: number;
}

/** A topology spread constraint as the pod states it (its matchLabelKeys merged into the selector). */
export interface SpreadConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly whenUnsatisfiable: string;
  readonly selector: Selector;
  readonly minDomains: number;
  readonly nodeAffinityPolicy: string;
  readonly nodeTaintsPolicy: string;
}

export interface PreferredNodeTerm {
  readonly weight: number;
  readonly term: NodeSelectorTerm;
}

export interface PodInfo {
  readonly pod: KubeObject;
  /** uid, or namespace/name when the pod has none yet. */
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly labels: Labels;
  /** spec.nodeName as the pod states it (where the cache placed it: SchedulerCache.nodeOf). */
  readonly nodeName: string;
  readonly priority: number;
  readonly terminating: boolean;
  readonly requests: Resources;
  readonly nonZeroCPU: number;
  readonly nonZeroMemory: number;
  readonly hostPorts: readonly HostPort[];
  readonly tolerations: readonly Toleration[];
  readonly nodeSelector: Labels | null;
  /** Required node affinity terms, or null when the pod has none. */
  readonly requiredNodeTerms: readonly NodeSelectorTerm[] | null;
  readonly preferredNodeTerms: readonly PreferredNodeTerm[];
  readonly requiredAffinity: readonly AffinityTerm[];
  readonly requiredAntiAffinity: readonly AffinityTerm[];
  readonly preferredAffinity: readonly AffinityTerm[];
  readonly preferredAntiAffinity: readonly AffinityTerm[];
  readonly spreadConstraints: readonly SpreadConstraint[];
  /** Images of init and regular containers, normalized with ":latest". */
  readonly images: readonly string[];
  readonly containerCount: number;
  /** The controller ownerReference, if any. */
  readonly controller: { readonly kind: string; readonly apiVersion: string; readonly name: string } | null;
  readonly preemptionPolicy: string;
  readonly schedulingGates: number;
  readonly nominatedNodeName: string;
  readonly startTime: string;
}

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (isObject(v) ? v : {});
const asArray = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObject) : []);
const asLabels = (v: unknown): Labels => {
  if (!isObject(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) out[k] = String(x);
  return out;
};

function parseTolerations(raw: unknown): Toleration[] {
  return asArray(raw).map((t) => ({
    key: String(t.key ?? ''),
    operator: String(t.operator ?? ''),
    value: String(t.value ?? ''),
    effect: String(t.effect ?? ''),
  }));
}

function parseHostPorts(spec: Obj): HostPort[] {
  const out: HostPort[] = [];
  const sidecars = asArray(spec.initContainers).filter((c) => c.restartPolicy === 'Always');
  for (const c of asArray(spec.containers).concat(sidecars)) {
    for (const p of asArray(c.ports)) {
      const port = Number(p.hostPort ?? 0);
      if (!port) continue;
      out.push({ ip: String(p.hostIP || '0.0.0.0'), protocol: String(p.protocol || 'TCP'), port });
    }
  }
  return out;
}

/**
 * A term's labelSelector with its matchLabelKeys / mismatchLabelKeys (KEP-3633;
 * topology spread has only the first): `key In (pod's value)` and `key NotIn
 * (pod's value)` ANDed in; keys the pod lacks are ignored, and a missing
 * labelSelector stays "nothing".
 */
function termSelector(raw: Obj, labels: Labels): Selector {
  const selector = compileLabelSelector(raw.labelSelector);
  const keys = (v: unknown) =>
    Array.isArray(v) ? [...new Set(v.map(String))].filter((k) => labels[k] !== undefined) : [];
  const match = keys(raw.matchLabelKeys);
  const mismatch = keys(raw.mismatchLabelKeys);
  if (selector.kind === 'nothing' || match.length + mismatch.length === 0) return selector;
  const value = (k: string) => [labels[k] ?? ''];
  return addRequirements(selector, [
    ...match.map((key) => ({ key, op: 'In' as const, values: value(key), bound: 0 })),
    ...mismatch.map((key) => ({ key, op: 'NotIn' as const, values: value(key), bound: 0 })),
  ]);
}

function affinityTerm(raw: Obj, namespace: string, labels: Labels, weight: number): AffinityTerm {
  const listed = Array.isArray(raw.namespaces) ? raw.namespaces.map(String) : [];
  const hasNsSelector = raw.namespaceSelector !== undefined && raw.namespaceSelector !== null;
  // No namespaces and no namespaceSelector mean "the pod's own namespace".
  const namespaces = new Set(listed.length === 0 && !hasNsSelector ? [namespace] : listed);
  return {
    selector: termSelector(raw, labels),
    namespaces,
    namespaceSelector: hasNsSelector ? compileLabelSelector(raw.namespaceSelector) : NOTHING,
    topologyKey: String(raw.topologyKey ?? ''),
    weight,
  };
}

function parsePodAffinity(affinity: Obj, namespace: string, labels: Labels) {
  const pa = asObj(affinity.podAffinity);
  const anti = asObj(affinity.podAntiAffinity);
  const required = (o: Obj) =>
    asArray(o.requiredDuringSchedulingIgnoredDuringExecution).map((t) => affinityTerm(t, namespace, labels, 1));
  const preferred = (o: Obj) =>
    asArray(o.preferredDuringSchedulingIgnoredDuringExecution).map((w) =>
      affinityTerm(asObj(w.podAffinityTerm), namespace, labels, Number(w.weight ?? 0)),
    );
  return {
    requiredAffinity: required(pa),
    requiredAntiAffinity: required(anti),
    preferredAffinity: preferred(pa),
    preferredAntiAffinity: preferred(anti),
  };
}

function parseNodeAffinity(affinity: Obj) {
  const na = asObj(affinity.nodeAffinity);
  const required = na.requiredDuringSchedulingIgnoredDuringExecution;
  const requiredNodeTerms = isObject(required) ? compileNodeSelectorTerms(required.nodeSelectorTerms) : null;
  const preferredNodeTerms: PreferredNodeTerm[] = [];
  for (const p of asArray(na.preferredDuringSchedulingIgnoredDuringExecution)) {
    const weight = Number(p.weight ?? 0);
    const [term] = compileNodeSelectorTerms([p.preference]);
    // Zero weights and empty preferences are skipped (NewPreferredSchedulingTerms).
    if (weight !== 0 && term) preferredNodeTerms.push({ weight, term });
  }
  return { requiredNodeTerms, preferredNodeTerms };
}

function parseSpread(raw: unknown, labels: Labels): SpreadConstraint[] {
  return asArray(raw).map((c) => ({
    maxSkew: Number(c.maxSkew ?? 1),
    topologyKey: String(c.topologyKey ?? ''),
    whenUnsatisfiable: String(c.whenUnsatisfiable ?? 'DoNotSchedule'),
    selector: termSelector({ labelSelector: c.labelSelector, matchLabelKeys: c.matchLabelKeys }, labels),
    minDomains: c.minDomains === undefined || c.minDomains === null ? 1 : Number(c.minDomains),
    nodeAffinityPolicy: String(c.nodeAffinityPolicy ?? 'Honor'),
    nodeTaintsPolicy: String(c.nodeTaintsPolicy ?? 'Ignore'),
  }));
}

/** imagelocality.normalizedImageName: add ":latest" when the name has no tag. */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

function controllerOf(pod: KubeObject): PodInfo['controller'] {
  const ref = (pod.metadata.ownerReferences ?? []).find((r) => r.controller === true);
  return ref ? { kind: ref.kind, apiVersion: ref.apiVersion, name: ref.name } : null;
}

/** The cache key of a pod: its uid, or namespace/name before it has one. */
export function podKey(pod: KubeObject): string {
  return pod.metadata.uid ?? `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name ?? ''}`;
}

/** Parses a Pod into a PodInfo. */
export function parsePodInfo(pod: KubeObject): PodInfo {
  const spec = asObj(pod.spec);
  const status = asObj(pod.status);
  const meta = pod.metadata;
  const namespace = meta.namespace ?? 'default';
  const labels = asLabels(meta.labels);
  const affinity = asObj(spec.affinity);
  const requests = podRequests(spec, false);
  const nonZero = podRequests(spec, true);
  const containers = asArray(spec.initContainers).concat(asArray(spec.containers));
  const nodeAffinity = parseNodeAffinity(affinity);
  const podAffinity = parsePodAffinity(affinity, namespace, labels);
  return {
    pod,
    key: podKey(pod),
    namespace,
    name: meta.name ?? '',
    labels,
    nodeName: String(spec.nodeName ?? ''),
    priority: Number(spec.priority ?? 0),
    terminating: meta.deletionTimestamp !== undefined && meta.deletionTimestamp !== null,
    requests,
    nonZeroCPU: nonZero.milliCPU,
    nonZeroMemory: nonZero.memory,
    hostPorts: parseHostPorts(spec),
    tolerations: parseTolerations(spec.tolerations),
    nodeSelector: isObject(spec.nodeSelector) ? asLabels(spec.nodeSelector) : null,
    requiredNodeTerms: nodeAffinity.requiredNodeTerms,
    preferredNodeTerms: nodeAffinity.preferredNodeTerms,
    requiredAffinity: podAffinity.requiredAffinity,
    requiredAntiAffinity: podAffinity.requiredAntiAffinity,
    preferredAffinity: podAffinity.preferredAffinity,
    preferredAntiAffinity: podAffinity.preferredAntiAffinity,
    spreadConstraints: parseSpread(spec.topologySpreadConstraints, labels),
    images: containers.map((c) => normalizedImageName(String(c.image ?? ''))),
    containerCount: containers.length,
    controller: controllerOf(pod),
    preemptionPolicy: String(spec.preemptionPolicy ?? 'PreemptLowerPriority'),
    schedulingGates: Array.isArray(spec.schedulingGates) ? spec.schedulingGates.length : 0,
    nominatedNodeName: String(status.nominatedNodeName ?? ''),
    startTime: String(status.startTime ?? ''),
  };
}

/** Does the pod carry any inter-pod (anti-)affinity term (NodeInfo.PodsWithAffinity)? */
export function hasPodAffinity(p: PodInfo): boolean {
  return (
    p.requiredAffinity.length +
      p.requiredAntiAffinity.length +
      p.preferredAffinity.length +
      p.preferredAntiAffinity.length >
    0
  );
}

/** AffinityTerm.Matches: namespace (listed or selected by namespaceSelector) and label selector. */
export function affinityTermMatches(term: AffinityTerm, pod: PodInfo, namespaceLabels: Labels | undefined): boolean {
  const nsOk = term.namespaces.has(pod.namespace) || selectorMatches(term.namespaceSelector, namespaceLabels ?? {});
  return nsOk && selectorMatches(term.selector, pod.labels);
}
