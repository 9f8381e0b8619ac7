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

export function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}
