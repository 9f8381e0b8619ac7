import { describe as suite, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { describe } from './describe.ts';
import { NOW, rt } from './describe.fixtures.ts';

const template = (app: string, image: string) => ({
  metadata: { labels: { app } },
  spec: { containers: [{ name: app, image, ports: [{ containerPort: 80, protocol: 'TCP' }] }] },
});
const pod = (name: string, owner: KubeObject, phase: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace: 'default',
    ownerReferences: [
      {
        apiVersion: 'apps/v1',
        kind: owner.kind,
        name: owner.metadata.name ?? '',
        uid: owner.metadata.uid ?? '',
        controller: true,
      },
    ],
  },
  status: { phase },
});
const event = (obj: KubeObject, reason: string, message: string, component: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: `${obj.metadata.name}.1`, namespace: 'default' },
  involvedObject: { kind: obj.kind, name: obj.metadata.name, namespace: 'default', uid: obj.metadata.uid },
  reason,
  message,
  type: 'Normal',
  source: { component },
  count: 1,
  firstTimestamp: '2026-11-22T15:18:25Z',
  lastTimestamp: '2026-11-22T15:18:25Z',
});

const fluentd: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: {
    name: 'fluentd',
    namespace: 'default',
    uid: 'ds-uid',
    generation: 1,
    creationTimestamp: '2026-11-22T15:18:25Z',
    labels: { app: 'fluentd' },
    annotations: { 'deprecated.daemonset.template.generation': '1' },
  },
  spec: {
    selector: { matchLabels: { app: 'fluentd' } },
    template: template('fluentd', 'fluentd:v1.16'),
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
    revisionHistoryLimit: 10,
  },
  status: {
    currentNumberScheduled: 2,
    numberMisscheduled: 0,
    desiredNumberScheduled: 2,
    numberReady: 2,
    observedGeneration: 1,
    updatedNumberScheduled: 2,
    numberAvailable: 2,
  },
};

const web: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'web', namespace: 'default', uid: 'sts-uid', creationTimestamp: '2026-11-22T15:18:25Z' },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'nginx' } },
    serviceName: 'nginx',
    template: template('nginx', 'registry.k8s.io/nginx-slim:0.24'),
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
    volumeClaimTemplates: [
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'www', creationTimestamp: null },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
        status: { phase: 'Pending' },
      },
    ],
  },
  status: { replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, availableReplicas: 3 },
};

suite('describe DaemonSet and StatefulSet', () => {
  it('DaemonSet: node counts, pod phases of its own pods only, template, events (golden)', () => {
    const pods = [
      pod('fluentd-abcde', fluentd, 'Running'),
      pod('fluentd-fghij', fluentd, 'Pending'),
      pod('other', web, 'Running'),
    ];
    const events = [event(fluentd, 'SuccessfulCreate', 'Created pod: fluentd-abcde', 'daemonset-controller')];
    expect(describe(rt('apps/v1', 'DaemonSet'), fluentd, { events, pods }, NOW)).toBe(`Name:           fluentd
Namespace:      default
Selector:       app=fluentd
Node-Selector:  <none>
Labels:         app=fluentd
Annotations:    deprecated.daemonset.template.generation: 1
Desired Number of Nodes Scheduled: 2
Current Number of Nodes Scheduled: 2
Number of Nodes Scheduled with Up-to-date Pods: 2
Number of Nodes Scheduled with Available Pods: 2
Number of Nodes Misscheduled: 0
Pods Status:  1 Running / 1 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=fluentd
  Containers:
   fluentd:
    Image:         fluentd:v1.16
    Port:          80/TCP
    Host Port:     0/TCP
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Events:
  Type    Reason            Age   From                  Message
  ----    ------            ----  ----                  -------
  Normal  SuccessfulCreate  2m    daemonset-controller  Created pod: fluentd-abcde
`);
  });

  it('StatefulSet: replicas, partition, volume claim templates (golden)', () => {
    const pods = [pod('web-0', web, 'Running'), pod('web-1', web, 'Running'), pod('web-2', web, 'Running')];
    expect(describe(rt('apps/v1', 'StatefulSet'), web, { events: [], pods }, NOW)).toBe(`Name:               web
Namespace:          default
CreationTimestamp:  Sun, 22 Nov 2026 15:18:25 +0000
Selector:           app=nginx
Labels:             <none>
Annotations:        <none>
Replicas:           3 desired | 3 total
Update Strategy:    RollingUpdate
  Partition:        0
Pods Status:        3 Running / 0 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=nginx
  Containers:
   nginx:
    Image:         registry.k8s.io/nginx-slim:0.24
    Port:          80/TCP
    Host Port:     0/TCP
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Volume Claims:
  Name:          www
  StorageClass:  
  Labels:        <none>
  Annotations:   <none>
  Capacity:      1Gi
  Access Modes:  [ReadWriteOnce]
Events:          <none>
`);
  });
});

