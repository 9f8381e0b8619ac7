import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster/cluster.ts';
import { applyManifest } from '../manifest/apply.ts';
import { NGINX_DEPLOYMENT } from '../manifest/examples.ts';
import type { TraceEntry } from '../api/trace.ts';
import { resourceByKind } from '../api/registry.ts';
import {
  deploymentEntries,
  isSystemComponent,
  phrase,
  story,
  whyClaimPending,
  whyServiceEmpty,
  whyVolume,
} from './explain.ts';

const R_PVC = resourceByKind('v1', 'PersistentVolumeClaim')!;

const entry = (e: Partial<TraceEntry>): TraceEntry => ({
  seq: 1,
  time: '2026-11-22T09:00:03Z',
  component: 'kubectl apply',
  verb: 'create',
  kind: 'Deployment',
  namespace: 'default',
  name: 'web',
  reason: '',
  ...e,
});

describe('phrase', () => {
  it('tells a ReplicaSet controller decision with its numbers in both languages', () => {
    const p = phrase(
      entry({
        component: 'replicaset-controller',
        kind: 'Pod',
        name: 'web-abc-x1',
        reason: 'desired 3, observed 2 → created pod web-abc-x1',
      }),
    );
    expect(p?.en).toBe('The ReplicaSet controller saw desired 3, observed 2 — and created pod `web-abc-x1`.');
    expect(p?.['zh-CN']).toBe('ReplicaSet 控制器发现期望 3 个、实际 2 个，于是创建了 Pod `web-abc-x1`。');
  });

  it('names the node the scheduler chose, and the learner’s own writes with the etcd revision', () => {
    expect(
      phrase(
        entry({
          component: 'default-scheduler',
          verb: 'update',
          kind: 'Pod',
          reason: 'filtered → bound pod p to k8s-node2',
        }),
      )?.en,
    ).toContain('**k8s-node2**');
    expect(phrase(entry({ resourceVersion: '812' }))?.en).toBe(
      'You sent Deployment `web` with `kubectl apply`; kube-apiserver validated it and stored it in etcd (resourceVersion 812).',
    );
    expect(phrase(entry({ component: 'kubelab-editor', verb: 'update' }))?.['zh-CN']).toContain('编辑器的 Apply');
  });

  it('skips bookkeeping: events, leases, status writes', () => {
    expect(phrase(entry({ kind: 'Event' }))).toBeUndefined();
    expect(phrase(entry({ component: 'replicaset-controller', verb: 'status', kind: 'ReplicaSet' }))).toBeUndefined();
    expect(
      phrase(entry({ component: 'kubelet/k8s-node1', verb: 'status', kind: 'Pod', reason: 'pod p: Pending' })),
    ).toBeUndefined();
  });

  it('knows the cluster’s own components from the learner’s clients', () => {
    for (const c of ['replicaset-controller', 'default-scheduler', 'kubelet/k8s-node1', 'kubelet', 'kube-apiserver'])
      expect(isSystemComponent(c), c).toBe(true);
    for (const c of ['kubectl apply', 'kubelab-editor', 'kubectl']) expect(isSystemComponent(c), c).toBe(false);
  });
});

describe('story', () => {
  it('follows one apply from kubectl to the kubelets', () => {
    const cluster = new Cluster({ seed: 1 });
    applyManifest(cluster.api, NGINX_DEPLOYMENT, { actor: { component: 'kubectl apply', reason: 'test' } });
    cluster.advance(10);
    const s = story(deploymentEntries(cluster.api.trace.query(), 'default', 'nginx-deployment'), 20);
    const lines = s.en.split('\n');
    expect(lines[0]).toMatch(/^- `09:00:00` You sent Deployment `nginx-deployment`/);
    expect(lines[1]).toContain('The Deployment controller');
    expect(lines.filter((l) => l.includes('ReplicaSet controller saw desired 3'))).toHaveLength(3);
    expect(lines.filter((l) => l.includes('kube-scheduler'))).toHaveLength(3);
    expect(lines.filter((l) => l.includes('Running and Ready'))).toHaveLength(3);
    expect(s['zh-CN'].split('\n')).toHaveLength(lines.length);
  });

  it('keeps long stories short', () => {
    const many = Array.from({ length: 20 }, (_, i) => entry({ seq: i, name: `d${i}` }));
    const s = story(many, 5);
    expect(s.en.split('\n')).toHaveLength(6);
    expect(s.en).toContain('… and 15 more');
  });
});

describe('why a claim, a volume or a Service is not working', () => {
  const cluster = () => new Cluster({ seed: 1 });
  const apply = (c: Cluster, yaml: string) => {
    applyManifest(c.api, yaml, { actor: { component: 'kubectl', reason: 'test' } });
    c.advance(1);
  };
  const pv = (name: string, size: string, cls: string) =>
    `apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: ${name}\nspec:\n  capacity: {storage: ${size}}\n  accessModes: [ReadWriteOnce]\n  persistentVolumeReclaimPolicy: Retain\n  storageClassName: ${cls}\n  nfs: {server: 192.168.56.105, path: /nfsdata/${name}}\n`;
  const list = (c: Cluster, plural: string) => c.api.store.list(plural);

  it('lists each volume the binder considered and why it did not match', () => {
    const c = cluster();
    apply(c, pv('mypv1', '1Gi', 'nfs'));
    apply(c, pv('mypv2', '5Gi', 'standard'));
    apply(
      c,
      'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: big\nspec:\n  accessModes: [ReadWriteOnce]\n  storageClassName: nfs\n  resources: {requests: {storage: 2Gi}}\n',
    );
    const claim = c.api.store.get('/persistentvolumeclaims', 'default', 'big')!;
    const why = whyClaimPending(claim, list(c, '/persistentvolumes'), list(c, 'storage.k8s.io/storageclasses'))!;
    expect(why.en.split('\n')).toEqual([
      'Claim `big` asks for StorageClass `nfs`, which does not exist: nothing will provision it.',
      '- `mypv1`: too small (1Gi < 2Gi)',
      '- `mypv2`: storageClassName standard ≠ nfs',
    ]);
    expect(why['zh-CN']).toContain('`mypv1`：too small (1Gi < 2Gi)');
  });

  it('says a Released volume keeps its claimRef', () => {
    const c = cluster();
    apply(c, pv('mypv1', '1Gi', 'nfs'));
    apply(
      c,
      'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: mypvc1\nspec:\n  accessModes: [ReadWriteOnce]\n  storageClassName: nfs\n  resources: {requests: {storage: 1Gi}}\n',
    );
    c.api.delete(R_PVC, 'default', 'mypvc1', {
      actor: { component: 'kubectl', reason: 'test' },
    });
    c.advance(1);
    expect(whyVolume(c.api.store.get('/persistentvolumes', undefined, 'mypv1')!)?.en).toBe(
      'Volume `mypv1` was bound to `default/mypvc1`, which is gone. Policy Retain: it keeps its claimRef (and data) and is not bound again until the claimRef is removed.',
    );
  });

  it('says why a Service has no endpoints', () => {
    const c = cluster();
    apply(
      c,
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n',
    );
    const svc = c.api.store.get('/services', 'default', 'web')!;
    expect(whyServiceEmpty(svc, list(c, '/pods'))?.en).toBe('selector app=web matches 0 pods');
    apply(
      c,
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: {app: web}\nspec:\n  containers: [{name: c, image: no-such-image-xyz}]\n',
    );
    expect(whyServiceEmpty(svc, list(c, '/pods'))?.en).toBe('1 pod matches but none is Ready');
  });
});
