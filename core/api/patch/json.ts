/**
 * Small JSON helpers shared by the patch engines: deep equality and copy,
 * key-sorted output (Go's encoding/json sorts map keys, so kubectl's patch
 * bytes have sorted keys), and Go's `%v` / type names so error messages read
 * exactly like the apiserver's.
 */
import { isObject } from '../types.ts';
import type { JsonObject } from '../types.ts';

export { isObject };
export type { JsonObject };

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

export function deepClone<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => deepClone(v)) as T;
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = deepClone(v);
    return out as T;
  }
  return value;
}

/** A deep copy whose object keys are sorted, as Go's json.Marshal writes maps. */
export function sortKeysDeep<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => sortKeysDeep(v)) as T;
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const k of Object.keys(value).sort(compareStrings)) out[k] = sortKeysDeep(value[k]);
    return out as T;
  }
  return value;
}

/** Byte-order string comparison (Go's `<` on strings, for ASCII input). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Own-property lookup that never reaches Object.prototype. */
export function own(obj: JsonObject, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** Go's `fmt.Sprintf("%v", x)` for a value decoded from JSON into interface{}. */
export function goString(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goString).join(' ')}]`;
  if (isObject(value)) {
    const parts = Object.keys(value)
      .sort(compareStrings)
      .map((k) => `${k}:${goString(value[k])}`);
    return `map[${parts.join(' ')}]`;
  }
  return String(value);
}

/** Go's reflect type name of a JSON-decoded value, for "expected a X, but received a Y". */
export function goTypeName(value: unknown): string {
  if (value === null || value === undefined) return '%!s(<nil>)';
  if (Array.isArray(value)) return '[]interface {}';
  if (isObject(value)) return 'map[string]interface {}';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int64' : 'float64';
  return typeof value === 'boolean' ? 'bool' : 'string';
}

/** The coarse JSON type used where upstream compares reflect.TypeOf. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
