/**
 * ObjectMeta, labels, annotations and label selectors, as apimachinery
 * `pkg/api/validation/objectmeta.go` and `pkg/apis/meta/v1/validation` check them.
 */
import type { StatusCause } from '../types.ts';
import { FIELD_IMMUTABLE, IS_NEGATIVE, child, fe, goLabelSelector, index } from './field.ts';
import type { GoValue } from './field.ts';
import type { BadValue } from './field.ts';
import { deepEqual, list, map, str, stringMap } from './json.ts';
import { byteLength, isQualifiedName, isValidLabelValue, nameIsDNSLabel } from './names.ts';
import type { NameFn } from './names.ts';

/** Upstream `TotalAnnotationSizeLimitB`: 256 KiB for all keys and values together. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

export function validateLabelName(key: string, path: string): StatusCause[] {
  return isQualifiedName(key).map((m) => fe.invalid(path, key, m));
}

/** Keys and values of a label map; every error names the map itself, as upstream does. */
export function validateLabels(labels: unknown, path: string): StatusCause[] {
  const m = stringMap(labels);
  if (!m) return [];
  const errs: StatusCause[] = [];
  for (const [k, v] of Object.entries(m)) {
    errs.push(...validateLabelName(k, path));
    errs.push(...isValidLabelValue(v).map((msg) => fe.invalid(path, v, msg)));
  }
  return errs;
}

