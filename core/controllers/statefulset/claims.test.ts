import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { claimIsStale, claimOwnersMatch, ownerRefsFor } from './claims.ts';
import { parentAndOrdinal } from './identity.ts';

function set(whenScaled: string, whenDeleted: string, replicas = 2): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default', uid: 'set-uid' },
    spec: { replicas, persistentVolumeClaimRetentionPolicy: { whenScaled, whenDeleted } },
  };
}

const pod = (ordinal: number, uid = `pod-${ordinal}`): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: `web-${ordinal}`, namespace: 'default', uid },
});

const claim = (ordinal: number, ownerReferences?: KubeObject['metadata']['ownerReferences']): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: `www-web-${ordinal}`, namespace: 'default', ...(ownerReferences ? { ownerReferences } : {}) },
});

const SET_REF = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'set-uid' };
const podRef = (ordinal: number, uid = `pod-${ordinal}`) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  name: `web-${ordinal}`,
  uid,
});

describe('persistentVolumeClaimRetentionPolicy as ownerReferences', () => {
  // [whenScaled, whenDeleted] → owners of the claim of web-1 (in range) and web-3 (condemned).
  const table: [string, string, string[], string[]][] = [
    ['Retain', 'Retain', [], []],
    ['Retain', 'Delete', ['set-uid'], ['set-uid']],
    ['Delete', 'Retain', [], ['pod-3']],
    ['Delete', 'Delete', ['set-uid'], ['pod-3']],
  ];
  for (const [scaled, deleted, inRange, condemned] of table) {
    it(`whenScaled ${scaled}, whenDeleted ${deleted}`, () => {
      const s = set(scaled, deleted);
      const uids = (refs: KubeObject['metadata']['ownerReferences']) => (refs ?? []).map((r) => r.uid);
      expect(uids(ownerRefsFor(claim(1), s, pod(1)) ?? [])).toEqual(inRange);
      expect(uids(ownerRefsFor(claim(3), s, pod(3)) ?? [])).toEqual(condemned);
      // Applying the references makes the claim match; applying them again changes nothing.
      const fixed = claim(3, ownerRefsFor(claim(3), s, pod(3)) ?? []);
      expect(claimOwnersMatch(fixed, s, pod(3))).toBe(true);
      expect(ownerRefsFor(fixed, s, pod(3))).toBeUndefined();
    });
  }

  it('moves the reference from the set to the pod when the pod is scaled away', () => {
    const refs = ownerRefsFor(claim(3, [SET_REF]), set('Delete', 'Delete'), pod(3));
    expect(refs).toEqual([podRef(3)]);
  });

  it('a claim still owned by an earlier pod of that name is stale under whenScaled Delete', () => {
    const old = claim(1, [podRef(1, 'old-uid')]);
    expect(claimIsStale(set('Delete', 'Retain'), old, pod(1, ''))).toBe(true);
    expect(claimIsStale(set('Retain', 'Retain'), old, pod(1, ''))).toBe(false);
    expect(claimIsStale(set('Delete', 'Retain'), claim(1), pod(1, ''))).toBe(false);
  });
});

describe('ordinals from pod names', () => {
  it('parses <parent>-<ordinal> as upstream getParentNameAndOrdinal', () => {
    expect(parentAndOrdinal(pod(12))).toEqual(['web', 12]);
    expect(parentAndOrdinal({ ...pod(0), metadata: { name: 'my-web-app-3' } })).toEqual(['my-web-app', 3]);
    expect(parentAndOrdinal({ ...pod(0), metadata: { name: 'web-abc' } })).toEqual(['', -1]);
  });
});
