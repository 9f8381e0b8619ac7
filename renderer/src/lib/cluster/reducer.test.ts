import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../core/api/types.ts';
import { applyWatchEvents, fromSnapshot, keyOf } from './reducer.ts';

const pod = (name: string, rv: number, uid = `uid-${name}`, phase = 'Pending'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', uid, resourceVersion: String(rv) },
  status: { phase },
});

describe('applyWatchEvents', () => {
  it('adds, modifies and deletes objects in order', () => {
    let m = fromSnapshot([pod('a', 1)]);
    m = applyWatchEvents(m, [
      { type: 'ADDED', object: pod('b', 2) },
      { type: 'MODIFIED', object: pod('a', 3, 'uid-a', 'Running') },
      { type: 'DELETED', object: pod('b', 4) },
    ]);
    expect([...m.keys()]).toEqual(['/Pod/default/a']);
    expect(m.get('/Pod/default/a')?.status).toEqual({ phase: 'Running' });
  });

  it('drops a change older than the version it holds (no roll-back by a late event)', () => {
    const m = fromSnapshot([pod('a', 5, 'uid-a', 'Running')]);
    const next = applyWatchEvents(m, [{ type: 'MODIFIED', object: pod('a', 4) }]);
    expect(next).toBe(m);
  });

  it('ignores the deletion of an older incarnation with another uid', () => {
    const m = fromSnapshot([pod('a', 5, 'uid-new')]);
    const next = applyWatchEvents(m, [{ type: 'DELETED', object: pod('a', 6, 'uid-old') }]);
    expect(next.get('/Pod/default/a')?.metadata.uid).toBe('uid-new');
  });

  it('returns the same map when nothing changed, so views do not recompute', () => {
    const m = fromSnapshot([pod('a', 1)]);
    expect(applyWatchEvents(m, [])).toBe(m);
  });

  it('keys objects by group, kind, namespace and name', () => {
    expect(keyOf({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { namespace: 'ns', name: 'web' } })).toBe(
      'apps/Deployment/ns/web',
    );
    expect(keyOf({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'k8s-node1' } })).toBe('/Node//k8s-node1');
  });
});
