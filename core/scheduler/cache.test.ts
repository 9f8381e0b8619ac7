import { describe, expect, it } from 'vitest';
import { SchedulerCache } from './cache.ts';
import { cacheWith, node, pod } from './testing.ts';

describe('SchedulerCache', () => {
  it('parses allocatable and sums requests (init max rule, sidecars, overhead)', () => {
    const cache = cacheWith([node('n1', { cpu: '3500m', memory: '129M', pods: '20' })]);
    const info = cache.getNode('n1');
    expect(info?.allocatable).toMatchObject({ milliCPU: 3500, memory: 129e6, pods: 20 });
    const p = pod('p', {
      nodeName: 'n1',
      spec: {
        containers: [
          { name: 'a', resources: { requests: { cpu: '100m', memory: '10Mi' } } },
          { name: 'b', resources: { requests: { cpu: '200m' } } },
        ],
        initContainers: [
          { name: 'side', restartPolicy: 'Always', resources: { requests: { cpu: '50m' } } },
          { name: 'init', resources: { requests: { cpu: '500m' } } },
        ],
        overhead: { cpu: '10m' },
      },
    });
    cache.addPod(p);
    // max(300m + 50m, 50m + 500m) + 10m overhead.
    expect(info?.requested.milliCPU).toBe(560);
    expect(info?.requested.memory).toBe(10 * 1024 * 1024);
    // Non-zero: container b gets 200Mi, the plain init container 200Mi (+ sidecar's 200Mi).
    expect(info?.nonZeroMemory).toBe(10 * 1024 * 1024 + 2 * 200 * 1024 * 1024);
  });

  it('an assumed pod is replaced, not doubled, when its binding is observed', () => {
    const cache = cacheWith([node('n1')]);
    const p = pod('p', { cpu: '300m', uid: 'same' });
    cache.assume(p, 'n1');
    expect(cache.isAssumed(p)).toBe(true);
    cache.addPod(pod('p', { cpu: '300m', uid: 'same', nodeName: 'n1' }));
    expect(cache.getNode('n1')?.requested.milliCPU).toBe(300);
    expect(cache.getNode('n1')?.pods.size).toBe(1);
    expect(cache.isAssumed(p)).toBe(false);
  });

  it('forgets assumed pods, drops terminal ones and keeps pods of a removed node', () => {
    const cache = cacheWith([node('n1'), node('n2')]);
    const p = pod('p', { cpu: '1' });
    cache.assume(p, 'n1');
    cache.forget(p);
    expect(cache.getNode('n1')?.pods.size).toBe(0);
    const done = { ...pod('done', { nodeName: 'n1', cpu: '1' }), status: { phase: 'Succeeded' } };
    cache.addPod(done);
    expect(cache.getNode('n1')?.requested.milliCPU).toBe(0);
    cache.addPod(pod('q', { nodeName: 'n2', cpu: '1' }));
    cache.removeNode('n2');
    expect(cache.getNode('n2')).toBeUndefined();
    expect(cache.nodeList().map((n) => n.name)).toEqual(['n1']);
  });

  it('lists nodes zone by zone, like the scheduler node tree', () => {
    const z = (name: string, zone: string) => node(name, { labels: { 'topology.kubernetes.io/zone': zone } });
    const cache = new SchedulerCache();
    [z('a1', 'a'), z('a2', 'a'), z('a3', 'a'), z('b1', 'b'), z('c1', 'c'), z('c2', 'c')].forEach((n) =>
      cache.addNode(n),
    );
    expect(cache.nodeList().map((n) => n.name)).toEqual(['a1', 'b1', 'c1', 'a2', 'c2', 'a3']);
  });

  it('keeps spread counts and domain totals current as pods and node labels change', () => {
    const cache = cacheWith([node('n1', { labels: { zone: 'a' } }), node('n2', { labels: { zone: 'b' } })]);
    cache.addPod(pod('x', { nodeName: 'n1', labels: { app: 'w' } }));
    const sel = {
      kind: 'requirements',
      reqs: [{ key: 'app', op: 'In', values: ['w'], bound: 0 }],
      key: 'app In (w)',
    } as const;
    const slot = cache.spreadSlot('default', sel);
    const totals = cache.spread.domainTotals(slot, 'zone', cache.nodeList());
    expect(totals.get('a')).toBe(1);
    cache.addPod(pod('y', { nodeName: 'n2', labels: { app: 'w' } }));
    cache.addPod(pod('other-ns', { nodeName: 'n2', labels: { app: 'w' }, namespace: 'prod' }));
    expect(cache.getNode('n2')?.spreadCounts[slot]).toBe(1);
    cache.updateNode(node('n2', { labels: { zone: 'a' } }));
    expect(totals.get('a')).toBe(2);
    expect(totals.get('b')).toBe(0);
  });
});
