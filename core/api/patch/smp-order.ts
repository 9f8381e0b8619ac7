/**
 * List-order rules of strategic merge patch (apimachinery strategicpatch
 * normalizeElementOrder and friends, design proposal
 * "preserve-order-in-strategic-merge-patch"): precedence is
 * `$setElementOrder` > order in the patch list > order in the live list.
 *
 * Worked example: live [a, b, c], patch [{c}, {x}] with no order directive:
 * patch items keep patch order (c, x); server-only items keep live order
 * (a, b); merging walks both, placing a server-only item before a patch item
 * only when the live list ordered it first → [a, b, c, x].
 */
import { compareStrings, goString, goTypeName, isObject } from './json.ts';
import type { JsonObject } from './json.ts';
import { PatchError, SMP_ERRORS, internalError } from './errors.ts';

export type ElementKind = 'map' | 'scalar';

export const DIRECTIVE = '$patch';
export const RETAIN_KEYS = '$retainKeys';
export const SET_ORDER_PREFIX = '$setElementOrder';
export const DELETE_PRIMITIVE_PREFIX = '$deleteFromPrimitiveList';

export function noMergeKeyError(map: JsonObject, mergeKey: string): PatchError {
  return internalError(`map: ${goString(map)} does not contain declared merge key: ${mergeKey}`);
}

export function badArgType(expected: string, actual: unknown): PatchError {
  return internalError(`expected a ${expected}, but received a ${goTypeName(actual)}`);
}

/** sliceElementType: all elements share one type, and none is a list. */
export function sliceElementKind(...lists: unknown[][]): ElementKind | undefined {
  let kind: string | undefined;
  for (const list of lists) {
    for (const v of list) {
      const k = Array.isArray(v) ? 'list' : isObject(v) ? 'map' : v === null ? 'nil' : typeof v;
      if (k === 'list') throw new PatchError('Invalid', SMP_ERRORS.noListOfLists);
      if (kind !== undefined && kind !== k) {
        throw internalError(`list element types are not identical: ${goString(lists)}`);
      }
      kind = k;
    }
  }
  if (kind === undefined) return undefined;
  return kind === 'map' ? 'map' : 'scalar';
}

/** The identity of a list item: its merge key value for maps, itself for scalars. */
function identity(item: unknown, mergeKey: string, kind: ElementKind): unknown {
  if (kind !== 'map') return item;
  return isObject(item) ? item[mergeKey] : undefined;
}

export function indexOfItem(list: unknown[], item: unknown, mergeKey: string, kind: ElementKind): number {
  const id = identity(item, mergeKey, kind);
  return list.findIndex((v) => identity(v, mergeKey, kind) === id);
}

export function findByKey(list: unknown[], mergeKey: string, value: unknown): number {
  return list.findIndex((v) => isObject(v) && Object.hasOwn(v, mergeKey) && v[mergeKey] === value);
}

export function validateMergeKeys(mergeKey: string, ...lists: unknown[][]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isObject(item)) throw badArgType('map[string]interface {}', item);
      if (!Object.hasOwn(item, mergeKey)) throw noMergeKeyError(item, mergeKey);
    }
  }
}

const isDeleteItem = (v: unknown): boolean => isObject(v) && v[DIRECTIVE] === 'delete';

/** Sorts `toSort` by position in `order`; `$patch: delete` items go last. */
export function normalizeSliceOrder(
  toSort: unknown[],
  order: unknown[],
  mergeKey: string,
  kind: ElementKind,
): unknown[] {
  let keep = toSort;
  let deletes: unknown[] = [];
  if (kind === 'map') {
    validateMergeKeys(mergeKey, toSort, order);
    keep = toSort.filter((v) => !isDeleteItem(v));
    deletes = toSort.filter(isDeleteItem);
  }
  const position = (v: unknown): number => indexOfItem(order, v, mergeKey, kind);
  const sorted = [...keep].sort((a, b) => {
    const ia = position(a);
    const ib = position(b);
    return ia >= 0 && ib >= 0 ? ia - ib : 0;
  });
  return [...sorted, ...deletes];
}

/** mergeSortedSlice: interleaves server-only items (left) into patch items (right). */
export function mergeSortedSlice(
  left: unknown[],
  right: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
  kind: ElementKind,
): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexOfItem(serverOrder, left[i], mergeKey, kind);
      const ri = indexOfItem(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

export function normalizeElementOrder(
  patchItems: unknown[],
  serverOnly: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
  kind: ElementKind,
): unknown[] {
  const patchSorted = normalizeSliceOrder(patchItems, patchOrder, mergeKey, kind);
  const serverSorted = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(serverSorted, patchSorted, serverOrder, mergeKey, kind);
}

/** Splits `list` into items present in `by` and the rest. */
export function partitionByPresence(list: unknown[], by: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const inBy: unknown[] = [];
  const rest: unknown[] = [];
  for (const v of list) {
    let present: boolean;
    if (mergeKey === '') {
      present = by.includes(v);
    } else {
      if (!isObject(v)) throw badArgType('map[string]interface {}', v);
      if (!Object.hasOwn(v, mergeKey)) throw noMergeKeyError(v, mergeKey);
      present = findByKey(by, mergeKey, v[mergeKey]) >= 0;
    }
    (present ? inBy : rest).push(v);
  }
  return [inBy, rest];
}

/** Sorts scalars by their `%v` text, as upstream sortScalars does. */
export function sortScalars(list: unknown[]): unknown[] {
  return [...list].sort((a, b) => compareStrings(goString(a), goString(b)));
}

export function dedupeScalars(list: unknown[]): unknown[] {
  return list.filter((v, i) => list.indexOf(v) === i);
}
