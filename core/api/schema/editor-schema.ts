/**
 * The JSON Schema (draft-07) the lab's YAML editor validates manifests with, derived from the same
 * generated definitions the API server decodes with, so the editor and the server agree.
 *
 * Shape, chosen for monaco-yaml (yaml-language-server) and measured there: the root checks
 * `apiVersion` and `kind` against the served kinds (enums, so both complete), then `if`/`then`
 * selects the kind's definition by `kind` and `apiVersion`. if/then, not a oneOf over kinds: errors
 * speak of the document the learner wrote ("Property replicaz is not allowed"), not "matches none of
 * 60 schemas", and completion and hover offer only the chosen kind's fields. The kind is found by a
 * binary tree of `if kind is one of [half of the kinds]` (see kindTree): a flat list of ~100 ifs costs
 * yaml-language-server a formatted error message per failed `if` per document, which was a third of
 * the validation time of a 500-line manifest. Each kind also narrows `apiVersion` ("Deployment is
 * served as apiVersion apps/v1"), the mistake learners make most. `kind: List` (what `kubectl get
 * -o yaml` prints) validates each item against the root.
 *
 * OpenAPI → JSON Schema: `$ref`s move from `#/components/schemas/` to `#/definitions/` and keep
 * their description (yaml-language-server shows it over the target's, as the field's own words);
 * int-or-string and Quantity accept integers/numbers and strings, as their Go unmarshalers do;
 * preserve-unknown-fields takes anything; objects with properties reject unknown fields, as the
 * server's Strict field validation (kubectl's default) does. Numeric formats (int32, double) carry
 * no check the editor needs and are dropped.
 */
import { RESOURCES } from '../registry.ts';
import { allDefinitions, definitionName, refName } from './definitions.ts';
import type { SchemaObject } from './types.ts';

/** A JSON Schema node (draft-07), as plain JSON. */
export interface JsonSchema {
  [keyword: string]: unknown;
}

const DEFINITIONS_PREFIX = '#/definitions/';

/** One kind the editor knows: its apiVersion, kind and definition name (absent when not in the schema). */
export interface EditorKind {
  apiVersion: string;
  kind: string;
  definition?: string;
}

/**
 * The kinds a learner can write in a manifest: served kinds that can be created (not the
 * read-only ComponentStatus, not Binding), in registry order.
 */
export function editorKinds(): EditorKind[] {
  return RESOURCES.filter((r) => r.verbs.includes('create') && r.verbs.includes('get')).map((r) => {
    const definition = definitionName(r.apiVersion, r.kind);
    return { apiVersion: r.apiVersion, kind: r.kind, ...(definition ? { definition } : {}) };
  });
}

/** Convert one OpenAPI schema node to JSON Schema. */
export function convertSchema(s: SchemaObject): JsonSchema {
  const out: JsonSchema = {};
  if (s.description) out.description = s.description;
  const ref = refName(s);
  if (ref !== undefined) {
    out.$ref = DEFINITIONS_PREFIX + ref;
    return out;
  }
  if (s['x-kubernetes-int-or-string']) {
    out.type = ['integer', 'string'];
    return out;
  }
  if (s.format === 'quantity') {
    // resource.Quantity unmarshals JSON numbers too: `cpu: 1` is as good as `cpu: "1"`.
    out.type = ['string', 'number'];
    return out;
  }
  if (s['x-kubernetes-preserve-unknown-fields']) return out;
  if (s.type) out.type = s.type;
  if (s.properties) {
    out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, convertSchema(v)]));
    out.additionalProperties = false;
  } else if (s.additionalProperties) {
    out.additionalProperties = convertSchema(s.additionalProperties);
  }
  if (s.items) out.items = convertSchema(s.items);
  if (s.required?.length) out.required = [...s.required];
  return out;
}

/** Every definition reachable from `roots` through `$ref`s, converted, in a stable (sorted) order. */
function reachableDefinitions(roots: readonly string[]): Record<string, JsonSchema> {
  const defs = allDefinitions();
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length) {
    const name = queue.pop()!;
    if (seen.has(name) || !defs[name]) continue;
    seen.add(name);
    collectRefs(defs[name], queue);
  }
  return Object.fromEntries([...seen].sort().map((name) => [name, convertSchema(defs[name]!)]));
}

function collectRefs(s: SchemaObject, into: string[]): void {
  const ref = refName(s);
  if (ref !== undefined) into.push(ref);
  for (const p of Object.values(s.properties ?? {})) collectRefs(p, into);
  if (s.items) collectRefs(s.items, into);
  if (s.additionalProperties) collectRefs(s.additionalProperties, into);
}

