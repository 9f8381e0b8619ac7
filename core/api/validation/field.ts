/**
 * Field paths and field-error causes worded as apimachinery's
 * `util/validation/field` package words them (`Error.ErrorBody`), plus a small
 * printer for the Go `%#v` forms that upstream puts into "Invalid value: …".
 */
import type { StatusCause } from '../types.ts';

/** `child('spec', 'template')` → `spec.template`; a root of '' yields the bare name. */
export function child(path: string, ...names: string[]): string {
  return [path, ...names].filter((p) => p !== '').join('.');
}

/** `index('spec.containers', 0)` → `spec.containers[0]`; also used for map keys (`data[key]`). */
export function index(path: string, i: number | string): string {
  return `${path}[${i}]`;
}

/**
 * A value already printed the way Go prints it (`%#v` for maps, structs and
 * slices). Plain strings print as `%q`, numbers and booleans as `%v`.
 */
export class GoValue {
  constructor(readonly text: string) {}
}

export type BadValue = string | number | boolean | null | undefined | GoValue;

function show(value: BadValue): string {
  if (value instanceof GoValue) return value.text;
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return 'null';
  return String(value);
}

const withDetail = (head: string, detail: string): string => (detail ? `${head}: ${detail}` : head);

/** Upstream field error constructors (Required, Invalid, NotSupported, …) as Status causes. */
export const fe = {
  required: (field: string, detail = ''): StatusCause => ({
    reason: 'FieldValueRequired',
    message: withDetail('Required value', detail),
    field,
  }),
  invalid: (field: string, value: BadValue, detail: string): StatusCause => ({
    reason: 'FieldValueInvalid',
    message: withDetail(`Invalid value: ${show(value)}`, detail),
    field,
  }),
  notSupported: (field: string, value: BadValue, allowed: readonly string[]): StatusCause => ({
    reason: 'FieldValueNotSupported',
    message: withDetail(
      `Unsupported value: ${show(value)}`,
      allowed.length ? `supported values: ${allowed.map((a) => JSON.stringify(a)).join(', ')}` : '',
    ),
    field,
  }),
  duplicate: (field: string, value: BadValue): StatusCause => ({
    reason: 'FieldValueDuplicate',
    message: `Duplicate value: ${show(value)}`,
    field,
  }),
  notFound: (field: string, value: BadValue): StatusCause => ({
    reason: 'FieldValueNotFound',
    message: `Not found: ${show(value)}`,
    field,
  }),
  forbidden: (field: string, detail: string): StatusCause => ({
    reason: 'FieldValueForbidden',
    message: withDetail('Forbidden', detail),
    field,
  }),
  tooLong: (field: string, max: number): StatusCause => ({
    reason: 'FieldValueTooLong',
    message: `Too long: may not be more than ${max} bytes`,
    field,
  }),
};

/** Upstream `FieldImmutableErrorMsg`. */
export const FIELD_IMMUTABLE = 'field is immutable';
/** Upstream `IsNegativeErrorMsg`. */
export const IS_NEGATIVE = 'must be greater than or equal to 0';

// ---- Go %#v printing of the few shapes upstream puts into messages ----

const q = (s: string): string => JSON.stringify(s);

/** `map[string]string{"a":"b", "c":"d"}` (keys sorted as fmt does), or `(nil)` when absent. */
export function goStringMap(m: unknown): GoValue {
  if (!isMap(m)) return new GoValue('map[string]string(nil)');
  const entries = Object.keys(m)
    .sort()
    .map((k) => `${q(k)}:${q(String(m[k]))}`);
  return new GoValue(`map[string]string{${entries.join(', ')}}`);
}

/** `[]string{"a", "b"}` or `[]string(nil)`. */
export function goStringSlice(list: unknown): GoValue {
  if (!Array.isArray(list)) return new GoValue('[]string(nil)');
  return new GoValue(`[]string{${list.map((s) => q(String(s))).join(', ')}}`);
}

/**
 * `intstr.IntOrString{Type:0, IntVal:0, StrVal:""}`: the value is passed by
 * value and String() has a pointer receiver, so fmt falls back to %#v.
 */
export function goIntOrString(v: unknown): GoValue {
  if (typeof v === 'string') return new GoValue(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${q(v)}}`);
  const n = typeof v === 'number' ? v : 0;
  return new GoValue(`intstr.IntOrString{Type:0, IntVal:${n}, StrVal:""}`);
}

/** `v1.LabelSelector{MatchLabels:…, MatchExpressions:…}` as printed for a dereferenced selector. */
export function goLabelSelector(sel: unknown): GoValue {
  const s = isMap(sel) ? sel : {};
  const exprs = Array.isArray(s['matchExpressions'])
    ? `[]v1.LabelSelectorRequirement{${s['matchExpressions']
        .map((e: unknown) => {
          const r = isMap(e) ? e : {};
          const key = typeof r['key'] === 'string' ? r['key'] : '';
          const op = typeof r['operator'] === 'string' ? r['operator'] : '';
          return `v1.LabelSelectorRequirement{Key:${q(key)}, Operator:${q(op)}, Values:${goStringSlice(r['values']).text}}`;
        })
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return new GoValue(`v1.LabelSelector{MatchLabels:${goStringMap(s['matchLabels']).text}, MatchExpressions:${exprs}}`);
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
