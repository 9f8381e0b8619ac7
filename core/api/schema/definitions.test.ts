import { describe, expect, it } from 'vitest';
import { RESOURCES } from '../registry.ts';
import {
  INT_OR_STRING,
  KNOWN_MISSING_KINDS,
  QUANTITY,
  SCHEMA_SOURCE,
  TIME,
  allDefinitions,
  definitionFor,
  definitionName,
  deref,
  explainPath,
  resolveRef,
} from './index.ts';

describe('generated definitions', () => {
  it('carries Pod and Deployment with upstream names, descriptions and GVKs', () => {
    expect(SCHEMA_SOURCE).toMatch(/^kubernetes-types@1\.30\.0/);
    const pod = allDefinitions()['io.k8s.api.core.v1.Pod'];
    expect(pod?.description).toContain('Pod is a collection of containers that can run on a host');
    expect(pod?.['x-kubernetes-group-version-kind']).toEqual([{ group: '', version: 'v1', kind: 'Pod' }]);
    const deployment = definitionFor('apps/v1', 'Deployment');
    expect(deployment?.description).toBe('Deployment enables declarative updates for Pods and ReplicaSets.');
    expect(deployment?.properties?.spec?.$ref).toBe('#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec');
    expect(definitionName('apps/v1', 'Deployment')).toBe('io.k8s.api.apps.v1.Deployment');
  });

  it('keeps required fields, maps, arrays and numeric formats', () => {
    const container = resolveRef('io.k8s.api.core.v1.Container');
    expect(container?.required).toEqual(['name']);
    expect(container?.properties?.ports?.items?.$ref).toBe('#/components/schemas/io.k8s.api.core.v1.ContainerPort');
    const meta = resolveRef('#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
    expect(meta?.properties?.labels).toMatchObject({ type: 'object', additionalProperties: { type: 'string' } });
    expect(meta?.properties?.generation).toMatchObject({ type: 'integer', format: 'int64' });
    expect(resolveRef('io.k8s.api.apps.v1.DeploymentSpec')?.properties?.replicas).toMatchObject({
      type: 'integer',
      format: 'int32',
    });
    expect(resolveRef('io.k8s.api.core.v1.Secret')?.properties?.data?.additionalProperties).toEqual({
      type: 'string',
      format: 'byte',
    });
  });

  it('gives Quantity, IntOrString and Time their special shapes', () => {
    expect(resolveRef(QUANTITY)).toMatchObject({ type: 'string', format: 'quantity' });
    expect(resolveRef(INT_OR_STRING)).toMatchObject({
      type: 'string',
      format: 'int-or-string',
      'x-kubernetes-int-or-string': true,
    });
    expect(resolveRef(TIME)).toMatchObject({ type: 'string', format: 'date-time' });
    const port = resolveRef('io.k8s.api.core.v1.ServicePort');
    expect(port?.properties?.targetPort?.$ref).toBe(`#/components/schemas/${INT_OR_STRING}`);
  });

  it('annotates lists with their strategic-merge keys', () => {
    const podSpec = resolveRef('io.k8s.api.core.v1.PodSpec');
    expect(podSpec?.properties?.containers).toMatchObject({
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge',
    });
    expect(podSpec?.properties?.volumes?.['x-kubernetes-patch-strategy']).toBe('merge,retainKeys');
    expect(podSpec?.properties?.tolerations?.['x-kubernetes-patch-strategy']).toBeUndefined();
    const status = resolveRef('io.k8s.api.apps.v1.DeploymentStatus');
    expect(status?.properties?.conditions?.['x-kubernetes-patch-merge-key']).toBe('type');
    expect(resolveRef('io.k8s.api.apps.v1.DeploymentSpec')?.properties?.strategy?.['x-kubernetes-patch-strategy']).toBe(
      'retainKeys',
    );
  });

  it('adds fields newer than kubernetes-types 1.30 and fields it drops', () => {
    // Pod-level resources (1.32) and image volumes (1.31) come from client-node's newer models.
    expect(resolveRef('io.k8s.api.core.v1.PodSpec')?.properties?.resources?.$ref).toBe(
      '#/components/schemas/io.k8s.api.core.v1.ResourceRequirements',
    );
    expect(resolveRef('io.k8s.api.core.v1.Volume')?.properties?.image?.$ref).toBe(
      '#/components/schemas/io.k8s.api.core.v1.ImageVolumeSource',
    );
    expect(resolveRef('io.k8s.api.core.v1.ImageVolumeSource')?.properties?.reference?.type).toBe('string');
    // kubernetes-types loses inlined fields such as RuleWithOperations.resources.
    expect(resolveRef('io.k8s.api.admissionregistration.v1.RuleWithOperations')?.properties?.resources?.type).toBe(
      'array',
    );
  });

  it('has a definition for every served kind, or says which are missing', () => {
    const missing = RESOURCES.filter((r) => !definitionFor(r.apiVersion, r.kind)).map(
      (r) => `${r.apiVersion} ${r.kind}`,
    );
    expect(missing).toEqual([...KNOWN_MISSING_KINDS]);
    // GA in 1.33, absent from kubernetes-types 1.30: defined from client-node's models.
    expect(definitionFor('networking.k8s.io/v1', 'ServiceCIDR')?.properties?.spec).toBeDefined();
  });

  it('resolves every $ref it holds', () => {
    const dangling: string[] = [];
    const visit = (s: unknown, where: string): void => {
      if (typeof s !== 'object' || s === null) return;
      const ref = (s as { $ref?: string }).$ref;
      // JSONSchemaProps has a property named "$ref": only string values are references.
      if (typeof ref === 'string' && !resolveRef(ref)) dangling.push(`${where} → ${ref}`);
      for (const [k, v] of Object.entries(s)) visit(v, `${where}.${k}`);
    };
    for (const [name, def] of Object.entries(allDefinitions())) visit(def, name);
    expect(dangling).toEqual([]);
  });
});

describe('explainPath', () => {
  it('explains deployment.spec.strategy', () => {
    const e = explainPath('apps/v1', 'Deployment', ['spec', 'strategy']);
    expect(e?.description).toBe('The deployment strategy to use to replace existing pods with new ones.');
    expect(e?.typeLabel).toBe('Object');
    expect(Object.keys(e?.schema.properties ?? {})).toEqual(['rollingUpdate', 'type']);
  });

  it('walks through lists and reports their element type', () => {
    const e = explainPath('v1', 'Pod', ['spec', 'containers']);
    expect(e?.typeLabel).toBe('[]Object');
    expect(e?.required).toBe(true);
    expect(e?.schema.properties?.image).toBeDefined();
    expect(explainPath('v1', 'Pod', ['spec', 'containers', 'ports', 'containerPort'])?.typeLabel).toBe('integer');
    expect(explainPath('v1', 'Pod', ['metadata', 'labels'])?.typeLabel).toBe('map[string]string');
  });

  it('explains the kind itself and rejects unknown fields', () => {
    expect(explainPath('v1', 'Service', [])?.description).toContain('Service is a named abstraction');
    expect(explainPath('v1', 'Pod', ['spec', 'nosuch'])).toBeUndefined();
    expect(explainPath('v1', 'NoSuchKind', [])).toBeUndefined();
    expect(deref({ $ref: `#/components/schemas/${QUANTITY}` }).format).toBe('quantity');
  });
});
