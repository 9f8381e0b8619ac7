import { describe, expect, it } from 'vitest';
import { NGINX_DEPLOYMENT, TestCluster, condition, nodeOf, phase } from '../harness/testCluster.ts';

const POD = (name: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${extra}  containers:
  - name: main
    image: busybox
    command: ["sh", "-c", "echo started; sleep 3600"]
`;

describe('the control plane, one component at a time (course ch. 2)', () => {
  it('with the scheduler stopped a pod stays Pending; started again, it is scheduled', () => {
    const t = TestCluster.create();
    t.cluster.stop('scheduler');
    t.apply(POD('waiting')).advance(30);
    const pod = t.get('pod', 'waiting')!;
    expect(phase(pod)).toBe('Pending');
    expect(nodeOf(pod)).toBeUndefined();
    t.cluster.start('scheduler');
    t.advance(10);
    expect(phase(t.get('pod', 'waiting')!)).toBe('Running');
  });

  it('explains an unschedulable pod in the scheduler’s words', () => {
    const t = TestCluster.create().apply(POD('picky', '  nodeSelector:\n    disktype: ssd\n')).advance(5);
    const pod = t.get('pod', 'picky')!;
    expect(condition(pod, 'PodScheduled')).toBe('False');
    expect(t.events(pod)).toEqual([
      "FailedScheduling: 0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    ]);
    // Labelling a node makes it fit (the scheduler retries on node changes).
    const node = t.get('node', 'k8s-node1', '')!;
    t.update('node', {
      ...node,
      metadata: { ...node.metadata, labels: { ...node.metadata.labels, disktype: 'ssd' } },
    }).advance(10);
    expect(nodeOf(t.get('pod', 'picky')!)).toBe('k8s-node1');
  });

  it('a failed node goes NotReady, its pods are evicted after 300 s and replaced elsewhere (course ch. 5)', () => {
    const t = TestCluster.create().apply(NGINX_DEPLOYMENT).advance(30);
    const onNode2 = t.pods().filter((p) => nodeOf(p) === 'k8s-node2');
    expect(onNode2.length).toBeGreaterThan(0);
    t.cluster.failNode('k8s-node2');
    t.advance(40);
    expect(condition(t.get('node', 'k8s-node2', '')!, 'Ready')).toBe('True');
    t.advance(20);
    const node = t.get('node', 'k8s-node2', '')!;
    expect(condition(node, 'Ready')).toBe('Unknown');
    expect(
      (node.spec as { taints?: { key: string; effect: string }[] }).taints?.map((x) => `${x.key}:${x.effect}`),
    ).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    // Pods stay (not ready) until their 300 s toleration runs out.
    t.advance(190);
    expect(t.pods().filter((p) => nodeOf(p) === 'k8s-node2' && !p.metadata.deletionTimestamp)).toHaveLength(
      onNode2.length,
    );
    t.advance(120);
    const terminating = t.pods().filter((p) => nodeOf(p) === 'k8s-node2');
    expect(terminating.every((p) => p.metadata.deletionTimestamp)).toBe(true);
    t.advance(30);
    const ready = t.readyPods();
    expect(ready).toHaveLength(3);
    expect(ready.every((p) => nodeOf(p) === 'k8s-node1')).toBe(true);
    // The node comes back: the kubelet finishes the Terminating pods.
    t.cluster.recoverNode('k8s-node2');
    t.advance(30);
    expect(t.pods().filter((p) => nodeOf(p) === 'k8s-node2')).toHaveLength(0);
    expect(condition(t.get('node', 'k8s-node2', '')!, 'Ready')).toBe('True');
  });
});

describe('garbage collection and namespaces', () => {
  it('deleting a Deployment removes its ReplicaSet and pods (background)', () => {
    const t = TestCluster.create().apply(NGINX_DEPLOYMENT).advance(30);
    t.delete('deploy', 'nginx-deployment').advance(60);
    expect(t.list('rs')).toHaveLength(0);
    expect(t.pods()).toHaveLength(0);
  });

  it('orphan propagation keeps the ReplicaSet and drops its owner reference', () => {
    const t = TestCluster.create().apply(NGINX_DEPLOYMENT).advance(30);
    t.delete('deploy', 'nginx-deployment', 'default', { propagationPolicy: 'Orphan' }).advance(10);
    expect(t.get('deploy', 'nginx-deployment')).toBeUndefined();
    const rs = t.list('rs');
    expect(rs).toHaveLength(1);
    expect(rs[0]!.metadata.ownerReferences ?? []).toEqual([]);
    expect(t.readyPods()).toHaveLength(3);
  });

  it('foreground propagation keeps the Deployment until its dependents are gone', () => {
    const t = TestCluster.create().apply(NGINX_DEPLOYMENT).advance(30);
    t.delete('deploy', 'nginx-deployment', 'default', { propagationPolicy: 'Foreground' });
    const d = t.get('deploy', 'nginx-deployment');
    expect(d?.metadata.finalizers).toEqual(['foregroundDeletion']);
    t.advance(60);
    expect(t.get('deploy', 'nginx-deployment')).toBeUndefined();
    expect(t.pods()).toHaveLength(0);
  });

  it('a namespace is Terminating until its contents are gone, then disappears', () => {
    const t = TestCluster.create();
    t.apply('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n');
    t.advance(1);
    expect(t.get('serviceaccount', 'default', 'team')).toBeDefined();
    t.apply(NGINX_DEPLOYMENT, 'team').advance(30);
    expect(t.readyPods('team')).toHaveLength(3);
    t.delete('namespace', 'team', '');
    expect((t.get('namespace', 'team', '')?.status as { phase?: string }).phase).toBe('Terminating');
    t.advance(60);
    expect(t.get('namespace', 'team', '')).toBeUndefined();
    expect(t.pods('team')).toHaveLength(0);
  });
});

describe('the kubelet', () => {
  it('restarts a crashing container with CrashLoopBackOff back-off: 0 s, 10 s, 20 s, 40 s', () => {
    const t = TestCluster.create()
      .apply(POD('crasher').replace('echo started; sleep 3600', 'echo boom; exit 1'))
      .advance(10);
    const restarts = () =>
      (t.get('pod', 'crasher')!.status as { containerStatuses: { restartCount: number }[] }).containerStatuses[0]!
        .restartCount;
    const seen: number[] = [];
    for (let s = 0; s < 90; s++) {
      t.advance(1);
      seen.push(restarts());
    }
    // Restart count rises at widening intervals.
    const rises = seen.map((n, i) => (i > 0 && n > seen[i - 1]! ? i : -1)).filter((i) => i >= 0);
    expect(rises.length).toBeGreaterThanOrEqual(3);
    const gaps = rises.slice(1).map((r, i) => r - rises[i]!);
    expect(gaps[0]).toBeGreaterThanOrEqual(19);
    expect(gaps[1]).toBeGreaterThanOrEqual(39);
    const st = t.get('pod', 'crasher')!.status as {
      containerStatuses: {
        state: { waiting?: { reason: string } };
        lastState: { terminated?: { exitCode: number; reason: string } };
      }[];
    };
    expect(st.containerStatuses[0]!.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(
      t
        .events(t.get('pod', 'crasher'))
        .some((e) => e.startsWith('BackOff: Back-off restarting failed container main in pod crasher_default(')),
    ).toBe(true);
  });

  it('a Never-restart pod completes: Succeeded, terminated reason Completed, logs kept', () => {
    const t = TestCluster.create()
      .apply(POD('once', '  restartPolicy: Never\n').replace('echo started; sleep 3600', 'echo hello; echo world'))
      .advance(20);
    const pod = t.get('pod', 'once')!;
    expect(phase(pod)).toBe('Succeeded');
    const worker = t.cluster.kubelets.get(nodeOf(pod)!)!.worker(pod.metadata.uid!)!;
    expect(worker.containers[0]!.logs.map((l) => l.text)).toEqual(['hello', 'world']);
  });

  it('an image that does not exist: ErrImagePull, then ImagePullBackOff', () => {
    const t = TestCluster.create().apply(POD('typo').replace('image: busybox', 'image: nginx:doesnotexist')).advance(5);
    const reason = () =>
      (t.get('pod', 'typo')!.status as { containerStatuses: { state: { waiting?: { reason: string } } }[] })
        .containerStatuses[0]!.state.waiting?.reason;
    expect(['ErrImagePull', 'ImagePullBackOff']).toContain(reason());
    t.advance(5);
    expect(reason()).toBe('ImagePullBackOff');
    expect(t.events(t.get('pod', 'typo'))).toContain('Failed: Error: ErrImagePull');
  });
});

describe('events', () => {
  it('expire after an hour, as the API server’s event TTL', () => {
    const t = TestCluster.create().apply(NGINX_DEPLOYMENT).advance(30);
    expect(t.list('events').length).toBeGreaterThan(10);
    t.advance(3600 + 600);
    expect(t.list('events')).toHaveLength(0);
  });
});
