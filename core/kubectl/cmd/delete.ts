/**
 * `kubectl delete`: by name, `-f`, `-l` or `--all`, one DELETE per object
 * with `propagationPolicy` and `gracePeriodSeconds` as kubectl computes them
 * (`--force` means grace 0; `--grace-period=0` without it means 1; `--now`
 * means 1). kubectl then waits for the object to go; the embedded one
 * returns once the server accepted the deletion.
 */
import type { KubeObject } from '../../api/types.ts';
import { resourcePath } from '../client.ts';
import { kindRef } from '../discovery.ts';
import type { Resource } from '../discovery.ts';
import type { Command, Env } from '../env.ts';
import { listObjects, must } from '../env.ts';
import { statusMessage, withSource } from '../errors.ts';
import { readFiles } from '../files.ts';
import { selectResources } from '../resources.ts';
import { CommandError, usageError } from '../types.ts';
import { locate } from './apply.ts';

const FORCE_WARNING =
  'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';

export const deleteCommand: Command = {
  name: 'delete',
  flags: [
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'grace-period', type: 'int' },
    { name: 'force', type: 'bool' },
    { name: 'now', type: 'bool' },
    { name: 'wait', type: 'bool' },
    { name: 'cascade', type: 'string' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'dry-run', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  run(env) {
    const targets = collect(env);
    const grace = gracePeriod(env);
    const force = env.flags.bool('force') && grace === 0;
    if (force) env.out.err(FORCE_WARNING);
    const body = { propagationPolicy: propagation(env), ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}) };
    const errors: string[] = [];
    const dryRun = env.flags.str('dry-run');
    const suffix = dryRun === 'server' ? ' (server dry run)' : dryRun === 'client' ? ' (dry run)' : '';
    for (const t of targets) {
      const reply =
        dryRun === 'client'
          ? getObjectReply(env, t)
          : env.client.request('DELETE', resourcePath(t.r, t.namespace, t.name), {
              body,
              ...(dryRun === 'server' ? { query: { dryRun: 'All' } } : {}),
            });
      if (!reply.ok) {
        if (!(reply.status.code === 404 && env.flags.bool('ignore-not-found')))
          errors.push(statusMessage(withSource(reply.status, 'deleting', t.source)));
        continue;
      }
      env.out.out(
        env.flags.str('output') === 'name'
          ? `${kindRef(t.r)}/${t.name}\n`
          : `${kindRef(t.r)} "${t.name}" ${force ? 'force deleted' : 'deleted'}${suffix}\n`,
      );
    }
    if (errors.length) throw new CommandError(errors.join('\n'));
  },
};

const getObjectReply = (env: Env, t: Target) => env.client.get(resourcePath(t.r, t.namespace, t.name));

interface Target {
  r: Resource;
  name: string;
  namespace: string | undefined;
  source: string;
}

function collect(env: Env): Target[] {
  const files = env.flags.strs('filename');
  if (files.length) {
    return readFiles(env, files).map((item) => {
      const t = locate(env, item);
      return { r: t.r, name: t.name, namespace: t.namespace, source: item.source };
    });
  }
  if (env.flags.args.length === 0)
    throw usageError(
      `You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`,
    );
  const selections = selectResources(env, env.flags.args);
  const bySelector = env.flags.has('selector') || env.flags.has('field-selector') || env.flags.bool('all');
  const out: Target[] = [];
  for (const sel of selections) {
    if (sel.names.length) {
      for (const name of sel.names) out.push({ r: sel.resource, name, namespace: env.namespace, source: '' });
      continue;
    }
    if (!bySelector) throw usageError('resource(s) were provided, but no name was specified');
    const ns = env.flags.bool('all-namespaces') ? undefined : env.namespace;
    const items: KubeObject[] = must(
      listObjects(env, sel.resource, {
        namespace: ns,
        labelSelector: env.flags.str('selector'),
        fieldSelector: env.flags.str('field-selector'),
      }),
    );
    for (const o of items)
      out.push({ r: sel.resource, name: o.metadata.name ?? '', namespace: o.metadata.namespace, source: '' });
  }
  if (out.length === 0 && bySelector) env.out.out('No resources found\n');
  return out;
}

function gracePeriod(env: Env): number {
  let grace = env.flags.int('grace-period', -1);
  if (env.flags.bool('now')) {
    if (grace !== -1) throw usageError('--now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (grace === 0 && !env.flags.bool('force')) grace = 1;
  if (env.flags.bool('force') && grace < 0) grace = 0;
  return grace;
}

function propagation(env: Env): string {
  const cascade = env.flags.str('cascade', 'background');
  if (cascade === 'true' || cascade === 'background') return 'Background';
  if (cascade === 'foreground') return 'Foreground';
  if (cascade === 'false' || cascade === 'orphan') return 'Orphan';
  throw usageError(`invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan".`);
}
