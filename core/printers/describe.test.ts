import { describe as suite, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { describe } from './describe.ts';
import {
  NOW,
  nginxDeployment,
  nginxDeploymentEvents,
  nginxPod,
  nginxPodEvents,
  nginxReplicaSet,
  rt,
} from './describe.fixtures.ts';

suite('describe pod', () => {
  it('matches kubectl 1.33 output for a running nginx pod (golden)', () => {
    const expected = `Name:             nginx
Namespace:        default
Priority:         0
Service Account:  default
Node:             node-1/172.18.0.2
Start Time:       Sun, 22 Nov 2026 15:19:25 +0000
Labels:           run=nginx
Annotations:      <none>
Status:           Running
IP:               10.244.0.10
IPs:
  IP:  10.244.0.10
Containers:
  nginx:
    Container ID:   containerd://8c4d2e1f0a9b
    Image:          nginx
    Image ID:       docker.io/library/nginx@sha256:2d194184b067db3598771b4cf326cfe6ad5051937ba1132b8b7d4b0184e0d0a6
    Port:           <none>
    Host Port:      <none>
    State:          Running
      Started:      Sun, 22 Nov 2026 15:19:30 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-x7k2p (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:
  kube-api-access-x7k2p:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    Optional:                false
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type    Reason     Age   From               Message
  ----    ------     ----  ----               -------
  Normal  Scheduled  60s   default-scheduler  Successfully assigned default/nginx to node-1
  Normal  Pulling    59s   kubelet            Pulling image "nginx"
  Normal  Pulled     56s   kubelet            Successfully pulled image "nginx" in 2.9s (2.9s including waiting). Image size: 72099501 bytes.
  Normal  Created    55s   kubelet            Created container: nginx
  Normal  Started    55s   kubelet            Started container nginx
`;
    expect(describe(rt('v1', 'Pod'), nginxPod, { events: nginxPodEvents }, NOW)).toBe(expected);
  });

  it('shows repeated events as `age (xN over first)` and `Events: <none>` without events', () => {
    const backOff: KubeObject = {
      ...(nginxPodEvents[0] as KubeObject),
      type: 'Warning',
      reason: 'BackOff',
      message: 'Back-off restarting failed container nginx in pod nginx_default(pod-uid-1)',
      firstTimestamp: '2026-11-22T15:15:25Z',
      lastTimestamp: '2026-11-22T15:19:55Z',
      count: 7,
    };
    const out = describe(rt('v1', 'Pod'), nginxPod, { events: [backOff] }, NOW);
    expect(out).toContain(
      '  Warning  BackOff  30s (x7 over 5m)  kubelet  Back-off restarting failed container nginx in pod nginx_default(pod-uid-1)\n',
    );
    expect(describe(rt('v1', 'Pod'), nginxPod, { events: [] }, NOW)).toMatch(/\nEvents: {22}<none>\n$/);
  });
});

suite('describe deployment', () => {
  it('matches kubectl 1.33 output for an nginx Deployment (golden)', () => {
    const expected = `Name:                   nginx-deployment
Namespace:              default
CreationTimestamp:      Sun, 22 Nov 2026 15:18:25 +0000
Labels:                 app=nginx
Annotations:            deployment.kubernetes.io/revision: 1
Selector:               app=nginx
Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app=nginx
  Containers:
   nginx:
    Image:         nginx:1.14.2
    Port:          80/TCP
    Host Port:     0/TCP
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    True    NewReplicaSetAvailable
OldReplicaSets:  <none>
NewReplicaSet:   nginx-deployment-66b6c48dd5 (3/3 replicas created)
Events:
  Type    Reason             Age   From                   Message
  ----    ------             ----  ----                   -------
  Normal  ScalingReplicaSet  2m    deployment-controller  Scaled up replica set nginx-deployment-66b6c48dd5 from 0 to 3
`;
    const related = { events: nginxDeploymentEvents, replicaSets: [nginxReplicaSet] };
    expect(describe(rt('apps/v1', 'Deployment'), nginxDeployment, related, NOW)).toBe(expected);
  });

  it('agrees with the expectations of upstream TestDescribeDeployment (two volumes, no conditions)', () => {
    const labels = { 'k8s-app': 'bar' };
    const template = {
      metadata: { name: 'bar', namespace: 'foo', labels },
      spec: {
        containers: [
          {
            image: 'mytest-image:latest',
            volumeMounts: [
              { name: 'vol-foo', mountPath: '/tmp/vol-foo' },
              { name: 'vol-bar', mountPath: '/tmp/vol-bar' },
            ],
          },
        ],
        volumes: [
          { name: 'vol-foo', emptyDir: {} },
          { name: 'vol-bar', emptyDir: {} },
        ],
      },
    };
    const d: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'bar',
        namespace: 'foo',
        labels,
        uid: '00000000-0000-0000-0000-000000000001',
        creationTimestamp: '2021-01-01T00:00:00Z',
      },
      spec: { replicas: 1, selector: { matchLabels: labels }, template },
    };
    const rs: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: 'bar-001',
        namespace: 'foo',
        labels,
        ownerReferences: [
          { apiVersion: '', kind: '', name: '', controller: true, uid: '00000000-0000-0000-0000-000000000001' },
        ],
      },
      spec: { replicas: 1, selector: { matchLabels: labels }, template },
      status: { replicas: 1, readyReplicas: 1, availableReplicas: 1 },
    };
    const out = describe(rt('apps/v1', 'Deployment'), d, { events: [], replicaSets: [rs] }, NOW);
    for (const want of [
      'Name:               bar\nNamespace:          foo',
      'CreationTimestamp:  Fri, 01 Jan 2021 00:00:00 +0000',
      'Labels:             k8s-app=bar',
      'Selector:           k8s-app=bar',
      'Replicas:           1 desired | 0 updated | 0 total | 0 available | 0 unavailable',
      'Image:        mytest-image:latest',
      'Mounts:\n      /tmp/vol-bar from vol-bar (rw)\n      /tmp/vol-foo from vol-foo (rw)',
      'OldReplicaSets:    <none>',
      'NewReplicaSet:     bar-001 (1/1 replicas created)',
      'Events:            <none>',
      'Node-Selectors:  <none>',
      'Tolerations:     <none>',
    ]) {
      expect(out).toContain(want);
    }
  });
});

