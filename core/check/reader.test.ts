import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster/cluster.ts';
import { applyManifest } from '../manifest/apply.ts';
import { NGINX_DEPLOYMENT } from '../manifest/examples.ts';
import { ClusterReader } from './reader.ts';
import {
  imageOf,
  isNodeReady,
  isRolledOut,
  isUnscheduled,
  labelOf,
  restartsOf,
  specAheadOfStatus,
  workloadState,
} from './objects.ts';

const actor = { component: 'kubectl apply', reason: 'test' };

function running(): { cluster: Cluster; r: ClusterReader } {
  const cluster = new Cluster({ seed: 1 });
  applyManifest(cluster.api, NGINX_DEPLOYMENT, { actor });
  cluster.advance(10);
  return { cluster, r: new ClusterReader(cluster) };
}

describe('ClusterReader', () => {
  it('follows Deployment → ReplicaSet → Pods through ownerReferences', () => {
    const { r } = running();
    const d = r.deployment('default', 'nginx-deployment');
    expect(d).toBeDefined();
    const rss = r.replicaSetsOf(d!);
    expect(rss).toHaveLength(1);
    expect(rss[0]!.metadata.name).toMatch(/^nginx-deployment-/);
    expect(r.podsOf(d!)).toHaveLength(3);
    expect(r.servingPods(r.podsOf(d!))).toHaveLength(3);
    expect(r.pods('default', { app: 'nginx' })).toHaveLength(3);
    expect(r.pods('default', { matchLabels: { app: 'other' } })).toHaveLength(0);
    expect(isRolledOut(d!)).toBe(true);
    expect(imageOf(d!)).toBe('nginx:1.14.2');
  });

  it('says which components run', () => {
    const { cluster, r } = running();
    expect(r.componentRunning('scheduler')).toBe(true);
    cluster.stop('scheduler');
    expect(r.componentRunning('scheduler')).toBe(false);
    cluster.stop('controller-manager');
    expect(r.componentRunning('controller-manager')).toBe(false);
    cluster.stop('kubelet', 'k8s-node2');
    expect(r.componentRunning('kubelet', 'k8s-node1')).toBe(true);
    expect(r.componentRunning('kubelet')).toBe(false);
  });

  it('sees pods stay unscheduled while the scheduler is stopped, and spec run ahead of status without controllers', () => {
    const { cluster, r } = running();
    cluster.stop('scheduler');
    const d = r.deployment('default', 'nginx-deployment')!;
    applyManifest(cluster.api, NGINX_DEPLOYMENT.replace('replicas: 3', 'replicas: 5'), { actor });
    cluster.advance(5);
    expect(r.podsOf(d).filter(isUnscheduled)).toHaveLength(2);
    cluster.stop('controller-manager');
    applyManifest(cluster.api, NGINX_DEPLOYMENT.replace('replicas: 3', 'replicas: 6'), { actor });
    const after = r.deployment('default', 'nginx-deployment')!;
    expect(specAheadOfStatus(after)).toBe(true);
    expect(workloadState(after)).toMatchObject({ desired: 6, current: 5 });
  });

  it('reads the trace of one object', () => {
    const { r } = running();
    const d = r.deployment('default', 'nginx-deployment')!;
    const entries = r.traceFor(d);
    expect(entries[0]).toMatchObject({ component: 'kubectl apply', verb: 'create', kind: 'Deployment' });
    expect(entries.every((e) => e.uid === d.metadata.uid)).toBe(true);
  });

  it('reads nodes’ Ready, a Service’s ready endpoints and an object’s events', () => {
    const { cluster, r } = running();
    expect(isNodeReady(r.node('k8s-node2')!)).toBe(true);
    expect(labelOf(r.node('k8s-node2')!, 'kubernetes.io/hostname')).toBe('k8s-node2');
    applyManifest(
      cluster.api,
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx-svc\nspec:\n  selector:\n    app: nginx\n  ports:\n  - port: 80\n',
      { actor },
    );
    cluster.advance(2);
    const svc = r.service('default', 'nginx-svc')!;
    expect(r.endpointSlicesOf(svc)).toHaveLength(1);
    const pods = r.endpointPods(svc);
    expect(pods.map((p) => p.metadata.name).sort()).toEqual(
      r
        .podsOf(r.deployment('default', 'nginx-deployment')!)
        .map((p) => p.metadata.name)
        .sort(),
    );
    expect(restartsOf(pods[0]!)).toBe(0);
    expect(r.eventsFor(pods[0]!).map((e) => (e as { reason?: string }).reason)).toContain('Scheduled');
    cluster.failNode('k8s-node2');
    cluster.advance(60);
    expect(isNodeReady(r.node('k8s-node2')!)).toBe(false);
    expect(r.eventsFor(r.node('k8s-node2')!).map((e) => (e as { reason?: string }).reason)).toContain('NodeNotReady');
  });
});
