/**
 * The strategic merge patch API: apply (server side, `application/strategic-
 * merge-patch+json`) and create two-way / three-way patches (client side, as
 * kubectl edit / set / apply do). Mirrors apimachinery strategicpatch
 * StrategicMergeMapPatch, CreateTwoWayMergeMapPatch and
 * CreateThreeWayMergePatch.
 *
 * Simplification: CreateThreeWayMergePatch is always computed with
 * overwrite=true (kubectl apply's default), so no conflict check against
 * changes made by others between last-applied and live.
 */
import type { Result } from '../types.ts';
import { badRequest } from '../status.ts';
import { deepClone, isObject, sortKeysDeep } from './json.ts';
import type { JsonObject } from './json.ts';
import { catchPatchError } from './errors.ts';
import { patchSchemaFor } from './smp-schema.ts';
import type { KindRef } from './smp-schema.ts';
import { CLIENT, SERVER, mergeMap } from './smp-merge.ts';
import { diffMaps } from './smp-diff.ts';

/** Applies a strategic merge patch to `original` (not modified) for the given kind. */
export function strategicMergePatch(original: unknown, patch: unknown, kind: KindRef): Result<JsonObject> {
  if (!isObject(patch)) {
    const got = Array.isArray(patch) ? 'array' : patch === null ? 'null' : typeof patch;
    return {
      ok: false,
      status: badRequest(`json: cannot unmarshal ${got} into Go value of type map[string]interface {}`),
    };
  }
  const base = isObject(original) ? deepClone(original) : {};
  return catchPatchError(() => mergeMap(base, deepClone(patch), patchSchemaFor(kind), SERVER));
}

/** The SMP that turns `original` into `modified`; `{}` when they are equal. Keys sorted like kubectl's bytes. */
export function createTwoWayMergePatch(original: unknown, modified: unknown, kind: KindRef): Result<JsonObject> {
  const o = isObject(original) ? original : {};
  const m = isObject(modified) ? modified : {};
  return catchPatchError(() => sortKeysDeep(diffMaps(o, m, patchSchemaFor(kind), { setElementOrder: true })));
}

/**
 * kubectl apply's patch: changes from `current` to `modified` (no deletions)
 * plus deletions from `lastApplied` to `modified`. Fields set by others in
 * `current` but never in `lastApplied` are left alone.
 */
export function createThreeWayMergePatch(
  lastApplied: unknown,
  modified: unknown,
  current: unknown,
  kind: KindRef,
): Result<JsonObject> {
  const original = isObject(lastApplied) ? lastApplied : {};
  const m = isObject(modified) ? modified : {};
  const c = isObject(current) ? current : {};
  const schema = patchSchemaFor(kind);
  return catchPatchError(() => {
    const delta = diffMaps(c, m, schema, { ignoreDeletions: true, setElementOrder: true });
    const deletions = diffMaps(original, m, schema, { ignoreChangesAndAdditions: true, setElementOrder: true });
    return sortKeysDeep(mergeMap(deepClone(deletions), deepClone(delta), schema, CLIENT));
  });
}
