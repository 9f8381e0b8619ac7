/**
 * A small, honest server-side apply (`application/apply-patch+yaml`), after
 * structured-merge-diff and apiserver managedfields. Each manager owns the
 * field paths it set; applying:
 *  1. finds conflicts — a field owned by another manager whose live value
 *     differs from the applied one (409 unless force, which takes ownership);
 *  2. removes fields this manager applied before, omits now, and nobody else owns;
 *  3. merges the applied config in (maps by key, merge lists by merge key,
 *     set lists as sets, everything else replaced);
 *  4. records the manager's new field set.
 * `trackUpdate` records ownership for ordinary writes (create/update/patch):
 * the writer takes the fields it changed, others lose them.
 *
 * Simplifications: ownership is returned beside the object rather than
 * encoded as metadata.managedFields/fieldsV1; list keys are SMP merge keys;
 * `status` and server-set metadata are not tracked; no per-version
 * conversion of field sets.
 */
import type { KubeObject, Result, Status, StatusCause } from '../types.ts';
import { deepClone, deepEqual, isObject } from './json.ts';
import type { JsonObject } from './json.ts';
import { lookupField, patchSchemaFor } from './smp-schema.ts';
import type { FieldMeta, PatchSchema } from './smp-schema.ts';
import { collectLeaves, removeLeaf } from './ssa-paths.ts';
import type { Leaf } from './ssa-paths.ts';

/** One manager's record, like a metav1.ManagedFieldsEntry with its field set flattened to paths. */
export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  /** RFC 3339, printed in conflicts for Update entries (upstream "at <time>"). */
  time?: string;
  fields: string[];
}

export type FieldOwnership = ManagedFieldsEntry[];

export interface OwnedObject {
  object: KubeObject;
  managedFields: FieldOwnership;
}

interface Conflict {
  entry: ManagedFieldsEntry;
  path: string;
}

/** Applies `applied` as `manager`. `live` undefined means create. */
export function serverSideApply(
  live: KubeObject | undefined,
  applied: KubeObject,
  manager: string,
  force: boolean,
  ownership: FieldOwnership = [],
  time?: string,
): Result<OwnedObject> {
  const schema = patchSchemaFor(applied);
  const base: KubeObject = live
    ? deepClone(live)
    : { apiVersion: applied.apiVersion, kind: applied.kind, metadata: {} };
  const appliedLeaves = collectLeaves(applied, schema);
  const liveLeaves = collectLeaves(base, schema);
  const conflicts = findConflicts(ownership, manager, appliedLeaves, liveLeaves);
  if (conflicts.length > 0 && !force) return { ok: false, status: applyConflict(conflicts) };

  // force: the conflicting managers lose the contested fields to this one.
  const isMine = (e: ManagedFieldsEntry): boolean => e.manager === manager && e.operation === 'Apply';
  const others = ownership
    .filter((e) => !isMine(e))
    .map((e) => ({ ...e, fields: e.fields.filter((p) => !conflicts.some((c) => c.entry === e && c.path === p)) }));
  const previous = ownership.find(isMine);

  removeAbandoned(base, previous?.fields ?? [], appliedLeaves, liveLeaves, others);
  const object = mergeApplied(base, applied, schema);
  const entry: ManagedFieldsEntry = {
    manager,
    operation: 'Apply',
    apiVersion: applied.apiVersion,
    ...(time ? { time } : {}),
    fields: [...appliedLeaves.keys()].sort(),
  };
  const managedFields = [...others, entry].filter((e) => e.fields.length > 0);
  return { ok: true, value: { object, managedFields } };
}

function findConflicts(
  ownership: FieldOwnership,
  manager: string,
  applied: Map<string, Leaf>,
  live: Map<string, Leaf>,
): Conflict[] {
  const out: Conflict[] = [];
  for (const entry of ownership) {
    if (entry.manager === manager && entry.operation === 'Apply') continue;
    for (const path of entry.fields) {
      const want = applied.get(path);
      const have = live.get(path);
      if (want && have && !deepEqual(want.value, have.value)) out.push({ entry, path });
    }
  }
  return out;
}

/** Removes fields the manager no longer applies, unless someone else still owns them. */
function removeAbandoned(
  base: KubeObject,
  previous: string[],
  applied: Map<string, Leaf>,
  live: Map<string, Leaf>,
  others: FieldOwnership,
): void {
  const ownedByOthers = new Set(others.flatMap((e) => e.fields));
  const stillOwned = (p: string): boolean => ownedByOthers.has(p) || applied.has(p);
  const doomed = previous.filter((p) => !stillOwned(p) && live.has(p));
  // Deepest first, so removing an element's key field comes after its other fields.
  doomed.sort((a, b) => b.length - a.length);
  for (const p of doomed) {
    const leaf = live.get(p);
    if (!leaf) continue;
    if (isKeyField(leaf) && elementStillHeld(p, stillOwned, live)) continue;
    removeLeaf(base, leaf.path);
  }
}