const hello: KubeObject = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'hello', namespace: 'default', uid: 'cj-uid', creationTimestamp: '2026-11-22T15:18:25Z' },
  spec: {
    schedule: '* * * * *',
    concurrencyPolicy: 'Allow',
    suspend: false,
    successfulJobsHistoryLimit: 3,
    failedJobsHistoryLimit: 1,
    jobTemplate: {
      metadata: { creationTimestamp: null },
      spec: {
        template: {
          metadata: { creationTimestamp: null },
          spec: {
            containers: [
              {
                name: 'hello',
                image: 'busybox:1.28',
                command: ['/bin/sh', '-c', 'date; echo Hello from the Kubernetes cluster'],
              },
            ],
            restartPolicy: 'OnFailure',
          },
        },
      },
    },
  },
  status: {
    lastScheduleTime: '2026-11-22T15:20:00Z',
    active: [{ kind: 'Job', name: 'hello-29400440', namespace: 'default' }],
  },
};

const hpa: KubeObject = {
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'php-apache', namespace: 'default', uid: 'hpa-uid', creationTimestamp: '2026-11-22T15:18:25Z' },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' },
    minReplicas: 1,
    maxReplicas: 10,
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
  },
  status: {
    currentReplicas: 1,
    desiredReplicas: 1,
    currentMetrics: [
      { type: 'Resource', resource: { name: 'cpu', current: { averageValue: '1m', averageUtilization: 0 } } },
    ],
    conditions: [
      {
        type: 'AbleToScale',
        status: 'True',
        reason: 'ScaleDownStabilized',
        message: 'recent recommendations were higher than current one, applying the highest recent recommendation',
      },
      {
        type: 'ScalingActive',
        status: 'True',
        reason: 'ValidMetricFound',
        message:
          'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
      },
      {
        type: 'ScalingLimited',
        status: 'False',
        reason: 'DesiredWithinRange',
        message: 'the desired count is within the acceptable range',
      },
    ],
  },
};

const pdb: KubeObject = {
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: 'zk-pdb', namespace: 'default', uid: 'pdb-uid' },
  spec: { minAvailable: 2, selector: { matchLabels: { app: 'zookeeper' } } },
  status: { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, observedGeneration: 1 },
};

const priorityClass: KubeObject = {
  apiVersion: 'scheduling.k8s.io/v1',
  kind: 'PriorityClass',
  metadata: { name: 'high-priority', uid: 'pc-uid' },
  value: 1000000,
  globalDefault: false,
  description: 'This priority class should be used for XYZ service pods only.',
  preemptionPolicy: 'PreemptLowerPriority',
};

