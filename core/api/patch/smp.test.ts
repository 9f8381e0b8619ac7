import { describe, expect, it } from 'vitest';
import { createThreeWayMergePatch, createTwoWayMergePatch, strategicMergePatch } from './smp.ts';
import type { JsonObject } from './json.ts';

const DEPLOY = { apiVersion: 'apps/v1', kind: 'Deployment' };
const POD = { apiVersion: 'v1', kind: 'Pod' };

function ok<T>(r: { ok: true; value: T } | { ok: false; status: unknown }): T {
  if (!r.ok) throw new Error(`unexpected failure: ${JSON.stringify(r.status)}`);
  return r.value;
}

const deployment = (
  spec: JsonObject,
  labels: Record<string, string>,
  annotations: Record<string, string> = {},
): JsonObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'demo', labels, annotations },
  spec,
});

// The manifests behind the observed `kubectl apply` patch of kubectl-wire.md §8.5.
const v1 = deployment(
  {
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
    template: {
      spec: {
        containers: [
          { name: 'a', image: 'nginx', ports: [{ containerPort: 80 }, { containerPort: 443 }] },
          { name: 'b', image: 'busybox' },
        ],
        volumes: [{ name: 'data', emptyDir: {} }],
      },
    },
  },
  { app: 'demo', tier: 'web' },
);
const v2 = deployment(
  {
    strategy: { type: 'Recreate' },
    template: {
      spec: {
        containers: [{ name: 'a', image: 'nginx', ports: [{ containerPort: 80 }] }],
        volumes: [{ name: 'data', configMap: { name: 'cfg' } }],
      },
    },
  },
  { app: 'demo' },
  { 'kubectl.kubernetes.io/last-applied-configuration': 'v2' },
);

describe('createThreeWayMergePatch', () => {
  it('reproduces the observed apply patch with every directive', () => {
    const live = { ...v1, metadata: { ...(v1.metadata as JsonObject), uid: 'u1' }, status: { replicas: 1 } };
    const patch = ok(createThreeWayMergePatch(v1, v2, live, DEPLOY));
    expect(JSON.stringify(patch)).toBe(
      '{"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"v2"},"labels":{"tier":null}},' +
        '"spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":null,"type":"Recreate"},' +
        '"template":{"spec":{"$setElementOrder/containers":[{"name":"a"}],"$setElementOrder/volumes":[{"name":"data"}],' +
        '"containers":[{"$setElementOrder/ports":[{"containerPort":80}],"name":"a","ports":[{"$patch":"delete","containerPort":443}]},' +
        '{"$patch":"delete","name":"b"}],' +
        '"volumes":[{"$retainKeys":["configMap","name"],"configMap":{"name":"cfg"},"emptyDir":null,"name":"data"}]}}}}',
    );
  });

  it('applying that patch to the live object yields the new manifest, keeping server fields', () => {
    const live = { ...v1, status: { replicas: 1 } };
    const patch = ok(createThreeWayMergePatch(v1, v2, live, DEPLOY));
    const result = ok(strategicMergePatch(live, patch, DEPLOY));
    expect(result.spec).toEqual(v2.spec);
    expect(result.metadata).toEqual(v2.metadata);
    expect(result.status).toEqual({ replicas: 1 });
  });

  it('is {} when nothing changed, and leaves fields set by others alone', () => {
    const live = { ...v2, spec: { ...(v2.spec as JsonObject), replicas: 5 } };
    expect(ok(createThreeWayMergePatch(v2, v2, live, DEPLOY))).toEqual({});
  });
});

