/**
 * Field paths for server-side apply ownership, printed as
 * structured-merge-diff's fieldpath.Path.String() does: `.spec.replicas`,
 * `.spec.template.spec.containers[name="nginx"].image`,
 * `.metadata.finalizers[="example.com/x"]`.
 *
 * Leaves are scalars, atomic lists, empty maps, and set-list members; keyed
 * list elements are walked into. Simplification: list keys are the SMP merge
 * keys (upstream SSA uses listMapKeys, e.g. containerPort+protocol).
 */
import { isObject } from './json.ts';
import type { JsonObject } from './json.ts';
import { lookupField } from './smp-schema.ts';
import type { FieldMeta, PatchSchema } from './smp-schema.ts';

export type PathElement =
  { readonly field: string } | { readonly key: string; readonly value: unknown } | { readonly set: unknown };

export interface Leaf {
  readonly path: readonly PathElement[];
  readonly value: unknown;
}

/** Fields the apiserver never tracks in managedFields (set by the server, or identity). */
const UNTRACKED_TOP = new Set(['apiVersion', 'kind', 'status']);
const UNTRACKED_META = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
]);

export function pathString(path: readonly PathElement[]): string {
  return path
    .map((e) => {
      if ('field' in e) return `.${e.field}`;
      if ('key' in e) return `[${e.key}=${JSON.stringify(e.value)}]`;
      return `[=${JSON.stringify(e.set)}]`;
    })
    .join('');
}

/** All tracked leaves of an object, by path string. */
export function collectLeaves(obj: JsonObject, schema: PatchSchema): Map<string, Leaf> {
  const out = new Map<string, Leaf>();
  for (const [k, v] of Object.entries(obj)) {
    if (UNTRACKED_TOP.has(k)) continue;
    if (k === 'metadata' && isObject(v)) {
      for (const [mk, mv] of Object.entries(v)) {
        if (UNTRACKED_META.has(mk)) continue;
        const metaSchema = lookupField(schema, 'metadata').schema;
        walk(mv, lookupField(metaSchema, mk), [{ field: 'metadata' }, { field: mk }], out);
      }
      continue;
    }
    walk(v, lookupField(schema, k), [{ field: k }], out);
  }
  return out;
}

function walk(value: unknown, meta: FieldMeta, path: PathElement[], out: Map<string, Leaf>): void {
  if (isObject(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) walk(v, lookupField(meta.schema, k), [...path, { field: k }], out);
    return;
  }
  if (Array.isArray(value) && meta.strategy === 'merge' && walkList(value, meta, path, out)) return;
  out.set(pathString(path), { path, value });
}

/** Walks a merge list element by element; false when it must be treated as atomic. */
function walkList(list: unknown[], meta: FieldMeta, path: PathElement[], out: Map<string, Leaf>): boolean {
  const mergeKey = meta.mergeKey;
  if (!mergeKey) {
    if (list.some((v) => isObject(v) || Array.isArray(v))) return false;
    for (const v of list) out.set(pathString([...path, { set: v }]), { path: [...path, { set: v }], value: v });
    return true;
  }
  if (!list.every((v) => isObject(v) && Object.hasOwn(v, mergeKey))) return false;
  for (const item of list as JsonObject[]) {
    const elem: PathElement[] = [...path, { key: mergeKey, value: item[mergeKey] }];
    for (const [k, v] of Object.entries(item)) walk(v, lookupField(meta.schema, k), [...elem, { field: k }], out);
  }
  return true;
}

/** Removes the leaf at `path` from `root`; removing a list key removes the element. */
export function removeLeaf(root: JsonObject, path: readonly PathElement[]): void {
  const parents: { container: unknown; elem: PathElement }[] = [];
  let node: unknown = root;
  for (const elem of path) {
    parents.push({ container: node, elem });
    node = step(node, elem);
    if (node === undefined) return;
  }
  const last = parents[parents.length - 1];
  if (!last) return;
  const prev = parents[parents.length - 2];
  const isElementKey =
    prev !== undefined && 'key' in prev.elem && 'field' in last.elem && last.elem.field === prev.elem.key;
  if (isElementKey && prev) detach(prev.container, prev.elem);
  else detach(last.container, last.elem);
  pruneEmpty(parents.slice(0, isElementKey ? -2 : -1));
}

function step(node: unknown, elem: PathElement): unknown {
  if ('field' in elem) return isObject(node) && Object.hasOwn(node, elem.field) ? node[elem.field] : undefined;
  if (!Array.isArray(node)) return undefined;
  if ('key' in elem) return node.find((v) => isObject(v) && v[elem.key] === elem.value);
  return node.includes(elem.set) ? elem.set : undefined;
}

function detach(container: unknown, elem: PathElement): void {
  if ('field' in elem) {
    if (isObject(container)) delete container[elem.field];
    return;
  }
  if (!Array.isArray(container)) return;
  const at =
    'key' in elem ? container.findIndex((v) => isObject(v) && v[elem.key] === elem.value) : container.indexOf(elem.set);
  if (at >= 0) container.splice(at, 1);
}

/** Maps emptied by a removal are removed too (innermost first). */
function pruneEmpty(parents: { container: unknown; elem: PathElement }[]): void {
  for (let i = parents.length - 1; i >= 0; i--) {
    const p = parents[i];
    if (!p) return;
    const child = step(p.container, p.elem);
    const empty = (isObject(child) && Object.keys(child).length === 0) || (Array.isArray(child) && child.length === 0);
    if (!empty) return;
    detach(p.container, p.elem);
  }
}
