import { describe, expect, it } from 'vitest';
import { NGINX_DEPLOYMENT, TestCluster, nodeOf, phase } from '../harness/testCluster.ts';

describe('the course chapter 1: nginx-deployment', () => {
  it('creates a ReplicaSet and three Running pods on the worker nodes', () => {
    const t = TestCluster.create().apply(NGINX_DEPLOYMENT).advance(30);
    const rs = t.list('rs');
    expect(rs).toHaveLength(1);
    expect(rs[0]!.metadata.name).toMatch(/^nginx-deployment-[bcdfghjklmnpqrstvwxz2456789]{8,10}$/);
    const pods = t.readyPods();
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name!.startsWith(`${rs[0]!.metadata.name}-`)).toBe(true);
      expect(['k8s-node1', 'k8s-node2']).toContain(nodeOf(p));
    }
    const d = t.get('deploy', 'nginx-deployment')!;
    expect(d.status).toMatchObject({
      replicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      updatedReplicas: 3,
      observedGeneration: 1,
    });
    expect(t.events(d)).toEqual([`ScalingReplicaSet: Scaled up replica set ${rs[0]!.metadata.name} from 0 to 3`]);
    expect(t.events(pods[0]).map((e) => e.split(':')[0])).toEqual([
      'Scheduled',
      'Pulling',
      'Pulled',
      'Created',
      'Started',
    ]);
  });

  it('is deterministic for a seed: same names and timestamps', () => {
    const a = TestCluster.create({ seed: 7 }).apply(NGINX_DEPLOYMENT).advance(30);
    const b = TestCluster.create({ seed: 7 }).apply(NGINX_DEPLOYMENT).advance(30);
    const summary = (t: TestCluster) =>
      t
        .pods()
        .map((p) => [p.metadata.name, nodeOf(p), p.metadata.creationTimestamp, (p.status as { podIP?: string }).podIP]);
    expect(summary(a)).toEqual(summary(b));
  });

  it('replaces a deleted pod (the ReplicaSet keeps 3)', () => {
    const t = TestCluster.create().apply(NGINX_DEPLOYMENT).advance(30);
    const victim = t.pods()[0]!;
    t.delete('pod', victim.metadata.name!);
    t.advance(60);
    const pods = t.readyPods();
    expect(pods).toHaveLength(3);
    expect(pods.map((p) => p.metadata.name)).not.toContain(victim.metadata.name);
  });

  it('scales 3 → 5 → 2', () => {
    const t = TestCluster.create().apply(NGINX_DEPLOYMENT).advance(30);
    t.apply(NGINX_DEPLOYMENT.replace('replicas: 3', 'replicas: 5')).advance(30);
    expect(t.readyPods()).toHaveLength(5);
    t.apply(NGINX_DEPLOYMENT.replace('replicas: 3', 'replicas: 2')).advance(60);
    expect(t.pods().filter((p) => phase(p) === 'Running')).toHaveLength(2);
    expect(t.list('rs')).toHaveLength(1);
  });
});

describe('controllers are idempotent once settled (STYLE.md)', () => {
  it('the deployment and replicaset controllers have nothing left to do', () => {
    TestCluster.create()
      .apply(NGINX_DEPLOYMENT)
      .advance(30)
      .expectIdempotent('deployment-controller')
      .expectIdempotent('replicaset-controller');
  });
});

describe('ReplicaSet adoption (ControllerRefManager)', () => {
  it('a re-created ReplicaSet adopts the pods its predecessor orphaned instead of making new ones', () => {
    const RS = `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: frontend
spec:
  replicas: 2
  selector:
    matchLabels: {app: frontend}
  template:
    metadata:
      labels: {app: frontend}
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
`;
    const t = TestCluster.create().apply(RS).advance(30);
    const before = t.pods().map((p) => p.metadata.name);
    t.delete('rs', 'frontend', 'default', { propagationPolicy: 'Orphan' }).advance(5);
    expect(t.pods().map((p) => p.metadata.ownerReferences ?? [])).toEqual([[], []]);
    t.apply(RS).advance(5);
    const rs = t.get('rs', 'frontend')!;
    expect(t.pods().map((p) => p.metadata.name)).toEqual(before);
    expect(t.pods().map((p) => p.metadata.ownerReferences?.[0]?.uid)).toEqual([rs.metadata.uid, rs.metadata.uid]);
    t.expectIdempotent('replicaset-controller');
  });
});
