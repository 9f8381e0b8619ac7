/**
 * Tolerant readers for the loosely typed JSON of Kubernetes objects. The
 * graph must never throw on a half-filled object (a pod just created has no
 * status), so every accessor returns a neutral value when a path is missing.
 */

export type J = Record<string, unknown>;

const EMPTY: J = Object.freeze({}) as J;

function isRecord(v: unknown): v is J {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The object at `o[key]`, or a frozen empty object. */
export function obj(o: unknown, key: string): J {
  const v = isRecord(o) ? o[key] : undefined;
  return isRecord(v) ? v : EMPTY;
}

/** The object at `o[key]`, or undefined when absent. */
export function optObj(o: unknown, key: string): J | undefined {
  const v = isRecord(o) ? o[key] : undefined;
  return isRecord(v) ? v : undefined;
}

/** The objects in the array at `o[key]`. */
export function objs(o: unknown, key: string): J[] {
  const v = isRecord(o) ? o[key] : undefined;
  return Array.isArray(v) ? v.filter(isRecord) : [];
}

/** The string at `o[key]`, or ''. */
export function str(o: unknown, key: string): string {
  const v = isRecord(o) ? o[key] : undefined;
  return typeof v === 'string' ? v : '';
}

/** The number at `o[key]`, or 0. */
export function num(o: unknown, key: string): number {
  const v = isRecord(o) ? o[key] : undefined;
  return typeof v === 'number' ? v : 0;
}

/** The string → string record at `o[key]` (labels, selectors), or undefined when absent. */
export function strMap(o: unknown, key: string): Record<string, string> | undefined {
  const v = isRecord(o) ? o[key] : undefined;
  if (!isRecord(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

/** Whether the condition `type` in `status.conditions` is "True"; undefined when the condition is absent. */
export function condition(o: unknown, type: string): boolean | undefined {
  const c = objs(obj(o, 'status'), 'conditions').find((x) => str(x, 'type') === type);
  return c === undefined ? undefined : str(c, 'status') === 'True';
}
