import { describe, expect, it } from 'vitest';
import { groupVersions } from '../registry.ts';
import { openApiDocument, openApiRoot } from './index.ts';
import { hash128 } from './served-schemas.ts';

type Doc = {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: { schemas: Record<string, Record<string, unknown>> };
};
const docOf = (path: string) => openApiDocument(path)?.document as unknown as Doc;

describe('OpenAPI v3', () => {
  it('builds every document well under a second', () => {
    const started = performance.now();
    openApiRoot();
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('lists every served group-version in the root, with a hashed URL', () => {
    const expected = groupVersions().flatMap((g) =>
      g.versions.map((v) => (g.group ? `apis/${g.group}/${v.version}` : `api/${v.version}`)),
    );
    const root = openApiRoot();
    expect(Object.keys(root.paths).sort()).toEqual([...expected].sort());
    expect(root.paths['apis/authorization.k8s.io/v1']).toBeDefined(); // only create-only review kinds
    const apps = openApiDocument('apis/apps/v1');
    expect(root.paths['apis/apps/v1']?.serverRelativeURL).toBe(`/openapi/v3/apis/apps/v1?hash=${apps?.hash}`);
    expect(apps?.hash).toMatch(/^[0-9A-F]{32}$/);
    expect(openApiDocument('apis/nosuch/v1')).toBeUndefined();
  });

  it('gives Deployment a PATCH operation kubectl recognises for server-side validation', () => {
    const doc = docOf('apis/apps/v1');
    const patch = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}']?.patch as Record<
      string,
      unknown
    >;
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', kind: 'Deployment', version: 'v1' });
    expect(patch['x-kubernetes-action']).toBe('patch');
    expect(patch.operationId).toBe('patchAppsV1NamespacedDeployment');
    const params = (patch.parameters as { name: string; in: string }[]).map((p) => `${p.in}:${p.name}`);
    expect(params).toEqual(['query:dryRun', 'query:fieldManager', 'query:fieldValidation', 'query:force']);
    const body = patch.requestBody as { content: Record<string, unknown> };
    expect(Object.keys(body.content)).toEqual([
      'application/apply-patch+yaml',
      'application/json-patch+json',
      'application/merge-patch+json',
      'application/strategic-merge-patch+json',
    ]);
  });

  it('serves collection, item, all-namespaces and subresource paths with the right verbs', () => {
    const core = docOf('api/v1');
    expect(Object.keys(core.paths['/api/v1/namespaces/{namespace}/pods'] ?? {}).sort()).toEqual([
      'delete',
      'get',
      'parameters',
      'post',
    ]);
    expect(Object.keys(core.paths['/api/v1/namespaces/{namespace}/pods/{name}'] ?? {}).sort()).toEqual([
      'delete',
      'get',
      'parameters',
      'patch',
      'put',
    ]);
    expect(core.paths['/api/v1/pods']?.get?.operationId).toBe('listCoreV1PodForAllNamespaces');
    expect(core.paths['/api/v1/nodes/{name}']?.get?.operationId).toBe('readCoreV1Node');
    expect(core.paths['/api/v1/namespaces/{namespace}/services']?.delete).toBeUndefined(); // no deletecollection
    expect(core.paths['/api/v1/namespaces/{namespace}/bindings']?.post).toBeDefined();
    const scale = docOf('apis/apps/v1').paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale']?.patch;
    expect(scale?.['x-kubernetes-group-version-kind']).toEqual({ group: 'autoscaling', kind: 'Scale', version: 'v1' });
  });

  it('includes every schema the kinds reach, in upstream v3 form', () => {
    const schemas = docOf('apis/apps/v1').components.schemas;
    for (const name of [
      'io.k8s.api.apps.v1.Deployment',
      'io.k8s.api.core.v1.PodSpec',
      'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
      'io.k8s.api.autoscaling.v1.Scale',
    ]) {
      expect(schemas[name], name).toBeDefined();
    }
    expect(schemas['io.k8s.api.core.v1.Service']).toBeUndefined();
    const spec = (schemas['io.k8s.api.apps.v1.Deployment']?.properties as Record<string, unknown>).spec;
    expect(spec).toEqual({
      allOf: [{ $ref: '#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec' }],
      description: 'Specification of the desired behavior of the Deployment.',
    });
    expect(schemas['io.k8s.apimachinery.pkg.api.resource.Quantity']?.oneOf).toEqual([
      { type: 'string' },
      { type: 'number' },
    ]);
    const refs = JSON.stringify(schemas).match(/#\/components\/schemas\/[^"]+/g) ?? [];
    expect(refs.filter((r) => !schemas[r.slice('#/components/schemas/'.length)])).toEqual([]);
  });

  it('returns the same bytes and hash on every call', () => {
    const a = openApiDocument('api/v1');
    expect(openApiDocument('api/v1')?.json).toBe(a?.json);
    expect(hash128(a?.json ?? '')).toBe(a?.hash);
    expect(hash128('a')).not.toBe(hash128('b'));
    expect(hash128('')).toMatch(/^[0-9A-F]{32}$/);
  });
});
