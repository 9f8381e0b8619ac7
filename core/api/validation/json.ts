/**
 * Tolerant readers over loosely typed JSON: validation must never throw on a
 * malformed object (a list where a map belongs is the schema validator's
 * finding), so every read degrades to "absent".
 */
export type Json = Record<string, unknown>;

export function map(v: unknown): Json | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
}

export function mapOr(v: unknown): Json {
  return map(v) ?? {};
}

export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

/** A map of strings (labels, selectors, data); non-string values are stringified as YAML would. */
export function stringMap(v: unknown): Record<string, string> | undefined {
  const m = map(v);
  if (!m) return undefined;
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(m)) out[k] = typeof val === 'string' ? val : String(val);
  return out;
}

/** Structural equality of JSON values (key order ignored), like apiequality.Semantic for plain data. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  const ma = map(a);
  const mb = map(b);
  if (!ma || !mb) return false;
  const ka = Object.keys(ma).filter((k) => ma[k] !== undefined);
  const kb = Object.keys(mb).filter((k) => mb[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => deepEqual(ma[k], mb[k]));
}
