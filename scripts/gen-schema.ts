/**
 * Derives the Kubernetes schema from the `kubernetes-types` package at build time and writes
 * core/api/generated/schemas.json: OpenAPI-style definitions keyed by the real OpenAPI names
 * (`io.k8s.api.core.v1.Pod`, `io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`, …).
 *
 * Sources, in order of authority:
 * - kubernetes-types: every type, field, required-ness, description and (from the literal
 *   `apiVersion`/`kind` types) each kind's group-version-kind.
 * - @kubernetes/client-node's generated models (a newer release's OpenAPI spec), for what
 *   kubernetes-types lacks: numeric formats (int32 / int64 / double) and `byte` strings, which
 *   kubernetes-types erases to `number` and `string`; fields and served kinds added after 1.30.
 *   See gen-schema-supplement.ts. kubernetes-types' own definitions are only ever added to.
 * - PATCH_STRATEGIES below: the strategic-merge-patch tags of the Go types, which neither package
 *   carries (see shared/docs/kubectl-wire.md §8.5).
 *
 * Run: node --import tsx scripts/gen-schema.ts
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { RESOURCES } from '../core/api/registry.ts';
import { ClientModels, commentOf } from './gen-schema-supplement.ts';

type Schema = { [key: string]: unknown };

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TYPES_DIR = join(ROOT, 'node_modules/kubernetes-types');
const CLIENT_MODELS_DIR = join(ROOT, 'node_modules/@kubernetes/client-node/dist/gen/models');
const OUT_FILE = join(ROOT, 'core/api/generated/schemas.json');
const REF_PREFIX = '#/components/schemas/';

const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';

/** kubernetes-types folder → Go package as the OpenAPI names spell it. */
function packageFor(modulePath: string): string {
  const special: Record<string, string> = {
    'meta/v1': 'io.k8s.apimachinery.pkg.apis.meta.v1',
    'api/resource': 'io.k8s.apimachinery.pkg.api.resource',
    runtime: 'io.k8s.apimachinery.pkg.runtime',
    version: 'io.k8s.apimachinery.pkg.version',
    'apiextensions/v1': 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1',
  };
  return special[modulePath] ?? `io.k8s.api.${modulePath.replace(/\//g, '.')}`;
}

/** Aliases whose Go types marshal themselves: they get a fixed schema instead of their TS shape. */
const SPECIAL_ALIASES: Record<string, Schema> = {
  'io.k8s.apimachinery.pkg.api.resource.Quantity': { type: 'string', format: 'quantity' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': { type: 'string', format: 'date-time' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': { type: 'string', format: 'date-time' },
};

/** Go types that accept any JSON (custom unmarshalers or raw bytes): not walked by the validator. */
const OPAQUE = new Set([
  'io.k8s.apimachinery.pkg.runtime.RawExtension',
  'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Patch',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrArray',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrBool',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrStringArray',
]);

/** Upstream's description of IntOrString, which kubernetes-types inlines as `number | string`. */
const INT_OR_STRING_DESCRIPTION =
  'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.';

/**
 * `patchStrategy`/`patchMergeKey` struct tags of the Go types (kubectl-wire.md §8.5).
 * Key: definition name without the package, then field. Value: [strategy, mergeKey?].
 */
const PATCH_STRATEGIES: Record<string, Record<string, [string, string?]>> = {
  'core.v1.PodSpec': {
    containers: ['merge', 'name'],
    initContainers: ['merge', 'name'],
    ephemeralContainers: ['merge', 'name'],
    volumes: ['merge,retainKeys', 'name'],
    imagePullSecrets: ['merge', 'name'],
    hostAliases: ['merge', 'ip'],
    topologySpreadConstraints: ['merge', 'topologyKey'],
    schedulingGates: ['merge', 'name'],
    resourceClaims: ['merge,retainKeys', 'name'],
  },
  'core.v1.Container': {
    ports: ['merge', 'containerPort'],
    env: ['merge', 'name'],
    volumeMounts: ['merge', 'mountPath'],
    volumeDevices: ['merge', 'devicePath'],
  },
  'core.v1.EphemeralContainer': {
    ports: ['merge', 'containerPort'],
    env: ['merge', 'name'],
    volumeMounts: ['merge', 'mountPath'],
    volumeDevices: ['merge', 'devicePath'],
  },
  'core.v1.ServiceSpec': { ports: ['merge', 'port'] },
  'core.v1.ServiceAccount': { secrets: ['merge', 'name'] },
  'core.v1.PodStatus': {
    podIPs: ['merge', 'ip'],
    hostIPs: ['merge', 'ip'],
    resourceClaimStatuses: ['merge,retainKeys', 'name'],
  },
  'core.v1.NodeStatus': { addresses: ['merge', 'type'] },
  'core.v1.NodeSpec': { podCIDRs: ['merge'] },
  'meta.v1.ObjectMeta': { finalizers: ['merge'], ownerReferences: ['merge', 'uid'] },
  'apps.v1.DeploymentSpec': { strategy: ['retainKeys'] },
};

interface Declared {
  name: string;
  node: ts.InterfaceDeclaration | ts.TypeAliasDeclaration;
  description: string;
  /** Local name → definition name, for this file's imports and declarations. */
  scope: Map<string, string>;
}

function listDts(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) return entry === 'node_modules' ? [] : listDts(full);
      return entry.endsWith('.d.ts') ? [full] : [];
    });
}

