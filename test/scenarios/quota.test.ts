/**
 * ResourceQuota as the docs' "Configure Memory and CPU Quotas for a Namespace"
 * page shows it: admission refuses pods that do not declare what the quota
 * limits, or that would exceed it, in the API server's words; the quota
 * controller keeps status.used current, so `kubectl get/describe quota` show
 * real numbers, and releases usage when pods go. A Deployment whose pods are
 * refused shows FailedCreate on its ReplicaSet.
 */
import { describe, expect, it } from 'vitest';
import { lab } from '../../core/kubectl/testkit.ts';
import type { Lab } from '../../core/kubectl/testkit.ts';
import { TestCluster } from '../harness/testCluster.ts';

const QUOTA = `apiVersion: v1
kind: ResourceQuota
metadata:
  name: compute-resources
spec:
  hard:
    requests.cpu: "2"
    requests.memory: 2Gi
    limits.cpu: "4"
    limits.memory: 4Gi
    pods: "4"
`;

const pod = (name: string, cpu?: string, memory = '256Mi') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: ${name}
    image: nginx
${cpu ? `    resources:\n      requests: {cpu: "${cpu}", memory: ${memory}}\n      limits: {cpu: "${cpu}", memory: ${memory}}\n` : ''}`;

function withQuota(): Lab {
  const l = lab();
  l.files['quota.yaml'] = QUOTA;
  expect(l.k('apply -f quota.yaml').stdout).toBe('resourcequota/compute-resources created\n');
  l.advance(1);
  return l;
}

function apply(l: Lab, name: string, yaml: string) {
  l.files[`${name}.yaml`] = yaml;
  return l.k(`apply -f ${name}.yaml`);
}

describe('ResourceQuota', () => {
  it('publishes hard and used, shown by kubectl get quota', () => {
    const l = withQuota();
    const [head = '', row = ''] = l.k('get quota').stdout.split('\n');
    // Cells by column (the column order is the printers' business).
    const cell = (name: string) => row.slice(head.indexOf(name)).split(/ {3,}/)[0]?.trim();
    expect(cell('NAME')).toBe('compute-resources');
    expect(cell('REQUEST')).toBe('pods: 0/4, requests.cpu: 0/2, requests.memory: 0/2Gi');
    expect(cell('LIMIT')).toBe('limits.cpu: 0/4, limits.memory: 0/4Gi');
    l.files['pod.yaml'] = pod('one', '500m');
    l.k('apply -f pod.yaml');
    const [, after = ''] = l.k('get quota').stdout.split('\n');
    expect(after).toContain('pods: 1/4, requests.cpu: 500m/2, requests.memory: 256Mi/2Gi');
    expect(after).toContain('limits.cpu: 500m/4, limits.memory: 256Mi/4Gi');
  });

  it('refuses a pod that does not declare what the quota limits', () => {
    const l = withQuota();
    const r = apply(l, 'bare', pod('bare'));
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      'Error from server (Forbidden): error when creating "bare.yaml": pods "bare" is forbidden: failed quota: compute-resources: must specify limits.cpu for: bare; limits.memory for: bare; requests.cpu for: bare; requests.memory for: bare\n',
    );
  });

  it('refuses a pod that would exceed the quota, counts the others, and releases usage on delete', () => {
    const l = withQuota();
    expect(apply(l, 'big', pod('big', '1500m')).exitCode).toBe(0);
    const r = apply(l, 'more', pod('more', '1'));
    expect(r.stderr).toBe(
      'Error from server (Forbidden): error when creating "more.yaml": pods "more" is forbidden: exceeded quota: compute-resources, requested: requests.cpu=1, used: requests.cpu=1500m, limited: requests.cpu=2\n',
    );
    expect(apply(l, 'small', pod('small', '500m')).exitCode).toBe(0);
    l.advance(2);
    const used = l.k("get quota compute-resources -o jsonpath='{.status.used}'").stdout;
    expect(JSON.parse(used)).toEqual({
      'limits.cpu': '2',
      'limits.memory': '512Mi',
      pods: '2',
      'requests.cpu': '2',
      'requests.memory': '512Mi',
    });
    expect(l.k('describe quota compute-resources').stdout).toMatch(
      /\nrequests\.cpu +2 +2\nrequests\.memory +512Mi +2Gi\n/,
    );
    l.k('delete pod big');
    l.advance(40);
    expect(l.k("get quota compute-resources -o jsonpath='{.status.used.requests\\.cpu}'").stdout).toBe('500m');
    expect(apply(l, 'more', pod('more', '1')).exitCode).toBe(0);
  });

  it('counts objects: count/configmaps and services.nodeports', () => {
    const t = TestCluster.create().apply(`apiVersion: v1
