/**
 * Reads @kubernetes/client-node's generated models (OpenAPI spec of a newer release than
 * kubernetes-types 1.30) for what kubernetes-types lacks:
 * - the numeric format of every number field (int32 / int64 / double) and `byte` strings;
 * - fields added after 1.30 (pod-level `resources`, `image` volumes, …), so Strict decoding accepts
 *   current manifests, and the definitions they reach;
 * - served kinds kubernetes-types does not define (networking.k8s.io/v1 ServiceCIDR, IPAddress).
 * kubernetes-types stays the authority: nothing it defines is replaced, only added to.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

type Schema = { [key: string]: unknown };
interface Attr {
  baseName: string;
  type: string;
  format: string;
}

const REF = '#/components/schemas/';
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const TIME = `${META}.Time`;
const MICRO_TIME = `${META}.MicroTime`;
const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** `CoreV1EventSeries` / `V1PodSpec` / `V1beta1Foo` → the Go type name. */
const goName = (cls: string) => cls.replace(/^([A-Z][a-z]+)*V\d+((alpha|beta)\d+)?/, '');

export class ClientModels {
  private readonly attrs = new Map<string, Attr[]>();
  private readonly docs = new Map<string, Map<string, string>>();
  unknownNumberFormats = 0;
  addedFields = 0;
  addedDefinitions = 0;

