/**
 * The HorizontalPodAutoscaler on the lab's load model: the docs' "HPA
 * walkthrough" (php-apache, 200m requested, target 50 %) end to end on the
 * virtual clock, through the embedded kubectl, plus the failure, bound and
 * behavior cases of pkg/controller/podautoscaler.
 */
import { describe, expect, it } from 'vitest';
import { resourceByKind, storageKey } from '../../core/api/registry.ts';
import type { KubeObject } from '../../core/api/types.ts';
import { ApiServer } from '../../core/apiserver/server.ts';
import { runKubectl } from '../../core/kubectl/index.ts';
import { split } from '../../core/kubectl/testkit.ts';
import { TestCluster } from '../harness/testCluster.ts';
import { phpApache } from '../harness/manifests.ts';

const AUTOSCALE = 'autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10';

/** A TestCluster with the embedded kubectl in front of it. */
function setup(manifest = phpApache()) {
  const t = TestCluster.create().apply(manifest).advance(30);
  const server = new ApiServer(t.cluster, {
    setClockMode: (mode, speed) => ({ mode, speed }),
    clockMode: () => ({ mode: 'manual', speed: 1 }),
  });
  const k = (line: string) => runKubectl(split(line), { server, files: {} });
  /** The `kubectl get hpa` row, columns split on runs of spaces. */
  const row = (name = 'php-apache') =>
    k(`get hpa ${name} --no-headers`)
      .stdout.trim()
      .split(/\s{2,}/);
  const hpa = (name = 'php-apache') => t.get('hpa', name)!;
  const replicas = () => (t.get('deploy', 'php-apache')!.spec as { replicas: number }).replicas;
  return { t, k, row, hpa, replicas, server };
}

function conditions(hpa: KubeObject): string[] {
  const list = (hpa.status as { conditions?: { type: string; status: string; reason: string }[] }).conditions ?? [];
  return list.map((c) => `${c.type}=${c.status} ${c.reason}`);
}

function condition(hpa: KubeObject, type: string): { status: string; reason: string; message: string } | undefined {
  const list = (hpa.status as { conditions?: { type: string; status: string; reason: string; message: string }[] })
    .conditions;
  return list?.find((c) => c.type === type);
}

