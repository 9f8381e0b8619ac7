/**
 * ReplicaSet helpers of the Deployment controller (pkg/controller/deployment/util):
 * template hashing and comparison that ignore `pod-template-hash` and a null
 * creationTimestamp (so `kubectl rollout undo` revives the old ReplicaSet),
 * revisions, and building a new ReplicaSet.
 */
import type { KubeObject } from '../../api/types.ts';
import { canonicalJson, deepClone } from '../../util/json.ts';
import { templateHash } from '../../util/rng.ts';

export const REVISION = 'deployment.kubernetes.io/revision';
export const DESIRED = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';
export const HASH_LABEL = 'pod-template-hash';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** Annotations a Deployment never copies to its ReplicaSets (skipCopyAnnotation). */
const SKIP = new Set([LAST_APPLIED, REVISION, 'deployment.kubernetes.io/revision-history', DESIRED, MAX_REPLICAS]);

type Template = { metadata?: KubeObject['metadata']; spec?: unknown };

/** A template with the hash label and null timestamps removed: the form compared and hashed. */
export function normalizeTemplate(template: Template | undefined): Template {
  const t = deepClone(template ?? {});
  const meta = t.metadata ?? {};
  if (meta.creationTimestamp === null) delete meta.creationTimestamp;
  if (meta.labels) {
    delete meta.labels[HASH_LABEL];
    if (Object.keys(meta.labels).length === 0) delete meta.labels;
  }
  if (Object.keys(meta).length === 0) delete t.metadata;
  else t.metadata = meta;
  return t;
}

export function hashTemplate(template: Template | undefined, collisionCount = 0): string {
  return templateHash(canonicalJson(normalizeTemplate(template)), collisionCount);
}

export function sameTemplate(a: Template | undefined, b: Template | undefined): boolean {
  return canonicalJson(normalizeTemplate(a)) === canonicalJson(normalizeTemplate(b));
}

export function revisionOf(rs: KubeObject): number {
  return Number(rs.metadata.annotations?.[REVISION] ?? 0) || 0;
}

export function replicasOf(obj: KubeObject): number {
  return (obj.spec as { replicas?: number } | undefined)?.replicas ?? 1;
}

export function statusCount(obj: KubeObject, field: 'replicas' | 'readyReplicas' | 'availableReplicas'): number {
  return ((obj.status as Record<string, number> | undefined)?.[field] ?? 0) as number;
}

/** Annotations copied from the Deployment to its ReplicaSets (change-cause among them). */
export function copiedAnnotations(d: KubeObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (!SKIP.has(k)) out[k] = v;
  return out;
}

export function buildReplicaSet(
  d: KubeObject,
  hash: string,
  replicas: number,
  revision: number,
  maxSurge: number,
): KubeObject {
  const spec = d.spec as {
    template?: Template;
    selector?: { matchLabels?: Record<string, string> };
    minReadySeconds?: number;
  };
  const template = deepClone(spec.template ?? {});
  const meta = template.metadata ?? (template.metadata = {});
  meta.labels = { ...(meta.labels ?? {}), [HASH_LABEL]: hash };
  const selector = deepClone(spec.selector ?? {});
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [HASH_LABEL]: hash };
  const desired = replicasOf(d);
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels: { ...meta.labels },
      annotations: {
        ...copiedAnnotations(d),
        [DESIRED]: String(desired),
        [MAX_REPLICAS]: String(desired + maxSurge),
        [REVISION]: String(revision),
      },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: d.metadata.name ?? '',
          uid: d.metadata.uid ?? '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      replicas,
      ...(spec.minReadySeconds ? { minReadySeconds: spec.minReadySeconds } : {}),
      selector,
      template,
    },
  };
}
