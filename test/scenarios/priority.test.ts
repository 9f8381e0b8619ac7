/**
 * PriorityClass as the docs' "Pod Priority and Preemption" page shows it: the
 * two system classes exist from the start, `priorityClassName` becomes
 * `spec.priority` and `preemptionPolicy` at admission, a globalDefault class
 * applies to pods without one, a second globalDefault and unknown names are
 * forbidden; a high-priority pod that does not fit preempts a lower one
 * (unless its policy is Never).
 */
import { describe, expect, it } from 'vitest';
import { lab } from '../../core/kubectl/testkit.ts';
import { TestCluster, nodeOf } from '../harness/testCluster.ts';
import { R } from '../../core/controllers/resources.ts';

const pc = (name: string, value: number, extra = '') => `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: ${name}
value: ${value}
${extra}`;

const pod = (name: string, spec = '', cpu = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${spec}  containers:
  - name: app
    image: nginx
${cpu ? `    resources:\n      requests: {cpu: ${cpu}}\n` : ''}`;

interface PodSpec {
  priority?: number;
  priorityClassName?: string;
  preemptionPolicy?: string;
}
const specOf = (t: TestCluster, name: string) => t.get('pod', name)?.spec as PodSpec;

describe('PriorityClass', () => {
  it('bootstraps the two system classes', () => {
    const l = lab();
    expect(l.k('get pc').stdout).toBe(
      'NAME                      VALUE        GLOBAL-DEFAULT   AGE   PREEMPTIONPOLICY\n' +
        'system-cluster-critical   2000000000   false            0s    PreemptLowerPriority\n' +
        'system-node-critical      2000001000   false            0s    PreemptLowerPriority\n',
    );
  });

  it('resolves priorityClassName to priority and preemptionPolicy', () => {
    const t = TestCluster.create()
      .apply(pc('high', 1000000, 'preemptionPolicy: Never\n'))
      .apply(pod('important', '  priorityClassName: high\n'))
      .apply(pod('critical', '  priorityClassName: system-cluster-critical\n'))
      .apply(pod('plain'));
    expect(specOf(t, 'important')).toMatchObject({ priority: 1000000, preemptionPolicy: 'Never' });
    expect(specOf(t, 'critical')).toMatchObject({ priority: 2000000000, preemptionPolicy: 'PreemptLowerPriority' });
    expect(specOf(t, 'plain')).toMatchObject({ priority: 0, preemptionPolicy: 'PreemptLowerPriority' });
    expect(specOf(t, 'plain').priorityClassName).toBeUndefined();
  });

  it('refuses unknown classes and a priority that disagrees with the class', () => {
    const l = lab();
    l.files['pod.yaml'] = pod('x', '  priorityClassName: missing\n');
    expect(l.k('apply -f pod.yaml').stderr).toBe(
      'Error from server (Forbidden): error when creating "pod.yaml": pods "x" is forbidden: no PriorityClass with name missing was found\n',
    );
    l.files['pod.yaml'] = pod('x', '  priorityClassName: system-node-critical\n  priority: 5\n');
    expect(l.k('apply -f pod.yaml').stderr).toBe(
      'Error from server (Forbidden): error when creating "pod.yaml": pods "x" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 2000001000 from the given PriorityClass name\n',
    );
  });

  it('a Deployment naming an unknown class shows FailedCreate on its ReplicaSet', () => {
    const t = TestCluster.create().apply(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      priorityClassName: missing
      containers:
      - {name: nginx, image: nginx}
`);
    t.advance(5);
    expect(t.pods()).toEqual([]);
    const rs = t.list('rs')[0]!;
    // Priority is a mutating plugin: it runs before the name is generated, so it names the prefix.
    expect(t.events(rs)[0]).toBe(
      `FailedCreate: Error creating: pods "${rs.metadata.name ?? ''}-" is forbidden: no PriorityClass with name missing was found`,
    );
  });

  it('applies the globalDefault class and refuses a second one', () => {
    const t = TestCluster.create()
      .apply(pc('normal', 100, 'globalDefault: true\n'))
      .apply(pod('p'));
    expect(specOf(t, 'p')).toMatchObject({ priorityClassName: 'normal', priority: 100 });
    expect(t.tryApply(pc('other', 200, 'globalDefault: true\n')).results[0]?.error?.message).toBe(
      'priorityclasses.scheduling.k8s.io "other" is forbidden: PriorityClass normal is already marked as default. Only one default can exist',
    );
  });

  it('a high-priority pod that does not fit preempts a lower-priority one; policy Never waits', () => {
    const t = TestCluster.create();
    t.cluster.api.mutate(
      R.nodes,
      undefined,
      'k8s-node2',
      (n) => ((n.spec as { unschedulable?: boolean }).unschedulable = true),
      { actor: { component: 'kubectl', reason: 'cordon' } },
    );
    t.apply(pod('low', '', '1500m')).advance(10);
    expect(nodeOf(t.get('pod', 'low')!)).toBe('k8s-node1');
    t.apply(pc('high', 1000)).apply(pc('polite', 500, 'preemptionPolicy: Never\n'));
    t.apply(pod('waiter', '  priorityClassName: polite\n', '1500m')).advance(1);
    expect(t.events(t.get('pod', 'waiter')).at(-1)).toBe(
      'FailedScheduling: 0/3 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) were unschedulable. preemption: not eligible due to preemptionPolicy=Never.',
    );
    expect(t.get('pod', 'low')!.metadata.deletionTimestamp).toBeUndefined();
    // The nominated node is set on the pod while the victim terminates.
    const nominated = new Set<string>();
    t.api.watch(R.pods, { resourceVersion: Number(t.api.store.resourceVersion) }, (e) => {
      const n = (e.object.status as { nominatedNodeName?: string } | undefined)?.nominatedNodeName;
      if (e.object.metadata.name === 'urgent' && n) nominated.add(n);
    });
    t.apply(pod('urgent', '  priorityClassName: high\n', '1')).advance(0);
    const urgent = t.get('pod', 'urgent')!;
    expect([...nominated]).toEqual(['k8s-node1']);
    const low = t.get('pod', 'low')!;
    expect(low.metadata.deletionTimestamp).toBeDefined();
    expect(t.events(low)).toContain(`Preempted: Preempted by pod ${urgent.metadata.uid ?? ''} on node k8s-node1`);
    expect(
      (low.status as { conditions: { type: string; reason?: string }[] }).conditions.find(
        (c) => c.type === 'DisruptionTarget',
      )?.reason,
    ).toBe('PreemptionByScheduler');
    t.advance(40);
    expect(t.get('pod', 'low')).toBeUndefined();
    expect(nodeOf(t.get('pod', 'urgent')!)).toBe('k8s-node1');
    expect(nodeOf(t.get('pod', 'waiter')!)).toBeUndefined();
  });
});
