/** The lab's default cluster: the course's three machines and the objects every cluster starts with. */
import type { NodeConfig } from '../kubelet/node.ts';
import type { KubeObject } from '../api/types.ts';

export const COURSE_NODES: NodeConfig[] = [
  {
    name: 'k8s-master',
    internalIP: '192.168.56.10',
    podCIDR: '10.244.0.0/24',
    cpu: '2',
    memory: '4015932Ki',
    pods: '110',
    controlPlane: true,
    taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
  },
  {
    name: 'k8s-node1',
    internalIP: '192.168.56.11',
    podCIDR: '10.244.1.0/24',
    cpu: '2',
    memory: '4015932Ki',
    pods: '110',
  },
  {
    name: 'k8s-node2',
    internalIP: '192.168.56.12',
    podCIDR: '10.244.2.0/24',
    cpu: '2',
    memory: '4015932Ki',
    pods: '110',
  },
];

export const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

export function kubernetesService(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      clusterIP: '10.96.0.1',
      clusterIPs: ['10.96.0.1'],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
  };
}

export function kubeDnsService(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kube-dns',
      namespace: 'kube-system',
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    },
    spec: {
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10'],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
      selector: { 'k8s-app': 'kube-dns' },
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
  };
}

/** The two PriorityClasses every API server creates at start (pkg/apis/scheduling SystemPriorityClasses). */
export function systemPriorityClasses(): KubeObject[] {
  const pc = (name: string, value: number, description: string): KubeObject => ({
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name },
    value,
    globalDefault: false,
    description,
    preemptionPolicy: 'PreemptLowerPriority',
  });
  return [
    pc(
      'system-node-critical',
      2000001000,
      'Used for system critical pods that must not be moved from their current node.',
    ),
    pc(
      'system-cluster-critical',
      2000000000,
      'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
    ),
  ];
}

/**
 * The IngressClass of the lab's simulated ingress-nginx (core/controllers/ingress),
 * marked default so Ingresses without a class get it (DefaultIngressClass admission),
 * as the ingress-nginx Helm chart installs it with `controller.ingressClassResource.default`.
 */
export function nginxIngressClass(): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: {
      name: 'nginx',
      labels: {
        'app.kubernetes.io/component': 'controller',
        'app.kubernetes.io/instance': 'ingress-nginx',
        'app.kubernetes.io/name': 'ingress-nginx',
      },
      annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' },
    },
    spec: { controller: 'k8s.io/ingress-nginx' },
  };
}

/**
 * The lab's StorageClasses: `standard` (default; a simulated network disk every node
 * reaches, bound at once) and `local-path` (a directory on one node, bound once a pod
 * using the claim is scheduled, as rancher's local-path-provisioner does).
 */
export function storageClasses(): KubeObject[] {
  const sc = (name: string, provisioner: string, mode: string, extra: object): KubeObject => ({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name, ...extra },
    provisioner,
    reclaimPolicy: 'Delete',
    volumeBindingMode: mode,
  });
  return [
    {
      ...sc('standard', 'kubelab.io/simulated-disk', 'Immediate', {
        annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
      }),
      allowVolumeExpansion: true,
    },
    sc('local-path', 'kubelab.io/local-path', 'WaitForFirstConsumer', {}),
  ];
}
