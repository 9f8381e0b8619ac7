import { describe, expect, it } from 'vitest';
import { ApiServer } from '../apiserver/server.ts';
import { Cluster } from '../cluster/cluster.ts';
import { NGINX_DEPLOYMENT } from '../manifest/examples.ts';
import { ClusterSession } from './session.ts';
import type { FaultState } from './messages.ts';

function setup() {
  const cluster = new Cluster({ seed: 1 });
  const server = new ApiServer(
    cluster,
    { setClockMode: (mode, speed) => ({ mode, speed }), clockMode: () => ({ mode: 'manual', speed: 1 }) },
    '127.0.0.1:6443',
  );
  return { cluster, session: new ClusterSession(cluster, server) };
}

const DEPLOY = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'nginx-deployment' };

describe('ClusterSession', () => {
  it('dry-runs an apply without storing, then applies, and the feed carries the new objects', () => {
    const { cluster, session } = setup();
    const feed = session.feed();
    const dry = session.handle({ type: 'apply', yaml: NGINX_DEPLOYMENT, dryRun: true });
    expect(dry.ok && dry.result).toMatchObject({ ok: true, dryRun: true, results: [{ outcome: 'created' }] });
    expect(session.handle({ type: 'get', ref: DEPLOY }).ok).toBe(false);
    expect(feed.size).toBe(0);

    const applied = session.handle({ type: 'apply', yaml: NGINX_DEPLOYMENT });
    expect(applied.ok && applied.result).toMatchObject({ ok: true, results: [{ outcome: 'created' }] });
    cluster.advance(30);
    const kinds = new Set(feed.drain().changes.map((c) => c.object.kind));
    expect([...kinds]).toEqual(expect.arrayContaining(['Deployment', 'ReplicaSet', 'Pod', 'Event']));
    expect(kinds.has('Lease')).toBe(false);
    feed.close();
  });

  it('shows the live object beside the would-be one in a dry run of a change', () => {
    const { session } = setup();
    session.handle({ type: 'apply', yaml: NGINX_DEPLOYMENT });
    const changed = NGINX_DEPLOYMENT.replace('replicas: 3', 'replicas: 5');
    const dry = session.handle({ type: 'apply', yaml: changed, dryRun: true });
    if (!dry.ok) throw new Error(dry.status.message);
    const r = dry.result as unknown as {
      results: { outcome: string; live: { spec: { replicas: number } }; object: { spec: { replicas: number } } }[];
    };
    expect(r.results[0]).toMatchObject({
      outcome: 'configured',
      live: { spec: { replicas: 3 } },
      object: { spec: { replicas: 5 } },
    });
  });

  it('explains a Pending pod with the scheduler’s per-node reasons', () => {
    const { cluster, session } = setup();
    session.handle({
      type: 'apply',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: big}\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources: {requests: {cpu: "64"}}\n',
    });
    cluster.advance(5);
    const why = session.handle({
      type: 'why',
      ref: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'big' },
    });
    if (!why.ok) throw new Error(why.status.message);
    const w = why.result as unknown as {
      trace: { component: string }[];
      scheduling?: { message?: string; perNode?: Record<string, unknown[]> };
    };
    expect(w.trace[0]?.component).toBe('kubelab-editor');
    expect(w.scheduling?.message).toMatch(/^0\/3 nodes are available: .*Insufficient cpu/);
    expect(Object.keys(w.scheduling?.perNode ?? {})).toHaveLength(3);
  });

  it('explains a Pending claim and a Service without endpoints in both languages', () => {
    const { cluster, session } = setup();
    session.handle({
      type: 'apply',
      yaml: [
        'apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: mypv1}\nspec:\n  capacity: {storage: 1Gi}\n  accessModes: [ReadWriteOnce]\n  storageClassName: nfs\n  nfs: {path: /nfsdata/pv1, server: 192.168.56.105}\n',
        'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: mypvc1}\nspec:\n  accessModes: [ReadWriteOnce]\n  storageClassName: nfs\n  resources: {requests: {storage: 2Gi}}\n',
        'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n',
      ].join('---\n'),
    });
    cluster.advance(5);
    const explain = (kind: string, name: string) => {
      const r = session.handle({ type: 'why', ref: { apiVersion: 'v1', kind, namespace: 'default', name } });
      if (!r.ok) throw new Error(r.status.message);
      return (r.result as { explanation?: Record<string, string> }).explanation;
    };
    expect(explain('PersistentVolumeClaim', 'mypvc1')?.en).toContain('`mypv1`: too small (1Gi < 2Gi)');
    expect(explain('Service', 'web')).toEqual({
      en: 'selector app=web matches 0 pods',
      'zh-CN': 'selector app=web 没有匹配任何 Pod',
    });
  });

  it('injects faults and reports every component’s state', () => {
    const { session } = setup();
    const r = session.handle({ type: 'fault', fault: { component: 'node', action: 'fail', node: 'k8s-node2' } });
    expect(r.ok && r.result).toMatchObject({ nodes: { 'k8s-node2': 'down', 'k8s-node1': 'running' } });
    const s = session.handle({ type: 'fault', fault: { component: 'scheduler', action: 'stop' } });
    expect(s.ok && s.result).toMatchObject({ scheduler: 'stopped' });
    const bad = session.handle({ type: 'fault', fault: { component: 'kubelet', action: 'stop', node: 'nope' } });
    expect(bad.ok).toBe(false);
  });

  it('offers CPU load to a Service and reports it with the faults', () => {
    const { cluster, session } = setup();
    const load = {
      component: 'service',
      action: 'load',
      namespace: 'default',
      name: 'php-apache',
      cpuMillis: 1500,
    } as const;
    const r = session.handle({ type: 'fault', fault: load });
    expect(r.ok && r.result).toMatchObject({ loads: { 'default/php-apache': 1500 } });
    expect(cluster.load.list()).toEqual([{ namespace: 'default', service: 'php-apache', cpuMillis: 1500 }]);
    const off = session.handle({ type: 'fault', fault: { ...load, cpuMillis: 0 } });
    expect(off.ok && (off.result as FaultState).loads).toEqual({});
  });

  it('adds a worker node whose kubelet registers it, and a saved lab brings it back', () => {
    const { cluster, session } = setup();
    const r = session.handle({ type: 'fault', fault: { component: 'node', action: 'add' } });
    expect(r.ok && Object.keys((r.result as FaultState).nodes).sort()).toEqual([
      'k8s-master',
      'k8s-node1',
      'k8s-node2',
      'k8s-node3',
    ]);
    cluster.advance(5);
    const node = cluster.api.store.get('/nodes', undefined, 'k8s-node3')!;
    expect((node.status as { addresses: { address: string }[] }).addresses[0]!.address).toBe('192.168.56.13');
    const restored = new Cluster({ restore: cluster.snapshot() });
    expect([...restored.kubelets.keys()].sort()).toEqual(['k8s-master', 'k8s-node1', 'k8s-node2', 'k8s-node3']);
  });

  it('runs the embedded kubectl and keeps the namespace it switched to', () => {
    const { session } = setup();
    const r = session.handle({ type: 'kubectl', argv: ['get', 'nodes'] });
    expect(r.ok && r.result).toMatchObject({ exitCode: 0, namespace: 'default' });
    expect(r.ok && (r.result as { stdout: string }).stdout).toContain('k8s-node1');
  });
});

describe('Cluster snapshots', () => {
  it('restore the objects, and the kubelets run the pods again', () => {
    const { cluster, session } = setup();
    session.handle({ type: 'apply', yaml: NGINX_DEPLOYMENT });
    cluster.advance(60);
    const snap = JSON.parse(JSON.stringify(cluster.snapshot()));
    const restored = new Cluster({ seed: 2, restore: snap, startMs: cluster.clock.now() + 3_600_000 });
    const pods = restored.api.store.list('/pods').filter((p) => p.metadata.namespace === 'default');
    expect(pods).toHaveLength(3);
    expect(pods.map((p) => p.metadata.uid)).toEqual(
      cluster.api.store
        .list('/pods')
        .filter((p) => p.metadata.namespace === 'default')
        .map((p) => p.metadata.uid),
    );
    restored.advance(60);
    const after = restored.api.store.list('/pods').filter((p) => p.metadata.namespace === 'default');
    expect(after.map((p) => (p.status as { phase: string }).phase)).toEqual(['Running', 'Running', 'Running']);
    expect(restored.api.store.list('apps/replicasets')).toHaveLength(1);
  });
});
