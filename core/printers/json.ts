/**
 * Tolerant readers for plain-JSON Kubernetes objects. Printers must never
 * throw on a half-filled object (a pod just created has no status), so every
 * accessor returns a neutral value when the path is missing or mistyped.
 */

/** A JSON object whose fields are still unknown. */
export type J = Record<string, unknown>;

const EMPTY: J = Object.freeze({}) as J;

/** The object at `o[key]`, or a frozen empty object. */
export function obj(o: unknown, key: string): J {
  const v = isRecord(o) ? o[key] : undefined;
  return isRecord(v) ? v : EMPTY;
}

/** The object at `o[key]`, or undefined when absent (for optional pointers). */
export function optObj(o: unknown, key: string): J | undefined {
  const v = isRecord(o) ? o[key] : undefined;
  return isRecord(v) ? v : undefined;
}

/** The array at `o[key]`, or an empty array. */
export function arr(o: unknown, key: string): unknown[] {
  const v = isRecord(o) ? o[key] : undefined;
  return Array.isArray(v) ? v : [];
}

/** The objects in the array at `o[key]`. */
export function objs(o: unknown, key: string): J[] {
  return arr(o, key).filter(isRecord);
}

/** The strings in the array at `o[key]`. */
export function strs(o: unknown, key: string): string[] {
  return arr(o, key).filter((v): v is string => typeof v === 'string');
}

/** The string at `o[key]`, or '' (Go's zero value). */
export function str(o: unknown, key: string): string {
  const v = isRecord(o) ? o[key] : undefined;
  return typeof v === 'string' ? v : '';
}

/** The string at `o[key]`, or undefined when absent (a nil *string). */
export function optStr(o: unknown, key: string): string | undefined {
  const v = isRecord(o) ? o[key] : undefined;
  return typeof v === 'string' ? v : undefined;
}

/** The number at `o[key]`, or 0. */
export function num(o: unknown, key: string): number {
  const v = isRecord(o) ? o[key] : undefined;
  return typeof v === 'number' ? v : 0;
}

/** The number at `o[key]`, or undefined (a nil *int32). */
export function optNum(o: unknown, key: string): number | undefined {
  const v = isRecord(o) ? o[key] : undefined;
  return typeof v === 'number' ? v : undefined;
}

/** The boolean at `o[key]`, or undefined (a nil *bool). */
export function optBool(o: unknown, key: string): boolean | undefined {
  const v = isRecord(o) ? o[key] : undefined;
  return typeof v === 'boolean' ? v : undefined;
}

/** A string map (labels, data, selectors) at `o[key]`. */
export function strMap(o: unknown, key: string): Record<string, string> {
  const v = obj(o, key);
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) out[k] = typeof val === 'string' ? val : String(val);
  return out;
}

/** An int-or-string (targetPort, maxSurge) as Go's IntOrString.String() prints it. */
export function intOrString(o: unknown, key: string): string {
  const v = isRecord(o) ? o[key] : undefined;
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' ? v : '';
}

export function isRecord(v: unknown): v is J {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Go's fmt %v for a bool. */
export const goBool = (b: boolean | undefined): string => (b ? 'true' : 'false');
