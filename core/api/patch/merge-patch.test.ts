import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createMergePatch, mergePatch } from './merge-patch.ts';

describe('mergePatch (RFC 7386)', () => {
  it('follows the RFC appendix examples', () => {
    expect(mergePatch({ a: 'b' }, { a: 'c' })).toEqual({ a: 'c' });
    expect(mergePatch({ a: 'b' }, { b: 'c' })).toEqual({ a: 'b', b: 'c' });
    expect(mergePatch({ a: 'b' }, { a: null })).toEqual({});
    expect(mergePatch({ a: [{ b: 'c' }] }, { a: [1] })).toEqual({ a: [1] });
    expect(mergePatch(['a', 'b'], ['c', 'd'])).toEqual(['c', 'd']);
    expect(mergePatch({ a: 'foo' }, 'bar')).toEqual('bar');
    expect(mergePatch({}, { a: { bb: { ccc: null } } })).toEqual({ a: { bb: {} } });
  });

  it('applies kubectl label and scale patches', () => {
    const obj = { metadata: { labels: { app: 'web', tier: 'x' } }, spec: { replicas: 1 } };
    expect(mergePatch(obj, { metadata: { labels: { tier: null } } })).toEqual({
      metadata: { labels: { app: 'web' } },
      spec: { replicas: 1 },
    });
    expect(mergePatch(obj, { spec: { replicas: 3 } })).toMatchObject({ spec: { replicas: 3 } });
    expect(obj.metadata.labels.tier).toBe('x');
  });

  it('createMergePatch is {} for equal documents and deletes with null', () => {
    expect(createMergePatch({ a: { b: 1 } }, { a: { b: 1 } })).toEqual({});
    expect(createMergePatch({ a: 1, b: 2 }, { b: 3 })).toEqual({ a: null, b: 3 });
  });

  // JSON without null object members: RFC 7386 cannot express those.
  const json = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, fc.string(), fc.integer(), fc.boolean(), tie('array'), tie('object')),
    array: fc.array(tie('value'), { maxLength: 3 }),
    object: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), tie('value'), { maxKeys: 4 }),
  }));

  it('property: mergePatch(A, createMergePatch(A, B)) equals B', () => {
    fc.assert(
      fc.property(json.object, json.object, (a, b) => {
        expect(mergePatch(a, createMergePatch(a, b))).toEqual(b);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