export function validateAnnotations(annotations: unknown, path: string): StatusCause[] {
  const m = stringMap(annotations);
  if (!m) return [];
  const errs: StatusCause[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(m)) {
    errs.push(...isQualifiedName(k.toLowerCase()).map((msg) => fe.invalid(path, k, msg)));
    total += byteLength(k) + byteLength(v);
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(fe.tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

export function validateNonnegative(value: unknown, path: string): StatusCause[] {
  return typeof value === 'number' && value < 0 ? [fe.invalid(path, value, IS_NEGATIVE)] : [];
}

/** core's validateKubeFinalizerName: qualified, and unprefixed names must be standard ones. */
function validateFinalizerName(name: string, path: string): StatusCause[] {
  const errs = isQualifiedName(name).map((m) => fe.invalid(path, name, m));
  if (errs.length === 0 && !name.includes('/') && !STANDARD_FINALIZERS.has(name)) {
    errs.push(fe.invalid(path, name, 'name is neither a standard finalizer name nor is it fully qualified'));
  }
  return errs;
}

export function validateFinalizers(finalizers: unknown, path: string): StatusCause[] {
  return list(finalizers).flatMap((f, i) => validateFinalizerName(str(f), index(path, i)));
}

function validateOwnerReferences(refs: unknown, path: string): StatusCause[] {
  const errs: StatusCause[] = [];
  for (const raw of list(refs)) {
    const r = map(raw) ?? {};
    const apiVersion = str(r['apiVersion']);
    const version = apiVersion.includes('/') ? (apiVersion.split('/')[1] ?? '') : apiVersion;
    if (!version) errs.push(fe.invalid(child(path, 'apiVersion'), apiVersion, 'version must not be empty'));
    if (!str(r['kind'])) errs.push(fe.invalid(child(path, 'kind'), str(r['kind']), 'kind must not be empty'));
    if (!str(r['name'])) errs.push(fe.invalid(child(path, 'name'), str(r['name']), 'name must not be empty'));
    if (!str(r['uid'])) errs.push(fe.invalid(child(path, 'uid'), str(r['uid']), 'uid must not be empty'));
  }
  return errs;
}

/**
 * ValidateObjectMeta. `requiresNamespace` is the kind's scope; the API server
 * fills the namespace from the URL before validating, so an absent one on a
 * namespaced kind is reported as upstream would.
 */
export function validateObjectMeta(
  meta: unknown,
  requiresNamespace: boolean,
  nameFn: NameFn,
  path = 'metadata',
): StatusCause[] {
  const m = map(meta) ?? {};
  const errs: StatusCause[] = [];
  const generateName = str(m['generateName']);
  const name = str(m['name']);
  if (generateName)
    errs.push(...nameFn(generateName, true).map((msg) => fe.invalid(child(path, 'generateName'), generateName, msg)));
  if (!name) errs.push(fe.required(child(path, 'name'), 'name or generateName is required'));
  else errs.push(...nameFn(name, false).map((msg) => fe.invalid(child(path, 'name'), name, msg)));
  if (requiresNamespace) {
    const ns = str(m['namespace']);
    if (!ns) errs.push(fe.required(child(path, 'namespace')));
    else errs.push(...nameIsDNSLabel(ns, false).map((msg) => fe.invalid(child(path, 'namespace'), ns, msg)));
  }
  errs.push(...validateNonnegative(m['generation'], child(path, 'generation')));
  errs.push(...validateLabels(m['labels'], child(path, 'labels')));
  errs.push(...validateAnnotations(m['annotations'], child(path, 'annotations')));
  errs.push(...validateOwnerReferences(m['ownerReferences'], child(path, 'ownerReferences')));
  errs.push(...validateFinalizers(m['finalizers'], child(path, 'finalizers')));
  return errs;
}

/** ValidateImmutableField: `Invalid value: <new>: field is immutable`. */
export function validateImmutable(newVal: unknown, oldVal: unknown, path: string, shown: BadValue): StatusCause[] {
  return deepEqual(newVal ?? null, oldVal ?? null) ? [] : [fe.invalid(path, shown, FIELD_IMMUTABLE)];
}

/** ValidateObjectMetaUpdate: identity fields may not change, labels and annotations stay valid. */
export function validateObjectMetaUpdate(meta: unknown, oldMeta: unknown, path = 'metadata'): StatusCause[] {
  const m = map(meta) ?? {};
  const o = map(oldMeta) ?? {};
  const errs: StatusCause[] = [];
  if (o['deletionTimestamp']) {
    const added = list(m['finalizers'])
      .filter((f) => !list(o['finalizers']).includes(f))
      .map(str)
      .sort();
    if (added.length) {
      const shown = `[]string{${added.map((a) => JSON.stringify(a)).join(', ')}}`;
      errs.push(
        fe.forbidden(
          child(path, 'finalizers'),
          `no new finalizers can be added if the object is being deleted, found new finalizers ${shown}`,
        ),
      );
    }
  }
  if (!str(m['resourceVersion']))
    errs.push(fe.invalid(child(path, 'resourceVersion'), '', 'must be specified for an update'));
  if (typeof m['generation'] === 'number' && typeof o['generation'] === 'number' && m['generation'] < o['generation']) {
    errs.push(fe.invalid(child(path, 'generation'), m['generation'], 'must not be decremented'));
  }
  for (const f of ['name', 'namespace', 'uid']) {
    errs.push(...validateImmutable(str(m[f]), str(o[f]), child(path, f), str(m[f])));
  }
  errs.push(...validateLabels(m['labels'], child(path, 'labels')));
  errs.push(...validateAnnotations(m['annotations'], child(path, 'annotations')));
  errs.push(...validateOwnerReferences(m['ownerReferences'], child(path, 'ownerReferences')));
  errs.push(...validateFinalizers(m['finalizers'], child(path, 'finalizers')));
  return errs;
}

// ---- label selectors ----

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

export function validateLabelSelector(selector: unknown, path: string): StatusCause[] {
  const s = map(selector);
  if (!s) return [];
  const errs = validateLabels(s['matchLabels'], child(path, 'matchLabels'));
  list(s['matchExpressions']).forEach((raw, i) => {
    const p = index(child(path, 'matchExpressions'), i);
    const e = map(raw) ?? {};
    const op = str(e['operator']);
    const values = list(e['values']).map(str);
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0)
        errs.push(fe.required(child(p, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length > 0)
        errs.push(
          fe.forbidden(child(p, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
        );
    } else {
      errs.push(fe.invalid(child(p, 'operator'), op, 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(str(e['key']), child(p, 'key')));
    values.forEach((v, j) =>
      errs.push(...isValidLabelValue(v).map((msg) => fe.invalid(index(child(p, 'values'), j), v, msg))),
    );
  });
  return errs;
}

/** A compiled selector: `nothing` for an absent selector (matches nothing), else requirements. */
export type Selector =
  { kind: 'nothing' } | { kind: 'match'; empty: boolean; test: (labels: Record<string, string>) => boolean };

/** metav1.LabelSelectorAsSelector; undefined when the selector cannot be compiled. */
export function compileSelector(selector: unknown): Selector | undefined {
  const s = map(selector);
  if (!s) return { kind: 'nothing' };
  const matchLabels = stringMap(s['matchLabels']) ?? {};
  const exprs = list(s['matchExpressions']).map((e) => map(e) ?? {});
  for (const e of exprs) {
    const op = str(e['operator']);
    const n = list(e['values']).length;
    if (!OPERATORS.includes(op)) return undefined;
    if ((op === 'In' || op === 'NotIn') && n === 0) return undefined;
    if ((op === 'Exists' || op === 'DoesNotExist') && n > 0) return undefined;
  }
  const test = (labels: Record<string, string>): boolean =>
    Object.entries(matchLabels).every(([k, v]) => labels[k] === v) && exprs.every((e) => requirementMatches(e, labels));
  return { kind: 'match', empty: Object.keys(matchLabels).length + exprs.length === 0, test };
}

function requirementMatches(e: Record<string, unknown>, labels: Record<string, string>): boolean {
  const key = str(e['key']);
  const values = list(e['values']).map(String);
  const has = Object.prototype.hasOwnProperty.call(labels, key);
  switch (str(e['operator'])) {
    case 'In':
      return has && values.includes(labels[key] ?? '');
    case 'NotIn':
      return !has || !values.includes(labels[key] ?? '');
    case 'Exists':
      return has;
    default:
      return !has;
  }
}

export function selectorMatches(sel: Selector, labels: unknown): boolean {
  return sel.kind === 'match' && sel.test(stringMap(labels) ?? {});
}

/** `v1.LabelSelector{…}` for a selector value in a message. */
export function shownSelector(selector: unknown): GoValue {
  return goLabelSelector(selector);
}
