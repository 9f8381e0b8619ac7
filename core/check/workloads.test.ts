import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster/cluster.ts';
import { applyManifest } from '../manifest/apply.ts';
import { allocatableOf, jobState, podRequests } from './objects.ts';
import { ClusterReader } from './reader.ts';

const actor = { component: 'kubectl apply', reason: 'test' };

function lab(yaml: string, seconds: number): { cluster: Cluster; r: ClusterReader } {
  const cluster = new Cluster({ seed: 1 });
  const report = applyManifest(cluster.api, yaml, { actor });
  expect(report.ok).toBe(true);
  cluster.advance(seconds);
  return { cluster, r: new ClusterReader(cluster) };
}

const JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: myjob
spec:
  completions: 2
  template:
    spec:
      containers:
      - name: hello
        image: busybox
        command: ["echo", "hello k8s job!"]
      restartPolicy: Never
`;

const CRON = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "*/1 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox
            command: ["echo", "hi"]
          restartPolicy: OnFailure
`;

const STS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 2
  podManagementPolicy: Parallel
  selector:
    matchLabels: {app: nginx}
  template:
    metadata:
      labels: {app: nginx}
    spec:
      containers:
      - name: nginx
        image: nginx:1.7.9
        resources:
          requests: {cpu: 250m, memory: 64Mi}
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 1Gi
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
      - name: agent
        image: busybox
        command: ["sleep", "3600"]
---
apiVersion: v1
kind: ResourceQuota
metadata:
  name: q
spec:
  hard: {pods: "10"}
---
apiVersion: v1
kind: LimitRange
metadata:
  name: limits
spec:
  limits:
  - type: Container
    defaultRequest: {cpu: 100m}
`;

describe('check SDK: workloads, claims, jobs and resources', () => {
  it('reads a Job’s counts and its finishing condition', () => {
    const { r } = lab(JOB, 1);
    const running = jobState(r.job('default', 'myjob')!);
    expect(running).toMatchObject({ completions: 2, parallelism: 1, finished: undefined });
    const { r: later } = lab(JOB, 20);
    expect(jobState(later.job('default', 'myjob')!)).toMatchObject({ succeeded: 2, finished: 'Complete', active: 0 });
    expect(later.podsOf(later.job('default', 'myjob')!)).toHaveLength(2);
  });

  it('lists the Jobs a CronJob owns, oldest first', () => {
    const { r } = lab(CRON, 130);
    const names = r.jobsOf(r.cronJob('default', 'hello')!).map((j) => j.metadata.name ?? '');
    expect(names.length).toBeGreaterThanOrEqual(2);
    expect([...names].sort()).toEqual(names);
    expect(names.every((n) => /^hello-\d+$/.test(n))).toBe(true);
  });

  it('reads StatefulSets, DaemonSets, claims, nodes, quotas, limit ranges and what pods request', () => {
    const { r } = lab(STS, 10);
    expect(r.statefulSet('default', 'web')).toBeDefined();
    expect(
      r
        .claims('default')
        .map((c) => c.metadata.name)
        .sort(),
    ).toEqual(['www-web-0', 'www-web-1']);
    const ds = r.daemonSet('default', 'agent')!;
    expect(r.podsOf(ds)).toHaveLength(2);
    expect(
      r
        .nodes()
        .map((n) => n.metadata.name)
        .sort(),
    ).toEqual(['k8s-master', 'k8s-node1', 'k8s-node2']);
    expect(r.resourceQuotas('default').map((q) => q.metadata.name)).toEqual(['q']);
    expect(r.limitRanges('default').map((l) => l.metadata.name)).toEqual(['limits']);
    const agentPod = r.podsOf(ds)[0]!;
    expect(podRequests(agentPod)).toEqual({ cpuMilli: 100, memoryBytes: 0 });
    expect(podRequests(r.pod('default', 'web-0')!)).toEqual({ cpuMilli: 250, memoryBytes: 64 * 2 ** 20 });
    const node = (agentPod.spec as { nodeName?: string }).nodeName!;
    expect(r.podsOnNode(node).map((p) => p.metadata.name)).toContain(agentPod.metadata.name);
    expect(allocatableOf(r.node('k8s-node1')!).cpuMilli).toBe(2000);
    expect(allocatableOf(r.node('k8s-node1')!).memoryBytes).toBeGreaterThan(3 * 2 ** 30);
  });
});
