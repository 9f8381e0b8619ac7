/**
 * A StatefulSet pod's stable identity and storage (stateful_set_utils.go):
 * ordinal names `<set>-<n>`, the identity labels, hostname and subdomain,
 * claims named `<template>-<set>-<n>`, and the pod facts the ordered
 * policies wait on (created, running and ready, available, terminating).
 */
import type { KubeObject } from '../../api/types.ts';
import { deepClone } from '../../util/json.ts';
import { REVISION_HASH_LABEL } from '../history/revisions.ts';
import { isPodAvailable, isPodReady, podPhase } from '../podutil.ts';
import { labelsOf } from '../labels.ts';
import { newControllerRef } from '../runtime/types.ts';

/** apps.StatefulSetPodNameLabel and apps.PodIndexLabel (PodIndexLabel is GA). */
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export { REVISION_HASH_LABEL };

type Template = { metadata?: KubeObject['metadata']; spec?: Record<string, unknown> };

interface ClaimTemplate {
  metadata?: KubeObject['metadata'];
  spec?: unknown;
}

export interface StatefulSetSpec {
  replicas?: number;
  serviceName?: string;
  podManagementPolicy?: 'OrderedReady' | 'Parallel';
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  ordinals?: { start?: number };
  selector?: { matchLabels?: Record<string, string> };
  template?: Template;
  volumeClaimTemplates?: ClaimTemplate[];
  updateStrategy?: { type?: 'RollingUpdate' | 'OnDelete'; rollingUpdate?: { partition?: number } };
  persistentVolumeClaimRetentionPolicy?: { whenDeleted?: string; whenScaled?: string };
}

export function specOf(set: KubeObject): StatefulSetSpec {
  return (set.spec ?? {}) as StatefulSetSpec;
}

/** `web-12` → ['web', 12]; names without a trailing ordinal give -1 (getParentNameAndOrdinal). */
export function parentAndOrdinal(pod: KubeObject): [parent: string, ordinal: number] {
  const m = /^(.*)-([0-9]+)$/.exec(pod.metadata.name ?? '');
  if (!m) return ['', -1];
  const n = Number(m[2]);
  return [m[1]!, n <= 0x7fffffff ? n : -1];
}

export function ordinalOf(pod: KubeObject): number {
  return parentAndOrdinal(pod)[1];
}

export function isMemberOf(set: KubeObject, pod: KubeObject): boolean {
  return parentAndOrdinal(pod)[0] === set.metadata.name;
}

export function podName(set: KubeObject, ordinal: number): string {
  return `${set.metadata.name ?? ''}-${ordinal}`;
}

export function claimName(set: KubeObject, template: ClaimTemplate, ordinal: number): string {
  return `${template.metadata?.name ?? ''}-${set.metadata.name ?? ''}-${ordinal}`;
}

/** getStartOrdinal / getEndOrdinal: `spec.ordinals.start` up to start + replicas - 1. */
export function ordinalRange(set: KubeObject): [start: number, end: number] {
  const spec = specOf(set);
  const start = spec.ordinals?.start ?? 0;
  return [start, start + (spec.replicas ?? 1) - 1];
}

export function inOrdinalRange(set: KubeObject, pod: KubeObject): boolean {
  const [start, end] = ordinalRange(set);
  const ord = ordinalOf(pod);
  return ord >= start && ord <= end;
}

/** The name label is what a learner can break; identityMatches puts it back. */
export function identityMatches(set: KubeObject, pod: KubeObject): boolean {
  const [parent, ordinal] = parentAndOrdinal(pod);
  return (
    ordinal >= 0 &&
    parent === set.metadata.name &&
    pod.metadata.namespace === set.metadata.namespace &&
    labelsOf(pod)[POD_NAME_LABEL] === pod.metadata.name
  );
}