describe('the HPA walkthrough: php-apache at 50 % of 200m', () => {
  it('kubectl autoscale creates an autoscaling/v2 HPA; the first sync comes 15 s later', () => {
    const { t, k, row, hpa } = setup();
    expect(k(AUTOSCALE).stdout).toBe('horizontalpodautoscaler.autoscaling/php-apache autoscaled\n');
    expect(hpa().apiVersion).toBe('autoscaling/v2');
    expect(hpa().spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' },
      minReplicas: 1,
      maxReplicas: 10,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } },
      ],
    });
    expect(k('get hpa').stdout.split('\n')[0]).toMatch(
      /^NAME\s+REFERENCE\s+TARGETS\s+MINPODS\s+MAXPODS\s+REPLICAS\s+AGE$/,
    );
    expect(row()).toEqual(['php-apache', 'Deployment/php-apache', 'cpu: <unknown>/50%', '1', '10', '0', '0s']);
    t.advance(14);
    expect(row()[2]).toBe('cpu: <unknown>/50%');
    t.advance(1);
    // Idle: 0 % proposes 0 replicas; the initial recommendation (the current 1) holds it for 300 s.
    expect(row()).toEqual(['php-apache', 'Deployment/php-apache', 'cpu: 0%/50%', '1', '10', '1', '15s']);
    expect(conditions(hpa())).toEqual([
      'AbleToScale=True ScaleDownStabilized',
      'ScalingActive=True ValidMetricFound',
      'ScalingLimited=False DesiredWithinRange',
    ]);
    expect(condition(hpa(), 'ScalingActive')?.message).toBe(
      'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
    );
    expect(hpa().status).toMatchObject({
      currentReplicas: 1,
      desiredReplicas: 1,
      currentMetrics: [
        { type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 0, averageValue: '1m' } } },
      ],
    });
    expect(hpa().status).not.toHaveProperty('lastScaleTime');
    expect(t.events(hpa())).toEqual([]);
    t.expectIdempotent('horizontal-pod-autoscaler');
    // Once that recommendation is more than 300 s old, 0 is clamped by minReplicas instead.
    t.advance(300);
    expect(condition(hpa(), 'AbleToScale')?.reason).toBe('ScaleDownStabilized');
    t.advance(15);
    expect(conditions(hpa())).toEqual([
      'AbleToScale=True ReadyForNewScale',
      'ScalingActive=True ValidMetricFound',
      'ScalingLimited=True TooFewReplicas',
    ]);
    expect(condition(hpa(), 'ScalingLimited')?.message).toBe(
      'the desired replica count is less than the minimum replica count',
    );
  });

  it('offered load 1000m: replicas grow in 15 s steps to 10, and shrink only after the 300 s window', () => {
    const { t, k, row, hpa, replicas } = setup();
    k(AUTOSCALE);
    t.advance(15);
    t.cluster.load.set('default', 'php-apache', 1000);
    expect(k('top pods --no-headers').stdout).toMatch(/^php-apache-\S+\s+500m\s/); // capped at the 500m limit

    // One sync every 15 s: [TARGETS, REPLICAS column, the Deployment's spec.replicas afterwards].
    const steps: [string, string, number][] = [];
    for (let i = 0; i < 6; i++) {
      t.advance(15);
      steps.push([row()[2]!, row()[5]!, replicas()]);
      t.expectIdempotent('horizontal-pod-autoscaler');
    }
    // Pods whose Ready is younger than one metrics window (15 s) count as unready while they warm up.
    expect(steps).toEqual([
      // 500m/200m = 250 %: ratio 5 → 5 replicas, capped at max(2 × 1, 4) = 4.
      ['cpu: 250%/50%', '1', 4],
      // 1 warm pod at 125 %, 3 warming at 0 %: 31 % would reverse the direction, so 4 is proposed; the
      // legacy stabilization applies the highest recent recommendation (5), with no metric to name.
      ['cpu: 125%/50%', '4', 5],
      // 4 warm pods at 100 %, the new one at 0 %: 80 % → ceil(1.6 × 5) = 8.
      ['cpu: 100%/50%', '5', 8],
      // 5 warm pods at 63 %, 3 warming at 0 %: 39 % would reverse the direction: stay at 8.
      ['cpu: 63%/50%', '8', 8],
      // All 8 at 63 %: ceil(1.26 × 8) = 11, limited to maxReplicas 10 (TooManyReplicas).
      ['cpu: 63%/50%', '8', 10],
      // 10 pods at 100m: 50 %, within the 10 % tolerance.
      ['cpu: 50%/50%', '10', 10],
    ]);
    expect(t.events(hpa())).toEqual([
      'SuccessfulRescale: New size: 4; reason: cpu resource utilization (percentage of request) above target',
      'SuccessfulRescale: New size: 5; reason: ',
      'SuccessfulRescale: New size: 8; reason: cpu resource utilization (percentage of request) above target',
      'SuccessfulRescale: New size: 10; reason: cpu resource utilization (percentage of request) above target',
    ]);
    expect(condition(hpa(), 'ScalingLimited')).toMatchObject({ status: 'True', reason: 'TooManyReplicas' });
    expect(t.readyPods()).toHaveLength(10);

    // Load removed: 0 % proposes 0 (1 at minReplicas), but the recommendations of the last 300 s hold 10
    // until the last one, made as the load stopped, is more than 300 s old.
    t.cluster.load.set('default', 'php-apache', 0);
    const lastHigh = t.cluster.clock.now();
    let scaledDownAt = 0;
    for (let i = 0; i < 30 && !scaledDownAt; i++) {
      t.advance(15);
      if (replicas() === 1) scaledDownAt = t.cluster.clock.now();
      else expect(condition(hpa(), 'AbleToScale')?.reason).toBe('ScaleDownStabilized');
    }
    expect((scaledDownAt - lastHigh) / 1000).toBe(315);
    expect(t.events(hpa()).at(-1)).toBe('SuccessfulRescale: New size: 1; reason: All metrics below target');
    expect(row()).toEqual(['php-apache', 'Deployment/php-apache', 'cpu: 0%/50%', '1', '10', '10', '7m']);
    t.advance(60);
    expect(t.readyPods()).toHaveLength(1);
    expect(row()[5]).toBe('1');
    t.expectIdempotent('horizontal-pod-autoscaler');
  });

  it('the lab API offers and lists load (POST/GET /lab/v1/load)', () => {
    const { server, t } = setup();
    const call = (method: string, body?: unknown) =>
      server.handle({
        method,
        path: '/lab/v1/load',
        query: {},
        headers: { 'content-type': 'application/json' },
        ...(body ? { body: new TextEncoder().encode(JSON.stringify(body)) } : {}),
      });
    const set = call('POST', { namespace: 'default', service: 'php-apache', cpu: '1500m' });
    expect(set).toMatchObject({ status: 200 });
    expect(t.cluster.load.list()).toEqual([{ namespace: 'default', service: 'php-apache', cpuMillis: 1500 }]);
    const list = call('GET') as { body: string };
    expect(JSON.parse(list.body)).toEqual({ items: [{ namespace: 'default', service: 'php-apache', cpu: '1500m' }] });
    expect(call('POST', { service: 'php-apache', cpu: 'lots' })).toMatchObject({ status: 400 });
  });
});