const quota: KubeObject = {
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  metadata: { name: 'mem-cpu-demo', namespace: 'quota-mem-cpu-example', uid: 'rq-uid' },
  spec: { hard: { 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2', 'limits.memory': '2Gi' } },
  status: {
    hard: { 'limits.cpu': '2', 'limits.memory': '2Gi', 'requests.cpu': '1', 'requests.memory': '1Gi' },
    used: { 'limits.cpu': '800m', 'limits.memory': '800Mi', 'requests.cpu': '400m', 'requests.memory': '600Mi' },
  },
};

const limitRange: KubeObject = {
  apiVersion: 'v1',
  kind: 'LimitRange',
  metadata: { name: 'cpu-min-max-demo-lr', namespace: 'default', uid: 'lr-uid' },
  spec: {
    limits: [
      {
        type: 'Container',
        max: { cpu: '800m' },
        min: { cpu: '200m' },
        default: { cpu: '800m' },
        defaultRequest: { cpu: '800m' },
      },
    ],
  },
};

suite('describe CronJob, HPA, PDB, PriorityClass, ResourceQuota, LimitRange', () => {
  it('CronJob: schedule, history limits, job template, active jobs (golden)', () => {
    expect(describe(rt('batch/v1', 'CronJob'), hello, { events: [] }, NOW)).toBe(`Name:                          hello
Namespace:                     default
Labels:                        <none>
Annotations:                   <none>
Schedule:                      * * * * *
Concurrency Policy:            Allow
Suspend:                       False
Successful Job History Limit:  3
Failed Job History Limit:      1
Starting Deadline Seconds:     <unset>
Selector:                      <unset>
Parallelism:                   <unset>
Completions:                   <unset>
Pod Template:
  Labels:  <none>
  Containers:
   hello:
    Image:      busybox:1.28
    Port:       <none>
    Host Port:  <none>
    Command:
      /bin/sh
      -c
      date; echo Hello from the Kubernetes cluster
    Environment:     <none>
    Mounts:          <none>
  Volumes:           <none>
  Node-Selectors:    <none>
  Tolerations:       <none>
Last Schedule Time:  Sun, 22 Nov 2026 15:20:00 +0000
Active Jobs:         hello-29400440
Events:              <none>
`);
  });

  it('HorizontalPodAutoscaler v2: metrics current / target, conditions (golden)', () => {
    expect(describe(rt('autoscaling/v2', 'HorizontalPodAutoscaler'), hpa, { events: [] }, NOW))
      .toBe(`Name:                                                  php-apache
Namespace:                                             default
Labels:                                                <none>
Annotations:                                           <none>
CreationTimestamp:                                     Sun, 22 Nov 2026 15:18:25 +0000
Reference:                                             Deployment/php-apache
Metrics:                                               ( current / target )
  resource cpu on pods  (as a percentage of request):  0% (1m) / 50%
Min replicas:                                          1
Max replicas:                                          10
Deployment pods:                                       1 current / 1 desired
Conditions:
  Type            Status  Reason               Message
  ----            ------  ------               -------
  AbleToScale     True    ScaleDownStabilized  recent recommendations were higher than current one, applying the highest recent recommendation
  ScalingActive   True    ValidMetricFound     the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)
  ScalingLimited  False   DesiredWithinRange   the desired count is within the acceptable range
Events:           <none>
`);
  });

  it('PodDisruptionBudget: min available, selector, status (golden)', () => {
    expect(describe(rt('policy/v1', 'PodDisruptionBudget'), pdb, { events: [] }, NOW)).toBe(`Name:           zk-pdb
Namespace:      default
Min available:  2
Selector:       app=zookeeper
Status:
    Allowed disruptions:  1
    Current:              3
    Desired:              2
    Total:                3
Events:                   <none>
`);
  });

  it('PriorityClass: value, preemption, annotations as labels (golden)', () => {
    expect(describe(rt('scheduling.k8s.io/v1', 'PriorityClass'), priorityClass, { events: [] }, NOW))
      .toBe(`Name:              high-priority
Value:             1000000
GlobalDefault:     false
PreemptionPolicy:  PreemptLowerPriority
Description:       This priority class should be used for XYZ service pods only.
Annotations:       <none>
Events:            <none>
`);
  });

  it('ResourceQuota: used and hard, sorted (golden)', () => {
    expect(describe(rt('v1', 'ResourceQuota'), quota, { events: [] }, NOW)).toBe(`Name:            mem-cpu-demo
Namespace:       quota-mem-cpu-example
Resource         Used   Hard
--------         ----   ----
limits.cpu       800m   2
limits.memory    800Mi  2Gi
requests.cpu     400m   1
requests.memory  600Mi  1Gi
`);
  });

  it('LimitRange: one row per type and resource, - where unset (golden)', () => {
    expect(describe(rt('v1', 'LimitRange'), limitRange, { events: [] }, NOW)).toBe(`Name:       cpu-min-max-demo-lr
Namespace:  default
Type        Resource  Min   Max   Default Request  Default Limit  Max Limit/Request Ratio
----        --------  ---   ---   ---------------  -------------  -----------------------
Container   cpu       200m  800m  800m             800m           -
`);
  });
});

suite('describe: edge cases of the new describers', () => {
  it('ResourceQuota shows scopes with their help, and used in the hard format', () => {
    const rq: KubeObject = {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'q', namespace: 'default' },
      spec: { scopes: ['NotTerminating', 'BestEffort'] },
      status: { hard: { pods: '10', 'requests.memory': '1Gi' }, used: { pods: '2', 'requests.memory': '0' } },
    };
    const out = describe(rt('v1', 'ResourceQuota'), rq, { events: [] }, NOW);
    expect(out).toContain(
      'Scopes:     BestEffort, NotTerminating\n * Matches all pods that do not have resource requirements set.',
    );
    expect(out).toMatch(/\nrequests\.memory\s+0\s+1Gi\n$/);
  });

  it('a StatefulSet with OnDelete shows no partition; a paused CronJob says Suspend: True', () => {
    const sts = {
      ...web,
      spec: { ...(web.spec as object), updateStrategy: { type: 'OnDelete' }, volumeClaimTemplates: [] },
    };
    const out = describe(rt('apps/v1', 'StatefulSet'), sts, { events: [] }, NOW);
    expect(out).toContain('Update Strategy:    OnDelete\nPods Status:');
    expect(out).toMatch(/\nVolume Claims:\s+<none>\n/);
    const cj = { ...hello, spec: { ...(hello.spec as object), suspend: true }, status: {} };
    const text = describe(rt('batch/v1', 'CronJob'), cj, { events: [] }, NOW);
    expect(text).toContain('Suspend:                       True\n');
    expect(text).toMatch(/Last Schedule Time:\s+<unset>\nActive Jobs:\s+<none>\n/);
  });
});