describe('createTwoWayMergePatch', () => {
  const before = deployment({ template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } } }, {});

  it('matches kubectl set image byte for byte', () => {
    const after = deployment({ template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } }, {});
    expect(JSON.stringify(ok(createTwoWayMergePatch(before, after, DEPLOY)))).toBe(
      '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],"containers":[{"image":"nginx:1.27","name":"nginx"}]}}}}',
    );
  });

  it('matches kubectl set env', () => {
    const after = deployment(
      {
        template: {
          spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', env: [{ name: 'FOO', value: 'bar' }] }] },
        },
      },
      {},
    );
    expect(JSON.stringify(ok(createTwoWayMergePatch(before, after, DEPLOY)))).toBe(
      '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],"containers":[{"env":[{"name":"FOO","value":"bar"}],"name":"nginx"}]}}}}',
    );
  });

  it('uses $deleteFromPrimitiveList for removed finalizers', () => {
    const a = { metadata: { finalizers: ['x', 'y'] } };
    const b = { metadata: { finalizers: ['y'] } };
    expect(ok(createTwoWayMergePatch(a, b, POD))).toEqual({
      metadata: { '$deleteFromPrimitiveList/finalizers': ['x'], '$setElementOrder/finalizers': ['y'] },
    });
  });

  it('is {} for equal documents', () => {
    expect(ok(createTwoWayMergePatch(before, before, DEPLOY))).toEqual({});
  });
});

