/**
 * Random manifests and API calls against the whole cluster (fast-check),
 * then the invariants that must always hold: resourceVersions only rise,
 * replaying the watch stream rebuilds the store, garbage collection leaves
 * no orphans, and Deployments converge to their replicas.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveResourceName } from '../../core/api/registry.ts';
import type { KubeObject } from '../../core/api/types.ts';
import { TestCluster } from '../harness/testCluster.ts';

const names = ['web', 'api', 'db'];
const deployment = (name: string, replicas: number, image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: main
        image: ${image}
`;

type Op =
  | { op: 'apply'; name: string; replicas: number; image: string }
  | { op: 'delete'; name: string; policy: 'Foreground' | 'Background' | 'Orphan' }
  | { op: 'killPod'; index: number }
  | { op: 'configmap'; name: string; value: string }
  | { op: 'bad'; text: string }
  | { op: 'advance'; seconds: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('apply' as const),
    name: fc.constantFrom(...names),
    replicas: fc.integer({ min: 0, max: 4 }),
    image: fc.constantFrom('nginx:1.14.2', 'nginx:1.16.1', 'httpd', 'redis:7'),
  }),
  fc.record({
    op: fc.constant('delete' as const),
    name: fc.constantFrom(...names),
    policy: fc.constantFrom('Foreground' as const, 'Background' as const, 'Orphan' as const),
  }),
  fc.record({ op: fc.constant('killPod' as const), index: fc.nat(10) }),
  fc.record({
    op: fc.constant('configmap' as const),
    name: fc.constantFrom('a', 'b'),
    value: fc.string({ maxLength: 8 }),
  }),
  fc.record({ op: fc.constant('bad' as const), text: fc.string({ maxLength: 40 }) }),
  fc.record({ op: fc.constant('advance' as const), seconds: fc.integer({ min: 0, max: 40 }) }),
);

function run(t: TestCluster, op: Op): void {
  const actor = { component: 'fuzz' };
  switch (op.op) {
    case 'apply':
      t.tryApply(deployment(op.name, op.replicas, op.image));
      break;
    case 'delete':
      t.api.delete(resolveResourceName('deploy')!, 'default', op.name, { actor, propagationPolicy: op.policy });
      break;
    case 'killPod': {
      const pods = t.pods();
      const p = pods[op.index % Math.max(1, pods.length)];
      if (p) t.api.delete(resolveResourceName('pods')!, 'default', p.metadata.name!, { actor });
      break;
    }
    case 'configmap':
      t.tryApply(
        `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${op.name}\ndata:\n  v: ${JSON.stringify(op.value)}\n`,
      );
      break;
    case 'bad':
      t.tryApply(op.text);
      break;
    case 'advance':
      t.advance(op.seconds);
      break;
  }
}

describe('cluster invariants under random operations', () => {
  it('hold for any sequence', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 25 }), fc.integer({ min: 1, max: 1000 }), (ops, seed) => {
        const t = TestCluster.create({ seed });
        const store = t.api.store;
        // A watcher from the beginning: its replay must equal the store at the end.
        const replica = new Map<string, KubeObject>();
        let lastRV = 0;
        store.subscribe(undefined, (e) => {
          expect(e.rv).toBeGreaterThan(lastRV);
          lastRV = e.rv;
          const id = `${e.key}|${e.object.metadata.namespace ?? ''}/${e.object.metadata.name}`;
          if (e.type === 'DELETED') replica.delete(id);
          else replica.set(id, e.object);
        });
        const before = new Map(
          [...store.all()].map(([k, o]) => [`${k}|${o.metadata.namespace ?? ''}/${o.metadata.name}`, o]),
        );
        for (const [k, v] of before) replica.set(k, v);
        for (const op of ops) run(t, op);
        // Let everything settle: pulls, restarts, graceful deletions, GC.
        t.advance(120);
        const now = new Map(
          [...store.all()].map(([k, o]) => [`${k}|${o.metadata.namespace ?? ''}/${o.metadata.name}`, o]),
        );
        expect([...replica.keys()].sort()).toEqual([...now.keys()].sort());
        for (const [k, o] of now) expect(replica.get(k)?.metadata.resourceVersion).toBe(o.metadata.resourceVersion);
        // No orphans: every owner reference points at an object that exists.
        for (const [, o] of now) {
          for (const ref of o.metadata.ownerReferences ?? [])
            expect(
              t.cluster.indexes.byUid(ref.uid),
              `${o.kind} ${o.metadata.name} owner ${ref.kind}/${ref.name}`,
            ).toBeDefined();
        }
        // Deployments converge: ready pods of each equal its replicas.
        for (const d of t.list('deploy')) {
          const want = (d.spec as { replicas: number }).replicas;
          const ready = t.readyPods().filter((p) => p.metadata.labels?.app === d.metadata.name);
          expect(ready.length, `deployment ${d.metadata.name}`).toBe(want);
        }
      }),
      { numRuns: 40, seed: 20261122 },
    );
  });
});
