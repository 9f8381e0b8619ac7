import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster/cluster.ts';
import { ApiServer } from './server.ts';

const hooks = {
  setClockMode: (mode: 'manual' | 'realtime', speed: number) => ({ mode, speed }),
  clockMode: () => ({ mode: 'manual' as const, speed: 1 }),
};

describe('the lab control API', () => {
  it('adds a worker node: POST /lab/v1/faults {component: node, action: add}', () => {
    const cluster = new Cluster({ seed: 1 });
    const server = new ApiServer(cluster, hooks);
    const res = server.handle({
      method: 'POST',
      path: '/lab/v1/faults',
      query: {},
      headers: { 'content-type': 'application/json' },
      body: new TextEncoder().encode(JSON.stringify({ component: 'node', action: 'add' })),
    });
    if (res.kind !== 'plain') throw new Error('plain expected');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ added: 'k8s-node3', kubelets: { 'k8s-node3': 'running' } });
    expect(cluster.api.store.get('/nodes', undefined, 'k8s-node3')).toBeDefined();
  });
});