describe('strategicMergePatch', () => {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', labels: { a: '1' }, finalizers: ['x'] },
    spec: {
      containers: [
        { name: 'app', image: 'app:1', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }] },
        { name: 'side', image: 'side:1' },
      ],
      tolerations: [{ key: 'k1', operator: 'Exists' }],
    },
  };

  it('merges containers by name and env by name, keeping the others', () => {
    const patch = { spec: { containers: [{ name: 'app', env: [{ name: 'B', value: '2' }] }] } };
    const r = ok(strategicMergePatch(pod, patch, POD)) as { spec: { containers: JsonObject[] } };
    expect(r.spec.containers.map((c) => c.name)).toEqual(['app', 'side']);
    // Without $setElementOrder, upstream's mergeSortedSlice puts new patch items first.
    expect(r.spec.containers[0]?.env).toEqual([
      { name: 'B', value: '2' },
      { name: 'A', value: '1' },
    ]);
    expect(r.spec.containers[0]?.image).toBe('app:1');
  });

  it('replaces atomic lists such as tolerations', () => {
    const patch = { spec: { tolerations: [{ key: 'k2', operator: 'Exists' }] } };
    expect((ok(strategicMergePatch(pod, patch, POD)).spec as JsonObject).tolerations).toEqual([
      { key: 'k2', operator: 'Exists' },
    ]);
  });

  it('honours null, $patch: delete, $patch: replace and set-merges finalizers', () => {
    const patch = {
      metadata: { labels: { a: null, b: '2' }, finalizers: ['y'] },
      spec: { containers: [{ name: 'side', $patch: 'delete' }] },
    };
    const r = ok(strategicMergePatch(pod, patch, POD));
    expect(r.metadata).toEqual({ name: 'p', labels: { b: '2' }, finalizers: ['y', 'x'] });
    expect(((r.spec as JsonObject).containers as JsonObject[]).map((c) => c.name)).toEqual(['app']);

    const replace = { spec: { containers: [{ name: 'only', image: 'o' }, { $patch: 'replace' }] } };
    expect((ok(strategicMergePatch(pod, replace, POD)).spec as JsonObject).containers).toEqual([
      { name: 'only', image: 'o' },
    ]);
  });

  it('replaces a whole map with $patch: replace (DaemonSet rollout undo)', () => {
    const ds = {
      kind: 'DaemonSet',
      spec: { template: { metadata: { labels: { a: '1' } }, spec: { containers: [{ name: 'c', image: 'v2' }] } } },
    };
    const undo = { spec: { template: { spec: { containers: [{ name: 'c', image: 'v1' }] }, $patch: 'replace' } } };
    const r = ok(strategicMergePatch(ds, undo, { apiVersion: 'apps/v1', kind: 'DaemonSet' }));
    expect((r.spec as JsonObject).template).toEqual({ spec: { containers: [{ name: 'c', image: 'v1' }] } });
  });

  it('orders merged lists by $setElementOrder', () => {
    const patch = { spec: { '$setElementOrder/containers': [{ name: 'side' }, { name: 'app' }] } };
    const r = ok(strategicMergePatch(pod, patch, POD));
    expect(((r.spec as JsonObject).containers as JsonObject[]).map((c) => c.name)).toEqual(['side', 'app']);
  });

  it('applies $deleteFromPrimitiveList and $retainKeys', () => {
    const d = {
      spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } },
      metadata: { finalizers: ['x', 'y'] },
    };
    const patch = {
      metadata: { '$deleteFromPrimitiveList/finalizers': ['x'] },
      spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } },
    };
    const r = ok(strategicMergePatch(d, patch, DEPLOY));
    expect(r).toEqual({ metadata: { finalizers: ['y'] }, spec: { strategy: { type: 'Recreate' } } });
  });

  it('merges Service ports by port and rollout pause/resume via null', () => {
    const svc = { spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443 }] } };
    const r = ok(
      strategicMergePatch(
        svc,
        { spec: { ports: [{ port: 80, targetPort: 9090 }] } },
        { apiVersion: 'v1', kind: 'Service' },
      ),
    );
    expect((r.spec as JsonObject).ports).toEqual([{ port: 80, targetPort: 9090 }, { port: 443 }]);
    const paused = ok(strategicMergePatch({ spec: { paused: true } }, { spec: { paused: null } }, DEPLOY));
    expect(paused).toEqual({ spec: {} });
  });

  it('finds PodSpec under CronJob jobTemplate', () => {
    const cj = {
      spec: {
        jobTemplate: {
          spec: {
            template: {
              spec: {
                containers: [
                  { name: 'a', image: '1' },
                  { name: 'b', image: '1' },
                ],
              },
            },
          },
        },
      },
    };
    const patch = {
      spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'b', image: '2' }] } } } } },
    };
    const r = ok(strategicMergePatch(cj, patch, { apiVersion: 'batch/v1', kind: 'CronJob' }));
    expect(JSON.stringify(r)).toContain('[{"name":"a","image":"1"},{"name":"b","image":"2"}]');
  });

  it('strips directives from values the object did not have yet', () => {
    const container = {
      name: 'a',
      env: null,
      '$setElementOrder/ports': [{ containerPort: 80 }],
      ports: [{ containerPort: 80 }],
    };
    const r = ok(strategicMergePatch({}, { spec: { containers: [container] } }, POD));
    expect(r).toEqual({ spec: { containers: [{ name: 'a', ports: [{ containerPort: 80 }] }] } });
  });

  it('reports malformed patches as Status values in upstream words', () => {
    const missingKey = strategicMergePatch(pod, { spec: { containers: [{ image: 'x' }] } }, POD);
    expect(missingKey.ok).toBe(false);
    if (!missingKey.ok) {
      expect(missingKey.status.code).toBe(500);
      expect(missingKey.status.message).toBe('map: map[image:x] does not contain declared merge key: name');
    }
    const badRetain = strategicMergePatch(
      { spec: { strategy: {} } },
      { spec: { strategy: { $retainKeys: ['type'], x: 1 } } },
      DEPLOY,
    );
    expect(badRetain.ok ? undefined : badRetain.status).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message: 'invalid patch format of retainKeys',
    });
    const notMap = strategicMergePatch(pod, [1], POD);
    expect(notMap.ok ? undefined : notMap.status.code).toBe(400);
  });

  it('does not modify its inputs', () => {
    const copy = JSON.parse(JSON.stringify(pod)) as unknown;
    strategicMergePatch(pod, { spec: { containers: [{ name: 'app', image: 'x' }] } }, POD);
    expect(pod).toEqual(copy);
  });
});
