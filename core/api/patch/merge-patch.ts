/**
 * RFC 7386 JSON merge patch (`application/merge-patch+json`), as used by
 * `kubectl label`, `annotate`, `scale` and `patch --type=merge`. Objects merge
 * recursively, `null` deletes a member, anything else (arrays included)
 * replaces. Mirrors evanphx/json-patch `MergePatch` / `CreateMergePatch`.
 */
import { deepClone, deepEqual, isObject } from './json.ts';
import type { JsonObject } from './json.ts';

/** Applies `patch` to `original` per RFC 7386 and returns a new document. */
export function mergePatch(original: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return deepClone(patch);
  const target: JsonObject = isObject(original) ? deepClone(original) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete target[key];
    } else {
      target[key] = mergePatch(Object.hasOwn(target, key) ? target[key] : undefined, value);
    }
  }
  return target;
}

/**
 * The merge patch that turns `original` into `modified`. Arrays and
 * non-object values are sent whole. A `null` member of `modified` cannot be
 * expressed (it would mean "delete"), as in RFC 7386 itself.
 */
export function createMergePatch(original: unknown, modified: unknown): unknown {
  if (!isObject(original) || !isObject(modified)) return deepClone(modified);
  const patch: JsonObject = {};
  for (const key of Object.keys(original)) {
    if (!Object.hasOwn(modified, key)) patch[key] = null;
  }
  for (const [key, value] of Object.entries(modified)) {
    const before = Object.hasOwn(original, key) ? original[key] : undefined;
    if (before === undefined) {
      patch[key] = deepClone(value);
    } else if (isObject(before) && isObject(value)) {
      const sub = createMergePatch(before, value);
      if (isObject(sub) && Object.keys(sub).length > 0) patch[key] = sub;
    } else if (!deepEqual(before, value)) {
      patch[key] = deepClone(value);
    }
  }
  return patch;
}
