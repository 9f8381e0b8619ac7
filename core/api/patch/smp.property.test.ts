import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createThreeWayMergePatch, createTwoWayMergePatch, strategicMergePatch } from './smp.ts';

const POD = { apiVersion: 'v1', kind: 'Pod' };
const DEPLOY = { apiVersion: 'apps/v1', kind: 'Deployment' };

/** A list of records with unique values of `key`, in random order. */
function keyedList<T extends Record<string, unknown>>(
  key: string,
  keys: fc.Arbitrary<string | number>,
  item: fc.Arbitrary<T>,
) {
  return fc
    .uniqueArray(fc.record({ k: keys, rest: item }), { selector: (r) => r.k, maxLength: 3 })
    .map((rs) => rs.map((r) => ({ ...r.rest, [key]: r.k })));
}

const container = fc.record(
  {
    image: fc.constantFrom('nginx:1', 'nginx:2', 'busybox'),
    ports: keyedList(
      'containerPort',
      fc.constantFrom(80, 443, 8080),
      fc.record({ protocol: fc.constantFrom('TCP', 'UDP') }, { requiredKeys: [] }),
    ),
    env: keyedList(
      'name',
      fc.constantFrom('A', 'B', 'C'),
      fc.record({ value: fc.constantFrom('1', '2') }, { requiredKeys: [] }),
    ),
    args: fc.array(fc.constantFrom('-v', '--x', 'run'), { maxLength: 3 }),
  },
  { requiredKeys: ['image'] },
);

const volume = fc.oneof(
  fc.constant({ emptyDir: {} }),
  fc.record({ configMap: fc.record({ name: fc.constantFrom('cfg', 'other') }) }),
  fc.record({ hostPath: fc.record({ path: fc.constantFrom('/a', '/b') }) }),
);

const podSpec = fc.record(
  {
    containers: keyedList('name', fc.constantFrom('app', 'side', 'log'), container),
    initContainers: keyedList('name', fc.constantFrom('init'), container),
    volumes: keyedList('name', fc.constantFrom('data', 'cache'), volume),
    tolerations: fc.array(fc.record({ key: fc.constantFrom('k1', 'k2'), operator: fc.constant('Exists') }), {
      maxLength: 2,
    }),
    nodeName: fc.constantFrom('n1', 'n2'),
    restartPolicy: fc.constantFrom('Always', 'Never'),
  },
  { requiredKeys: ['containers'] },
);

const metadata = fc.record(
  {
    name: fc.constant('p'),
    labels: fc.dictionary(fc.constantFrom('app', 'tier', 'env'), fc.constantFrom('a', 'b'), { maxKeys: 3 }),
    finalizers: fc.uniqueArray(fc.constantFrom('f1', 'f2', 'f3'), { maxLength: 3 }),
  },
  { requiredKeys: ['name'] },
);

const pod = fc.record({ metadata, spec: podSpec });
const deployment = fc.record({
  metadata,
  spec: fc.record(
    {
      replicas: fc.integer({ min: 0, max: 3 }),
      strategy: fc.oneof(
        fc.constant({ type: 'Recreate' }),
        fc.record({
          type: fc.constant('RollingUpdate'),
          rollingUpdate: fc.record({ maxSurge: fc.constantFrom(1, '25%') }),
        }),
      ),
      template: fc.record({
        metadata: fc.record({ labels: fc.dictionary(fc.constantFrom('app'), fc.constantFrom('a', 'b')) }),
        spec: podSpec,
      }),
    },
    { requiredKeys: ['template'] },
  ),
});

function unwrap<T>(r: { ok: true; value: T } | { ok: false; status: { message?: string } }): T {
  if (!r.ok) throw new Error(r.status.message);
  return r.value;
}

describe('strategic merge patch properties', () => {
  it('two-way: applying createTwoWayMergePatch(A, B) to A yields B (Pods)', () => {
    fc.assert(
      fc.property(pod, pod, (a, b) => {
        const patch = unwrap(createTwoWayMergePatch(a, b, POD));
        expect(unwrap(strategicMergePatch(a, patch, POD))).toEqual(b);
      }),
      { seed: 11, numRuns: 400 },
    );
  });

  it('two-way: same for Deployments (retainKeys strategy, nested template)', () => {
    fc.assert(
      fc.property(deployment, deployment, (a, b) => {
        const patch = unwrap(createTwoWayMergePatch(a, b, DEPLOY));
        expect(unwrap(strategicMergePatch(a, patch, DEPLOY))).toEqual(b);
      }),
      { seed: 12, numRuns: 300 },
    );
  });

  it('two-way: the patch of a document against itself is {}', () => {
    fc.assert(
      fc.property(pod, (a) => {
        expect(unwrap(createTwoWayMergePatch(a, a, POD))).toEqual({});
      }),
      { seed: 13, numRuns: 100 },
    );
  });

  it('three-way: when live equals last-applied, the patch turns live into the new manifest', () => {
    fc.assert(
      fc.property(deployment, deployment, (a, b) => {
        const patch = unwrap(createThreeWayMergePatch(a, b, a, DEPLOY));
        expect(unwrap(strategicMergePatch(a, patch, DEPLOY))).toEqual(b);
      }),
      { seed: 14, numRuns: 300 },
    );
  });
});