  constructor(private readonly dir: string) {
    if (!existsSync(dir)) {
      console.warn('gen-schema: @kubernetes/client-node not found; number fields default to int32');
      return;
    }
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
      const match = /(\w+)\.attributeTypeMap = (\[[\s\S]*?\n\]);/.exec(readFileSync(join(dir, file), 'utf8'));
      if (match?.[1] && match[2]) this.attrs.set(match[1], JSON.parse(match[2]) as Attr[]);
    }
  }

  /** The client-node class of a definition: `CoreV1Event` where names clash, else `V1Pod`. */
  classOf(definition: string): string | undefined {
    const parts = definition.split('.');
    const [kind, version, group] = [parts.at(-1) ?? '', parts.at(-2) ?? '', parts.at(-3) ?? ''];
    return [`${cap(group)}${cap(version)}${kind}`, `${cap(version)}${kind}`].find((c) => this.attrs.has(c));
  }

  /** The numeric format of a number field: int32 unless the models say otherwise. */
  numberSchema(definition: string, field: string): Schema {
    const cls = this.classOf(definition);
    const format = cls ? this.attrs.get(cls)?.find((a) => a.baseName === field)?.format : undefined;
    if (format === 'double') return { type: 'number', format: 'double' };
    if (format === 'int64') return { type: 'integer', format: 'int64' };
    if (format !== 'int32') this.unknownNumberFormats++;
    return { type: 'integer', format: 'int32' };
  }

  isByteString(definition: string, field: string): boolean {
    const cls = this.classOf(definition);
    return cls !== undefined && this.attrs.get(cls)?.find((a) => a.baseName === field)?.format === 'byte';
  }

  /** Add the fields client-node knows and a definition lacks. */
  addMissingFields(definitions: Record<string, Schema>, name: string): void {
    const def = definitions[name];
    const cls = this.classOf(name);
    const properties = def?.properties as Record<string, Schema> | undefined;
    if (!cls || !properties) return;
    const pkg = name.slice(0, name.lastIndexOf('.'));
    for (const attr of this.attrs.get(cls) ?? []) {
      if (properties[attr.baseName]) continue;
      const description = this.describe(cls, attr.baseName);
      properties[attr.baseName] = { ...(description ? { description } : {}), ...this.convert(definitions, attr, pkg) };
      this.addedFields++;
      if (process.env.GEN_SCHEMA_DEBUG) console.log(`+ ${name}.${attr.baseName}`);
    }
  }

  /** Define a served kind kubernetes-types lacks, from its client-node model. */
  addKind(definitions: Record<string, Schema>, group: string, version: string, kind: string): boolean {
    const pkg = `io.k8s.api.${group.split('.')[0] || 'core'}.${version}`;
    const added = [kind, `${kind}List`].map((k) => {
      const cls = this.classOf(`${pkg}.${k}`);
      if (!cls) return false;
      const def = this.define(definitions, `${pkg}.${k}`, cls);
      def['x-kubernetes-group-version-kind'] = [{ group, kind: k, version }];
      return true;
    });
    return added[0] === true;
  }

  private define(definitions: Record<string, Schema>, name: string, cls: string): Schema {
    const existing = definitions[name];
    if (existing) return existing;
    const pkg = name.slice(0, name.lastIndexOf('.'));
    const properties: Record<string, Schema> = {};
    const classDoc = this.describe(cls, '');
    const def: Schema = { ...(classDoc ? { description: classDoc } : {}), type: 'object', properties };
    definitions[name] = def; // before the fields, so recursive types terminate
    this.addedDefinitions++;
    for (const attr of this.attrs.get(cls) ?? []) {
      const description = this.describe(cls, attr.baseName);
      properties[attr.baseName] = { ...(description ? { description } : {}), ...this.convert(definitions, attr, pkg) };
    }
    return def;
  }

  /** A client-node type string → a schema; classes resolve to existing definitions where they can. */
  private convert(definitions: Record<string, Schema>, attr: Attr, pkg: string): Schema {
    const t = attr.type;
    if (t === 'string') return attr.format === 'byte' ? { type: 'string', format: 'byte' } : { type: 'string' };
    if (t === 'boolean') return { type: 'boolean' };
    if (t === 'number') return this.numberFromFormat(attr.format);
    if (t === 'Date') return { $ref: REF + (attr.format === 'date-time-micro' ? MICRO_TIME : TIME) };
    if (t === 'IntOrString') return { $ref: REF + INT_OR_STRING };
    if (t === 'any') return { 'x-kubernetes-preserve-unknown-fields': true };
    const array = /^Array<(.+)>$/.exec(t);
    if (array?.[1]) return { type: 'array', items: this.convert(definitions, { ...attr, type: array[1] }, pkg) };
    const map = /^\{ \[key: string\]: (.+); \}$/.exec(t);
    if (map?.[1])
      return { type: 'object', additionalProperties: this.convert(definitions, { ...attr, type: map[1] }, pkg) };
    return { $ref: REF + this.resolveClass(definitions, t, pkg) };
  }

  private numberFromFormat(format: string): Schema {
    if (format === 'double') return { type: 'number', format: 'double' };
    return { type: 'integer', format: format === 'int64' ? 'int64' : 'int32' };
  }

  /** A referenced class: the same-package definition, else meta/v1's, else a new same-package one. */
  private resolveClass(definitions: Record<string, Schema>, cls: string, pkg: string): string {
    const name = goName(cls);
    if (name === 'MicroTime') return MICRO_TIME;
    const version = /V\d+((alpha|beta)\d+)?/.exec(cls)?.[0].toLowerCase() ?? '';
    const samePkg = `${pkg.slice(0, pkg.lastIndexOf('.'))}.${version}.${name}`;
    if (definitions[samePkg]) return samePkg;
    if (definitions[`${META}.${name}`]) return `${META}.${name}`;
    this.define(definitions, samePkg, cls);
    return samePkg;
  }

  /** The TSDoc of a class (field '') or one of its properties, from the model's .d.ts. */
  private describe(cls: string, field: string): string {
    let docs = this.docs.get(cls);
    if (!docs) {
      docs = parseClassDocs(join(this.dir, `${cls}.d.ts`));
      this.docs.set(cls, docs);
    }
    return docs.get(field) ?? '';
  }
}

function parseClassDocs(file: string): Map<string, string> {
  const docs = new Map<string, string>();
  if (!existsSync(file)) return docs;
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const clean = (node: ts.Node) => commentOf(node, text).replace(/\\(["'])/g, '$1');
  for (const stmt of source.statements) {
    if (!ts.isClassDeclaration(stmt)) continue;
    docs.set('', clean(stmt));
    for (const member of stmt.members) {
      if (ts.isPropertyDeclaration(member)) docs.set(member.name.getText().replace(/^'|'$/g, ''), clean(member));
    }
  }
  return docs;
}

/** The text of the `/** … *\/` comment right before a node, without the comment markers. */
export function commentOf(node: ts.Node, text: string): string {
  const ranges = ts.getLeadingCommentRanges(text, node.pos) ?? [];
  const last = ranges.filter((r) => text.startsWith('/**', r.pos)).pop();
  if (!last) return '';
  return text
    .slice(last.pos + 3, last.end - 2)
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, ''))
    .join('\n')
    .trim();
}
