import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { Store } from './store.ts';

const pod = (namespace: string, name: string, extra: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { namespace, name, labels: extra },
});

const names = (objs: KubeObject[]) => objs.map((o) => `${o.metadata.namespace}/${o.metadata.name}`);

describe('Store.list', () => {
  it('lists in namespace-then-name order whatever the insertion order', () => {
    const s = new Store();
    for (const [ns, n] of [
      ['b', 'x'],
      ['a-b', 'y'],
      ['a', 'z'],
      ['a', 'c'],
    ] as const)
      s.put('/pods', pod(ns, n));
    expect(names(s.list('/pods'))).toEqual(['a/c', 'a/z', 'a-b/y', 'b/x']);
    expect(names(s.list('/pods', 'a'))).toEqual(['a/c', 'a/z']);
    expect(s.list('/nothing')).toEqual([]);
  });

  it('sees every write after a list (the cached order is dropped on put and remove)', () => {
    const s = new Store();
    s.put('/pods', pod('ns', 'm'));
    expect(names(s.list('/pods'))).toEqual(['ns/m']);
    s.put('/pods', pod('ns', 'a'));
    expect(names(s.list('/pods'))).toEqual(['ns/a', 'ns/m']);
    s.put('/pods', pod('ns', 'a', { changed: 'yes' }));
    expect(s.list('/pods')[0]?.metadata.labels).toEqual({ changed: 'yes' });
    s.remove('/pods', 'ns', 'm');
    expect(names(s.list('/pods'))).toEqual(['ns/a']);
    expect(names(s.list('/pods', 'ns'))).toEqual(['ns/a']);
  });

  it('returns a fresh array each time, so a caller sorting or pushing cannot disturb the store', () => {
    const s = new Store();
    s.put('/pods', pod('ns', 'a'));
    s.put('/pods', pod('ns', 'b'));
    const first = s.list('/pods');
    first.reverse();
    first.push(pod('ns', 'zz'));
    expect(names(s.list('/pods'))).toEqual(['ns/a', 'ns/b']);
  });

  it('keeps other resources apart: a write to one does not change another list', () => {
    const s = new Store();
    s.put('/pods', pod('ns', 'a'));
    s.put('/configmaps', pod('ns', 'c'));
    const before = s.list('/pods');
    s.put('/configmaps', pod('ns', 'd'));
    expect(s.list('/pods')).toEqual(before);
    expect(names(s.list('/configmaps'))).toEqual(['ns/c', 'ns/d']);
  });
});