/** Parse one .d.ts file: its declarations, plus the names it can see. */
function parseFile(file: string): Declared[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const modulePath = relative(TYPES_DIR, file).replace(/\.d\.ts$/, '');
  const pkg = packageFor(modulePath);
  const scope = new Map<string, string>();
  const declared: Declared[] = [];
  for (const stmt of source.statements) {
    if (ts.isImportDeclaration(stmt) && ts.isStringLiteral(stmt.moduleSpecifier)) {
      const target = join(dirname(modulePath), stmt.moduleSpecifier.text).replace(/\\/g, '/');
      const bindings = stmt.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) {
        for (const el of bindings.elements)
          scope.set(el.name.text, `${packageFor(target)}.${(el.propertyName ?? el.name).text}`);
      }
    } else if (ts.isInterfaceDeclaration(stmt) || ts.isTypeAliasDeclaration(stmt)) {
      const name = `${pkg}.${stmt.name.text}`;
      scope.set(stmt.name.text, name);
      declared.push({ name, node: stmt, description: commentOf(stmt, text), scope });
    }
  }
  return declared;
}

class Converter {
  constructor(private readonly models: ClientModels) {}

  /** A TS type → a schema. `definition`/`field` locate it, for format look-ups. */
  type(node: ts.TypeNode, scope: Map<string, string>, definition: string, field: string): Schema {
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword:
        return this.models.isByteString(definition, field) ? { type: 'string', format: 'byte' } : { type: 'string' };
      case ts.SyntaxKind.NumberKeyword:
        return this.models.numberSchema(definition, field);
      case ts.SyntaxKind.BooleanKeyword:
        return { type: 'boolean' };
    }
    if (ts.isLiteralTypeNode(node)) return { type: 'string' };
    if (ts.isUnionTypeNode(node)) return { $ref: REF_PREFIX + INT_OR_STRING }; // only `number | string` occurs in fields
    if (ts.isArrayTypeNode(node))
      return { type: 'array', items: this.type(node.elementType, scope, definition, field) };
    if (ts.isTypeLiteralNode(node)) {
      const index = node.members.find(ts.isIndexSignatureDeclaration);
      if (!index) throw new Error(`gen-schema: unsupported inline type in ${definition}.${field}`);
      return { type: 'object', additionalProperties: this.type(index.type, scope, definition, field) };
    }
    if (ts.isTypeReferenceNode(node)) {
      const name = node.typeName.getText();
      const [arg] = node.typeArguments ?? [];
      if (name === 'Array' && arg) return { type: 'array', items: this.type(arg, scope, definition, field) };
      const target = scope.get(name);
      if (!target) throw new Error(`gen-schema: unresolved type ${name} in ${definition}.${field}`);
      return { $ref: REF_PREFIX + target };
    }
    throw new Error(`gen-schema: unsupported type ${ts.SyntaxKind[node.kind]} in ${definition}.${field}`);
  }

  definition(decl: Declared, text: string): Schema {
    const base: Schema = decl.description ? { description: decl.description } : {};
    if (SPECIAL_ALIASES[decl.name]) return { ...base, ...SPECIAL_ALIASES[decl.name] };
    if (OPAQUE.has(decl.name)) return { ...base, type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    if (ts.isTypeAliasDeclaration(decl.node))
      return { ...base, ...this.type(decl.node.type, decl.scope, decl.name, '') };
    const properties: Schema = {};
    const required: string[] = [];
    const gvk: { apiVersion?: string; kind?: string } = {};
    for (const member of decl.node.members) {
      if (!ts.isPropertySignature(member) || !member.type) continue;
      const field = member.name.getText().replace(/^["']|["']$/g, '');
      const schema = this.type(member.type, decl.scope, decl.name, field);
      const description = commentOf(member, text);
      properties[field] = description ? { description, ...schema } : schema;
      if (!member.questionToken) required.push(field);
      const literal =
        ts.isLiteralTypeNode(member.type) && ts.isStringLiteral(member.type.literal)
          ? member.type.literal.text
          : undefined;
      if (literal && (field === 'apiVersion' || field === 'kind')) gvk[field] = literal;
    }
    const out: Schema = { ...base, type: 'object', properties };
    if (required.length) out.required = required;
    if (gvk.apiVersion && gvk.kind) {
      const [group, version] = gvk.apiVersion.includes('/') ? gvk.apiVersion.split('/') : ['', gvk.apiVersion];
      out['x-kubernetes-group-version-kind'] = [{ group, kind: gvk.kind, version }];
    }
    return out;
  }
}

/** Merge keys from the Go struct tags; every status `conditions` list merges on `type`, as upstream's do. */
function addPatchStrategies(definition: string, properties: Schema | undefined): void {
  if (!properties) return;
  const short = definition.split('.').slice(-3).join('.');
  const table = { ...PATCH_STRATEGIES[short] };
  if (/Status$/.test(definition) && isObject(properties.conditions)) table.conditions = ['merge', 'type'];
  for (const [field, [strategy, key]] of Object.entries(table)) {
    const prop = properties[field];
    if (!isObject(prop)) continue;
    prop['x-kubernetes-patch-strategy'] = strategy;
    if (key) prop['x-kubernetes-patch-merge-key'] = key;
  }
}

function isObject(v: unknown): v is Schema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Recursively sort object keys so the output is byte-for-byte deterministic. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys(value[k])]),
  );
}

