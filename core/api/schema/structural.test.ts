import { describe, expect, it } from 'vitest';
import { checkStructure } from './index.ts';

const pod = (container: Record<string, unknown>, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', creationTimestamp: null },
  spec: { containers: [{ name: 'c', image: 'nginx', ...container }], ...spec },
  status: {},
});

describe('checkStructure: unknown fields', () => {
  it('Strict rejects them with the apiserver wording', () => {
    const r = checkStructure(pod({ imagePullPolice: 'Always' }), 'v1', 'Pod', 'Strict');
    expect(r.error).toMatchObject({ code: 400, reason: 'BadRequest', status: 'Failure' });
    expect(r.error?.message).toBe(
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolice"',
    );
  });

  it('joins several unknown fields with ", " in document order, map keys with "."', () => {
    const obj = { ...pod({ imagePullPolice: 'Always' }, { foo: 1 }), extra: true };
    (obj.metadata as Record<string, unknown>).namesapce = 'x';
    const r = checkStructure(obj, 'v1', 'Pod', 'Strict');
    expect(r.error?.message).toBe(
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "metadata.namesapce", ' +
        'unknown field "spec.containers[0].imagePullPolice", unknown field "spec.foo", unknown field "extra"',
    );
  });

  it('is case-sensitive, as the Kubernetes decoder is', () => {
    const r = checkStructure(
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: {}, spec: { Replicas: 2 } },
      'apps/v1',
      'Deployment',
      'Strict',
    );
    expect(r.error?.message).toContain('unknown field "spec.Replicas"');
  });

  it('Warn warns and prunes; Ignore prunes silently; the input is not mutated', () => {
    const input = pod({ imagePullPolice: 'Always' }, { foo: 1 });
    const warn = checkStructure(input, 'v1', 'Pod', 'Warn');
    expect(warn.error).toBeUndefined();
    expect(warn.warnings).toEqual(['unknown field "spec.containers[0].imagePullPolice"', 'unknown field "spec.foo"']);
    expect(warn.object).toEqual(pod({}));
    const ignore = checkStructure(input, 'v1', 'Pod', 'Ignore');
    expect(ignore.warnings).toEqual([]);
    expect(ignore.object).toEqual(pod({}));
    expect((input.spec.containers[0] as Record<string, unknown>).imagePullPolice).toBe('Always');
  });

  it('knows metadata, status, apiVersion and kind everywhere', () => {
    const cm = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x', labels: { a: 'b' }, annotations: {} },
      data: { k: 'v' },
    };
    expect(checkStructure(cm, 'v1', 'ConfigMap', 'Strict')).toEqual({ warnings: [], object: cm });
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, status: { succeeded: 1 } };
    expect(checkStructure(job, 'batch/v1', 'Job', 'Strict').error).toBeUndefined();
  });

  it('reports unknown fields inside map values with the key in the path', () => {
    const crdSchema = { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', bogus: 1 } } } };
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'a.b' },
      spec: {
        group: 'b',
        names: { kind: 'A', plural: 'a' },
        scope: 'Namespaced',
        versions: [{ name: 'v1', served: true, storage: true, schema: crdSchema }],
      },
    };
    const r = checkStructure(crd, 'apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'Strict');
    expect(r.error?.message).toContain('unknown field "spec.versions[0].schema.openAPIV3Schema.properties.spec.bogus"');
  });
});