suite('other describers', () => {
  it('ConfigMap matches upstream TestDescribeConfigMap exactly', () => {
    const cm: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'mycm', namespace: 'foo' },
      data: { key1: 'value1', key2: 'value2' },
      binaryData: { binarykey1: '//79/Ps=', binarykey2: '//79/Pv6' },
    };
    expect(describe(rt('v1', 'ConfigMap'), cm, { events: [] }, NOW)).toBe(`Name:         mycm
Namespace:    foo
Labels:       <none>
Annotations:  <none>

Data
====
key1:
----
value1

key2:
----
value2


BinaryData
====
binarykey1: 5 bytes
binarykey2: 6 bytes

Events:  <none>
`);
  });

  it('Service prints ports, endpoints from EndpointSlices and session affinity', () => {
    const svc: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default', uid: 'svc-1' },
      spec: {
        type: 'NodePort',
        selector: { app: 'web' },
        clusterIP: '10.96.0.20',
        clusterIPs: ['10.96.0.20'],
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        ports: [{ port: 80, targetPort: 8080, nodePort: 30080, protocol: 'TCP' }],
        sessionAffinity: 'None',
        externalTrafficPolicy: 'Cluster',
        internalTrafficPolicy: 'Cluster',
      },
    };
    const slice: KubeObject = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'web-abc', namespace: 'default' },
      addressType: 'IPv4',
      ports: [{ name: '', port: 8080, protocol: 'TCP' }],
      endpoints: [
        { addresses: ['10.244.0.5'], conditions: { ready: true } },
        { addresses: ['10.244.0.6'], conditions: { ready: false } },
      ],
    };
    expect(describe(rt('v1', 'Service'), svc, { events: [], endpointSlices: [slice] }, NOW))
      .toBe(`Name:                     web
Namespace:                default
Labels:                   <none>
Annotations:              <none>
Selector:                 app=web
Type:                     NodePort
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       10.96.0.20
IPs:                      10.96.0.20
Port:                     <unset>  80/TCP
TargetPort:               8080/TCP
NodePort:                 <unset>  30080/TCP
Endpoints:                10.244.0.5:8080
Session Affinity:         None
External Traffic Policy:  Cluster
Internal Traffic Policy:  Cluster
Events:                   <none>
`);
  });

  it('the generic describer prints remaining fields with smart labels', () => {
    const role: KubeObject = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'reader', namespace: 'default', uid: 'r-1', managedFields: [{}] },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }],
    };
    const out = describe(rt('rbac.authorization.k8s.io/v1', 'Role'), role, { events: [] }, NOW);
    expect(out).toBe(`Name:         reader
Namespace:    default
Labels:       <none>
Annotations:  <none>
API Version:  rbac.authorization.k8s.io/v1
Kind:         Role
Metadata:
  UID:  r-1
Rules:
  API Groups:
    
  Resources:
    pods
  Verbs:
    get
    list
Events:  <none>
`);
  });
});

