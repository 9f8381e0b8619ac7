import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../core/api/types.ts';
import { keyOf } from '../lib/cluster/reducer.ts';
import {
  deployment,
  endpointSlice,
  englishT,
  node,
  objectMap,
  pod,
  podStatusFor,
  replicaSet,
  service,
  simple,
  type PodState,
} from './fixtures.ts';
import { GraphMapper, toElements } from './mapping.ts';
import { sameElement } from './same.ts';
import type { GraphElement, MapOptions, View } from './types.ts';

/** Deterministic pseudo-random numbers. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function start(): KubeObject[] {
  const out: KubeObject[] = [node('n1'), node('n2'), simple('v1', 'ConfigMap', 'cfg', 'default')];
  for (const app of ['a', 'b', 'c']) {
    out.push(deployment(app, 3), replicaSet(`${app}-rs`, app, 3), service(app, { app }));
    for (let i = 0; i < 3; i++)
      out.push(pod(`${app}-rs-${i}`, { rs: `${app}-rs`, node: i % 2 ? 'n1' : 'n2', labels: { app } }));
    out.push(
      endpointSlice(
        app,
        [0, 1, 2].map((i) => ({ name: `${app}-rs-${i}`, ready: true })),
      ),
    );
  }
  out.push(
    simple('networking.k8s.io/v1', 'NetworkPolicy', 'all', 'default', { spec: { podSelector: {} } }),
    pod('db', {
      labels: { app: 'db' },
      spec: { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] },
    }),
  );
  return out;
}

const STATES: PodState[] = ['Ready', 'NotReady', 'ContainerCreating', 'Pending', 'CrashLoopBackOff'];

/** One random cluster change: returns the keys it touched. */
function step(objects: Map<string, KubeObject>, rnd: () => number, i: number): string[] {
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const pods = [...objects.values()].filter((o) => o.kind === 'Pod');
  const set = (o: KubeObject) => (objects.set(keyOf(o), o), [keyOf(o)]);
  const del = (k: string) => (objects.delete(k), [k]);
  switch (Math.floor(rnd() * 9)) {
    case 0:
    case 1: {
      const p = pick(pods);
      return p ? set({ ...p, status: podStatusFor(pick(STATES)) }) : [];
    }
    case 2: {
      const app = pick(['a', 'b', 'c', 'z']);
      const nodeName = pick(['n1', 'n2', 'n3', undefined]);
      return set(pod(`new-${i}`, { rs: `${app}-rs`, labels: { app }, ...(nodeName ? { node: nodeName } : {}) }));
    }
    case 3:
      return pods.length ? del(keyOf(pick(pods))) : [];
    case 4:
      return objects.has('/Node//n2') ? del('/Node//n2') : set(node('n2', rnd() < 0.5));
    case 5: {
      const k = '/Service/default/b';
      return objects.has(k) ? del(k) : set(service('b', { app: pick(['b', 'c', 'nothing']) }));
    }
    case 6:
      return objects.has('/ConfigMap/default/cfg')
        ? del('/ConfigMap/default/cfg')
        : set(simple('v1', 'ConfigMap', 'cfg', 'default'));
    case 7: {
      const k = 'apps/ReplicaSet/default/a-rs';
      return objects.has(k) ? del(k) : set(replicaSet('a-rs', 'a', 3));
    }
    default: {
      const app = pick(['a', 'b', 'c']);
      const names = pods.filter((p) => p.metadata.labels?.['app'] === app).map((p) => p.metadata.name!);
      return set(
        endpointSlice(
          app,
          names.map((name) => ({ name, ready: rnd() < 0.5 })),
        ),
      );
    }
  }
}

function expectSame(
  actual: ReadonlyMap<string, GraphElement>,
  expected: ReadonlyMap<string, GraphElement>,
  at: string,
) {
  expect([...actual.keys()].sort(), at).toEqual([...expected.keys()].sort());
  for (const [id, el] of expected) expect(sameElement(actual.get(id)!, el), `${at}: ${id}`).toBe(true);
}

describe('incremental mapping equals mapping from scratch', () => {
  const cases: [View, string[]][] = [
    ['all', []],
    ['network', []],
    ['storage', []],
    ['all', ['apps/Deployment/default/a']],
  ];
  for (const [view, collapsed] of cases) {
    it(`after each of 150 random changes (${view}${collapsed.length ? ', collapsed' : ''})`, () => {
      const opts: MapOptions = { view, namespace: '', hiddenKinds: new Set(), collapsed: new Set(collapsed) };
      const rnd = lcg(7);
      const objects = objectMap(start());
      const mapper = new GraphMapper(englishT);
      const drawn = new Map(mapper.map(new Map(objects), opts).elements);
      for (let i = 0; i < 150; i++) {
        const keys = step(objects, rnd, i);
        const snapshot = new Map(objects);
        const r = mapper.update(snapshot, keys);
        // The change list, applied to what was drawn, gives the same picture as mapping from scratch.
        for (const c of r.changes) {
          if (c.after) drawn.set(c.id, c.after);
          else drawn.delete(c.id);
        }
        const full = toElements(snapshot, opts, englishT);
        expectSame(r.elements, full, `step ${i}`);
        expectSame(drawn, full, `step ${i} (changes)`);
      }
    });
  }

  it('touches only what a batch of pod status changes affects', () => {
    const opts: MapOptions = { view: 'all', namespace: '', hiddenKinds: new Set(), collapsed: new Set() };
    const objects = objectMap(start());
    const mapper = new GraphMapper(englishT);
    mapper.map(new Map(objects), opts);
    const p = objects.get('/Pod/default/a-rs-0')!;
    objects.set('/Pod/default/a-rs-0', { ...p, status: podStatusFor('NotReady') });
    const slice = endpointSlice(
      'a',
      [0, 1, 2].map((i) => ({ name: `a-rs-${i}`, ready: i !== 0 })),
    );
    objects.set(keyOf(slice), slice);
    const { changes } = mapper.update(new Map(objects), ['/Pod/default/a-rs-0', keyOf(slice)]);
    expect(changes.map((c) => c.id).sort()).toEqual([
      '/Pod/default/a-rs-0',
      'selector:/Service/default/a>/Pod/default/a-rs-0',
    ]);
  });
});