kind: ResourceQuota
metadata:
  name: objects
spec:
  hard:
    count/configmaps: "2"
    services.nodeports: "1"
`);
    t.advance(1);
    t.apply('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n');
    // kube-root-ca.crt is the namespace's first ConfigMap.
    const refused = t.tryApply('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: two\n');
    expect(refused.results[0]?.error?.message).toBe(
      'configmaps "two" is forbidden: exceeded quota: objects, requested: count/configmaps=1, used: count/configmaps=2, limited: count/configmaps=2',
    );
    const svc = (name: string, port: number) =>
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  type: NodePort\n  selector: {app: x}\n  ports:\n  - port: ${port}\n`;
    t.apply(svc('a', 80));
    expect(t.tryApply(svc('b', 81)).results[0]?.error?.message).toBe(
      'services "b" is forbidden: exceeded quota: objects, requested: services.nodeports=1, used: services.nodeports=1, limited: services.nodeports=1',
    );
    t.advance(1);
    expect((t.get('quota', 'objects')?.status as { used: unknown }).used).toEqual({
      'count/configmaps': '2',
      'services.nodeports': '1',
    });
    t.expectIdempotent('resourcequota-controller');
  });

  it('a Deployment whose pods are refused shows FailedCreate on its ReplicaSet', () => {
    const t = TestCluster.create().apply(QUOTA).advance(1);
    t.apply(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx
        resources:
          requests: {cpu: 800m, memory: 100Mi}
          limits: {cpu: 800m, memory: 100Mi}
`);
    t.advance(30);
    expect(t.pods()).toHaveLength(2);
    const rs = t.list('rs')[0];
    const failed = t.events(rs).filter((e) => e.startsWith('FailedCreate'));
    // Retried with the work queue's back-off; each attempt names a fresh pod.
    expect(failed.length).toBeGreaterThan(5);
    for (const f of failed)
      expect(f).toMatch(
        /^FailedCreate: Error creating: pods "web-\w+-\w{5}" is forbidden: exceeded quota: compute-resources, requested: requests.cpu=800m, used: requests.cpu=1600m, limited: requests.cpu=2$/,
      );
    t.expectIdempotent('resourcequota-controller');
  });

  it('scopes: a BestEffort quota counts only pods without requests or limits', () => {
    const t = TestCluster.create().apply(`apiVersion: v1
kind: ResourceQuota
metadata:
  name: best-effort
spec:
  hard:
    pods: "1"
  scopes: [BestEffort]
`);
    t.advance(1);
    t.apply(pod('a')).apply(pod('b', '100m'));
    expect(t.tryApply(pod('c')).results[0]?.error?.message).toBe(
      'pods "c" is forbidden: exceeded quota: best-effort, requested: pods=1, used: pods=1, limited: pods=1',
    );
  });

  it('scopeSelector: a PriorityClass quota counts only pods of that class', () => {
    const t = TestCluster.create().apply(`apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high
value: 1000
---
apiVersion: v1
kind: ResourceQuota
metadata:
  name: high-pods
spec:
  hard:
    pods: "1"
  scopeSelector:
    matchExpressions:
    - {scopeName: PriorityClass, operator: In, values: [high]}
`);
    t.advance(1);
    const classed = (name: string) => pod(name).replace('spec:\n', 'spec:\n  priorityClassName: high\n');
    t.apply(classed('h1')).apply(pod('plain1')).apply(pod('plain2'));
    expect(t.tryApply(classed('h2')).results[0]?.error?.message).toBe(
      'pods "h2" is forbidden: exceeded quota: high-pods, requested: pods=1, used: pods=1, limited: pods=1',
    );
  });

  it('a finished pod no longer uses compute quota, though count/pods still counts it', () => {
    const t = TestCluster.create().apply(`apiVersion: v1
kind: ResourceQuota
metadata:
  name: q
spec:
  hard:
    pods: "2"
    count/pods: "5"
`);
    t.advance(1);
    t.apply(`apiVersion: v1
kind: Pod
metadata:
  name: once
spec:
  restartPolicy: Never
  containers:
  - name: job
    image: busybox
    command: ["sh", "-c", "echo done"]
`);
    t.advance(1);
    expect((t.get('quota', 'q')?.status as { used: unknown }).used).toEqual({ pods: '1', 'count/pods': '1' });
    t.advance(30);
    expect((t.get('pod', 'once')?.status as { phase: string }).phase).toBe('Succeeded');
    expect((t.get('quota', 'q')?.status as { used: unknown }).used).toEqual({ pods: '0', 'count/pods': '1' });
    t.expectIdempotent('resourcequota-controller');
  });
});
