/**
 * Object output formats of `get` and the generators: `-o yaml` (sigs.k8s.io/yaml
 * over go-yaml v2: sorted keys, unindented sequences, YAML 1.1 quoting),
 * `-o json` (Go MarshalIndent, four spaces, sorted keys), `-o name`,
 * `-o jsonpath=…` and `-o custom-columns=…`.
 */
import { Document, parse, Scalar, visit } from 'yaml';
import type { KubeObject } from '../api/types.ts';
import { escapeHtml, executeJsonPath, JsonPathError, printValue, relaxed, selectValues, sortKeys } from './jsonpath.ts';
import { alignTabs } from './tabwriter.ts';
import { CommandError, usageError } from './types.ts';

export type OutputFormat =
  | { kind: 'table'; wide: boolean }
  | { kind: 'yaml' }
  | { kind: 'json' }
  | { kind: 'name' }
  | { kind: 'jsonpath'; template: string }
  | { kind: 'custom-columns'; spec: string };

/** Read `-o`; undefined for the default table. */
export function parseOutput(value: string): OutputFormat {
  if (value === '') return { kind: 'table', wide: false };
  if (value === 'wide') return { kind: 'table', wide: true };
  if (value === 'yaml' || value === 'json' || value === 'name') return { kind: value };
  const eq = value.indexOf('=');
  const name = eq < 0 ? value : value.slice(0, eq);
  const arg = eq < 0 ? '' : value.slice(eq + 1);
  if (name === 'jsonpath' || name === 'jsonpath-as-json') {
    if (!arg) throw usageError('template format specified but no template given');
    return { kind: 'jsonpath', template: arg };
  }
  if (name === 'custom-columns') {
    if (!arg) throw usageError('custom-columns format specified but no custom columns given');
    return { kind: 'custom-columns', spec: arg };
  }
  throw usageError(
    `unable to match a printer suitable for the output format "${value}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`,
  );
}

export function toYaml(value: unknown): string {
  const doc = new Document(sortKeys(value), { version: '1.1' });
  // go-yaml double-quotes strings that would read back as another type ("True", "80", "");
  // other strings that cannot be plain get single quotes.
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && !node.value.includes('\n') && readsAsOtherType(node.value))
        node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return doc.toString({ indentSeq: false, lineWidth: 0, singleQuote: true, simpleKeys: true });
}

function readsAsOtherType(s: string): boolean {
  if (s === '') return true;
  try {
    const v: unknown = parse(s, { version: '1.1' });
    return v === null || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date;
  } catch {
    return false;
  }
}

export function toJson(value: unknown): string {
  return escapeHtml(JSON.stringify(sortKeys(value), null, 4)) + '\n';
}

/** The `v1 List` kubectl wraps several objects in. */
export function asList(items: KubeObject[]): KubeObject {
  return { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items } as KubeObject;
}

/** Print objects in a non-table format; `single` prints one object bare instead of a List. */
export function printObjects(
  format: OutputFormat,
  objects: KubeObject[],
  single: boolean,
  nameOf: (o: KubeObject) => string,
): string {
  const data = single && objects.length === 1 ? objects[0] : asList(objects);
  switch (format.kind) {
    case 'yaml':
      return toYaml(data);
    case 'json':
      return toJson(data);
    case 'name':
      return objects.map((o) => `${nameOf(o)}\n`).join('');
    case 'jsonpath':
      return jsonpath(format.template, data);
    case 'custom-columns':
      return customColumns(format.spec, objects);
    default:
      return '';
  }
}

function jsonpath(template: string, data: unknown): string {
  try {
    return executeJsonPath(template, data);
  } catch (e) {
    if (e instanceof JsonPathError) throw usageError(`error parsing jsonpath ${template}, ${e.message}`);
    throw e;
  }
}

/** `NAME:.metadata.name,IMAGE:.spec.containers[*].image`; missing values print `<none>`. */
export function customColumns(spec: string, objects: KubeObject[], noHeaders = false): string {
  const columns = spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0)
      throw new CommandError(`error: unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, colon), expr: relaxed(part.slice(colon + 1)) };
  });
  const lines = noHeaders ? [] : [columns.map((c) => c.header).join('\t')];
  for (const o of objects) {
    lines.push(
      columns
        .map((c) => {
          const values = selectValues(c.expr, o);
          return values.length === 0 ? '<none>' : values.map(printValue).join(',');
        })
        .join('\t'),
    );
  }
  return alignTabs(lines.map((l) => l + '\n').join(''));
}
