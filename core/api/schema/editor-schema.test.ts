import { describe, expect, it } from 'vitest';
import { RESOURCES } from '../registry.ts';
import { convertSchema, editorKinds, editorSchema } from './editor-schema.ts';
import type { JsonSchema } from './editor-schema.ts';

const schema = editorSchema();
const definitions = schema.definitions as Record<string, JsonSchema>;

/** Follow the kind tree the way a validator does for `kind`, down to the kind's own rule. */
function ruleFor(kind: string): JsonSchema {
  let node = (schema.allOf as JsonSchema[])[0]!;
  while (node.else) {
    const pattern = ((node.if as JsonSchema).properties as Record<string, JsonSchema>).kind!.pattern as string;
    node = (new RegExp(pattern).test(kind) ? node.then : node.else) as JsonSchema;
  }
  return node;
}

/** The definition a kind rule selects for `apiVersion`. */
function definitionOf(kind: string, apiVersion: string): string | undefined {
  const rule = ruleFor(kind);
  const ifKind = ((rule.if as JsonSchema).properties as Record<string, JsonSchema>).kind!;
  if (ifKind.const !== kind) return undefined;
  const branches = (rule.then as JsonSchema).allOf as JsonSchema[];
  const branch = branches.find(
    (b) => ((b.if as JsonSchema).properties as Record<string, JsonSchema>).apiVersion!.const === apiVersion,
  );
  return ((branch?.then as JsonSchema | undefined)?.$ref as string | undefined)?.replace('#/definitions/', '');
}

function allRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const x of node) allRefs(x, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else allRefs(v, out);
    }
  }
  return out;
}

describe('the editor schema', () => {
  it('is draft-07 and requires apiVersion and kind, each completed from the served kinds', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.required).toEqual(['apiVersion', 'kind']);
    const props = schema.properties as Record<string, JsonSchema>;
    expect(props.apiVersion!.enum).toEqual(
      expect.arrayContaining(['v1', 'apps/v1', 'batch/v1', 'networking.k8s.io/v1']),
    );
    expect(props.kind!.enum).toEqual(expect.arrayContaining(['Pod', 'Deployment', 'Service', 'List']));
    const kinds = props.kind!.enum as string[];
    const docs = props.kind!.enumDescriptions as string[];
    expect(docs[kinds.indexOf('Deployment')]).toBe('Deployment enables declarative updates for Pods and ReplicaSets.');
  });

  it('leaves out what cannot be written in a manifest (read-only or create-only kinds)', () => {
    const kinds = editorKinds().map((k) => k.kind);
    expect(kinds).not.toContain('ComponentStatus');
    expect(kinds).not.toContain('Binding');
    expect(kinds).not.toContain('TokenReview');
  });

  it("selects every kind's definition by kind and apiVersion through the kind tree", () => {
    for (const k of editorKinds()) {
      expect(definitionOf(k.kind, k.apiVersion), `${k.apiVersion} ${k.kind}`).toBe(k.definition);
    }
    expect(definitionOf('Deployment', 'apps/v1')).toBe('io.k8s.api.apps.v1.Deployment');
    expect(definitionOf('HorizontalPodAutoscaler', 'autoscaling/v1')).toBe(
      'io.k8s.api.autoscaling.v1.HorizontalPodAutoscaler',
    );
    expect(definitionOf('HorizontalPodAutoscaler', 'autoscaling/v2')).toBe(
      'io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler',
    );
  });

  it('matches kinds exactly, so Service never selects ServiceAccount (even while completing, by length)', () => {
    const cond = ((ruleFor('ServiceAccount').if as JsonSchema).properties as Record<string, JsonSchema>).kind!;
    expect(cond).toEqual({ type: 'string', const: 'ServiceAccount', minLength: 14, maxLength: 14 });
    expect(ruleFor('Service')).not.toBe(ruleFor('ServiceAccount'));
  });

  it('says which apiVersion serves a kind', () => {
    const apiVersion = ((ruleFor('Deployment').then as JsonSchema).properties as Record<string, JsonSchema>)
      .apiVersion!;
    expect(apiVersion).toEqual({ enum: ['apps/v1'], errorMessage: 'Deployment is served as apiVersion apps/v1.' });
  });

  it('validates each item of a List against the whole schema', () => {
    const list = ruleFor('List');
    const items = (((list.then as JsonSchema).allOf as JsonSchema[])[0]!.then as JsonSchema).properties as Record<
      string,
      JsonSchema
    >;
    expect(items.items).toMatchObject({ type: 'array', items: { $ref: '#' } });
  });

  it('carries every definition it refers to, and only reachable ones', () => {
    const refs = new Set(allRefs(schema).filter((r) => r !== '#'));
    for (const r of refs) expect(definitions[r.replace('#/definitions/', '')], r).toBeDefined();
    expect(Object.keys(definitions).length).toBe(refs.size);
  });

  it('keeps field descriptions for hovers, and rejects unknown fields as Strict validation does', () => {
    const deployment = definitions['io.k8s.api.apps.v1.Deployment']!;
    expect(deployment.additionalProperties).toBe(false);
    expect((deployment.properties as Record<string, JsonSchema>).spec).toEqual({
      description: 'Specification of the desired behavior of the Deployment.',
      $ref: '#/definitions/io.k8s.api.apps.v1.DeploymentSpec',
    });
    const spec = definitions['io.k8s.api.apps.v1.DeploymentSpec']!;
    expect((spec.properties as Record<string, JsonSchema>).replicas).toMatchObject({ type: 'integer' });
    expect(spec.required).toEqual(expect.arrayContaining(['selector', 'template']));
  });

  it('converts the types Go unmarshals specially', () => {
    expect(convertSchema({ type: 'string', format: 'int-or-string', 'x-kubernetes-int-or-string': true })).toEqual({
      type: ['integer', 'string'],
    });
    expect(convertSchema({ type: 'string', format: 'quantity', description: 'q' })).toEqual({
      description: 'q',
      type: ['string', 'number'],
    });
    expect(convertSchema({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true })).toEqual({});
    expect(convertSchema({ type: 'integer', format: 'int32' })).toEqual({ type: 'integer' });
    expect(convertSchema({ type: 'object', additionalProperties: { type: 'string' } })).toEqual({
      type: 'object',
      additionalProperties: { type: 'string' },
    });
  });

  it('is deterministic', () => {
    expect(JSON.stringify(editorSchema())).toBe(JSON.stringify(schema));
    expect(RESOURCES.length).toBeGreaterThan(editorKinds().length);
  });
});