/** Fill in from client-node what kubernetes-types 1.30 lacks: newer fields and served kinds. */
function supplement(definitions: Record<string, Schema>, models: ClientModels): string[] {
  for (const name of Object.keys(definitions)) models.addMissingFields(definitions, name);
  const missing: string[] = [];
  for (const r of RESOURCES) {
    const known = Object.values(definitions).some((d) =>
      (d['x-kubernetes-group-version-kind'] as { group: string; version: string; kind: string }[] | undefined)?.some(
        (g) => g.group === r.group && g.version === r.version && g.kind === r.kind,
      ),
    );
    if (!known && !models.addKind(definitions, r.group, r.version, r.kind)) missing.push(`${r.apiVersion} ${r.kind}`);
  }
  return missing;
}

/** "kubernetes-types@1.30.0 + @kubernetes/client-node@2.0.1": which packages the schema came from. */
function sourceLabel(): string {
  const version = (dir: string) => {
    try {
      return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      return undefined;
    }
  };
  const client = version(join(ROOT, 'node_modules/@kubernetes/client-node'));
  return `kubernetes-types@${version(TYPES_DIR) ?? '?'}${client ? ` + @kubernetes/client-node@${client}` : ''}`;
}

function main(): void {
  const started = performance.now();
  const models = new ClientModels(CLIENT_MODELS_DIR);
  const converter = new Converter(models);
  const definitions: Record<string, Schema> = {
    [INT_OR_STRING]: {
      description: INT_OR_STRING_DESCRIPTION,
      type: 'string',
      format: 'int-or-string',
      'x-kubernetes-int-or-string': true,
    },
  };
  for (const file of listDts(TYPES_DIR)) {
    const text = readFileSync(file, 'utf8');
    for (const decl of parseFile(file)) definitions[decl.name] = converter.definition(decl, text);
  }
  const missing = supplement(definitions, models);
  for (const [name, def] of Object.entries(definitions)) addPatchStrategies(name, def.properties as Schema | undefined);
  const out = sortKeys({ source: sourceLabel(), definitions, missingKinds: missing });
  mkdirSync(dirname(OUT_FILE), { recursive: true });
  writeFileSync(OUT_FILE, JSON.stringify(out) + '\n');
  const ms = Math.round(performance.now() - started);
  console.log(
    `gen-schema: ${Object.keys(definitions).length} definitions → ${relative(ROOT, OUT_FILE)} in ${ms} ms; from client-node:` +
      ` ${models.addedFields} newer fields, ${models.addedDefinitions} definitions` +
      ` (${models.unknownNumberFormats} number fields defaulted to int32)` +
      (missing.length ? `; served kinds without a schema: ${missing.join(', ')}` : ''),
  );
}

main();
