/**
 * The strategic-merge engine (apimachinery strategicpatch mergeMap /
 * mergeSlice). Two modes, as upstream:
 *  - server (`mergeParallelList` + `ignoreUnmatchedNulls`): apply a patch to
 *    an object; directives are consumed, nulls delete;
 *  - client (both off): merge two *patches* while building a three-way patch;
 *    directives and nulls are carried through.
 *
 * Works in place on values the caller has already deep-copied.
 *
 * Deliberate difference: where upstream inserts a patch value verbatim
 * because the live object lacks the field, the server mode merges it into an
 * empty value instead, so stray directives and nulls never reach the stored
 * object (upstream relies on decoding into Go structs to drop them).
 */
import { deepEqual, goString, isObject } from './json.ts';
import type { JsonObject } from './json.ts';
import { SMP_ERRORS, badRequestError, internalError } from './errors.ts';
import { lookupField } from './smp-schema.ts';
import type { FieldMeta, PatchSchema } from './smp-schema.ts';
import {
  DELETE_PRIMITIVE_PREFIX,
  DIRECTIVE,
  RETAIN_KEYS,
  SET_ORDER_PREFIX,
  badArgType,
  dedupeScalars,
  findByKey,
  noMergeKeyError,
  normalizeElementOrder,
  partitionByPresence,
  sliceElementKind,
} from './smp-order.ts';

export interface MergeOptions {
  /** Consume `$deleteFromPrimitiveList`/`$setElementOrder` (server side). */
  readonly mergeParallelList: boolean;
  /** Drop nulls that match nothing instead of keeping them (server side). */
  readonly ignoreUnmatchedNulls: boolean;
}

export const SERVER: MergeOptions = { mergeParallelList: true, ignoreUnmatchedNulls: true };
export const CLIENT: MergeOptions = { mergeParallelList: false, ignoreUnmatchedNulls: false };

export function mergeMap(
  original: JsonObject | undefined,
  patch: JsonObject,
  schema: PatchSchema | undefined,
  opts: MergeOptions,
): JsonObject {
  if (Object.hasOwn(patch, DIRECTIVE)) return mapDirective(patch, opts);
  const target = original ?? {};
  applyRetainKeys(target, patch, opts);
  mergeSetElementOrderLists(target, patch, schema, opts);
  for (const rawKey of Object.keys(patch).sort()) mergeKey(target, rawKey, patch[rawKey], schema, opts);
  return target;
}

function mapDirective(patch: JsonObject, opts: MergeOptions): JsonObject {
  const directive = patch[DIRECTIVE];
  if (directive === 'delete') return {};
  if (directive === 'replace') {
    delete patch[DIRECTIVE];
    return opts.mergeParallelList ? (clean(patch) as JsonObject) : patch;
  }
  throw internalError(`unknown patch type: ${String(directive)} in map: ${goString(patch)}`);
}

function mergeKey(
  target: JsonObject,
  rawKey: string,
  patchV: unknown,
  schema: PatchSchema | undefined,
  opts: MergeOptions,
): void {
  let key = rawKey;
  let isDeleteList = false;
  if (rawKey.startsWith(DELETE_PRIMITIVE_PREFIX)) {
    if (!opts.mergeParallelList) {
      target[rawKey] = patchV;
      return;
    }
    key = extractKey(rawKey, DELETE_PRIMITIVE_PREFIX, SMP_ERRORS.badPrimitiveList);
    isDeleteList = true;
  }
  if (patchV === null) {
    delete target[key];
    if (opts.ignoreUnmatchedNulls) return;
  }
  const meta = lookupField(schema, key);
  const present = Object.hasOwn(target, key);
  const originalV = present ? target[key] : undefined;
  if (!present || kindOf(originalV) !== kindOf(patchV)) {
    // A deletion list for a list the object does not have deletes nothing.
    if (!isDeleteList) target[key] = opts.mergeParallelList ? materialize(patchV, meta, opts) : patchV;
    return;
  }
  if (isObject(originalV) && isObject(patchV)) {
    target[key] =
      meta.strategy === 'replace' ? serverClean(patchV, opts) : mergeMap(originalV, patchV, meta.schema, opts);
  } else if (Array.isArray(originalV) && Array.isArray(patchV)) {
    target[key] = mergeListField(originalV, patchV, meta, isDeleteList, opts);
  } else {
    target[key] = patchV;
  }
}

function kindOf(v: unknown): string {
  return Array.isArray(v) ? 'array' : isObject(v) ? 'object' : v === null ? 'null' : typeof v;
}

