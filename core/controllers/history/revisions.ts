/**
 * ControllerRevision history shared by the DaemonSet and StatefulSet
 * controllers: hashing, building, listing, matching, numbering and pruning
 * revisions. Mirrors kubernetes/kubernetes pkg/controller/history
 * (controller_history.go), daemon/update.go (snapshot, getPatch,
 * cleanupHistory) and statefulset/stateful_set_utils.go (newRevision).
 * Revision data is stored as the parsed JSON object of upstream's raw patch.
 */
import type { KubeObject } from '../../api/types.ts';
import { canonicalJson, deepClone, deepEqual } from '../../util/json.ts';
import { safeEncode } from '../../util/rng.ts';
import { hashTemplate } from '../deployment/replicasets.ts';
import { R } from '../resources.ts';
import type { ClusterView } from '../runtime/types.ts';
import { newControllerRef } from '../runtime/types.ts';

/** apps.DefaultDaemonSetUniqueLabelKey, also the label StatefulSet pods carry. */
export const REVISION_HASH_LABEL = 'controller-revision-hash';
/** history.ControllerRevisionHashLabel: the label history.NewControllerRevision adds (StatefulSet). */
export const HISTORY_HASH_LABEL = 'controller.kubernetes.io/hash';
/** Default spec.revisionHistoryLimit of DaemonSets and StatefulSets. */
export const DEFAULT_HISTORY_LIMIT = 10;

type Template = { metadata?: KubeObject['metadata']; spec?: unknown };

/**
 * Upstream history.HashControllerRevision: FNV-32 over the revision data's JSON
 * bytes (Go's json.Marshal of a map: keys sorted, HTML characters escaped), then
 * the collision count in decimal when one is given (undefined is Go's nil
 * probe), safe-encoded. Upstream uses hash/fnv New32 (FNV-1), not FNV-1a.
 */
export function controllerRevisionHash(data: unknown, collisionCount?: number): string {
  let bytes = utf8(goJson(data));
  if (collisionCount !== undefined) bytes = bytes.concat(utf8(String(collisionCount)));
  return safeEncode(String(fnv32(bytes)));
}

/**
 * A new apps/v1 ControllerRevision named `${owner}-${hash}`, controlled by the
 * owner (blockOwnerDeletion), labelled with the owner's template labels plus
 * the hash, annotated with the owner's annotations, with `data` and `revision`.
 * As upstream, the hash and its label depend on the owner's kind:
 * - DaemonSet (daemon/update.go snapshot): hash = controller.ComputeHash of the
 *   pod template (the pod-template-hash algorithm), label `controller-revision-hash`;
 * - others, e.g. StatefulSet (history.NewControllerRevision): hash =
 *   controllerRevisionHash(data, collisionCount), label `controller.kubernetes.io/hash`.
 *   A StatefulSet passes its collision count (0 when status has none) as upstream does.
 */
export function newControllerRevision(
  owner: KubeObject,
  data: unknown,
  revision: number,
  collisionCount?: number,
): KubeObject {
  const template = (owner.spec as { template?: Template } | undefined)?.template;
  const daemon = owner.kind === 'DaemonSet';
  const hash = daemon ? hashTemplate(template, collisionCount ?? 0) : controllerRevisionHash(data, collisionCount);
  const prefix = (owner.metadata.name ?? '').slice(0, 223);
  const annotations = owner.metadata.annotations;
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: `${prefix}-${hash}`,
      namespace: owner.metadata.namespace,
      labels: { ...(template?.metadata?.labels ?? {}), [daemon ? REVISION_HASH_LABEL : HISTORY_HASH_LABEL]: hash },
      ...(annotations && Object.keys(annotations).length ? { annotations: { ...annotations } } : {}),
      ownerReferences: [newControllerRef(owner, owner.apiVersion, owner.kind)],
    },
    data: deepClone(data),
    revision,
  };
}

/** ControllerRevisions controlled by `owner`, sorted by `.revision` ascending (then age, then name). */
export function revisionsOf(view: ClusterView, owner: KubeObject): KubeObject[] {
  const uid = owner.metadata.uid ?? '';
  return view
    .ownedBy(R.controllerRevisions, uid)
    .filter((r) => r.metadata.ownerReferences?.some((o) => o.uid === uid && o.controller))
    .sort(byRevision);
}

/** Revisions sorted by `.revision` ascending (then age, then name): history.SortControllerRevisions. */
export function sortRevisions(revisions: KubeObject[]): KubeObject[] {
  return [...revisions].sort(byRevision);
}

/** Revisions whose data equals `data` (deep equal), newest last. */
export function equalRevisions(revisions: KubeObject[], data: unknown): KubeObject[] {
  return revisions.filter((r) => deepEqual(r['data'], data)).sort(byRevision);
}

/** max(revision)+1, or 1. */
export function nextRevision(revisions: KubeObject[]): number {
  return revisions.reduce((max, r) => Math.max(max, revisionNumber(r)), 0) + 1;
}

export function revisionNumber(r: KubeObject): number {
  return typeof r['revision'] === 'number' ? r['revision'] : 0;
}

/**
 * The patch upstream stores as revision data for DaemonSets and StatefulSets:
 * {spec:{template:{...template, $patch:'replace'}}} (daemon/update.go getPatch).
 */
export function templatePatch(owner: KubeObject): unknown {
  const template = deepClone((owner.spec as { template?: Template } | undefined)?.template ?? {});
  return { spec: { template: { ...template, $patch: 'replace' } } };
}

/**
 * The history cleanup of daemon/update.go cleanupHistory (and StatefulSet's
 * truncateHistory): of the old (non-current) revisions, keep `limit` (default
 * 10); delete the rest oldest first, skipping those still in use.
 */
export function revisionsToPrune(
  old: KubeObject[],
  limit: number | undefined,
  inUse: (revision: KubeObject) => boolean,
): KubeObject[] {
  let toKill = old.length - (limit ?? DEFAULT_HISTORY_LIMIT);
  const out: KubeObject[] = [];
  for (const r of [...old].sort(byRevision)) {
    if (toKill <= 0) break;
    if (inUse(r)) continue;
    out.push(r);
    toKill--;
  }
  return out;
}

function byRevision(a: KubeObject, b: KubeObject): number {
  const d = revisionNumber(a) - revisionNumber(b);
  if (d !== 0) return d;
  const ta = Date.parse(a.metadata.creationTimestamp ?? '') || 0;
  const tb = Date.parse(b.metadata.creationTimestamp ?? '') || 0;
  if (ta !== tb) return ta - tb;
  return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
}

/** Go encoding/json of a decoded JSON value: sorted keys, with <, >, &, U+2028/9 escaped. */
function goJson(value: unknown): string {
  return canonicalJson(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function utf8(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return out;
}

/** hash/fnv New32 (FNV-1: multiply, then xor), which HashControllerRevision uses. */
function fnv32(bytes: number[]): number {
  let h = 0x811c9dc5;
  for (const b of bytes) h = (Math.imul(h, 0x01000193) ^ b) >>> 0;
  return h >>> 0;
}
