/**
 * What kubectl learns from discovery (`GET /api`, `GET /apis`, aggregated
 * v2): the resources the server serves in their preferred versions, and the
 * RESTMapper rule that turns what a user typed (`deploy`, `deployments.apps`,
 * `Deployment`) into one of them. Core beats other groups, as in kubectl.
 */
import type { Client } from './client.ts';
import { DISCOVERY_ACCEPT } from './client.ts';
import { findResource } from '../api/registry.ts';

export interface Resource {
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
}

interface DiscoGroup {
  metadata?: { name?: string };
  versions?: { version: string; resources?: DiscoResource[] }[];
}

interface DiscoResource {
  resource: string;
  responseKind?: { kind?: string };
  scope: string;
  singularResource?: string;
  verbs?: string[];
  shortNames?: string[];
  categories?: string[];
}

export class Discovery {
  private cache: Resource[] | undefined;

  constructor(private readonly client: Client) {}

  /** Every served resource, preferred versions only, in discovery order. */
  resources(): Resource[] {
    this.cache ??= [...this.fetch('/api'), ...this.fetch('/apis')];
    return this.cache;
  }

  /** The resource a user's word names, or undefined (then kubectl says it has no such type). */
  resolve(input: string): Resource | undefined {
    return findResource(this.resources(), input);
  }

  /** Resources in a category, e.g. `all`. */
  category(name: string): Resource[] {
    return this.resources().filter((r) => r.categories.includes(name));
  }

  /** Whether a group-version is served (metrics.k8s.io for `top`). */
  hasGroup(group: string): boolean {
    return this.resources().some((r) => r.group === group);
  }

  private fetch(path: string): Resource[] {
    const reply = this.client.get<{ items?: DiscoGroup[] }>(path, undefined, DISCOVERY_ACCEPT);
    if (!reply.ok) return [];
    const out: Resource[] = [];
    for (const g of reply.value.items ?? []) {
      const preferred = g.versions?.[0];
      if (!preferred) continue;
      for (const r of preferred.resources ?? []) out.push(toResource(g.metadata?.name ?? '', preferred.version, r));
    }
    return out;
  }
}

function toResource(group: string, version: string, r: DiscoResource): Resource {
  const kind = r.responseKind?.kind ?? '';
  return {
    group,
    version,
    kind,
    plural: r.resource,
    singular: r.singularResource || kind.toLowerCase(),
    namespaced: r.scope === 'Namespaced',
    shortNames: r.shortNames ?? [],
    categories: r.categories ?? [],
    verbs: r.verbs ?? [],
  };
}

/** `deployment.apps`, `pod`: the lower-case Kind with its group, as kubectl names a type in output. */
export function kindRef(r: Resource): string {
  return `${r.kind.toLowerCase()}${r.group ? `.${r.group}` : ''}`;
}

/** `deployments.apps`, `pods`: the resource as errors name it. */
export function qualifiedPlural(r: Resource): string {
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}

/** `apps/v1` or `v1`. */
export function apiVersionOf(r: Resource): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}
