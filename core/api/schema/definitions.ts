/**
 * The generated definitions (scripts/gen-schema.ts, from `kubernetes-types`) and lookups over
 * them: a kind's definition, `$ref` resolution, and field lookup for `kubectl explain`.
 */
import schemas from '../generated/schemas.json' with { type: 'json' };
import type { GroupVersionKind, SchemaObject } from './types.ts';
import { REF_PREFIX } from './types.ts';

const DEFINITIONS = (schemas as unknown as { definitions: Record<string, SchemaObject> }).definitions;

/** Which package version the schema was derived from, e.g. "kubernetes-types@1.30.0". */
export const SCHEMA_SOURCE = (schemas as unknown as { source: string }).source;

/**
 * Served kinds ("apps/v1 Deployment") that neither kubernetes-types nor client-node's newer
 * models define, as the generator found them. They are accepted without structural checks and
 * documented with an open object schema.
 */
export const KNOWN_MISSING_KINDS: readonly string[] = (schemas as unknown as { missingKinds: string[] }).missingKinds;

const byGvk = new Map<string, string>();
for (const [name, def] of Object.entries(DEFINITIONS)) {
  for (const gvk of def['x-kubernetes-group-version-kind'] ?? []) byGvk.set(gvkKey(gvk), name);
}

function gvkKey(gvk: GroupVersionKind): string {
  return `${gvk.group}/${gvk.version}/${gvk.kind}`;
}

/** Split "apps/v1" into group "apps" and version "v1"; "v1" is the core group. */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** Every definition, keyed by OpenAPI name. Treat as read-only. */
export function allDefinitions(): Readonly<Record<string, SchemaObject>> {
  return DEFINITIONS;
}

/** The OpenAPI name of a kind's definition, e.g. ("apps/v1", "Deployment") → "io.k8s.api.apps.v1.Deployment". */
export function definitionName(apiVersion: string, kind: string): string | undefined {
  return byGvk.get(gvkKey({ ...parseApiVersion(apiVersion), kind }));
}

/** The schema of a kind, or undefined when the schema does not know it. */
export function definitionFor(apiVersion: string, kind: string): SchemaObject | undefined {
  const name = definitionName(apiVersion, kind);
  return name === undefined ? undefined : DEFINITIONS[name];
}

/** A definition by `#/components/schemas/<name>` reference or by bare name. */
export function resolveRef(ref: string): SchemaObject | undefined {
  return DEFINITIONS[ref.startsWith(REF_PREFIX) ? ref.slice(REF_PREFIX.length) : ref];
}

/** The definition name a schema points at, if it is a reference. */
export function refName(schema: SchemaObject): string | undefined {
  const ref = schema.$ref ?? schema.allOf?.[0]?.$ref;
  return ref?.startsWith(REF_PREFIX) ? ref.slice(REF_PREFIX.length) : undefined;
}

/** Follow a schema's reference (if any) to the type it describes. */
export function deref(schema: SchemaObject): SchemaObject {
  const name = refName(schema);
  return (name !== undefined && DEFINITIONS[name]) || schema;
}

/** What `kubectl explain <kind>.<path>` shows for one field. */
export interface Explained {
  /** The field's own schema (its description, list/map shape, `$ref`). */
  field: SchemaObject;
  /** The type of the field's values, with arrays and maps unwrapped and references followed. */
  schema: SchemaObject;
  /** The field's description, or its type's when the field has none. */
  description: string;
  /** kubectl's type label: `Object`, `[]Object`, `string`, `map[string]string`, `integer`, … */
  typeLabel: string;
  /** Whether the field is required in its parent. */
  required: boolean;
}

/** Unwrap arrays and maps to the schema of their elements, following references. */
function elementSchema(schema: SchemaObject): SchemaObject {
  const resolved = deref(schema);
  if (resolved.type === 'array' && resolved.items) return elementSchema(resolved.items);
  if (resolved.type === 'object' && resolved.additionalProperties && !resolved.properties) {
    return elementSchema(resolved.additionalProperties);
  }
  return resolved;
}

/**
 * Look a field up by path, as `kubectl explain deployment.spec.strategy` does:
 * `explainPath('apps/v1', 'Deployment', ['spec', 'strategy'])`. An empty path explains the kind.
 * Undefined when the kind or a field on the path is unknown.
 */
export function explainPath(apiVersion: string, kind: string, path: readonly string[]): Explained | undefined {
  const root = definitionFor(apiVersion, kind);
  if (!root) return undefined;
  let field: SchemaObject = root;
  let required = false;
  for (const step of path) {
    const parent = elementSchema(field);
    const next = parent.properties?.[step];
    if (!next) return undefined;
    required = parent.required?.includes(step) ?? false;
    field = next;
  }
  const schema = elementSchema(field);
  return {
    field,
    schema,
    description: field.description ?? deref(field).description ?? '',
    typeLabel: typeLabel(field),
    required,
  };
}

/** kubectl's label for a schema's type (explain prints it in angle brackets). */
export function typeLabel(schema: SchemaObject): string {
  const name = refName(schema);
  if (name !== undefined) {
    const target = DEFINITIONS[name];
    if (target?.type === 'object' || target?.properties) return 'Object';
    return name.slice(name.lastIndexOf('.') + 1);
  }
  if (schema.type === 'array' && schema.items) return `[]${typeLabel(schema.items)}`;
  if (schema.type === 'object' && schema.additionalProperties)
    return `map[string]${typeLabel(schema.additionalProperties)}`;
  if (schema.type === 'object') return 'Object';
  return schema.type ?? 'Object';
}