describe('HPA conditions and limits', () => {
  it('a pod without a cpu request: FailedGetResourceMetric, and the target is left alone', () => {
    const { t, k, row, hpa, replicas } = setup(phpApache('resources: {}'));
    k(AUTOSCALE);
    t.cluster.load.set('default', 'php-apache', 1000);
    t.advance(15);
    const pod = t.pods()[0]!.metadata.name;
    const inner = `failed to get cpu utilization: missing request for cpu in container php-apache of Pod ${pod}`;
    expect(condition(hpa(), 'ScalingActive')).toMatchObject({
      status: 'False',
      reason: 'FailedGetResourceMetric',
      message: `the HPA was unable to compute the replica count: ${inner}`,
    });
    expect(t.events(hpa())).toEqual([
      `FailedGetResourceMetric: ${inner}`,
      `FailedComputeMetricsReplicas: invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${inner}`,
    ]);
    expect(hpa().status).toMatchObject({ currentReplicas: 1, desiredReplicas: 0, currentMetrics: [{ type: '' }] });
    expect(row()[2]).toBe('cpu: <unknown>/50%');
    t.advance(60);
    expect(replicas()).toBe(1);
    const warning = t.list('events').find((e) => e.reason === 'FailedGetResourceMetric')!;
    expect(warning.count).toBe(5);
    t.expectIdempotent('horizontal-pod-autoscaler');
  });

  it('minReplicas and maxReplicas: out-of-range targets are brought back, proposals are capped', () => {
    const { t, k, row, hpa, replicas } = setup();
    k('autoscale deployment php-apache --cpu-percent=50 --min=2 --max=3');
    t.advance(15);
    expect(replicas()).toBe(2);
    expect(t.events(hpa())).toEqual([
      'SuccessfulRescale: New size: 2; reason: Current number of replicas below Spec.MinReplicas',
    ]);
    expect(row()[2]).toBe('cpu: <unknown>/50%'); // no metrics are read on this path

    t.cluster.load.set('default', 'php-apache', 1000);
    t.advance(30);
    expect(replicas()).toBe(3);
    expect(condition(hpa(), 'ScalingLimited')).toMatchObject({
      status: 'True',
      reason: 'TooManyReplicas',
      message: 'the desired replica count is more than the maximum replica count',
    });

    k('scale deployment php-apache --replicas=6');
    t.advance(15);
    expect(replicas()).toBe(3);
    expect(t.events(hpa()).at(-1)).toBe(
      'SuccessfulRescale: New size: 3; reason: Current number of replicas above Spec.MaxReplicas',
    );
    t.expectIdempotent('horizontal-pod-autoscaler');
  });

  it('pods that never run report no metrics: FailedGetResourceMetric', () => {
    const { t, k, row, hpa } = setup(
      phpApache().replace('registry.k8s.io/hpa-example', 'registry.k8s.io/hpa-example:doesnotexist'),
    );
    k(AUTOSCALE);
    t.advance(15);
    const inner =
      'failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API';
    expect(condition(hpa(), 'ScalingActive')).toMatchObject({
      status: 'False',
      reason: 'FailedGetResourceMetric',
      message: `the HPA was unable to compute the replica count: ${inner}`,
    });
    expect(t.events(hpa())[0]).toBe(`FailedGetResourceMetric: ${inner}`);
    expect(row()[2]).toBe('cpu: <unknown>/50%');
  });

  it('scales a ReplicaSet', () => {
    const { t, k } = setup(`
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: php-rs
spec:
  replicas: 1
  selector:
    matchLabels:
      app: php-rs
  template:
    metadata:
      labels:
        app: php-rs
    spec:
      containers:
        - name: php
          image: registry.k8s.io/hpa-example
          resources:
            limits:
              cpu: 500m
            requests:
              cpu: 200m
---
apiVersion: v1
kind: Service
metadata:
  name: php-rs
spec:
  ports:
    - port: 80
  selector:
    app: php-rs
`);
    expect(k('autoscale rs php-rs --max=5 --cpu-percent=50').stdout).toBe(
      'horizontalpodautoscaler.autoscaling/php-rs autoscaled\n',
    );
    t.cluster.load.set('default', 'php-rs', 1000);
    t.advance(15);
    expect((t.get('rs', 'php-rs')!.spec as { replicas: number }).replicas).toBe(4);
    expect(t.events(t.get('hpa', 'php-rs'))).toEqual([
      'SuccessfulRescale: New size: 4; reason: cpu resource utilization (percentage of request) above target',
    ]);
    t.advance(15);
    expect(t.readyPods()).toHaveLength(4);
  });

  it('a target scaled to zero disables autoscaling (no scale to zero by default)', () => {
    const { t, k, hpa, replicas } = setup();
    k(AUTOSCALE);
    k('scale deployment php-apache --replicas=0');
    t.advance(15);
    expect(replicas()).toBe(0);
    expect(condition(hpa(), 'ScalingActive')).toMatchObject({
      status: 'False',
      reason: 'ScalingDisabled',
      message: 'scaling is disabled since the replica count of the target is zero',
    });
  });

  it('a missing target: FailedGetScale', () => {
    const { t, k, hpa } = setup();
    k('autoscale deployment php-apache --max=3');
    t.delete('deploy', 'php-apache');
    t.advance(15);
    expect(condition(hpa(), 'AbleToScale')).toMatchObject({
      status: 'False',
      reason: 'FailedGetScale',
      message:
        'the HPA controller was unable to get the target\'s current scale: deployments.apps "php-apache" not found',
    });
    expect(t.events(hpa())).toEqual(['FailedGetScale: deployments.apps "php-apache" not found']);
    expect(hpa().spec).toMatchObject({ metrics: [{ resource: { target: { averageUtilization: 80 } } }] });
  });
});

