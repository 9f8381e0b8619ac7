import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { KubeObject } from '../../../core/api/types.ts';
import type { TraceEntry } from '../../../core/api/trace.ts';
import { fileName, manifestYaml, objectYaml } from './manifest.ts';
import { podStatusText, statusBadge } from './podStatus.ts';
import { formatSelector, summarize } from './summary.ts';
import { schedulingView, traceRows } from './why.ts';

function pod(status: Record<string, unknown>, extra: Partial<KubeObject> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web-1',
      namespace: 'default',
      uid: 'u1',
      resourceVersion: '42',
      labels: { app: 'web' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d9f', uid: 'r', controller: true }],
      managedFields: [{ manager: 'kubectl' }],
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', note: 'keep' },
    },
    spec: { nodeName: 'k8s-node1', containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] },
    status,
    ...extra,
  };
}

const running = (ready: boolean) => ({
  phase: 'Running',
  podIP: '10.244.1.5',
  containerStatuses: [{ name: 'nginx', ready, restartCount: 2, state: { running: {} } }],
});

describe('pod status (as kubectl get pods prints it)', () => {
  it('reads phase, waiting and terminated reasons, init containers and deletion', () => {
    expect(statusBadge(pod(running(true)))).toEqual({ text: 'Running', tone: 'ok' });
    expect(statusBadge(pod(running(false)))).toEqual({ text: 'Running', tone: 'warning' });
    expect(statusBadge(pod({ phase: 'Pending' }))).toEqual({ text: 'Pending', tone: 'pending' });
    const waiting = (reason: string) => ({
      phase: 'Pending',
      containerStatuses: [{ name: 'nginx', state: { waiting: { reason } } }],
    });
    expect(statusBadge(pod(waiting('ContainerCreating')))).toEqual({ text: 'ContainerCreating', tone: 'pending' });
    expect(statusBadge(pod(waiting('CrashLoopBackOff')))).toEqual({ text: 'CrashLoopBackOff', tone: 'danger' });
    expect(statusBadge(pod(waiting('ErrImagePull')))?.tone).toBe('danger');
    const done = {
      phase: 'Succeeded',
      containerStatuses: [{ name: 'x', state: { terminated: { reason: 'Completed', exitCode: 0 } } }],
    };
    expect(statusBadge(pod(done))).toEqual({ text: 'Completed', tone: 'info' });
    const init = {
      phase: 'Pending',
      initContainerStatuses: [{ name: 'i', state: { waiting: { reason: 'PodInitializing' } } }],
    };
    expect(podStatusText(pod(init, { spec: { initContainers: [{ name: 'i' }], containers: [] } }))).toBe('Init:0/1');
    const deleting = pod(running(true));
    deleting.metadata.deletionTimestamp = '2025-01-01T00:00:00Z';
    expect(statusBadge(deleting)).toEqual({ text: 'Terminating', tone: 'muted' });
  });

  it('gives workloads, nodes and claims their badge', () => {
    const deploy = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { replicas: 3 },
      status: { readyReplicas: 2 },
    };
    expect(statusBadge(deploy)).toEqual({ text: '2/3', tone: 'pending' });
    const node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n' },
      spec: { unschedulable: true },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    };
    expect(statusBadge(node)).toEqual({ text: 'Ready,SchedulingDisabled', tone: 'warning' });
    expect(
      statusBadge({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: {}, status: { phase: 'Bound' } }),
    ).toEqual({
      text: 'Bound',
      tone: 'ok',
    });
    expect(statusBadge({ apiVersion: 'v1', kind: 'ConfigMap', metadata: {} })).toBeUndefined();
  });
});

