/**
 * `kubectl get`: Tables from the server for human output (one request per
 * type or named object, `includeObject=Object` for `--sort-by`), plain JSON
 * for `-o yaml|json|name|jsonpath|custom-columns`. `-w` prints the current
 * state and returns (the embedded terminal has no long-lived watch).
 */
import type { KubeObject, Status } from '../../api/types.ts';
import type { Table, TableRow } from '../../printers/index.ts';
import { resourcePath, TABLE_ACCEPT } from '../client.ts';
import type { Resource } from '../discovery.ts';
import type { Command, Env } from '../env.ts';
import { refName } from '../env.ts';
import { statusMessage } from '../errors.ts';
import { selectValues } from '../jsonpath.ts';
import type { OutputFormat } from '../output.ts';
import { parseOutput, printObjects } from '../output.ts';
import type { Selection } from '../resources.ts';
import { selectResources } from '../resources.ts';
import { tableLines } from '../tableprint.ts';
import { alignTabs } from '../tabwriter.ts';
import { CommandError } from '../types.ts';

export const getCommand: Command = {
  name: 'get',
  flags: [
    { name: 'output', short: 'o', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'show-labels', type: 'bool' },
    { name: 'label-columns', short: 'L', type: 'strings', split: true },
    { name: 'no-headers', type: 'bool' },
    { name: 'sort-by', type: 'string' },
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'show-kind', type: 'bool' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'chunk-size', type: 'int' },
    { name: 'filename', short: 'f', type: 'strings' },
  ],
  run(env) {
    if (env.flags.args.length === 0) {
      throw new CommandError(
        `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples`,
      );
    }
    const selections = selectResources(env, env.flags.args);
    const format = parseOutput(env.flags.str('output'));
    const errors =
      format.kind === 'table' ? printTables(env, selections, format.wide) : printJson(env, selections, format);
    const shown = errors.filter((e) => !(env.flags.bool('ignore-not-found') && e.reason === 'NotFound'));
    if (shown.length) throw new CommandError(shown.map((s) => statusMessage(s)).join('\n'));
  },
};

interface Block {
  resource: Resource;
  table?: Table;
  rows: TableRow[];
}

function query(env: Env, includeObject: boolean): Record<string, string | undefined> {
  return {
    labelSelector: env.flags.str('selector') || undefined,
    fieldSelector: env.flags.str('field-selector') || undefined,
    ...(includeObject ? { includeObject: 'Object' } : { limit: '500' }),
  };
}

const scope = (env: Env, r: Resource): string | undefined =>
  env.flags.bool('all-namespaces') || !r.namespaced ? undefined : env.namespace;

/** Fetch the Tables, merging consecutive requests of one type into one block. */
function fetchTables(env: Env, selections: Selection[], errors: Status[]): Block[] {
  const sortBy = env.flags.str('sort-by');
  const blocks: Block[] = [];
  const add = (resource: Resource, table: Table) => {
    const last = blocks[blocks.length - 1];
    if (last && last.resource === resource) last.rows.push(...table.rows);
    else blocks.push({ resource, table, rows: [...table.rows] });
  };
  for (const sel of selections) {
    const targets = sel.names.length
      ? sel.names.map((n) => resourcePath(sel.resource, scope(env, sel.resource) ?? env.namespace, n))
      : [resourcePath(sel.resource, scope(env, sel.resource))];
    for (const path of targets) {
      const q = sel.names.length ? (sortBy ? { includeObject: 'Object' } : {}) : query(env, !!sortBy);
      const reply = env.client.get<Table>(path, q, TABLE_ACCEPT);
      if (reply.ok) add(sel.resource, reply.value);
      else errors.push(reply.status);
    }
  }
  return blocks;
}

function printTables(env: Env, selections: Selection[], wide: boolean): Status[] {
  const errors: Status[] = [];
  const blocks = fetchTables(env, selections, errors);
  const distinct = new Set(selections.map((s) => s.resource)).size;
  const withKind =
    distinct > 1 ||
    env.flags.bool('show-kind') ||
    (selections.length > 1 && selections.some((s) => s.slashed) && distinct > 1);
  const sortBy = env.flags.str('sort-by');
  const chunks: string[] = [];
  for (const b of blocks) {
    if (!b.table) continue;
    const rows = sortBy ? sortRows(b.rows, sortBy) : b.rows;
    const lines = tableLines(b.table, rows, {
      wide,
      noHeaders: env.flags.bool('no-headers'),
      withNamespace: env.flags.bool('all-namespaces') && b.resource.namespaced,
      ...(withKind
        ? { kindPrefix: `${b.resource.kind.toLowerCase()}${b.resource.group ? `.${b.resource.group}` : ''}` }
        : {}),
      showLabels: env.flags.bool('show-labels'),
      columnLabels: env.flags.strs('label-columns'),
    });
    if (lines.length) chunks.push(alignTabs(lines.join('\n') + '\n'));
  }
  env.out.out(chunks.join('\n'));
  if (chunks.length === 0 && errors.length === 0) env.out.err(noResources(env, selections));
  return errors;
}

/** kubectl's message for an empty result, on stderr. */
export function noResources(env: Env, selections: Selection[]): string {
  const namespaced = selections.some((s) => s.resource.namespaced);
  if (env.flags.bool('all-namespaces') || !namespaced) return 'No resources found\n';
  return `No resources found in ${env.namespace} namespace.\n`;
}

function sortRows(rows: TableRow[], expr: string): TableRow[] {
  const key = (r: TableRow) => selectValues(expr, r.object)[0];
  return [...rows].sort((a, b) => compareValues(key(a), key(b)));
}

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const as = a === undefined ? '' : typeof a === 'string' ? a : JSON.stringify(a);
  const bs = b === undefined ? '' : typeof b === 'string' ? b : JSON.stringify(b);
  return as < bs ? -1 : as > bs ? 1 : 0;
}

function printJson(env: Env, selections: Selection[], format: OutputFormat): Status[] {
  const errors: Status[] = [];
  const objects: { r: Resource; o: KubeObject }[] = [];
  for (const sel of selections) {
    const apiVersion = sel.resource.group ? `${sel.resource.group}/${sel.resource.version}` : sel.resource.version;
    if (sel.names.length) {
      for (const n of sel.names) {
        const reply = env.client.get<KubeObject>(
          resourcePath(sel.resource, scope(env, sel.resource) ?? env.namespace, n),
        );
        if (reply.ok) objects.push({ r: sel.resource, o: reply.value });
        else errors.push(reply.status);
      }
      continue;
    }
    const reply = env.client.get<{ items?: KubeObject[] }>(
      resourcePath(sel.resource, scope(env, sel.resource)),
      query(env, false),
    );
    if (!reply.ok) errors.push(reply.status);
    else
      for (const o of reply.value.items ?? [])
        objects.push({ r: sel.resource, o: { ...o, apiVersion, kind: sel.resource.kind } });
  }
  const sortBy = env.flags.str('sort-by');
  if (sortBy) objects.sort((a, b) => compareValues(selectValues(sortBy, a.o)[0], selectValues(sortBy, b.o)[0]));
  const single = selections.length === 1 && selections[0]?.names.length === 1;
  const byObject = new Map(objects.map((x) => [x.o, x.r]));
  const text = printObjects(
    format,
    objects.map((x) => x.o),
    single,
    (o) => refName(byObject.get(o)!, o.metadata.name ?? ''),
  );
  env.out.out(text);
  if (objects.length === 0 && errors.length === 0 && format.kind !== 'yaml' && format.kind !== 'json')
    env.out.err(noResources(env, selections));
  return errors;
}