describe('HPA behavior', () => {
  const withBehavior = `
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: php-apache
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: php-apache}
  minReplicas: 1
  maxReplicas: 10
  metrics:
    - type: Resource
      resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}
  behavior:
    scaleUp:
      policies: [{type: Pods, value: 1, periodSeconds: 60}]
    scaleDown:
      stabilizationWindowSeconds: 30
      policies: [{type: Pods, value: 2, periodSeconds: 15}]
`;

  it('custom policies: at most 1 pod per 60 s up; down 2 per 15 s after a 30 s window', () => {
    const { t, hpa, replicas } = setup();
    t.apply(withBehavior);
    expect((hpa().spec as { behavior: unknown }).behavior).toEqual({
      scaleUp: {
        stabilizationWindowSeconds: 0,
        selectPolicy: 'Max',
        policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }],
      },
      scaleDown: {
        stabilizationWindowSeconds: 30,
        selectPolicy: 'Max',
        policies: [{ type: 'Pods', value: 2, periodSeconds: 15 }],
      },
    });
    t.cluster.load.set('default', 'php-apache', 1000);
    const ups: number[] = [];
    for (let i = 0; i < 10; i++) ups.push((t.advance(15), replicas()));
    // +1 at 15 s, then the 60 s period must pass before the next pod (events older than 60 s no longer count).
    expect(ups).toEqual([2, 2, 2, 2, 3, 3, 3, 3, 4, 4]);
    expect(condition(hpa(), 'ScalingLimited')).toMatchObject({
      status: 'True',
      reason: 'ScaleUpLimit',
      message: 'the desired replica count is increasing faster than the maximum scale rate',
    });
    t.expectIdempotent('horizontal-pod-autoscaler');

    t.cluster.load.set('default', 'php-apache', 0);
    const downs: number[] = [];
    for (let i = 0; i < 4; i++) downs.push((t.advance(15), replicas()));
    // 0 % proposes 1; the 30 s window holds 4 for one sync (a recommendation exactly 30 s old no
    // longer counts), then 2 pods per 15 s.
    expect(downs).toEqual([4, 2, 1, 1]);
    expect(t.events(hpa()).slice(-2)).toEqual([
      'SuccessfulRescale: New size: 2; reason: All metrics below target',
      'SuccessfulRescale: New size: 1; reason: All metrics below target',
    ]);
  });

  it('selectPolicy Disabled: never scales down', () => {
    const { t, hpa, replicas } = setup();
    t.apply(
      withBehavior.replace(
        'stabilizationWindowSeconds: 30',
        'stabilizationWindowSeconds: 0\n      selectPolicy: Disabled',
      ),
    );
    t.cluster.load.set('default', 'php-apache', 1000);
    t.advance(15);
    expect(replicas()).toBe(2);
    t.cluster.load.set('default', 'php-apache', 0);
    t.advance(120);
    expect(replicas()).toBe(2);
    expect(condition(hpa(), 'ScalingLimited')).toMatchObject({
      status: 'True',
      reason: 'ScaleDownLimit',
      message: 'the desired replica count is decreasing faster than the maximum scale rate',
    });
  });
});

