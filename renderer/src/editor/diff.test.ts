import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../core/api/types.ts';
import { LAST_APPLIED, editable as stripNoise } from '../graph/manifest.ts';
import { documentDiffs, firstChanged, toYaml } from './diff.ts';

const live: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'nginx-deployment',
    namespace: 'default',
    uid: 'u-1',
    resourceVersion: '42',
    generation: 3,
    creationTimestamp: '2024-01-01T00:00:00Z',
    managedFields: [{ manager: 'kubectl' }],
    annotations: { [LAST_APPLIED]: '{}', 'deployment.kubernetes.io/revision': '1' },
    labels: { app: 'nginx' },
  },
  spec: { replicas: 2, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.7.9' }] } } },
  status: { replicas: 2 },
};

describe('stripping what the server manages', () => {
  it('drops managed metadata, status and the last-applied annotation, keeping other annotations', () => {
    const s = stripNoise(live);
    expect(s.status).toBeUndefined();
    expect(s.metadata).toEqual({
      name: 'nginx-deployment',
      namespace: 'default',
      labels: { app: 'nginx' },
      annotations: { 'deployment.kubernetes.io/revision': '1' },
    });
    expect(live.metadata.uid).toBe('u-1');
  });

  it('removes annotations altogether when only last-applied was there', () => {
    const obj = { ...live, metadata: { name: 'x', annotations: { [LAST_APPLIED]: '{}' } } };
    expect(stripNoise(obj).metadata).toEqual({ name: 'x' });
  });

  it('prints YAML as kubectl does, apiVersion and kind first, lists flush with their key', () => {
    expect(toYaml(live)).toBe(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  namespace: default
  annotations:
    deployment.kubernetes.io/revision: "1"
  labels:
    app: nginx
spec:
  replicas: 2
  template:
    spec:
      containers:
      - name: nginx
        image: nginx:1.7.9
`);
    expect(toYaml(undefined)).toBe('');
  });
});

describe('document diffs of a dry run', () => {
  it('compares live with would-be, empty before when created, the same text when unchanged', () => {
    const next = { ...live, spec: { ...(live.spec as object), replicas: 3 } };
    const diffs = documentDiffs({
      ok: true,
      dryRun: true,
      parseErrors: [],
      results: [
        {
          index: 0,
          line: 1,
          ref: 'configmap/c',
          outcome: 'unchanged',
          object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } },
        },
        { index: 1, line: 6, ref: 'deployment.apps/nginx-deployment', outcome: 'configured', live, object: next },
        {
          index: 2,
          line: 30,
          ref: 'service/s',
          outcome: 'created',
          object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } },
        },
      ],
    });
    expect(diffs.map((d) => d.outcome)).toEqual(['unchanged', 'configured', 'created']);
    expect(diffs[0]!.original).toBe(diffs[0]!.modified);
    expect(diffs[1]!.original).toContain('replicas: 2');
    expect(diffs[1]!.modified).toContain('replicas: 3');
    expect(diffs[2]!.original).toBe('');
    expect(firstChanged(diffs)).toBe(1);
  });
});