function isKeyField(leaf: Leaf): boolean {
  const last = leaf.path[leaf.path.length - 1];
  const prev = leaf.path[leaf.path.length - 2];
  return !!last && !!prev && 'key' in prev && 'field' in last && last.field === prev.key;
}

/** Another live field of the same list element is still owned by someone. */
function elementStillHeld(keyPath: string, stillOwned: (p: string) => boolean, live: Map<string, Leaf>): boolean {
  const prefix = keyPath.slice(0, keyPath.lastIndexOf('.'));
  return [...live.keys()].some((p) => p !== keyPath && p.startsWith(prefix) && stillOwned(p));
}

/** Merges the applied config into the object: maps by key, lists per their strategy. */
function mergeApplied(base: KubeObject, applied: KubeObject, schema: PatchSchema): KubeObject {
  const merged = mergeValue(base, applied, { schema }) as KubeObject;
  merged.apiVersion = applied.apiVersion;
  merged.kind = applied.kind;
  return merged;
}

function mergeValue(live: unknown, applied: unknown, meta: FieldMeta): unknown {
  if (isObject(live) && isObject(applied)) {
    const out: JsonObject = { ...live };
    for (const [k, v] of Object.entries(applied)) {
      out[k] = mergeValue(Object.hasOwn(live, k) ? live[k] : undefined, v, lookupField(meta.schema, k));
    }
    return out;
  }
  if (Array.isArray(live) && Array.isArray(applied) && meta.strategy === 'merge') {
    return mergeList(live, applied, meta);
  }
  return deepClone(applied);
}

function mergeList(live: unknown[], applied: unknown[], meta: FieldMeta): unknown[] {
  const key = meta.mergeKey;
  if (!key) return [...live, ...applied.filter((v) => !live.includes(v))];
  const out = [...live];
  for (const item of applied) {
    const at = isObject(item) ? out.findIndex((v) => isObject(v) && v[key] === item[key]) : -1;
    if (at >= 0) out[at] = mergeValue(out[at], item, { schema: meta.schema });
    else out.push(deepClone(item));
  }
  return out;
}

/**
 * Records an ordinary write by `manager` (operation Update): it owns every
 * leaf it added or changed; other managers lose changed and removed leaves.
 */
export function trackUpdate(
  ownership: FieldOwnership,
  before: KubeObject | undefined,
  after: KubeObject,
  manager: string,
  time?: string,
): FieldOwnership {
  const schema = patchSchemaFor(after);
  const old = before ? collectLeaves(before, schema) : new Map<string, Leaf>();
  const now = collectLeaves(after, schema);
  const changed = [...now].filter(([p, leaf]) => !deepEqual(old.get(p)?.value, leaf.value)).map(([p]) => p);
  const removed = [...old.keys()].filter((p) => !now.has(p));
  const lost = new Set([...changed, ...removed]);
  const isMine = (e: ManagedFieldsEntry): boolean => e.manager === manager && e.operation === 'Update';
  const mine = ownership.find(isMine);
  const others = ownership
    .filter((e) => !isMine(e))
    .map((e) => ({ ...e, fields: e.fields.filter((p) => !lost.has(p)) }));
  const fields = new Set([...(mine?.fields ?? []).filter((p) => now.has(p)), ...changed]);
  const entry: ManagedFieldsEntry = {
    manager,
    operation: 'Update',
    apiVersion: after.apiVersion,
    ...(time ? { time } : {}),
    fields: [...fields].sort(),
  };
  return [...others, entry].filter((e) => e.fields.length > 0);
}

/** printManager: Update entries name their apiVersion (and time), Apply entries only the manager. */
function printManager(e: ManagedFieldsEntry): string {
  const name = JSON.stringify(e.manager);
  if (e.operation !== 'Update') return name;
  return e.time ? `${name} using ${e.apiVersion} at ${e.time}` : `${name} using ${e.apiVersion}`;
}

/** NewApplyConflict with upstream's message layout (managedfields/internal/conflict.go). */
function applyConflict(conflicts: Conflict[]): Status {
  const causes: StatusCause[] = conflicts.map((c) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${printManager(c.entry)}`,
    field: c.path,
  }));
  const first = conflicts[0];
  let message: string;
  if (conflicts.length === 1 && first) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(first.entry)}: ${first.path}`;
  } else {
    const byManager = new Map<string, string[]>();
    for (const c of conflicts) {
      const m = printManager(c.entry);
      byManager.set(m, [...(byManager.get(m) ?? []), c.path]);
    }
    const lines = [...byManager.keys()]
      .sort()
      .flatMap((m) => [`conflicts with ${m}:`, ...(byManager.get(m) ?? []).map((p) => `- ${p}`)]);
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'Conflict',
    details: { causes },
    code: 409,
  };
}