describe('summary', () => {
  it('lists a pod’s key fields, its labels and its controlling owner', () => {
    const s = summarize(pod(running(true)));
    expect(s.fields).toEqual([
      { key: 'namespace', value: 'default' },
      { key: 'node', value: 'k8s-node1' },
      { key: 'podIP', value: '10.244.1.5' },
      { key: 'ready', value: '1/1' },
      { key: 'restarts', value: '2' },
      { key: 'containers', value: 'nginx: nginx:1.14.2' },
    ]);
    expect(s.labels).toEqual([['app', 'web']]);
    expect(s.owner).toEqual({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d9f', namespace: 'default' });
  });

  it('shows a pod’s probes and why its containers last stopped', () => {
    const status = {
      phase: 'Running',
      containerStatuses: [
        {
          name: 'liveness',
          ready: true,
          restartCount: 1,
          state: { running: {} },
          lastState: { terminated: { reason: 'Error', exitCode: 137 } },
        },
      ],
    };
    const probe = { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 10, periodSeconds: 5 };
    const p = pod(status, {
      spec: { containers: [{ name: 'liveness', image: 'busybox', livenessProbe: probe, readinessProbe: probe }] },
    });
    const fields = Object.fromEntries(summarize(p).fields.map((f) => [f.key, f.value]));
    expect(fields['probes']).toBe(
      'liveness: liveness exec [cat /tmp/healthy] delay=10s period=5s #failure=3\n' +
        'liveness: readiness exec [cat /tmp/healthy] delay=10s period=5s #failure=3',
    );
    expect(fields['lastState']).toBe('liveness: Error (exit 137)');
  });

  it('shows an autoscaler’s target, range and metrics', () => {
    const hpa: KubeObject = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'php-apache', namespace: 'default' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' },
        minReplicas: 1,
        maxReplicas: 10,
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } },
        ],
      },
      status: {
        currentReplicas: 1,
        desiredReplicas: 4,
        currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 250 } } }],
      },
    };
    const fields = Object.fromEntries(summarize(hpa).fields.map((f) => [f.key, f.value]));
    expect(fields).toMatchObject({
      scaleTarget: 'Deployment/php-apache',
      replicaRange: '1–10',
      current: '1',
      desired: '4',
      metrics: 'cpu: 250%/50%',
    });
  });

  it('shows a deployment’s replica counts, selector and images, and a service’s ports', () => {
    const d: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        strategy: { type: 'RollingUpdate' },
        template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } },
      },
      status: {
        replicas: 3,
        updatedReplicas: 3,
        readyReplicas: 2,
        availableReplicas: 2,
        conditions: [
          {
            type: 'Available',
            status: 'False',
            reason: 'MinimumReplicasUnavailable',
            message: 'Deployment does not have minimum availability.',
          },
        ],
      },
    };
    const s = summarize(d);
    expect(s.fields.map((f) => `${f.key}=${f.value}`)).toEqual([
      'namespace=default',
      'desired=3',
      'current=3',
      'updated=3',
      'readyReplicas=2',
      'available=2',
      'strategy=RollingUpdate',
      'selector=app=web',
      'containers=nginx: nginx:1.25',
    ]);
    expect(s.conditions[0]).toEqual({
      type: 'Available',
      status: 'False',
      reason: 'MinimumReplicasUnavailable',
      message: 'Deployment does not have minimum availability.',
    });
    const svc: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: {
        type: 'NodePort',
        clusterIP: '10.96.0.12',
        selector: { app: 'web' },
        ports: [{ port: 80, targetPort: 8080, nodePort: 30080, protocol: 'TCP' }],
      },
    };
    expect(summarize(svc).fields.find((f) => f.key === 'ports')?.value).toBe('80:30080/TCP → 8080');
  });

  it('formats selectors like kubectl', () => {
    expect(
      formatSelector({
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['a', 'b'] },
          { key: 'x', operator: 'Exists' },
        ],
      }),
    ).toBe('app=web,tier in (a,b),x');
    expect(formatSelector({ app: 'web', tier: 'fe' })).toBe('app=web,tier=fe');
  });
});

