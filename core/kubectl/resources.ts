/**
 * The resource arguments kubectl's builder accepts: `TYPE`, `TYPE NAME…`,
 * `TYPE1,TYPE2`, `TYPE/NAME…` and the `all` category, resolved through
 * discovery, in the order given.
 */
import type { Resource } from './discovery.ts';
import type { Env } from './env.ts';
import { resolveType } from './env.ts';
import { usageError } from './types.ts';

export interface Selection {
  resource: Resource;
  /** Named objects; empty means every object matching the selectors. */
  names: string[];
  /** Given as TYPE/NAME (kubectl then implies a single item). */
  slashed: boolean;
}

/** Resolve resource arguments; empty args give an empty list. */
export function selectResources(env: Env, args: string[]): Selection[] {
  if (args.length === 0) return [];
  const slashed = args.filter((a) => a.includes('/'));
  if (slashed.length > 0) {
    if (slashed.length !== args.length) {
      throw usageError(
        `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. '${env.commandPath.replace(/^kubectl /, 'kubectl ')} resource/<resource_name>' instead of '${env.commandPath} resource resource/<resource_name>'`,
      );
    }
    return args.map((a) => {
      const slash = a.indexOf('/');
      const name = a.slice(slash + 1);
      if (!name) throw usageError(`arguments in resource/name form must have a single resource and name`);
      return { resource: resolveType(env, a.slice(0, slash)), names: [name], slashed: true };
    });
  }
  const [types = '', ...names] = args;
  const resources: Resource[] = [];
  for (const word of types.split(',').filter(Boolean)) {
    if (word === 'all') resources.push(...env.discovery.category('all'));
    else resources.push(resolveType(env, word));
  }
  return resources.map((resource) => ({ resource, names, slashed: false }));
}
