// The editor's starter manifests are accepted as they are by the lab's API (strict field
// validation, defaulting, validation), and each is a kind the editor schema knows.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { editorKinds } from '../../core/api/schema/editor-schema.ts';
import { NGINX_DEPLOYMENT, TEMPLATES } from '../../renderer/src/editor/templates.ts';
import { TestCluster } from '../harness/testCluster.ts';

describe('editor templates', () => {
  it('has one template per kind, the course nginx-deployment first', () => {
    expect(TEMPLATES[0]).toBe(NGINX_DEPLOYMENT);
    expect(new Set(TEMPLATES.map((t) => t.kind)).size).toBe(TEMPLATES.length);
    expect(TEMPLATES.map((t) => t.kind)).toEqual(
      expect.arrayContaining([
        'Deployment',
        'Pod',
        'Service',
        'ConfigMap',
        'Secret',
        'Job',
        'CronJob',
        'DaemonSet',
        'StatefulSet',
        'PersistentVolumeClaim',
        'PersistentVolume',
        'NetworkPolicy',
        'Ingress',
        'Namespace',
      ]),
    );
  });

  it.each(TEMPLATES.map((t) => [t.kind, t] as const))('%s applies cleanly to a fresh cluster', (_kind, template) => {
    const object = parse(template.yaml) as { apiVersion: string; kind: string };
    expect(object.kind).toBe(template.kind);
    expect(editorKinds().some((k) => k.apiVersion === object.apiVersion && k.kind === object.kind)).toBe(true);
    const report = TestCluster.create().tryApply(template.yaml);
    expect(report.parseErrors).toEqual([]);
    expect(report.results.map((r) => r.error?.message)).toEqual([undefined]);
    expect(report.results[0]!.outcome).toBe('created');
  });
});
