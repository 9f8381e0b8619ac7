/**
 * A second real client: the official JavaScript client (@kubernetes/client-node,
 * pinned to 1.4 — client-node 2 needs Node >= 22.19 through undici 8) lists pods,
 * watches them, and reads logs from the lab's API with the kubeconfig
 * `kubelab serve` writes. Needs no kubectl binary.
 */
import type { CoreV1Api, KubeConfig, V1Pod } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { NGINX_DEPLOYMENT, startKubeLab } from './harness.ts';
import type { KubeLab } from './harness.ts';

const client = await import('@kubernetes/client-node');

describe('@kubernetes/client-node against kubelab serve', () => {
  let lab: KubeLab;
  let kc: KubeConfig;
  let core: CoreV1Api;

  beforeAll(async () => {
    lab = await startKubeLab();
    kc = new client.KubeConfig();
    kc.loadFromFile(lab.kubeconfigPath);
    core = kc.makeApiClient(client.CoreV1Api);
  });
  afterAll(() => lab?.stop());

  it('lists nodes and the pods of a deployment', async () => {
    const nodes = await core.listNode();
    expect(nodes.items.map((n) => n.metadata?.name)).toEqual(['k8s-master', 'k8s-node1', 'k8s-node2']);
    const apps = kc.makeApiClient(client.AppsV1Api);
    await apps.createNamespacedDeployment({ namespace: 'default', body: parse(NGINX_DEPLOYMENT) });
    await lab.advance(30);
    const pods = await core.listNamespacedPod({ namespace: 'default', labelSelector: 'app=nginx' });
    expect(pods.items).toHaveLength(3);
    expect(pods.metadata?.resourceVersion).toMatch(/^\d+$/);
    for (const p of pods.items) {
      expect(p.status?.phase).toBe('Running');
      expect(p.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet', controller: true });
      // The client revives dates: timestamps must be RFC 3339 the server produced.
      expect(p.metadata?.creationTimestamp).toBeInstanceOf(Date);
    }
    const deploy = await apps.readNamespacedDeployment({ name: 'nginx-deployment', namespace: 'default' });
    expect(deploy.status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, updatedReplicas: 3 });
  });

  it('watches pods: ADDED, then MODIFIED as the pod is scheduled and started, then DELETED', async () => {
    const list = await core.listNamespacedPod({ namespace: 'default' });
    const events: { type: string; pod: V1Pod }[] = [];
    let ended: unknown = 'open';
    let endedBeforeAbort: unknown;
    const watch = new client.Watch(kc);
    const controller = await watch.watch(
      '/api/v1/namespaces/default/pods',
      { resourceVersion: list.metadata?.resourceVersion, fieldSelector: 'metadata.name=watched' },
      (type, obj: V1Pod) => events.push({ type, pod: obj }),
      (err) => (ended = err),
    );
    try {
      await core.createNamespacedPod({
        namespace: 'default',
        body: { metadata: { name: 'watched' }, spec: { containers: [{ name: 'app', image: 'nginx' }] } },
      });
      await lab.advance(10);
      await core.deleteNamespacedPod({ name: 'watched', namespace: 'default' });
      await lab.advance(40);
      await until(() => events.some((e) => e.type === 'DELETED'));
    } finally {
      endedBeforeAbort = ended;
      controller.abort();
    }
    expect(endedBeforeAbort).toBe('open'); // the server did not end the watch on its own
    expect(events[0]).toMatchObject({ type: 'ADDED', pod: { metadata: { name: 'watched' } } });
    expect(events.at(-1)?.type).toBe('DELETED');
    const modified = events.filter((e) => e.type === 'MODIFIED').map((e) => e.pod);
    expect(modified.some((p) => p.spec?.nodeName?.startsWith('k8s-node'))).toBe(true);
    expect(modified.some((p) => p.status?.phase === 'Running')).toBe(true);
    expect(modified.some((p) => p.metadata?.deletionTimestamp)).toBe(true);
    const rvs = events.map((e) => Number(e.pod.metadata?.resourceVersion));
    expect(rvs).toEqual([...rvs].sort((a, b) => a - b));
  });

  it('reads a pod log', async () => {
    const pods = await core.listNamespacedPod({ namespace: 'default', labelSelector: 'app=nginx' });
    const log = await core.readNamespacedPodLog({
      name: pods.items[0]!.metadata!.name!,
      namespace: 'default',
      tailLines: 2,
    });
    expect(log.split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('reports API errors as Status with the upstream message', async () => {
    const err = await core.readNamespacedPod({ name: 'nosuch', namespace: 'default' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 404 });
    expect(JSON.parse((err as { body: string }).body)).toMatchObject({
      kind: 'Status',
      reason: 'NotFound',
      message: 'pods "nosuch" not found',
    });
  });
});

/** Wait (wall clock, bounded) for the watch stream to deliver what the cluster already did. */
async function until(cond: () => boolean, ms = 5_000): Promise<void> {
  const end = performance.now() + ms;
  while (!cond() && performance.now() < end) await new Promise((r) => setTimeout(r, 20));
}
