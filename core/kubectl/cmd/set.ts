/**
 * `kubectl set image TYPE/NAME container=image…` (`*` for every container):
 * GET, change the pod template's images, then a strategic merge patch of the
 * changed containers with `fieldManager=kubectl-set`.
 */
import type { KubeObject } from '../../api/types.ts';
import { resourcePath } from '../client.ts';
import type { Command } from '../env.ts';
import { getObject, must, refName } from '../env.ts';
import { selectResources } from '../resources.ts';
import { usageError } from '../types.ts';

interface Named {
  name: string;
  image?: string;
}

export const setCommand: Command = {
  name: 'set',
  flags: [
    { name: 'all', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'dry-run', type: 'string' },
  ],
  run(env) {
    const [sub, ...rest] = env.flags.args;
    if (sub !== 'image')
      throw usageError(
        sub === undefined ? 'Required resource not specified.' : `unknown command "${sub}" for "kubectl set"`,
      );
    const resourceArgs = rest.filter((a) => !a.includes('='));
    const images = new Map(
      rest.filter((a) => a.includes('=')).map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]),
    );
    if (images.size === 0) throw usageError('at least one image update is required');
    for (const sel of selectResources(env, resourceArgs)) {
      for (const name of sel.names) {
        const obj = must(getObject(env, sel.resource, name));
        const patch = imagePatch(obj, images);
        must(
          env.client.request('PATCH', resourcePath(sel.resource, env.namespace, name), {
            query: { fieldManager: 'kubectl-set' },
            body: patch,
            contentType: 'application/strategic-merge-patch+json',
          }),
        );
        env.out.out(`${refName(sel.resource, name)} image updated\n`);
      }
    }
  },
};

/** The patch for a pod or a workload's template; fails like kubectl when a container is unknown. */
function imagePatch(obj: KubeObject, images: Map<string, string>): unknown {
  const isPod = obj.kind === 'Pod';
  const spec = (isPod ? obj.spec : (obj.spec as { template?: { spec?: unknown } } | undefined)?.template?.spec) as
    { containers?: Named[]; initContainers?: Named[] } | undefined;
  const containers: Named[] = [];
  const initContainers: Named[] = [];
  for (const [name, image] of images) {
    let found = false;
    for (const [list, into] of [
      [spec?.containers ?? [], containers],
      [spec?.initContainers ?? [], initContainers],
    ] as const) {
      for (const c of list) {
        if (name === '*' || c.name === name) {
          into.push({ image, name: c.name });
          found = true;
        }
      }
    }
    if (!found) throw usageError(`unable to find container named "${name}"`);
  }
  const podSpec = {
    ...(containers.length ? { containers } : {}),
    ...(initContainers.length ? { initContainers } : {}),
  };
  return isPod ? { spec: podSpec } : { spec: { template: { spec: podSpec } } };
}
