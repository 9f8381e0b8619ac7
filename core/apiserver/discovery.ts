/**
 * Discovery documents (apiserver pkg/endpoints/discovery): aggregated v2 and
 * v2beta1 chosen from the Accept header, and the legacy APIVersions,
 * APIGroupList and APIResourceList forms. The metrics.k8s.io group is served
 * too, so `kubectl top` works.
 */
import type { ResourceType } from '../api/registry.ts';
import { groupVersions } from '../api/registry.ts';
import type { ApiRequest, PlainResponse } from './types.ts';
import { json } from './types.ts';

export const SERVER_VERSION = {
  major: '1',
  minor: '33',
  gitVersion: 'v1.33.1',
  gitCommit: '8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828',
  gitTreeState: 'clean',
  buildDate: '2025-05-15T08:19:07Z',
  goVersion: 'go1.24.2',
  compiler: 'gc',
  platform: 'linux/amd64',
  emulationMajor: '1',
  emulationMinor: '33',
  minCompatibilityMajor: '1',
  minCompatibilityMinor: '32',
};

interface DiscoResource {
  resource: string;
  responseKind: { group: string; version: string; kind: string };
  scope: 'Namespaced' | 'Cluster';
  singularResource: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  subresources?: {
    subresource: string;
    responseKind: { group: string; version: string; kind: string };
    verbs: string[];
  }[];
}

/** metrics.k8s.io, served by the lab's metrics source. */
const METRICS = { group: 'metrics.k8s.io', version: 'v1beta1' };
const METRICS_RESOURCES = [
  { resource: 'nodes', kind: 'NodeMetrics', scope: 'Cluster' as const },
  { resource: 'pods', kind: 'PodMetrics', scope: 'Namespaced' as const },
];

function discoResource(r: ResourceType): DiscoResource {
  return {
    resource: r.plural,
    responseKind: { group: r.group, version: r.version, kind: r.kind },
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: r.verbs,
    ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
    ...(r.categories.length ? { categories: r.categories } : {}),
    ...(r.subresources.length
      ? {
          subresources: r.subresources.map((s) => ({
            subresource: s.name,
            responseKind: { group: s.group, version: s.version, kind: s.kind },
            verbs: s.verbs,
          })),
        }
      : {}),
  };
}

function aggregatedVersion(req: ApiRequest): 'v2' | 'v2beta1' | undefined {
  const accept = req.headers.accept ?? '';
  for (const clause of accept.split(',')) {
    if (!clause.includes('g=apidiscovery.k8s.io') || !clause.includes('as=APIGroupDiscoveryList')) continue;
    if (/v=v2beta1/.test(clause)) return 'v2beta1';
    if (/v=v2(;|$)/.test(clause)) return 'v2';
  }
  return undefined;
}

function aggregatedList(version: 'v2' | 'v2beta1', core: boolean): PlainResponse {
  const groups = groupVersions().filter((g) => (g.group === '') === core);
  const items = groups.map((g) => ({
    metadata: { ...(g.group ? { name: g.group } : {}), creationTimestamp: null },
    versions: g.versions.map((v) => ({
      version: v.version,
      resources: v.resources.map(discoResource),
      freshness: 'Current',
    })),
  }));
  if (!core) {
    items.push({
      metadata: { name: METRICS.group, creationTimestamp: null },
      versions: [
        {
          version: METRICS.version,
          freshness: 'Current',
          resources: METRICS_RESOURCES.map((m) => ({
            resource: m.resource,
            responseKind: { group: METRICS.group, version: METRICS.version, kind: m.kind },
            scope: m.scope,
            singularResource: '',
            verbs: ['get', 'list'],
          })),
        },
      ],
    });
  }
  return json(
    200,
    { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items },
    {
      'Content-Type': `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`,
    },
  );
}

export function apiRoot(req: ApiRequest, serverAddress: string): PlainResponse {
  const agg = aggregatedVersion(req);
  if (agg) return aggregatedList(agg, true);
  return json(200, {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  });
}

export function apisRoot(req: ApiRequest): PlainResponse {
  const agg = aggregatedVersion(req);
  if (agg) return aggregatedList(agg, false);
  const groups = groupVersions()
    .filter((g) => g.group !== '')
    .map((g) => {
      const versions = g.versions.map((v) => ({ groupVersion: `${g.group}/${v.version}`, version: v.version }));
      return { name: g.group, versions, preferredVersion: versions[0] };
    });
  const metrics = { groupVersion: `${METRICS.group}/${METRICS.version}`, version: METRICS.version };
  groups.push({ name: METRICS.group, versions: [metrics], preferredVersion: metrics });
  return json(200, { kind: 'APIGroupList', apiVersion: 'v1', groups });
}

/** APIResourceList for one group-version, or undefined when not served. */
export function resourceList(group: string, version: string): PlainResponse | undefined {
  const gv = group ? `${group}/${version}` : version;
  if (group === METRICS.group && version === METRICS.version) {
    return json(200, {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: gv,
      resources: METRICS_RESOURCES.map((m) => ({
        name: m.resource,
        singularName: '',
        namespaced: m.scope === 'Namespaced',
        kind: m.kind,
        verbs: ['get', 'list'],
      })),
    });
  }
  const g = groupVersions().find((x) => x.group === group);
  const v = g?.versions.find((x) => x.version === version);
  if (!v) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const r of v.resources) {
    resources.push({
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
      ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
      ...(r.categories.length ? { categories: r.categories } : {}),
      storageVersionHash: '',
    });
    for (const s of r.subresources) {
      resources.push({
        name: `${r.plural}/${s.name}`,
        singularName: '',
        namespaced: r.namespaced,
        ...(s.group !== r.group || s.version !== r.version ? { group: s.group, version: s.version } : {}),
        kind: s.kind,
        verbs: s.verbs,
      });
    }
  }
  return json(200, { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv, resources });
}

export function groupDoc(group: string): PlainResponse | undefined {
  if (group === METRICS.group) {
    const v = { groupVersion: `${METRICS.group}/${METRICS.version}`, version: METRICS.version };
    return json(200, { kind: 'APIGroup', apiVersion: 'v1', name: group, versions: [v], preferredVersion: v });
  }
  const g = groupVersions().find((x) => x.group === group && group !== '');
  if (!g) return undefined;
  const versions = g.versions.map((v) => ({ groupVersion: `${group}/${v.version}`, version: v.version }));
  return json(200, { kind: 'APIGroup', apiVersion: 'v1', name: group, versions, preferredVersion: versions[0] });
}
