import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../core/api/types.ts';
import { NGINX_DEPLOYMENT, TestCluster } from '../harness/testCluster.ts';

const image = (p: KubeObject) => (p.spec as { containers: { image: string }[] }).containers[0]!.image;
const revision = (rs: KubeObject) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'];

describe('rolling update and rollback (course ch. 7)', () => {
  it('rolls nginx:1.14.2 → 1.16.1 without dropping below 3 - 25% available, then undo revives the old ReplicaSet', () => {
    const t = TestCluster.create().apply(NGINX_DEPLOYMENT).advance(30);
    const [firstRS] = t.list('rs');
    t.apply(NGINX_DEPLOYMENT.replace('nginx:1.14.2', 'nginx:1.16.1'));
    // Step one second at a time and watch availability: maxUnavailable 25% of 3 rounds down to 0.
    for (let i = 0; i < 60; i++) {
      t.advance(1);
      const available =
        (t.get('deploy', 'nginx-deployment')!.status as { availableReplicas?: number }).availableReplicas ?? 0;
      expect(available).toBeGreaterThanOrEqual(3);
    }
    const pods = t.readyPods();
    expect(pods.map(image)).toEqual(['nginx:1.16.1', 'nginx:1.16.1', 'nginx:1.16.1']);
    const rss = t.list('rs');
    expect(rss).toHaveLength(2);
    expect(
      rss
        .map((rs) => [
          rs.metadata.name === firstRS!.metadata.name,
          revision(rs),
          (rs.spec as { replicas: number }).replicas,
        ])
        .sort(),
    ).toEqual([
      [false, '2', 3],
      [true, '1', 0],
    ]);

    // kubectl rollout undo: the old template comes back (as kubectl sends it, with creationTimestamp: null).
    const d = t.get('deploy', 'nginx-deployment')!;
    const oldTemplate = structuredClone((firstRS!.spec as { template: KubeObject }).template);
    delete oldTemplate.metadata.labels!['pod-template-hash'];
    oldTemplate.metadata.creationTimestamp = null;
    t.update('deploy', { ...d, spec: { ...(d.spec as object), template: oldTemplate } }).advance(60);
    const after = t.list('rs');
    expect(after).toHaveLength(2);
    const revived = after.find((rs) => rs.metadata.name === firstRS!.metadata.name)!;
    expect(revision(revived)).toBe('3');
    expect((revived.spec as { replicas: number }).replicas).toBe(3);
    expect(t.readyPods().map(image)).toEqual(['nginx:1.14.2', 'nginx:1.14.2', 'nginx:1.14.2']);
  });

  it('level-triggered: with the controller-manager stopped, v1 → v2 → v3 goes straight to v3', () => {
    const t = TestCluster.create().apply(NGINX_DEPLOYMENT).advance(30);
    t.cluster.stop('controller-manager');
    t.apply(NGINX_DEPLOYMENT.replace('nginx:1.14.2', 'nginx:1.15')).advance(5);
    t.apply(NGINX_DEPLOYMENT.replace('nginx:1.14.2', 'nginx:1.16.1')).advance(5);
    expect(t.list('rs')).toHaveLength(1);
    t.cluster.start('controller-manager');
    t.advance(60);
    const rss = t.list('rs');
    expect(rss).toHaveLength(2);
    expect(rss.map((rs) => image((rs.spec as { template: KubeObject }).template)).sort()).toEqual([
      'nginx:1.14.2',
      'nginx:1.16.1',
    ]);
    expect(t.readyPods().map(image)).toEqual(['nginx:1.16.1', 'nginx:1.16.1', 'nginx:1.16.1']);
  });

  it('Recreate stops every old pod before the new ones start', () => {
    const recreate = NGINX_DEPLOYMENT.replace('  replicas: 3\n', '  replicas: 3\n  strategy:\n    type: Recreate\n');
    const t = TestCluster.create().apply(recreate).advance(30);
    t.apply(recreate.replace('nginx:1.14.2', 'nginx:1.16.1'));
    for (let i = 0; i < 60; i++) {
      t.advance(1);
      const images = new Set(
        t
          .pods()
          .filter((p) => !p.metadata.deletionTimestamp)
          .map(image),
      );
      expect(images.size).toBeLessThanOrEqual(1);
    }
    expect(t.readyPods().map(image)).toEqual(['nginx:1.16.1', 'nginx:1.16.1', 'nginx:1.16.1']);
  });
});
