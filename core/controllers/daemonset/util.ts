/**
 * Pure DaemonSet helpers (pkg/controller/daemon/util/daemonset_util.go and the
 * placement part of daemon_controller.go): which nodes should run a daemon
 * pod, the pod template the controller creates (default tolerations, hash and
 * generation labels, node-name affinity), which pods are up to date, and the
 * surge/unavailable arithmetic of the rolling update.
 */
import type { KubeObject } from '../../api/types.ts';
import { deepClone } from '../../util/json.ts';
import { NodeInfo } from '../../scheduler/nodeinfo.ts';
import { parsePodInfo } from '../../scheduler/podinfo.ts';
import { requiredNodeAffinityMatches } from '../../scheduler/plugins/nodeAffinity.ts';
import { findUntoleratedHardTaint } from '../../scheduler/plugins/tolerations.ts';
import { scaled } from '../deployment/arithmetic.ts';
import type { IntOrPercent } from '../deployment/arithmetic.ts';
import { REVISION_HASH_LABEL } from '../history/revisions.ts';
import { nodeNameOf } from '../podutil.ts';

/** extensions.DaemonSetTemplateGenerationKey. */
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
/** The annotation the API server keeps the template generation in (apps/v1). */
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

export type Template = { metadata?: KubeObject['metadata']; spec?: Record<string, unknown> };

export interface DaemonSetSpec {
  selector?: unknown;
  template?: Template;
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  updateStrategy?: {
    type?: string;
    rollingUpdate?: { maxUnavailable?: IntOrPercent; maxSurge?: IntOrPercent };
  };
}

export function specOf(ds: KubeObject): DaemonSetSpec {
  return (ds.spec ?? {}) as DaemonSetSpec;
}

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** AddOrUpdateDaemonPodTolerations: the tolerations every daemon pod gets, in upstream's order. */
export function daemonPodTolerations(hostNetwork: boolean): Toleration[] {
  const t = (key: string, effect: string): Toleration => ({ key, operator: 'Exists', effect });
  return [
    t('node.kubernetes.io/not-ready', 'NoExecute'),
    t('node.kubernetes.io/unreachable', 'NoExecute'),
    t('node.kubernetes.io/disk-pressure', 'NoSchedule'),
    t('node.kubernetes.io/memory-pressure', 'NoSchedule'),
    t('node.kubernetes.io/pid-pressure', 'NoSchedule'),
    t('node.kubernetes.io/unschedulable', 'NoSchedule'),
    ...(hostNetwork ? [t('node.kubernetes.io/network-unavailable', 'NoSchedule')] : []),
  ];
}

/** v1helper.AddOrUpdateTolerationInPodSpec for each default: replace an identical one, else append. */
function withDaemonTolerations(spec: Record<string, unknown>): Toleration[] {
  const out = [...((spec.tolerations as Toleration[] | undefined) ?? [])];
  for (const add of daemonPodTolerations(spec.hostNetwork === true)) {
    const i = out.findIndex(
      (t) =>
        (t.key ?? '') === add.key &&
        (t.operator ?? 'Equal') === add.operator &&
        (t.value ?? '') === '' &&
        (t.effect ?? '') === add.effect,
    );
    if (i >= 0) out[i] = add;
    else out.push(add);
  }
  return out;
}

/**
 * The template generation upstream reads from the DaemonSet (GetTemplateGeneration),
 * kept by the API server in an annotation it bumps on every template change. Where
 * that annotation is missing (our API server does not write it) the current
 * revision number stands in: it also starts at 1 and grows by one per template
 * change (including an undo), but not on other spec changes as generation does.
 */
export function templateGeneration(ds: KubeObject, currentRevision: number): string {
  return ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION] ?? String(currentRevision);
}

/** util.CreatePodTemplate: default tolerations plus the generation and revision hash labels. */
export function createPodTemplate(ds: KubeObject, hash: string, generation: string | undefined): Template {
  const template = deepClone(specOf(ds).template ?? {});
  const spec = template.spec ?? (template.spec = {});
  spec.tolerations = withDaemonTolerations(spec);
  const meta = template.metadata ?? (template.metadata = {});
  meta.labels = {
    ...(meta.labels ?? {}),
    ...(generation !== undefined ? { [TEMPLATE_GENERATION_LABEL]: generation } : {}),
    ...(hash ? { [REVISION_HASH_LABEL]: hash } : {}),
  };
  return template;
}

/**
 * ReplaceDaemonSetPodNodeNameNodeAffinity: the required node affinity becomes a
 * single term `matchFields metadata.name In [node]`; preferred terms stay.
 */
