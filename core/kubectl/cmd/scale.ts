/**
 * `kubectl scale`: GET the object, then a merge patch of its `/scale`
 * subresource (`{"spec":{"replicas":N}}`), as kubectl's scaler does, with
 * the `--current-replicas` precondition checked first.
 */
import type { KubeObject } from '../../api/types.ts';
import { resourcePath } from '../client.ts';
import type { Command } from '../env.ts';
import { getObject, listObjects, must, refName } from '../env.ts';
import { statusMessage } from '../errors.ts';
import { selectResources } from '../resources.ts';
import { CommandError, usageError } from '../types.ts';

const SCALABLE = new Set(['deployments', 'replicasets', 'statefulsets', 'replicationcontrollers']);

export const scaleCommand: Command = {
  name: 'scale',
  flags: [
    { name: 'replicas', type: 'int' },
    { name: 'current-replicas', type: 'int' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'timeout', type: 'string' },
    { name: 'dry-run', type: 'string' },
  ],
  run(env) {
    if (!env.flags.has('replicas')) throw usageError('required flag(s) "replicas" not set');
    const replicas = env.flags.int('replicas', 0);
    if (replicas < 0)
      throw usageError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
    const errors: string[] = [];
    for (const sel of selectResources(env, env.flags.args)) {
      if (!SCALABLE.has(sel.resource.plural)) throw usageError(`cannot scale ${sel.resource.kind}`);
      const objects: KubeObject[] = sel.names.length
        ? sel.names.map((n) => must(getObject(env, sel.resource, n)))
        : env.flags.has('selector') || env.flags.bool('all')
          ? must(listObjects(env, sel.resource, { namespace: env.namespace, labelSelector: env.flags.str('selector') }))
          : (() => {
              throw usageError('resource(s) were provided, but no name was specified');
            })();
      for (const o of objects) {
        const name = o.metadata.name ?? '';
        const current = (o.spec as { replicas?: number } | undefined)?.replicas ?? 1;
        if (env.flags.has('current-replicas') && env.flags.int('current-replicas', -1) !== current) {
          throw usageError(`Expected replicas to be ${env.flags.int('current-replicas', -1)}, was ${current}`);
        }
        const reply = env.client.request('PATCH', resourcePath(sel.resource, env.namespace, name, 'scale'), {
          body: { spec: { replicas } },
          contentType: 'application/merge-patch+json',
        });
        if (!reply.ok) errors.push(statusMessage(reply.status));
        else env.out.out(`${refName(sel.resource, name)} scaled\n`);
      }
    }
    if (errors.length) throw new CommandError(errors.join('\n'));
  },
};
