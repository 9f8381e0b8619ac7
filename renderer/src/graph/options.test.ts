import { describe, expect, it } from 'vitest';
import { defaultOptions, loadOptions, saveOptions, toggled } from './options.ts';

describe('graph view options', () => {
  it('round-trip through storage, and fall back to defaults on junk', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    const o = {
      view: 'network' as const,
      namespace: 'team',
      hiddenKinds: new Set(['Service']),
      collapsed: new Set(['apps/Deployment/default/web']),
    };
    saveOptions(o, storage);
    expect(loadOptions(storage)).toEqual(o);
    store.set('kubelab.graph', '{"view":"nope","hiddenKinds":5');
    expect(loadOptions(storage)).toEqual(defaultOptions());
    store.set('kubelab.graph', '{"view":"nope","hiddenKinds":5}');
    expect(loadOptions(storage)).toEqual(defaultOptions());
  });

  it('toggles set members without touching the original', () => {
    const a = new Set(['x']);
    expect([...toggled(a, 'y')]).toEqual(['x', 'y']);
    expect([...toggled(a, 'x')]).toEqual([]);
    expect([...a]).toEqual(['x']);
  });
});