export function pinToNode(affinity: unknown, nodeName: string): Record<string, unknown> {
  const term = { matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] };
  const out = deepClone((affinity ?? {}) as Record<string, unknown>);
  const nodeAffinity = (out.nodeAffinity ?? {}) as Record<string, unknown>;
  const required = (nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution ?? {}) as Record<string, unknown>;
  out.nodeAffinity = {
    ...nodeAffinity,
    requiredDuringSchedulingIgnoredDuringExecution: { ...required, nodeSelectorTerms: [term] },
  };
  return out;
}

/** util.GetTargetNodeName: spec.nodeName, or the node the affinity pins an unscheduled pod to. */
export function targetNodeName(pod: KubeObject): string | undefined {
  const bound = nodeNameOf(pod);
  if (bound) return bound;
  const spec = (pod.spec ?? {}) as {
    affinity?: {
      nodeAffinity?: {
        requiredDuringSchedulingIgnoredDuringExecution?: {
          nodeSelectorTerms?: { matchFields?: { key?: string; operator?: string; values?: string[] }[] }[];
        };
      };
    };
  };
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms)
    for (const f of term.matchFields ?? [])
      if (f.key === 'metadata.name' && f.operator === 'In') return f.values?.length === 1 ? f.values[0] : undefined;
  return undefined;
}

/**
 * NodeShouldRunDaemonPod: [shouldRun, shouldContinueRunning]. The daemon pod
 * (template + default tolerations) must fit the node's name, nodeSelector and
 * required affinity, and tolerate its NoSchedule/NoExecute taints; a pod that
 * tolerates the NoExecute ones may keep running where it may no longer start.
 */
export function nodeShouldRunDaemonPod(node: KubeObject, ds: KubeObject): [boolean, boolean] {
  return daemonPodPlacement(ds)(node);
}

/** nodeShouldRunDaemonPod for many nodes: the daemon pod is parsed once, not once per node. */
export function daemonPodPlacement(ds: KubeObject): (node: KubeObject) => [boolean, boolean] {
  const template = specOf(ds).template ?? {};
  const templateSpec = template.spec ?? {};
  const pod = parsePodInfo({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { ...(template.metadata ?? {}), namespace: ds.metadata.namespace },
    spec: { ...templateSpec, tolerations: withDaemonTolerations(templateSpec) },
  });
  return (node) => {
    const name = node.metadata.name ?? '';
    if (templateSpec.nodeName && templateSpec.nodeName !== name) return [false, false];
    const info = new NodeInfo(name);
    info.setNode(node);
    if (!requiredNodeAffinityMatches(pod, info)) return [false, false];
    if (!findUntoleratedHardTaint(info.taints, pod.tolerations)) return [true, true];
    const noExecute = info.taints.filter((t) => t.effect === 'NoExecute');
    return [false, !findUntoleratedHardTaint(noExecute, pod.tolerations)];
  };
}

/** util.IsPodUpdated: the pod carries the current revision hash or template generation. */
export function isPodUpdated(pod: KubeObject, hash: string, generation: string | undefined): boolean {
  const labels = pod.metadata.labels ?? {};
  const templateMatches = generation !== undefined && labels[TEMPLATE_GENERATION_LABEL] === generation;
  const hashMatches = hash !== '' && labels[REVISION_HASH_LABEL] === hash;
  return hashMatches || templateMatches;
}

/** util.SurgeCount: maxSurge of the desired number, rounded up; 0 unless RollingUpdate. */
export function surgeCount(ds: KubeObject, desired: number): number {
  const strategy = specOf(ds).updateStrategy;
  if (strategy?.type !== 'RollingUpdate' || !strategy.rollingUpdate) return 0;
  return scaled(strategy.rollingUpdate.maxSurge, desired, true);
}

/** util.UnavailableCount: maxUnavailable of the desired number, rounded up; 0 unless RollingUpdate. */
export function unavailableCount(ds: KubeObject, desired: number): number {
  const strategy = specOf(ds).updateStrategy;
  if (strategy?.type !== 'RollingUpdate' || !strategy.rollingUpdate) return 0;
  return scaled(strategy.rollingUpdate.maxUnavailable, desired, true);
}

/** util.AllowsSurge. */
export function allowsSurge(ds: KubeObject): boolean {
  return surgeCount(ds, 1) !== 0;
}

/** podByCreationTimestampAndPhase: scheduled pods first, then oldest, then by name. */
export function byCreationScheduledFirst(a: KubeObject, b: KubeObject): number {
  const sa = nodeNameOf(a) ? 0 : 1;
  const sb = nodeNameOf(b) ? 0 : 1;
  if (sa !== sb) return sa - sb;
  const ta = Date.parse(a.metadata.creationTimestamp ?? '') || 0;
  const tb = Date.parse(b.metadata.creationTimestamp ?? '') || 0;
  if (ta !== tb) return ta - tb;
  return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
}