describe('checkStructure: wrong types', () => {
  it('words them as Go json errors, with the innermost struct and the field path', () => {
    const d = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: '3' } };
    expect(checkStructure(d, 'apps/v1', 'Deployment', 'Ignore').error?.message).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
  });

  it('leaves list indices out of the path and names Go types as reflect prints them', () => {
    const env = pod({ env: [{ name: 'A', value: true }] });
    expect(checkStructure(env, 'v1', 'Pod', 'Strict').error?.message).toBe(
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal bool into Go struct field EnvVar.spec.containers.env.value of type string',
    );
    const notList = pod({}, { containers: { name: 'c' } });
    expect(checkStructure(notList, 'v1', 'Pod', 'Strict').error?.message).toContain(
      'json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container',
    );
    const annotations = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', annotations: ['a'] } };
    expect(checkStructure(annotations, 'v1', 'Secret', 'Strict').error?.message).toContain(
      'json: cannot unmarshal array into Go struct field ObjectMeta.metadata.annotations of type map[string]string',
    );
    const labels = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', labels: { a: 1 } } };
    expect(checkStructure(labels, 'v1', 'Secret', 'Strict').error?.message).toContain(
      'cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    );
  });

  it('prints fractional and overflowing numbers with their value', () => {
    expect(checkStructure(pod({ ports: [{ containerPort: 80.5 }] }), 'v1', 'Pod', 'Strict').error?.message).toContain(
      'json: cannot unmarshal number 80.5 into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
    );
    expect(checkStructure(pod({}, { activeDeadlineSeconds: 2 ** 40 }), 'v1', 'Pod', 'Strict').error).toBeUndefined();
    expect(checkStructure(pod({}, { priority: 2 ** 40 }), 'v1', 'Pod', 'Strict').error?.message).toContain(
      'number 1099511627776',
    );
  });

  it('reports a type error before unknown fields, and the first type error only', () => {
    const d = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 1 }, spec: { replicas: 'x', nope: 1 } };
    const r = checkStructure(d, 'apps/v1', 'Deployment', 'Strict');
    expect(r.error?.message).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string',
    );
  });

  it('accepts numbers for Quantity and int-or-string fields, as real Kubernetes does', () => {
    const limits = pod({ resources: { limits: { cpu: 1, memory: '128Mi' }, requests: { cpu: 0.5 } } });
    expect(checkStructure(limits, 'v1', 'Pod', 'Strict').error).toBeUndefined();
    const svc = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: {
        ports: [
          { port: 80, targetPort: 8080 },
          { port: 81, targetPort: 'http' },
        ],
      },
    };
    expect(checkStructure(svc, 'v1', 'Service', 'Strict').error).toBeUndefined();
    const maxSurge = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {},
      spec: { strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } } },
    };
    expect(checkStructure(maxSurge, 'apps/v1', 'Deployment', 'Strict').error).toBeUndefined();
  });

  it('runs the custom unmarshalers of Quantity, IntOrString, Time and []byte', () => {
    expect(checkStructure(pod({ resources: { limits: { cpu: 'lots' } } }), 'v1', 'Pod', 'Strict').error?.message).toBe(
      'Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
    );
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: {}, spec: { ports: [{ port: 80, targetPort: true }] } };
    expect(checkStructure(svc, 'v1', 'Service', 'Strict').error?.message).toContain(
      'json: cannot unmarshal bool into Go struct field ServicePort.spec.ports.targetPort of type int32',
    );
    const time = { apiVersion: 'v1', kind: 'Pod', metadata: { creationTimestamp: 'yesterday' } };
    expect(checkStructure(time, 'v1', 'Pod', 'Strict').error?.message).toContain(
      'parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"',
    );
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: {}, data: { 'tls.crt': 'not base64!' } };
    expect(checkStructure(secret, 'v1', 'Secret', 'Strict').error?.message).toBe(
      'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3',
    );
  });

  it('lets a custom unmarshaler error win over an earlier type error, as Go does', () => {
    const both = pod({ image: 5, resources: { limits: { cpu: 'lots' } } });
    expect(checkStructure(both, 'v1', 'Pod', 'Strict').error?.message).toContain('quantities must match');
  });

  it('takes any JSON where Go takes raw JSON, and null anywhere', () => {
    const rev = {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {},
      revision: 1,
      data: { anything: [1, 'x'] },
    };
    expect(checkStructure(rev, 'apps/v1', 'ControllerRevision', 'Strict')).toEqual({ warnings: [], object: rev });
    expect(checkStructure(pod({ resources: null }, { affinity: null }), 'v1', 'Pod', 'Strict').error).toBeUndefined();
  });

  it('accepts kinds it has no schema for unchanged', () => {
    const obj = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: {}, spec: { anything: 1 } };
    expect(checkStructure(obj, 'example.com/v1', 'Widget', 'Strict')).toEqual({ warnings: [], object: obj });
  });
});
