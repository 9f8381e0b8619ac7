/**
 * Building strategic merge patches (apimachinery strategicpatch diffMaps,
 * diffLists): what `kubectl edit`, `set image` (two-way) and client-side
 * `apply` (three-way) send. Emits `$setElementOrder/<list>` for merged lists,
 * `{"$patch":"delete", <key>}` for removed elements, parallel
 * `$deleteFromPrimitiveList/<list>` for set-merged scalars, and `$retainKeys`
 * on retainKeys fields (Deployment strategy, volumes).
 */
import { compareStrings, deepEqual, goString, isObject } from './json.ts';
import type { JsonObject } from './json.ts';
import { internalError } from './errors.ts';
import { lookupField } from './smp-schema.ts';
import type { FieldMeta, PatchSchema } from './smp-schema.ts';
import {
  DELETE_PRIMITIVE_PREFIX,
  DIRECTIVE,
  RETAIN_KEYS,
  SET_ORDER_PREFIX,
  dedupeScalars,
  noMergeKeyError,
  normalizeSliceOrder,
  sliceElementKind,
  sortScalars,
} from './smp-order.ts';

export interface DiffOptions {
  readonly setElementOrder?: boolean;
  readonly ignoreChangesAndAdditions?: boolean;
  readonly ignoreDeletions?: boolean;
  readonly buildRetainKeys?: boolean;
}

/** A recursive patch that turns `original` into `modified` (within the limits of the options). */
export function diffMaps(
  original: JsonObject,
  modified: JsonObject,
  schema: PatchSchema | undefined,
  opts: DiffOptions,
): JsonObject {
  const patch: JsonObject = {};
  const retainKeys: string[] = [];
  for (const [key, modifiedV] of Object.entries(modified)) {
    if (opts.buildRetainKeys && modifiedV !== null) retainKeys.push(key);
    if (!Object.hasOwn(original, key)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = modifiedV;
      continue;
    }
    const originalV = original[key];
    if (key === DIRECTIVE) {
      if (originalV !== modifiedV) patch[key] = modifiedV;
      continue;
    }
    diffField(patch, key, originalV, modifiedV, lookupField(schema, key), opts);
  }
  if (!opts.ignoreDeletions) {
    for (const key of Object.keys(original)) if (!Object.hasOwn(modified, key)) patch[key] = null;
  }
  if (retainKeys.length > 0 && (Object.keys(patch).length > 0 || hasAdditionalField(original, modified))) {
    patch[RETAIN_KEYS] = sortScalars(retainKeys);
  }
  return patch;
}

function diffField(
  patch: JsonObject,
  key: string,
  originalV: unknown,
  modifiedV: unknown,
  meta: FieldMeta,
  opts: DiffOptions,
): void {
  if (isObject(originalV) && isObject(modifiedV)) {
    if (meta.strategy === 'replace') {
      if (!opts.ignoreChangesAndAdditions && !deepEqual(originalV, modifiedV)) patch[key] = modifiedV;
      return;
    }
    const sub = diffMaps(originalV, modifiedV, meta.schema, { ...opts, buildRetainKeys: meta.retainKeys === true });
    if (Object.keys(sub).length > 0) patch[key] = sub;
  } else if (Array.isArray(originalV) && Array.isArray(modifiedV) && meta.strategy === 'merge') {
    diffMergeList(patch, key, originalV, modifiedV, meta, { ...opts, buildRetainKeys: meta.retainKeys === true });
  } else if (!opts.ignoreChangesAndAdditions && !deepEqual(originalV, modifiedV)) {
    patch[key] = modifiedV;
  }
}

function diffMergeList(
  patch: JsonObject,
  key: string,
  original: unknown[],
  modified: unknown[],
  meta: FieldMeta,
  opts: DiffOptions,
): void {
  const { add, del, order } = diffLists(original, modified, meta, opts);
  if (add.length > 0) patch[key] = add;
  if (del.length > 0) patch[`${DELETE_PRIMITIVE_PREFIX}/${key}`] = del;
  if (order.length > 0) patch[`${SET_ORDER_PREFIX}/${key}`] = order;
}

interface ListDiff {
  add: unknown[];
  del: unknown[];
  order: unknown[];
}

