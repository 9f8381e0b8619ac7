/**
 * Objects for the describe goldens: a running nginx pod and a three-replica
 * nginx Deployment as a 1.33 cluster reports them, with their events.
 */
import { resourceByKind, type ResourceType } from '../api/registry.ts';
import type { KubeObject } from '../api/types.ts';

export const NOW = Date.parse('2026-11-22T15:20:25Z');

/** The resource type of a kind, for describe(rt, …). */
export function rt(apiVersion: string, kind: string): ResourceType {
  const r = resourceByKind(apiVersion, kind);
  if (!r) throw new Error(`no resource ${apiVersion} ${kind}`);
  return r;
}

const trueCondition = (type: string) => ({
  type,
  status: 'True',
  lastProbeTime: null,
  lastTransitionTime: '2026-11-22T15:19:30Z',
});

export const nginxPod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'nginx',
    namespace: 'default',
    uid: 'pod-uid-1',
    resourceVersion: '1008',
    creationTimestamp: '2026-11-22T15:19:25Z',
    labels: { run: 'nginx' },
  },
  spec: {
    containers: [
      {
        name: 'nginx',
        image: 'nginx',
        resources: {},
        volumeMounts: [
          { name: 'kube-api-access-x7k2p', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' },
        ],
      },
    ],
    nodeName: 'node-1',
    priority: 0,
    serviceAccountName: 'default',
    tolerations: [
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ],
    volumes: [
      {
        name: 'kube-api-access-x7k2p',
        projected: {
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            {
              downwardAPI: {
                items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }],
              },
            },
          ],
        },
      },
    ],
  },
  status: {
    phase: 'Running',
    conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(
      trueCondition,
    ),
    hostIP: '172.18.0.2',
    podIP: '10.244.0.10',
    podIPs: [{ ip: '10.244.0.10' }],
    startTime: '2026-11-22T15:19:25Z',
    containerStatuses: [
      {
        name: 'nginx',
        state: { running: { startedAt: '2026-11-22T15:19:30Z' } },
        lastState: {},
        ready: true,
        restartCount: 0,
        image: 'docker.io/library/nginx:latest',
        imageID: 'docker.io/library/nginx@sha256:2d194184b067db3598771b4cf326cfe6ad5051937ba1132b8b7d4b0184e0d0a6',
        containerID: 'containerd://8c4d2e1f0a9b',
        started: true,
      },
    ],
    qosClass: 'BestEffort',
  },
};

function event(
  name: string,
  involved: Record<string, unknown>,
  reason: string,
  component: string,
  message: string,
  at: string,
  extra: Record<string, unknown> = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: 'default' },
    involvedObject: involved,
    reason,
    message,
    source: { component },
    firstTimestamp: at,
    lastTimestamp: at,
    count: 1,
    type: 'Normal',
    ...extra,
  };
}

const podRef = { kind: 'Pod', namespace: 'default', name: 'nginx', uid: 'pod-uid-1', apiVersion: 'v1' };
const containerRef = { ...podRef, fieldPath: 'spec.containers{nginx}' };

export const nginxPodEvents: KubeObject[] = [
  event('nginx.2', containerRef, 'Pulling', 'kubelet', 'Pulling image "nginx"', '2026-11-22T15:19:26Z'),
  event(
    'nginx.1',
    podRef,
    'Scheduled',
    'default-scheduler',
    'Successfully assigned default/nginx to node-1',
    '2026-11-22T15:19:25Z',
  ),
  event(
    'nginx.3',
    containerRef,
    'Pulled',
    'kubelet',
    'Successfully pulled image "nginx" in 2.9s (2.9s including waiting). Image size: 72099501 bytes.',
    '2026-11-22T15:19:29Z',
  ),
  event('nginx.4', containerRef, 'Created', 'kubelet', 'Created container: nginx', '2026-11-22T15:19:30Z'),
  event('nginx.5', containerRef, 'Started', 'kubelet', 'Started container nginx', '2026-11-22T15:19:30Z'),
  // About another pod: must not show up.
  event(
    'other.1',
    { ...podRef, name: 'other', uid: 'pod-uid-2' },
    'Scheduled',
    'default-scheduler',
    'x',
    '2026-11-22T15:19:25Z',
  ),
];

const template = {
  metadata: { labels: { app: 'nginx' } },
  spec: {
    containers: [
      { name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: {} },
    ],
  },
};

export const nginxDeployment: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'nginx-deployment',
    namespace: 'default',
    uid: 'deploy-uid-1',
    creationTimestamp: '2026-11-22T15:18:25Z',
    labels: { app: 'nginx' },
    annotations: {
      'deployment.kubernetes.io/revision': '1',
      'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"apps/v1"}\n',
    },
  },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'nginx' } },
    template,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
    minReadySeconds: 0,
  },
  status: {
    replicas: 3,
    updatedReplicas: 3,
    readyReplicas: 3,
    availableReplicas: 3,
    conditions: [
      { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
    ],
  },
};

export const nginxReplicaSet: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: {
    name: 'nginx-deployment-66b6c48dd5',
    namespace: 'default',
    uid: 'rs-uid-1',
    creationTimestamp: '2026-11-22T15:18:25Z',
    labels: { app: 'nginx', 'pod-template-hash': '66b6c48dd5' },
    ownerReferences: [
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx-deployment', uid: 'deploy-uid-1', controller: true },
    ],
  },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'nginx', 'pod-template-hash': '66b6c48dd5' } },
    template: { ...template, metadata: { labels: { app: 'nginx', 'pod-template-hash': '66b6c48dd5' } } },
  },
  status: { replicas: 3, readyReplicas: 3, availableReplicas: 3 },
};

export const nginxDeploymentEvents: KubeObject[] = [
  event(
    'nginx-deployment.1',
    { kind: 'Deployment', namespace: 'default', name: 'nginx-deployment', uid: 'deploy-uid-1', apiVersion: 'apps/v1' },
    'ScalingReplicaSet',
    'deployment-controller',
    'Scaled up replica set nginx-deployment-66b6c48dd5 from 0 to 3',
    '2026-11-22T15:18:25Z',
  ),
];
