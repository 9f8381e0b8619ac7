import { describe, expect, it } from 'vitest';
import { jsonPatch } from './json-patch.ts';

const doc = { metadata: { annotations: { a: '1' } }, spec: { list: ['x', 'y'], template: { v: 1 } } };

function message(ops: unknown): string | undefined {
  const r = jsonPatch(doc, ops);
  return r.ok ? undefined : r.status.message;
}

describe('jsonPatch (RFC 6902, evanphx v4)', () => {
  it('applies add, remove, replace, move, copy and test', () => {
    const r = jsonPatch(doc, [
      { op: 'test', path: '/spec/template/v', value: 1 },
      { op: 'add', path: '/spec/list/1', value: 'new' },
      { op: 'add', path: '/spec/list/-', value: 'end' },
      { op: 'remove', path: '/spec/list/0' },
      { op: 'replace', path: '/metadata/annotations', value: { b: '2' } },
      { op: 'copy', from: '/metadata/annotations/b', path: '/metadata/c' },
      { op: 'move', from: '/spec/template', path: '/spec/old' },
      { op: 'add', path: '/metadata/annotations/a~1b', value: 'slash' },
    ]);
    expect(r).toEqual({
      ok: true,
      value: {
        metadata: { annotations: { b: '2', 'a/b': 'slash' }, c: '2' },
        spec: { list: ['new', 'y', 'end'], old: { v: 1 } },
      },
    });
    expect(doc.spec.list).toEqual(['x', 'y']);
  });

  it('applies the rollout undo replace of the whole template', () => {
    const r = jsonPatch(doc, [{ op: 'replace', path: '/spec/template', value: { v: 0 } }]);
    expect(r.ok && (r.value as typeof doc).spec.template).toEqual({ v: 0 });
  });

  it('fails with evanphx wording as a 422', () => {
    const r = jsonPatch(doc, [{ op: 'add', path: '/nope/x', value: 1 }]);
    expect(r.ok ? undefined : r.status).toMatchObject({ code: 422, reason: 'Invalid' });
    expect(message([{ op: 'add', path: '/nope/x', value: 1 }])).toBe(
      'add operation does not apply: doc is missing path: "/nope/x": missing value',
    );
    expect(message([{ op: 'remove', path: '/metadata/zzz' }])).toBe(
      "error in remove for path: '/metadata/zzz': Unable to remove nonexistent key: zzz: missing value",
    );
    expect(message([{ op: 'test', path: '/spec/template/v', value: 2 }])).toBe(
      'testing value /spec/template/v failed: test failed',
    );
    expect(message([{ op: 'replace', path: '/spec/list/5', value: 1 }])).toBe(
      'replace operation does not apply: doc is missing key: /spec/list/5: missing value',
    );
    expect(message([{ op: 'add', path: '/spec/list/9', value: 1 }])).toBe(
      "error in add for path: '/spec/list/9': Unable to access invalid index: 9: invalid index referenced",
    );
    expect(message([{ op: 'frob', path: '/a' }])).toBe('Unexpected kind: frob');
  });

  it('keeps v4 quirks: replace of a missing member adds it; -1 is the last element', () => {
    const r = jsonPatch(doc, [
      { op: 'replace', path: '/metadata/new', value: 'v' },
      { op: 'remove', path: '/spec/list/-1' },
    ]);
    expect(r.ok && r.value).toMatchObject({ metadata: { new: 'v' }, spec: { list: ['x'] } });
  });

  it('rejects a body that is not a list', () => {
    const r = jsonPatch(doc, { op: 'add' });
    expect(r.ok ? undefined : r.status.code).toBe(400);
  });
});
