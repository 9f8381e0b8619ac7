/**
 * Definitions in the form the API server serves them in OpenAPI v3 documents, the closure of
 * the definitions a document's kinds reach, and the documents' content hash.
 */
import { allDefinitions } from './definitions.ts';
import type { SchemaObject } from './types.ts';
import { QUANTITY, REF_PREFIX } from './types.ts';

type Schema = Record<string, unknown>;

/** Every definition reachable from `roots`, in their served form, with sorted keys. */
export function closure(roots: Set<string>): Record<string, unknown> {
  const defs = allDefinitions();
  const out = new Map<string, unknown>();
  const queue = [...roots];
  while (queue.length) {
    const name = queue.pop() as string;
    const def = defs[name];
    if (out.has(name) || !def) continue;
    out.set(name, served(name, def));
    collectRefs(def, queue);
  }
  return Object.fromEntries([...out.keys()].sort().map((k) => [k, out.get(k)]));
}

function collectRefs(schema: SchemaObject, into: string[]): void {
  if (schema.$ref) into.push(schema.$ref.slice(REF_PREFIX.length));
  if (schema.items) collectRefs(schema.items, into);
  if (schema.additionalProperties) collectRefs(schema.additionalProperties, into);
  for (const prop of Object.values(schema.properties ?? {})) collectRefs(prop, into);
}

const servedCache = new Map<string, unknown>();

/**
 * A definition as upstream serves it in v3: a `$ref` with siblings (a description) is wrapped in
 * `allOf`, since OpenAPI 3.0 ignores siblings of `$ref`; Quantity is `oneOf` string or number.
 */
function served(name: string, def: SchemaObject): unknown {
  const cached = servedCache.get(name);
  if (cached) return cached;
  let out: Schema;
  if (name === QUANTITY) {
    out = { description: def.description, oneOf: [{ type: 'string' }, { type: 'number' }] };
  } else {
    const properties = def.properties
      ? Object.fromEntries(Object.entries(def.properties).map(([k, p]) => [k, wrapRef(p)]))
      : undefined;
    out = properties ? { ...def, properties } : { ...def };
  }
  servedCache.set(name, out);
  return out;
}

function wrapRef(prop: SchemaObject): SchemaObject {
  if (!prop.$ref) return prop;
  const { $ref, ...siblings } = prop;
  return Object.keys(siblings).length ? { allOf: [{ $ref }], ...siblings } : prop;
}

/**
 * A 128-bit hash as 32 uppercase hex digits: four FNV-style lanes with distinct primes over the
 * UTF-16 code units, each finished with murmur3's fmix32 and mixed with the length.
 */
export function hash128(text: string): string {
  const lanes = [0x811c9dc5, 0x9e3779b9, 0x85ebca6b, 0xc2b2ae35];
  const primes = [0x01000193, 0x5bd1e995, 0x27d4eb2d, 0x165667b1];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    for (let l = 0; l < 4; l++) lanes[l] = Math.imul((lanes[l] as number) ^ c, primes[l] as number);
  }
  return lanes
    .map((h, l) => {
      let x = (h ^ text.length ^ (lanes[(l + 1) % 4] as number)) >>> 0;
      x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
      x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
      return ((x ^ (x >>> 16)) >>> 0).toString(16).padStart(8, '0');
    })
    .join('')
    .toUpperCase();
}