export function extractKey(key: string, prefix: string, formatError: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) throw badRequestError(formatError);
  return key.slice(slash + 1);
}

/** mergeSliceHandler: merge-strategy lists merge, all others are replaced. */
export function mergeListField(
  original: unknown[],
  patch: unknown[],
  meta: FieldMeta,
  isDeleteList: boolean,
  opts: MergeOptions,
): unknown[] {
  if (meta.strategy === 'merge' || isDeleteList) return mergeSlice(original, patch, meta, opts, isDeleteList);
  return serverClean(patch, opts) as unknown[];
}

/** A patch value for a field the object lacks: merged into an empty value of its type. */
function materialize(patchV: unknown, meta: FieldMeta, opts: MergeOptions): unknown {
  if (isObject(patchV) && meta.strategy !== 'replace') return mergeMap({}, patchV, meta.schema, opts);
  if (Array.isArray(patchV) && meta.strategy === 'merge') return mergeSlice([], patchV, meta, opts, false);
  return clean(patchV);
}

function serverClean(v: unknown, opts: MergeOptions): unknown {
  return opts.mergeParallelList ? clean(v) : v;
}

/** Drops directive keys and null members, which a typed decode would drop too. */
export function clean(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clean);
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, child] of Object.entries(v)) {
    if (child === null || k === DIRECTIVE || k === RETAIN_KEYS) continue;
    if (k.startsWith(SET_ORDER_PREFIX) || k.startsWith(DELETE_PRIMITIVE_PREFIX)) continue;
    out[k] = clean(child);
  }
  return out;
}

export function mergeSlice(
  original: unknown[],
  patch: unknown[],
  meta: FieldMeta,
  opts: MergeOptions,
  isDeleteList: boolean,
): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementKind(original, patch);
  const mergeKey = meta.mergeKey ?? '';
  let base = original;
  let items = patch;
  let merged: unknown[];
  if (kind !== 'map') {
    if (opts.mergeParallelList && isDeleteList) return original.filter((v) => !patch.includes(v));
    merged = dedupeScalars([...original, ...patch]);
  } else {
    if (!mergeKey) throw internalError('cannot merge lists without merge key for type struct');
    [base, items] = applySpecialElements(original, patch, mergeKey);
    merged = mergeByKey([...base], items, mergeKey, meta.schema, opts);
  }
  const [patchItems, serverOnly] = partitionByPresence(merged, items, kind === 'map' ? mergeKey : '');
  return normalizeElementOrder(patchItems, serverOnly, items, base, kind === 'map' ? mergeKey : '', kind ?? 'scalar');
}

/** Handles `$patch: delete|replace` list elements; returns [new original, plain patch items]. */
function applySpecialElements(original: unknown[], patch: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const plain: unknown[] = [];
  let base = original;
  let replace = false;
  for (const item of patch) {
    const m = item as JsonObject;
    if (!Object.hasOwn(m, DIRECTIVE)) {
      plain.push(item);
      continue;
    }
    const directive = m[DIRECTIVE];
    if (directive === 'delete') {
      if (!Object.hasOwn(m, mergeKey)) throw noMergeKeyError(m, mergeKey);
      const value = m[mergeKey];
      base = base.filter((v) => !(isObject(v) && v[mergeKey] === value));
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw internalError('merging lists cannot yet be specified in the patch');
    } else {
      throw internalError(`unknown patch type: ${String(directive)} in map: ${goString(m)}`);
    }
  }
  return replace ? [plain.map(clean), []] : [base, plain];
}

function mergeByKey(
  target: unknown[],
  items: unknown[],
  mergeKey: string,
  schema: PatchSchema | undefined,
  opts: MergeOptions,
): unknown[] {
  for (const item of items) {
    if (!isObject(item)) throw badArgType('map[string]interface {}', item);
    if (!Object.hasOwn(item, mergeKey)) throw noMergeKeyError(item, mergeKey);
    const at = findByKey(target, mergeKey, item[mergeKey]);
    if (at >= 0) target[at] = mergeMap(target[at] as JsonObject, item, schema, opts);
    else target.push(opts.mergeParallelList ? mergeMap({}, item, schema, opts) : item);
  }
  return target;
}

