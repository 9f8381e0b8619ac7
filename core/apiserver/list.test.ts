import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster/cluster.ts';
import { ApiServer } from './server.ts';
import { resolveResourceName } from '../api/registry.ts';

const RNS = resolveResourceName('namespaces')!;
const RCM = resolveResourceName('configmaps')!;

const hooks = {
  setClockMode: (mode: 'manual' | 'realtime', speed: number) => ({ mode, speed }),
  clockMode: () => ({ mode: 'manual' as const, speed: 1 }),
};

describe('list pagination', () => {
  it('pages through every item exactly once, across namespaces that sort tricky ("a" vs "a-b")', () => {
    const cluster = new Cluster({ seed: 3 });
    const actor = { component: 'test' };
    for (const ns of ['a', 'a-b', 'b']) {
      cluster.api.create(RNS, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, { actor });
      for (let i = 0; i < 7; i++)
        cluster.api.create(
          RCM,
          { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: ns } },
          { actor },
        );
    }
    const server = new ApiServer(cluster, hooks);
    const seen: string[] = [];
    let token: string | undefined;
    for (let page = 0; page < 100; page++) {
      const res = server.handle({
        method: 'GET',
        path: '/api/v1/configmaps',
        query: { limit: ['4'], ...(token ? { continue: [token] } : {}) },
        headers: {},
      });
      if (res.kind !== 'plain') throw new Error('plain expected');
      const body = JSON.parse(res.body) as {
        items: { metadata: { namespace: string; name: string } }[];
        metadata: { continue?: string };
      };
      seen.push(...body.items.map((i) => `${i.metadata.namespace}/${i.metadata.name}`));
      token = body.metadata.continue;
      if (!token) break;
    }
    const all = cluster.api.list(RCM).items.map((i) => `${i.metadata.namespace}/${i.metadata.name}`);
    expect(seen).toEqual(all);
    expect(seen.filter((s) => s.startsWith('a-b/'))).toHaveLength(7);
  });
});
