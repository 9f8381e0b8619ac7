/**
 * `kubectl explain TYPE[.field…]` as kubectl 1.33 renders it (explain v2,
 * plaintext template) from the OpenAPI v3 document the server serves: the
 * GROUP/KIND/VERSION header, FIELD with its type, DESCRIPTION (the field's
 * then its type's, wrapped at 80 columns) and the FIELDS list with
 * `-required-` marks. Type names follow the template's typeGuess.
 */
import type { Command, Env } from '../env.ts';
import { must } from '../env.ts';
import { CommandError, usageError } from '../types.ts';

interface Schema {
  type?: string;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
  allOf?: Schema[];
  $ref?: string;
  enum?: unknown[];
  'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string }[];
}

export const explainCommand: Command = {
  name: 'explain',
  flags: [
    { name: 'recursive', type: 'bool' },
    { name: 'api-version', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  run(env) {
    const arg = env.flags.args[0];
    if (!arg)
      throw usageError(
        `You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n`,
      );
    const [type = '', ...path] = arg.split('.');
    const r = env.discovery.resolve(type);
    if (!r) throw new CommandError(`the server doesn't have a resource type "${type}"`);
    const schemas = loadSchemas(env, r.group ? `apis/${r.group}/${r.version}` : `api/${r.version}`);
    const root = Object.values(schemas).find((s) =>
      s['x-kubernetes-group-version-kind']?.some(
        (g) => g.group === r.group && g.version === r.version && g.kind === r.kind,
      ),
    );
    if (!root)
      throw usageError(`GVK map[group:${r.group} kind:${r.kind} version:${r.version}] not found in OpenAPI schema`);
    const header = `${r.group ? `GROUP:      ${r.group}\n` : ''}KIND:       ${r.kind}\nVERSION:    ${r.version}\n\n`;
    const explained = walk(schemas, root, path);
    if ('missing' in explained) {
      env.out.out(header);
      throw usageError(`field "${explained.missing}" does not exist`);
    }
    env.out.out(header + render(schemas, explained));
  },
};

function loadSchemas(env: Env, gv: string): Record<string, Schema> {
  const root = must(env.client.get<{ paths?: Record<string, { serverRelativeURL?: string }> }>('/openapi/v3'));
  const url = root.paths?.[gv]?.serverRelativeURL ?? `/openapi/v3/${gv}`;
  const [path = '', search = ''] = url.split('?');
  const query = Object.fromEntries(new URLSearchParams(search));
  const doc = must(env.client.get<{ components?: { schemas?: Record<string, Schema> } }>(path, query));
  return doc.components?.schemas ?? {};
}

const refTarget = (schemas: Record<string, Schema>, ref: string): Schema | undefined =>
  schemas[ref.split('/').pop() ?? ''];

/** A field's own schema with a single allOf/$ref followed to the type it names. */
function resolved(schemas: Record<string, Schema>, s: Schema): Schema {
  if (s.allOf?.length === 1 && !s.properties) return resolved(schemas, s.allOf[0] ?? {});
  if (s.$ref) return refTarget(schemas, s.$ref) ?? {};
  return s;
}

interface Explained {
  field?: { name: string; schema: Schema };
  type: Schema;
}

function walk(schemas: Record<string, Schema>, root: Schema, path: string[]): Explained | { missing: string } {
  let type = root;
  let field: Explained['field'];
  for (const step of path) {
    const holder = elementType(schemas, type);
    const next = holder.properties?.[step];
    if (!next) return { missing: step };
    field = { name: step, schema: next };
    type = resolved(schemas, next);
  }
  return { ...(field ? { field } : {}), type };
}

/** Arrays and maps explain their element type's fields. */
function elementType(schemas: Record<string, Schema>, s: Schema): Schema {
  if (s.items) return elementType(schemas, resolved(schemas, s.items));
  if (typeof s.additionalProperties === 'object')
    return elementType(schemas, resolved(schemas, s.additionalProperties));
  return s;
}

/** The template's typeGuess: `[]Container`, `map[string]string`, `DeploymentStrategy`, `string`. */
export function typeGuess(schemas: Record<string, Schema>, s: Schema): string {
  if (s.items) return `[]${typeGuess(schemas, s.items)}`;
  if (typeof s.additionalProperties === 'object') return `map[string]${typeGuess(schemas, s.additionalProperties)}`;
  if (s.allOf?.length === 1 && !s.properties) {
    const inner = s.allOf[0] ?? {};
    const target = inner.$ref ? refTarget(schemas, inner.$ref) : undefined;
    if (target?.type && target.type !== 'object') return target.type;
    return typeGuess(schemas, inner);
  }
  if (s.$ref) return s.$ref.split('/').pop()?.split('.').pop() || 'Object';
  if (s.type) return s.type;
  return 'Object';
}

function render(schemas: Record<string, Schema>, e: Explained): string {
  let out = '';
  const descriptions: string[] = [];
  if (e.field) {
    out += `FIELD: ${e.field.name} <${typeGuess(schemas, e.field.schema)}>\n\n\n`;
    if (e.field.schema.description) descriptions.push(e.field.schema.description);
    const element = elementType(schemas, e.type);
    if (element !== e.field.schema && element.description) descriptions.push(element.description);
  } else if (e.type.description) {
    descriptions.push(e.type.description);
  }
  out += `DESCRIPTION:\n${indent(wrap(descriptions.join('\n') + '\n', 76), 4)}\n`;
  const holder = elementType(schemas, e.type);
  const fields = Object.keys(holder.properties ?? {}).sort();
  if (fields.length) {
    out += 'FIELDS:\n';
    for (const name of fields) {
      const f = holder.properties?.[name] ?? {};
      const required = holder.required?.includes(name) ? ' -required-' : '';
      out += `  ${name}\t<${typeGuess(schemas, f)}>${required}\n`;
      if (f.description) out += `${indent(wrap(f.description, 76), 4)}\n`;
      out += '\n';
    }
  }
  return `${out}\n`;
}

function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return pad + text.replace(/\n/g, `\n${pad}`);
}

/** mitchellh/go-wordwrap WrapString: break at spaces so lines stay within `limit`; long words stay whole. */
export function wrap(s: string, limit: number): string {
  let out = '';
  let current = 0;
  let word = '';
  let space = '';
  for (const ch of s) {
    if (ch === '\n') {
      if (word === '') {
        if (current + space.length > limit) current = 0;
        else {
          current += space.length;
          out += space;
        }
      } else {
        current += space.length + word.length;
        out += space + word;
      }
      space = '';
      word = '';
      out += ch;
      current = 0;
    } else if (/\s/.test(ch) && ch !== '\u00a0') {
      if (space === '' || word !== '') {
        current += space.length + word.length;
        out += space + word;
        space = '';
        word = '';
      }
      space += ch;
    } else {
      word += ch;
      if (current + space.length + word.length > limit && word.length < limit) {
        out += '\n';
        current = 0;
        space = '';
      }
    }
  }
  if (word === '') {
    if (current + space.length <= limit) out += space;
  } else out += space + word;
  return out;
}
