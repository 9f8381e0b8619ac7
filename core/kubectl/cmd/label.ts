/**
 * `kubectl label` and `kubectl annotate`: `key=value` sets, `key-` removes,
 * an existing different value needs `--overwrite`. One merge patch per
 * object (`fieldManager=kubectl-label|kubectl-annotate`); the message
 * (`labeled`, `unlabeled`, `not labeled`, `annotated`) follows kubectl's
 * updateDataChangeMsg.
 */
import type { KubeObject } from '../../api/types.ts';
import { resourcePath } from '../client.ts';
import type { Resource } from '../discovery.ts';
import type { Command, Env } from '../env.ts';
import { getObject, listObjects, must, refName } from '../env.ts';
import { selectResources } from '../resources.ts';
import { CommandError, usageError } from '../types.ts';

type Field = 'labels' | 'annotations';

const flags = [
  { name: 'overwrite', type: 'bool' as const },
  { name: 'all', type: 'bool' as const },
  { name: 'selector', short: 'l', type: 'string' as const },
  { name: 'all-namespaces', short: 'A', type: 'bool' as const },
  { name: 'filename', short: 'f', type: 'strings' as const },
  { name: 'dry-run', type: 'string' as const },
  { name: 'list', type: 'bool' as const },
  { name: 'resource-version', type: 'string' as const },
];

export const labelCommand: Command = { name: 'label', flags, run: (env) => run(env, 'labels') };
export const annotateCommand: Command = { name: 'annotate', flags, run: (env) => run(env, 'annotations') };

interface Changes {
  set: Map<string, string>;
  remove: string[];
}

function parseChanges(args: string[], field: Field): { resources: string[]; changes: Changes } {
  const isChange = (a: string) => a.includes('=') || (a.endsWith('-') && !a.includes('/'));
  const firstChange = args.findIndex((a, i) => i > 0 && isChange(a));
  const resources = firstChange < 0 ? args : args.slice(0, firstChange);
  const changeArgs = firstChange < 0 ? [] : args.slice(firstChange);
  const set = new Map<string, string>();
  const remove: string[] = [];
  for (const a of changeArgs) {
    if (a.includes('=')) set.set(a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1));
    else if (a.endsWith('-')) remove.push(a.slice(0, -1));
    else throw usageError(`invalid ${field === 'labels' ? 'label' : 'annotation'} spec: ${a}`);
  }
  if (set.size === 0 && remove.length === 0)
    throw usageError(`at least one ${field === 'labels' ? 'label' : 'annotation'} update is required`);
  return { resources, changes: { set, remove } };
}

function run(env: Env, field: Field): void {
  const { resources, changes } = parseChanges(env.flags.args, field);
  for (const sel of selectResources(env, resources)) {
    const objects = sel.names.length
      ? sel.names.map((n) => must(getObject(env, sel.resource, n)))
      : must(
          listObjects(env, sel.resource, {
            namespace: env.flags.bool('all-namespaces') ? undefined : env.namespace,
            labelSelector: env.flags.str('selector'),
          }),
        );
    for (const o of objects) update(env, sel.resource, o, field, changes);
  }
}

function update(env: Env, r: Resource, obj: KubeObject, field: Field, changes: Changes): void {
  const current = obj.metadata[field] ?? {};
  const overwrite = env.flags.bool('overwrite');
  for (const [k, v] of changes.set) {
    if (!overwrite && k in current && current[k] !== v) {
      const why = `'${k}' already has a value (${current[k] ?? ''})`;
      throw new CommandError(
        field === 'labels'
          ? `error: ${why}, and --overwrite is false`
          : `error: --overwrite is false but found the following declared annotation(s): ${why}`,
      );
    }
  }
  const next: Record<string, string> = { ...current };
  const patchMap: Record<string, string | null> = {};
  for (const k of changes.remove) {
    if (!(k in next)) {
      if (field === 'labels') env.out.out(`label "${k}" not found.\n`);
      continue;
    }
    delete next[k];
    patchMap[k] = null;
  }
  for (const [k, v] of changes.set) {
    next[k] = v;
    if (current[k] !== v) patchMap[k] = v;
  }
  if (Object.keys(patchMap).length) {
    must(
      env.client.request('PATCH', resourcePath(r, obj.metadata.namespace, obj.metadata.name), {
        query: { fieldManager: field === 'labels' ? 'kubectl-label' : 'kubectl-annotate' },
        body: { metadata: { [field]: patchMap } },
        contentType: 'application/merge-patch+json',
      }),
    );
  }
  env.out.out(`${refName(r, obj.metadata.name ?? '')} ${message(field, current, next, overwrite)}\n`);
}

/** updateDataChangeMsg: compares the JSON of the field before and after. */
function message(
  field: Field,
  before: Record<string, string>,
  after: Record<string, string>,
  overwrite: boolean,
): string {
  if (field === 'annotations') return 'annotated';
  const a = JSON.stringify(before);
  const b = JSON.stringify(after);
  if (a === b && Object.keys(before).every((k) => before[k] === after[k])) return 'not labeled';
  if (!overwrite && b.length < a.length) return 'unlabeled';
  return 'labeled';
}
