/**
 * `kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json]`: one
 * PATCH with `fieldManager=kubectl-patch`; `patched`, or `(no change)` when
 * the object came back unchanged.
 */
import { parse } from 'yaml';
import type { KubeObject } from '../../api/types.ts';
import { resourcePath } from '../client.ts';
import type { Command } from '../env.ts';
import { getObject, must, refName } from '../env.ts';
import { selectResources } from '../resources.ts';
import { usageError } from '../types.ts';

const TYPES: Record<string, string> = {
  strategic: 'application/strategic-merge-patch+json',
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
};

export const patchCommand: Command = {
  name: 'patch',
  flags: [
    { name: 'patch', short: 'p', type: 'string' },
    { name: 'type', type: 'string' },
    { name: 'subresource', type: 'string' },
    { name: 'dry-run', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  run(env) {
    if (!env.flags.has('patch')) throw usageError('must specify -p to patch');
    const type = env.flags.str('type', 'strategic');
    const contentType = TYPES[type];
    if (!contentType) throw usageError(`--type must be one of [json merge strategic], not "${type}"`);
    let body: unknown;
    try {
      body = parse(env.flags.str('patch'));
    } catch (e) {
      throw usageError(`unable to parse "${env.flags.str('patch')}": ${(e as Error).message.split('\n')[0] ?? ''}`);
    }
    for (const sel of selectResources(env, env.flags.args)) {
      for (const name of sel.names) {
        const before = must(getObject(env, sel.resource, name));
        const after = must(
          env.client.request<KubeObject>(
            'PATCH',
            resourcePath(sel.resource, env.namespace, name, env.flags.str('subresource') || undefined),
            {
              query: { fieldManager: 'kubectl-patch' },
              body,
              contentType,
            },
          ),
        );
        const unchanged = before.metadata.resourceVersion === after.metadata.resourceVersion;
        env.out.out(`${refName(sel.resource, name)} ${unchanged ? 'patched (no change)' : 'patched'}\n`);
      }
    }
  },
};