/** applyRetainKeysDirective: clears keys of `original` not listed in `$retainKeys`. */
function applyRetainKeys(original: JsonObject, patch: JsonObject, opts: MergeOptions): void {
  if (!Object.hasOwn(patch, RETAIN_KEYS)) return;
  const retain = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!opts.mergeParallelList) {
    if (Object.hasOwn(original, RETAIN_KEYS)) return;
    original[RETAIN_KEYS] = retain;
    return;
  }
  if (!Array.isArray(retain)) throw badRequestError(SMP_ERRORS.badRetainKeys);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_PRIMITIVE_PREFIX) || k.startsWith(SET_ORDER_PREFIX)) continue;
    if (!retain.includes(k)) throw badRequestError(SMP_ERRORS.badRetainKeys);
  }
  for (const k of Object.keys(original)) if (!retain.includes(k)) delete original[k];
}

/**
 * mergePatchIntoOriginal: merges each list named by a `$setElementOrder/<list>`
 * directive together with its patch list, then orders it by the directive.
 * Client mode only carries the directive over into the merged patch.
 */
function mergeSetElementOrderLists(
  original: JsonObject,
  patch: JsonObject,
  schema: PatchSchema | undefined,
  opts: MergeOptions,
): void {
  for (const key of Object.keys(patch).sort()) {
    if (!key.startsWith(SET_ORDER_PREFIX)) continue;
    const order = patch[key];
    if (!opts.mergeParallelList) {
      if (Object.hasOwn(original, key) && !deepEqual(original[key], order)) {
        throw badRequestError(SMP_ERRORS.badSetElementOrder);
      }
      original[key] = order;
    }
    delete patch[key];
    if (!Array.isArray(order)) throw badArgType('[]interface {}', order);
    const listKey = extractKey(key, SET_ORDER_PREFIX, SMP_ERRORS.badSetElementOrder);
    orderOneList(original, patch, listKey, order, lookupField(schema, listKey), opts);
  }
}

function orderOneList(
  original: JsonObject,
  patch: JsonObject,
  listKey: string,
  order: unknown[],
  meta: FieldMeta,
  opts: MergeOptions,
): void {
  const originalList = optionalList(original, listKey);
  const patchList = optionalList(patch, listKey);
  if (originalList === undefined && patchList === undefined) return;
  const mergeKey = meta.mergeKey ?? '';
  validateWithSetOrder(patchList ?? [], order, mergeKey);
  let merged: unknown[];
  if (patchList === undefined) merged = originalList ?? [];
  else if (originalList === undefined)
    merged = opts.mergeParallelList ? materializeList(patchList, meta, opts) : patchList;
  else merged = mergeListField(originalList, patchList, meta, false, opts);
  const kind = sliceElementKind(originalList ?? [], patchList ?? []);
  if (kind !== undefined) {
    const [patchItems, serverOnly] = partitionByPresence(merged, order, mergeKey);
    merged = normalizeElementOrder(patchItems, serverOnly, order, originalList ?? [], mergeKey, kind);
  }
  original[listKey] = merged;
  delete patch[listKey];
}

function materializeList(patchList: unknown[], meta: FieldMeta, opts: MergeOptions): unknown[] {
  return meta.strategy === 'merge' ? mergeSlice([], patchList, meta, opts, false) : (clean(patchList) as unknown[]);
}

function optionalList(m: JsonObject, key: string): unknown[] | undefined {
  if (!Object.hasOwn(m, key)) return undefined;
  const v = m[key];
  if (!Array.isArray(v)) throw badArgType('[]interface {}', v);
  return v;
}

/** validatePatchWithSetOrderList: patch items must appear in the directive, in the same relative order. */
function validateWithSetOrder(patchList: unknown[], order: unknown[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const items = mergeKey ? patchList.filter((v) => !(isObject(v) && v[DIRECTIVE] === 'delete')) : patchList;
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    const item = items[p];
    if (isObject(item) && Object.hasOwn(item, DIRECTIVE)) {
      p++;
      continue;
    }
    if (sameIdentity(item, order[o], mergeKey)) p++;
    o++;
  }
  if (p < items.length) {
    throw internalError(
      `The order in patch list:\n${goString(patchList)}\n doesn't match ${SET_ORDER_PREFIX} list:\n${goString(order)}\n`,
    );
  }
}

function sameIdentity(a: unknown, b: unknown, mergeKey: string): boolean {
  if (!mergeKey) return a === b;
  if (!isObject(a)) throw badArgType('map[string]interface {}', a);
  if (!isObject(b)) throw badArgType('map[string]interface {}', b);
  if (!Object.hasOwn(a, mergeKey)) throw noMergeKeyError(a, mergeKey);
  if (!Object.hasOwn(b, mergeKey)) throw noMergeKeyError(b, mergeKey);
  return a[mergeKey] === b[mergeKey];
}
