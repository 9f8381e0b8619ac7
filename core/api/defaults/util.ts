/** Small mutators used while defaulting a private deep copy. */
export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The object at `o[key]`, created empty when absent (like Go's `if x == nil { x = &T{} }`). */
export function ensure(o: Obj, key: string): Obj {
  const v = o[key];
  if (isObj(v)) return v;
  const created: Obj = {};
  o[key] = created;
  return created;
}

/** The object at `o[key]` when it is one, without creating it. */
export function get(o: Obj, key: string): Obj | undefined {
  const v = o[key];
  return isObj(v) ? v : undefined;
}

/** Sets `o[key]` when it is unset (undefined, null or the empty string). */
export function def(o: Obj, key: string, value: unknown): void {
  const v = o[key];
  if (v === undefined || v === null || v === '') o[key] = value;
}

/** Objects in the list at `o[key]`; non-objects are skipped. */
export function items(o: Obj | undefined, key: string): Obj[] {
  const v = o?.[key];
  return Array.isArray(v) ? v.filter(isObj) : [];
}

/**
 * A deep copy with JSON's rules (what `JSON.parse(JSON.stringify(v))` gives) without
 * the text in between: undefined, function and symbol members dropped (null in arrays),
 * non-finite numbers null, -0 as 0. Anything else (toJSON, bigint, other classes) takes the JSON route.
 */
export function clone<T>(v: T): T {
  const copy = jsonCopy(v);
  return (copy === NOT_PLAIN ? JSON.parse(JSON.stringify(v)) : copy) as T;
}

const NOT_PLAIN = Symbol('not plain JSON');

function jsonCopy(v: unknown): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v + 0 : null;
  if (typeof v !== 'object') return NOT_PLAIN;
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      const t = typeof x;
      const c = x === undefined || t === 'function' || t === 'symbol' ? null : jsonCopy(x);
      if (c === NOT_PLAIN) return NOT_PLAIN;
      out[i] = c;
    }
    return out;
  }
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return NOT_PLAIN;
  if ('toJSON' in v) return NOT_PLAIN;
  const out: Obj = {};
  for (const k of Object.keys(v)) {
    const x = (v as Obj)[k];
    const t = typeof x;
    if (x === undefined || t === 'function' || t === 'symbol') continue;
    const c = jsonCopy(x);
    if (c === NOT_PLAIN) return NOT_PLAIN;
    out[k] = c;
  }
  return out;
}