describe('YAML', () => {
  it('hides managedFields in the YAML tab and keeps everything else', () => {
    const y = parse(objectYaml(pod(running(true)))) as KubeObject;
    expect(y.metadata.managedFields).toBeUndefined();
    expect(y.metadata.uid).toBe('u1');
    expect(y.status).toBeDefined();
  });

  it('loads a clean manifest into the editor', () => {
    const y = parse(manifestYaml(pod(running(true)))) as KubeObject;
    expect(y.status).toBeUndefined();
    expect(y.metadata).toEqual({
      name: 'web-1',
      namespace: 'default',
      labels: { app: 'web' },
      annotations: { note: 'keep' },
    });
    expect(y.spec).toEqual({ nodeName: 'k8s-node1', containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] });
    expect(fileName(y)).toBe('web-1.yaml');
  });
});

describe('why', () => {
  const ref = { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'web-1' };
  const entry = (seq: number, e: Partial<TraceEntry>): TraceEntry => ({
    seq,
    time: '2025-01-01T10:00:05Z',
    component: 'kubelet/k8s-node1',
    verb: 'status',
    kind: 'Pod',
    namespace: 'default',
    name: 'web-1',
    reason: 'container nginx started',
    ...e,
  });

  it('makes a readable timeline, folding repeated entries', () => {
    const rows = traceRows(
      [
        entry(1, {
          component: 'replicaset-controller',
          verb: 'create',
          kind: 'ReplicaSet',
          name: 'web-7d9f',
          reason: 'desired 3, observed 2',
        }),
        entry(2, { component: 'default-scheduler', verb: 'create', reason: 'bound to k8s-node1' }),
        entry(3, {}),
        entry(4, {}),
      ],
      ref,
    );
    expect(rows.map((r) => [r.time, r.component, r.verb, r.object, r.reason, r.count])).toEqual([
      ['10:00:05', 'replicaset-controller', 'create', 'replicaset/web-7d9f', 'desired 3, observed 2', 1],
      ['10:00:05', 'default-scheduler', 'create', '', 'bound to k8s-node1', 1],
      ['10:00:05', 'kubelet/k8s-node1', 'status', '', 'container nginx started', 2],
    ]);
  });

  it('shows why a pod is Pending: nodes × plugins and the summary message', () => {
    const v = schedulingView({
      pod: 'default/web-1',
      time: '2025-01-01T10:00:05Z',
      message:
        '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.',
      perNode: {
        'k8s-node2': [{ plugin: 'NodeResourcesFit', reason: 'Insufficient cpu' }],
        'k8s-master': [
          {
            plugin: 'TaintToleration',
            reason: 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
          },
        ],
        'k8s-node1': [{ plugin: 'NodeResourcesFit', reason: 'Insufficient cpu' }],
      },
    });
    expect(v.message).toMatch(/^0\/3 nodes are available/);
    expect(v.rejections.map((r) => [r.node, r.reasons.map((x) => x.plugin).join()])).toEqual([
      ['k8s-master', 'TaintToleration'],
      ['k8s-node1', 'NodeResourcesFit'],
      ['k8s-node2', 'NodeResourcesFit'],
    ]);
    expect(v.time).toBe('10:00:05');
  });

  it('shows how the chosen node scored, highest plugin first', () => {
    const v = schedulingView({
      pod: 'default/web-1',
      time: '2025-01-01T10:00:05Z',
      nodeName: 'k8s-node2',
      scores: {
        total: 300,
        plugins: [
          { plugin: 'NodeResourcesFit', score: 100, weight: 1 },
          { plugin: 'TaintToleration', score: 200, weight: 3 },
        ],
      },
    });
    expect(v.nodeName).toBe('k8s-node2');
    expect(v.score?.total).toBe(300);
    expect(v.score?.plugins.map((p) => p.plugin)).toEqual(['TaintToleration', 'NodeResourcesFit']);
  });
});
