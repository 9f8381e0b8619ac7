import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { deployment } from './fixtures.ts';
import { editable, manifestTitle, manifestYaml } from './manifest.ts';

describe('load into editor', () => {
  const d = deployment('web', 3);
  d.metadata = {
    ...d.metadata,
    creationTimestamp: '2026-01-01T00:00:00Z',
    generation: 2,
    managedFields: [{ manager: 'kubectl' }],
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', team: 'a' },
  };

  it('strips what the cluster fills in and keeps what the learner wrote', () => {
    const e = editable(d);
    expect(Object.keys(e)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(e['metadata']).toEqual({
      name: 'web',
      namespace: 'default',
      labels: { app: 'web' },
      annotations: { team: 'a' },
    });
  });

  it('writes YAML that reads back as the same object, apiVersion first', () => {
    const text = manifestYaml(d);
    expect(text.startsWith('apiVersion: apps/v1\nkind: Deployment\n')).toBe(true);
    expect(parse(text)).toEqual(editable(d));
    expect(manifestTitle(d)).toBe('deployment-web.yaml');
  });
});