const unique = (xs: string[]) => [...new Set(xs)];

/**
 * A condition that one string field is exactly `value`. While completing, yaml-language-server
 * takes a `const` as matched by any prefix of it (`kind: Service` would select ServiceAccount and
 * offer its fields); the length check rules that out, cheaply (a `pattern` costs a RegExp each time).
 */
function exactly(value: string): JsonSchema {
  return { type: 'string', const: value, minLength: value.length, maxLength: value.length };
}

/**
 * `if kind is one of [left half] then … else …`, down to one kind per leaf: about six checks per
 * document instead of one per kind. The halves test a `pattern`, not an `enum`: while completing,
 * yaml-language-server takes an enum value's prefix as a match (and would send `Service` down
 * ServiceAccount's side), and its hover reads every enum on the path as the field's allowed values.
 */
function kindTree(kinds: readonly string[], leaf: (kind: string) => JsonSchema): JsonSchema {
  if (kinds.length === 1) return leaf(kinds[0]!);
  const mid = kinds.length >> 1;
  return {
    if: {
      properties: { kind: { type: 'string', pattern: `^(${kinds.slice(0, mid).join('|')})$` } },
      required: ['kind'],
    },
    then: kindTree(kinds.slice(0, mid), leaf),
    else: kindTree(kinds.slice(mid), leaf),
  };
}

/** One kind: `apiVersion` must serve it, and the matching version's definition applies. */
function kindRule(kind: string, versions: { apiVersion: string; then: JsonSchema }[]): JsonSchema {
  const apiVersions = versions.map((v) => v.apiVersion);
  return {
    if: { properties: { kind: exactly(kind) }, required: ['kind'] },
    then: {
      properties: {
        apiVersion: { enum: apiVersions, errorMessage: `${kind} is served as apiVersion ${apiVersions.join(' or ')}.` },
      },
      allOf: versions.map((v) => ({
        if: { properties: { apiVersion: exactly(v.apiVersion) }, required: ['apiVersion'] },
        then: v.then,
      })),
    },
  };
}

/** The first sentence of a kind's own description ("Deployment enables declarative updates…"). */
function kindSummary(kinds: EditorKind[], name: string): string {
  if (name === 'List') return 'A list of objects, as kubectl get -o yaml prints several.';
  const def = kinds.find((k) => k.kind === name && k.definition)?.definition;
  const text = (def && allDefinitions()[def]?.description) || '';
  const end = text.search(/\.(\s|$)/);
  return end >= 0 ? text.slice(0, end + 1) : text;
}

const LIST: JsonSchema = {
  properties: {
    items: { type: 'array', description: 'The objects of the list, each a manifest.', items: { $ref: '#' } },
    metadata: { type: 'object' },
  },
};

/** The whole editor schema. Deterministic: the same definitions give the same JSON. */
export function editorSchema(): JsonSchema {
  const kinds = editorKinds();
  const definitions = reachableDefinitions(kinds.flatMap((k) => (k.definition ? [k.definition] : [])));
  const versionsOf = new Map<string, { apiVersion: string; then: JsonSchema }[]>();
  for (const k of kinds) {
    // A kind the schema lacks is served all the same: accepted as an open object.
    const then: JsonSchema = k.definition ? { $ref: DEFINITIONS_PREFIX + k.definition } : {};
    versionsOf.set(k.kind, [...(versionsOf.get(k.kind) ?? []), { apiVersion: k.apiVersion, then }]);
  }
  versionsOf.set('List', [{ apiVersion: 'v1', then: LIST }]);
  const kindNames = [...versionsOf.keys()];
  const apiVersions = unique([...kinds.map((k) => k.apiVersion), 'v1']);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    description: 'A Kubernetes object: apiVersion and kind choose its schema.',
    type: 'object',
    required: ['apiVersion', 'kind'],
    properties: {
      apiVersion: {
        type: 'string',
        description: 'The group and version of the schema this object follows, e.g. v1 or apps/v1.',
        enum: apiVersions,
        enumDescriptions: apiVersions.map((v) =>
          kinds
            .filter((k) => k.apiVersion === v)
            .map((k) => k.kind)
            .join(', '),
        ),
      },
      kind: {
        type: 'string',
        description: 'The kind of object (Pod, Deployment, Service…), in CamelCase.',
        enum: kindNames,
        enumDescriptions: kindNames.map((name) => kindSummary(kinds, name)),
      },
    },
    allOf: [kindTree([...kindNames].sort(), (kind) => kindRule(kind, versionsOf.get(kind)!))],
    definitions,
  };
}
