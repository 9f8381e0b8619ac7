import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { hashTemplate } from '../deployment/replicasets.ts';
import {
  controllerRevisionHash,
  equalRevisions,
  newControllerRevision,
  nextRevision,
  revisionsToPrune,
  templatePatch,
} from './revisions.ts';

const template = {
  metadata: { creationTimestamp: null, labels: { app: 'fluentd' } },
  spec: { containers: [{ name: 'fluentd', image: 'fluentd:v1' }] },
};

function owner(kind: string): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: { name: 'fluentd', namespace: 'default', uid: 'u-1', annotations: { team: 'a' } },
    spec: { selector: { matchLabels: { app: 'fluentd' } }, template },
  };
}

function rev(name: string, revision: number, data: unknown = {}): KubeObject {
  return { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name }, data, revision };
}

describe('ControllerRevision history', () => {
  it('hashes with FNV-1 32 over the JSON bytes, then the probe, safe-encoded', () => {
    // The reference vectors of FNV-1 32 (not FNV-1a: "a" would be 0xe40c292c).
    expect(fnv1([0x61])).toBe(0x050c5d7e);
    expect(fnv1([0x66, 0x6f, 0x6f, 0x62, 0x61, 0x72])).toBe(0x31f0b262);
    expect(controllerRevisionHash('a')).toBe(controllerRevisionHash('a'));
    expect(controllerRevisionHash('a')).not.toBe(controllerRevisionHash('a', 0));
    expect(controllerRevisionHash({ b: 1, a: 2 })).toBe(controllerRevisionHash({ a: 2, b: 1 }));
    // JSON of the string a is `"a"`: FNV-1 over the bytes 22 61 22.
    expect(controllerRevisionHash('a')).toBe(safe(fnv1([0x22, 0x61, 0x22])));
    expect(controllerRevisionHash('a', 3)).toBe(safe(fnv1([0x22, 0x61, 0x22, 0x33])));
  });

  it('stores the template patch upstream stores', () => {
    expect(templatePatch(owner('DaemonSet'))).toEqual({
      spec: { template: { ...template, $patch: 'replace' } },
    });
  });

  it('builds a DaemonSet revision named by the template hash, labelled controller-revision-hash', () => {
    const ds = owner('DaemonSet');
    const cr = newControllerRevision(ds, templatePatch(ds), 1);
    const hash = hashTemplate(template);
    expect(cr.metadata.name).toBe(`fluentd-${hash}`);
    expect(cr.metadata.labels).toEqual({ app: 'fluentd', 'controller-revision-hash': hash });
    expect(cr.metadata.annotations).toEqual({ team: 'a' });
    expect(cr.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        name: 'fluentd',
        uid: 'u-1',
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(cr['revision']).toBe(1);
    expect(cr['data']).toEqual(templatePatch(ds));
  });

  it('builds a StatefulSet revision as history.NewControllerRevision: data hash, controller.kubernetes.io/hash', () => {
    const sts = owner('StatefulSet');
    const data = templatePatch(sts);
    const cr = newControllerRevision(sts, data, 2, 0);
    const hash = controllerRevisionHash(data, 0);
    expect(cr.metadata.name).toBe(`fluentd-${hash}`);
    expect(cr.metadata.labels).toEqual({ app: 'fluentd', 'controller.kubernetes.io/hash': hash });
  });

  it('numbers, matches and prunes revisions', () => {
    const a = rev('a', 1, { x: 1 });
    const b = rev('b', 3, { x: 2 });
    const c = rev('c', 2, { x: 1 });
    expect(nextRevision([])).toBe(1);
    expect(nextRevision([a, b, c])).toBe(4);
    expect(equalRevisions([a, b, c], { x: 1 }).map((r) => r.metadata.name)).toEqual(['a', 'c']);
    const old = [rev('r3', 3), rev('r1', 1), rev('r2', 2), rev('r4', 4)];
    expect(revisionsToPrune(old, 2, (r) => r.metadata.name === 'r1').map((r) => r.metadata.name)).toEqual(['r2', 'r3']);
    expect(revisionsToPrune(old, undefined, () => false)).toEqual([]);
  });
});

function fnv1(bytes: number[]): number {
  let h = 0x811c9dc5;
  for (const b of bytes) h = (Math.imul(h, 0x01000193) ^ b) >>> 0;
  return h;
}

function safe(n: number): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return [...String(n)].map((c) => alphabet[c.charCodeAt(0) % alphabet.length]).join('');
}