describe('autoscaling/v1', () => {
  it('a v1 HPA scales on targetCPUUtilizationPercentage and reports currentCPUUtilizationPercentage', () => {
    const { t, row, replicas } = setup();
    const v1 = resourceByKind('autoscaling/v1', 'HorizontalPodAutoscaler')!;
    // Stored as autoscaling/v2 (the storage version); a v1 client reads it converted back.
    const hpa = () => {
      const r = t.api.get(v1, 'default', 'php-apache');
      if (!r.ok) throw new Error(r.status.message);
      return r.value;
    };
    t.apply(`
apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata:
  name: php-apache
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: php-apache}
  maxReplicas: 10
  targetCPUUtilizationPercentage: 50
`);
    t.cluster.load.set('default', 'php-apache', 1000);
    t.advance(15);
    expect(replicas()).toBe(4);
    expect(hpa().apiVersion).toBe('autoscaling/v1');
    expect(t.api.store.get(storageKey(v1), 'default', 'php-apache')!.apiVersion).toBe('autoscaling/v2');
    expect(hpa().status).toEqual({
      lastScaleTime: t.cluster.clock.nowIso(),
      currentReplicas: 1,
      desiredReplicas: 4,
      currentCPUUtilizationPercentage: 250,
    });
    expect(row()[2]).toBe('cpu: 250%/50%');
    t.expectIdempotent('horizontal-pod-autoscaler');
  });
});

describe('kubectl autoscale', () => {
  it('refuses what it cannot autoscale, as kubectl does', () => {
    const { k } = setup();
    expect(k('autoscale deployment php-apache').stderr).toBe('error: required flag(s) "max" not set\n');
    expect(k('autoscale deployment php-apache --max=2 --min=3').stderr).toBe(
      'error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 2, min: 3\n',
    );
    expect(k('autoscale service php-apache --max=2').stderr).toBe(
      'error: cannot autoscale a Service: could not find scale subresource for /v1, Resource=services in discovery information\n',
    );
    expect(k('autoscale deployment nope --max=2').stderr).toBe(
      'Error from server (NotFound): deployments.apps "nope" not found\n',
    );
    k('autoscale deployment php-apache --max=2');
    expect(k('autoscale deployment php-apache --max=2').stderr).toBe(
      'Error from server (AlreadyExists): horizontalpodautoscalers.autoscaling "php-apache" already exists\n',
    );
  });
});