suite('describe node', () => {
  it('prints roles, conditions, system info and the resources its pods ask for', () => {
    const node: KubeObject = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: 'node-1',
        uid: 'node-uid',
        creationTimestamp: '2026-11-22T15:00:00Z',
        labels: { 'node-role.kubernetes.io/control-plane': '' },
      },
      spec: { podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'] },
      status: {
        conditions: [
          {
            type: 'Ready',
            status: 'True',
            lastHeartbeatTime: '2026-11-22T15:20:00Z',
            lastTransitionTime: '2026-11-22T15:01:00Z',
            reason: 'KubeletReady',
            message: 'kubelet is posting ready status',
          },
        ],
        addresses: [
          { type: 'InternalIP', address: '172.18.0.2' },
          { type: 'Hostname', address: 'node-1' },
        ],
        capacity: { cpu: '2', memory: '4Gi', pods: '110' },
        allocatable: { cpu: '2', memory: '4Gi', pods: '110' },
        nodeInfo: {
          kubeletVersion: 'v1.33.1',
          osImage: 'Debian GNU/Linux 12 (bookworm)',
          architecture: 'amd64',
          operatingSystem: 'linux',
        },
      },
    };
    const pod: KubeObject = {
      ...nginxPod,
      spec: {
        ...(nginxPod['spec'] as object),
        containers: [
          {
            name: 'nginx',
            image: 'nginx',
            resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '2Gi' } },
          },
        ],
      },
    };
    const kubeletEvent: KubeObject = {
      ...(nginxPodEvents[0] as KubeObject),
      involvedObject: { kind: 'Node', name: 'node-1', uid: 'node-1' },
      reason: 'NodeReady',
      message: 'Node node-1 status is now: NodeReady',
      source: { component: 'kubelet' },
    };
    const out = describe(rt('v1', 'Node'), node, { events: [kubeletEvent], pods: [pod] }, NOW);
    expect(out).toContain('Name:               node-1\nRoles:              control-plane\n');
    expect(out).toContain('Unschedulable:      false\n');
    expect(out).toContain(
      '  Ready   True    Sun, 22 Nov 2026 15:20:00 +0000   Sun, 22 Nov 2026 15:01:00 +0000   KubeletReady   kubelet is posting ready status\n',
    );
    expect(out).toContain('Lease:              Failed to get lease: leases.coordination.k8s.io "node-1" not found\n');
    expect(out).toContain('Non-terminated Pods:          (1 in total)\n');
    expect(out).toContain(
      '  default                     nginx    500m (25%)    0 (0%)      1Gi (25%)        2Gi (50%)      60s\n',
    );
    expect(out).toContain('  cpu                500m (25%)  0 (0%)\n  memory             1Gi (25%)   2Gi (50%)\n');
    expect(out).toContain('  Normal  NodeReady');
  });
});