function diffLists(original: unknown[], modified: unknown[], meta: FieldMeta, opts: DiffOptions): ListDiff {
  if (original.length === 0) {
    if (modified.length === 0 || opts.ignoreChangesAndAdditions) return { add: [], del: [], order: [] };
    return { add: modified, del: [], order: [] };
  }
  const kind = sliceElementKind(original, modified);
  const mergeKey = meta.mergeKey ?? '';
  if (kind === 'map') {
    const { changed, deletions } = diffListsOfMaps(original, modified, mergeKey, meta.schema, opts);
    const add = [...normalizeSliceOrder(changed, modified, mergeKey, 'map'), ...deletions];
    const orderSame = isOrderSame(original, modified, mergeKey);
    const wantOrder =
      opts.setElementOrder === true &&
      ((!opts.ignoreChangesAndAdditions && (add.length > 0 || !orderSame)) ||
        (!opts.ignoreDeletions && add.length > 0));
    const order = wantOrder ? modified.map((v) => ({ [mergeKey]: (v as JsonObject)[mergeKey] })) : [];
    return { add, del: [], order };
  }
  const { add, del } = diffListsOfScalars(original, modified, opts);
  const sortedAdd = normalizeSliceOrder(add, modified, '', 'scalar');
  const wantOrder =
    opts.setElementOrder === true &&
    ((!opts.ignoreDeletions && del.length > 0) || (!opts.ignoreChangesAndAdditions && !deepEqual(original, modified)));
  return { add: sortedAdd, del, order: wantOrder ? modified : [] };
}

function isOrderSame(original: unknown[], modified: unknown[], mergeKey: string): boolean {
  if (original.length !== modified.length) return false;
  return modified.every((m, i) => (original[i] as JsonObject)[mergeKey] === (m as JsonObject)[mergeKey]);
}

/** Both lists sorted by the `%v` text of the merge key, then walked together. */
function sortedByKey(list: unknown[], mergeKey: string): { item: JsonObject; key: unknown; text: string }[] {
  return list
    .map((v) => {
      if (!isObject(v)) throw internalError(`expected a map[string]interface {}, but received a ${typeof v}`);
      if (!Object.hasOwn(v, mergeKey)) throw noMergeKeyError(v, mergeKey);
      return { item: v, key: v[mergeKey], text: goString(v[mergeKey]) };
    })
    .sort((a, b) => compareStrings(a.text, b.text));
}

function diffListsOfMaps(
  original: unknown[],
  modified: unknown[],
  mergeKey: string,
  schema: PatchSchema | undefined,
  opts: DiffOptions,
) {
  const changed: unknown[] = [];
  const deletions: unknown[] = [];
  const o = sortedByKey(original, mergeKey);
  const m = sortedByKey(modified, mergeKey);
  let i = 0;
  let j = 0;
  while (i < o.length || j < m.length) {
    const oi = o[i];
    const mj = m[j];
    if (oi && mj && oi.text === mj.text) {
      const sub = diffMaps(oi.item, mj.item, schema, opts);
      if (Object.keys(sub).length > 0) changed.push({ ...sub, [mergeKey]: mj.key });
      i++;
      j++;
    } else if (mj && (!oi || oi.text > mj.text)) {
      if (!opts.ignoreChangesAndAdditions) changed.push(mj.item);
      j++;
    } else if (oi) {
      if (!opts.ignoreDeletions) deletions.push({ [mergeKey]: oi.key, [DIRECTIVE]: 'delete' });
      i++;
    }
  }
  return { changed, deletions };
}

function diffListsOfScalars(
  original: unknown[],
  modified: unknown[],
  opts: DiffOptions,
): { add: unknown[]; del: unknown[] } {
  const o = sortScalars(original);
  const m = sortScalars(modified);
  const add: unknown[] = [];
  const del: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < o.length || j < m.length) {
    const os = i < o.length ? goString(o[i]) : undefined;
    const ms = j < m.length ? goString(m[j]) : undefined;
    if (os !== undefined && ms !== undefined && os === ms) {
      i++;
      j++;
    } else if (ms !== undefined && (os === undefined || os > ms)) {
      if (!opts.ignoreChangesAndAdditions) add.push(m[j]);
      j++;
    } else {
      if (!opts.ignoreDeletions) del.push(o[i]);
      i++;
    }
  }
  return { add, del: dedupeScalars(del) };
}

/** hasAdditionalNewField: original has a non-null key that modified lacks. */
function hasAdditionalField(original: JsonObject, modified: JsonObject): boolean {
  return Object.entries(original).some(([k, v]) => v !== null && !Object.hasOwn(modified, k));
}
