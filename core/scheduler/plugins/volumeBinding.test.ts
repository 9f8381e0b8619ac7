import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import type { ScheduleResult } from '../schedule.ts';
import { schedulePod } from '../schedule.ts';
import { cacheWith, node, pod } from '../testing.ts';
import { claimsToSelect } from './volumeBinding.ts';

const claim = (name: string, cls: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: 'default', uid: `uid-${name}` },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: cls },
  status: { phase: 'Pending' },
  ...extra,
});
const volume = (name: string, hostname: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name },
  spec: {
    capacity: { storage: '1Gi' },
    accessModes: ['ReadWriteOnce'],
    storageClassName: 'local',
    local: { path: '/mnt/disk' },
    nodeAffinity: {
      required: {
        nodeSelectorTerms: [
          { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [hostname] }] },
        ],
      },
    },
    ...extra,
  },
  status: { phase: 'Available' },
});
const sc = (name: string, mode: string, provisioner = 'kubernetes.io/no-provisioner'): KubeObject => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name },
  provisioner,
  volumeBindingMode: mode,
});
const using = (claimName: string) =>
  pod('p', { spec: { volumes: [{ name: 'v', persistentVolumeClaim: { claimName } }] } });
const message = (r: ScheduleResult) => ('failure' in r ? r.failure.message : `bound to ${r.nodeName}`);

function cache(objects: KubeObject[]) {
  const c = cacheWith([
    node('n1', { labels: { 'kubernetes.io/hostname': 'n1' } }),
    node('n2', { labels: { 'kubernetes.io/hostname': 'n2' } }),
  ]);
  for (const o of objects) c.addObject(o);
  return c;
}

describe('VolumeBinding', () => {
  it('refuses a missing claim and an unbound Immediate one', () => {
    expect(message(schedulePod(using('nope'), cache([])))).toBe(
      '0/2 nodes are available: persistentvolumeclaim "nope" not found. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    );
    expect(message(schedulePod(using('c'), cache([sc('fast', 'Immediate'), claim('c', 'fast')])))).toContain(
      'pod has unbound immediate PersistentVolumeClaims',
    );
  });

  it('a bound claim’s volume pins the pod to its node (volume node affinity conflict elsewhere)', () => {
    const bound = claim('c', 'local', { spec: { volumeName: 'pv1' }, status: { phase: 'Bound' } });
    const r = schedulePod(using('c'), cache([bound, volume('pv1', 'n2')]));
    expect(r).toMatchObject({ nodeName: 'n2' });
    const none = schedulePod(using('c'), cache([bound, volume('pv1', 'n3')]));
    expect(message(none)).toBe(
      '0/2 nodes are available: 2 node(s) had volume node affinity conflict. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    );
  });

  it('WaitForFirstConsumer: only nodes where a matching volume can live; none → bind conflict', () => {
    const c = cache([sc('local', 'WaitForFirstConsumer'), claim('c', 'local'), volume('pv1', 'n1')]);
    expect(schedulePod(using('c'), c)).toMatchObject({ nodeName: 'n1' });
    expect(claimsToSelect(using('c'), 'n1', c).map((x) => x.metadata.name)).toEqual(['c']);
    const empty = cache([sc('local', 'WaitForFirstConsumer'), claim('c', 'local')]);
    expect(message(schedulePod(using('c'), empty))).toBe(
      "0/2 nodes are available: 2 node(s) didn't find available persistent volumes to bind. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
    );
    const dynamic = cache([sc('local', 'WaitForFirstConsumer', 'kubelab.io/local-path'), claim('c', 'local')]);
    expect(schedulePod(using('c'), dynamic)).toHaveProperty('nodeName');
  });
});
