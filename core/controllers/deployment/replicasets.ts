/**
 * ReplicaSet helpers of the Deployment controller (pkg/controller/deployment/util):
 * template hashing and comparison that ignore `pod-template-hash` and a null
 * creationTimestamp (so `kubectl rollout undo` revives the old ReplicaSet),
 * revisions, and building a new ReplicaSet.
 */
import type { KubeObject } from '../../api/types.ts';
import { canonicalJson, deepClone } from '../../util/json.ts';
import { templateHash } from '../../util/rng.ts';
import { newControllerRef } from '../runtime/types.ts';

export const REVISION = 'deployment.kubernetes.io/revision';
export const DESIRED = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';
export const HASH_LABEL = 'pod-template-hash';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** Annotations a Deployment never copies to its ReplicaSets (skipCopyAnnotation). */
const SKIP = new Set([
  LAST_APPLIED,
  REVISION,
  'deployment.kubernetes.io/revision-history',
  DESIRED,
  MAX_REPLICAS,
  'deprecated.deployment.rollback.to',
]);

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

export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
/** SetNewReplicaSetAnnotations keeps the revision history under this many characters. */
const MAX_REVISION_HISTORY_CHARS = 2000;

/** An integer annotation (desired-replicas, max-replicas), if present and valid. */
export function intAnnotation(rs: KubeObject, key: string): number | undefined {
  const v = rs.metadata.annotations?.[key];
  return v !== undefined && /^-?\d+$/.test(v) ? Number(v) : undefined;
}

/** ReplicaSetsByCreationTimestamp: oldest first, then by name. */
export function byCreation(a: KubeObject, b: KubeObject): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
}

/** ReplicaSetsBySizeNewer (scaling up) or BySizeOlder (scaling down): largest first, ties by age. */
export function bySize(newerFirst: boolean): (a: KubeObject, b: KubeObject) => number {
  return (a, b) => replicasOf(b) - replicasOf(a) || (newerFirst ? byCreation(b, a) : byCreation(a, b));
}

/**
 * SetNewReplicaSetAnnotations for an existing new ReplicaSet: copy the
 * Deployment's annotations (never removing any), raise its revision to
 * `revision` and, when it had one (a rollback), remember the old one in the
 * revision history. Undefined when nothing changes.
 */
export function syncedAnnotations(d: KubeObject, rs: KubeObject, revision: number): Record<string, string> | undefined {
  const ann = { ...(rs.metadata.annotations ?? {}) };
  let changed = false;
  for (const [k, v] of Object.entries(copiedAnnotations(d)))
    if (ann[k] !== v) {
      ann[k] = v;
      changed = true;
    }
  const old = ann[REVISION];
  if ((Number(old ?? 0) || 0) < revision) {
    ann[REVISION] = String(revision);
    changed = true;
    if (old !== undefined) ann[REVISION_HISTORY] = appendRevision(ann[REVISION_HISTORY] ?? '', old);
  }
  return changed ? ann : undefined;
}

function appendRevision(history: string, old: string): string {
  if (history === '') return old;
  const revisions = history.split(',');
  let total = history.length + old.length + 1;
  let start = 0;
  while (total > MAX_REVISION_HISTORY_CHARS && start < revisions.length) total -= revisions[start++]!.length + 1;
  return total <= MAX_REVISION_HISTORY_CHARS ? [...revisions.slice(start), old].join(',') : history;
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
      ownerReferences: [newControllerRef(d, 'apps/v1', 'Deployment')],
    },
    spec: {
      replicas,
      ...(spec.minReadySeconds ? { minReadySeconds: spec.minReadySeconds } : {}),
      selector,
      template,
    },
  };
}