/** updateIdentity on a copy: the name and index labels. */
export function withIdentity(pod: KubeObject): KubeObject {
  const labels = {
    ...labelsOf(pod),
    [POD_NAME_LABEL]: pod.metadata.name ?? '',
    [POD_INDEX_LABEL]: String(ordinalOf(pod)),
  };
  return { ...pod, metadata: { ...pod.metadata, labels } };
}

/** The claims of the pod with this ordinal (getPersistentVolumeClaims): template name → claim. */
export function claimsFor(set: KubeObject, ordinal: number): Map<string, KubeObject> {
  const spec = specOf(set);
  const out = new Map<string, KubeObject>();
  for (const t of spec.volumeClaimTemplates ?? []) {
    const meta = deepClone(t.metadata ?? {});
    delete meta.creationTimestamp;
    out.set(t.metadata?.name ?? '', {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        ...meta,
        name: claimName(set, t, ordinal),
        namespace: set.metadata.namespace,
        labels: { ...(meta.labels ?? {}), ...(spec.selector?.matchLabels ?? {}) },
      },
      spec: deepClone(t.spec ?? {}),
    });
  }
  return out;
}

/** The pod of `ordinal` built from `template` (newStatefulSetPod + setPodRevision). */
export function newStatefulSetPod(set: KubeObject, template: Template, ordinal: number, revision: string): KubeObject {
  const t = deepClone(template);
  const setName = set.metadata.name ?? '';
  const name = podName(set, ordinal);
  const claims = claimsFor(set, ordinal);
  const volumes = [
    ...[...claims].map(([volume, claim]) => ({
      name: volume,
      persistentVolumeClaim: { claimName: claim.metadata.name ?? '' },
    })),
    ...((t.spec?.volumes as { name: string }[] | undefined) ?? []).filter((v) => !claims.has(v.name)),
  ];
  const meta = t.metadata ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName: `${setName}-`,
      namespace: set.metadata.namespace,
      labels: {
        ...(meta.labels ?? {}),
        [REVISION_HASH_LABEL]: revision,
        [POD_NAME_LABEL]: name,
        [POD_INDEX_LABEL]: String(ordinal),
      },
      ...(meta.annotations ? { annotations: meta.annotations } : {}),
      ...(meta.finalizers ? { finalizers: meta.finalizers } : {}),
      ownerReferences: [newControllerRef(set, 'apps/v1', 'StatefulSet')],
    },
    spec: {
      ...(t.spec ?? {}),
      ...(volumes.length ? { volumes } : {}),
      hostname: name,
      ...(specOf(set).serviceName ? { subdomain: specOf(set).serviceName } : {}),
    },
  };
}

export function revisionOfPod(pod: KubeObject): string {
  return labelsOf(pod)[REVISION_HASH_LABEL] ?? '';
}

/** isCreated: the API server gave it a phase. A pod still to be created is undefined here. */
export function isCreated(pod: KubeObject | undefined): pod is KubeObject {
  return !!pod && !!(pod.status as { phase?: string } | undefined)?.phase;
}

export function isTerminating(pod: KubeObject | undefined): boolean {
  return !!pod?.metadata.deletionTimestamp;
}

export function isRunningAndReady(pod: KubeObject | undefined): boolean {
  return !!pod && podPhase(pod) === 'Running' && isPodReady(pod);
}

export function isRunningAndAvailable(pod: KubeObject | undefined, minReadySeconds: number, now: number): boolean {
  return !!pod && podPhase(pod) === 'Running' && isPodAvailable(pod, minReadySeconds, now);
}

/** isUnavailable: not running-and-ready, terminating, or not yet ready for minReadySeconds. */
export function isUnavailable(pod: KubeObject | undefined, minReadySeconds: number, now: number): boolean {
  return !isRunningAndReady(pod) || isTerminating(pod) || !isRunningAndAvailable(pod, minReadySeconds, now);
}

export function isFinished(pod: KubeObject): boolean {
  const phase = podPhase(pod);
  return phase === 'Failed' || phase === 'Succeeded';
}
