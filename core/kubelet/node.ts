/** The Node object a kubelet registers (pkg/kubelet/kubelet_node_status.go). */
import type { KubeObject } from '../api/types.ts';

export interface NodeConfig {
  name: string;
  internalIP: string;
  podCIDR: string;
  cpu: string;
  memory: string;
  pods: string;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
  controlPlane?: boolean;
}

/** The machine behind a registered Node object (to start its kubelet again when a saved lab is opened). */
export function nodeConfigOf(node: KubeObject): NodeConfig {
  const status = (node.status ?? {}) as {
    capacity?: Record<string, string>;
    addresses?: { type: string; address: string }[];
  };
  const spec = (node.spec ?? {}) as { podCIDR?: string };
  const labels = node.metadata.labels ?? {};
  const controlPlane = 'node-role.kubernetes.io/control-plane' in labels;
  return {
    name: node.metadata.name ?? '',
    internalIP: status.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '',
    podCIDR: spec.podCIDR ?? '',
    cpu: status.capacity?.cpu ?? '2',
    memory: status.capacity?.memory ?? '4015932Ki',
    pods: status.capacity?.pods ?? '110',
    ...(controlPlane ? { controlPlane } : {}),
  };
}

export function nodeObject(cfg: NodeConfig, kubeletVersion: string, now: string, existing?: KubeObject): KubeObject {
  const capacity = {
    cpu: cfg.cpu,
    'ephemeral-storage': '61202244Ki',
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: cfg.memory,
    pods: cfg.pods,
  };
  const condition = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: now,
    lastTransitionTime: now,
    reason,
    message,
  });
  const labels = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': cfg.name,
    'kubernetes.io/os': 'linux',
    ...(cfg.controlPlane
      ? { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' }
      : {}),
    ...(cfg.labels ?? {}),
  };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: existing?.metadata ?? {
      name: cfg.name,
      labels,
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: existing?.spec ?? {
      podCIDR: cfg.podCIDR,
      podCIDRs: [cfg.podCIDR],
      ...(cfg.taints?.length ? { taints: cfg.taints } : {}),
    },
    status: {
      capacity,
      allocatable: { ...capacity, 'ephemeral-storage': '56403987978' },
      conditions: [
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      addresses: [
        { type: 'InternalIP', address: cfg.internalIP },
        { type: 'Hostname', address: cfg.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: '0f4c5e0b6a6b4d3c9b1e2a7d8c9f0a1b',
        systemUUID: '6d1a3c2e-7b4f-4e8a-9c0d-1e2f3a4b5c6d',
        bootID: '3b2f1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
        kernelVersion: '6.1.0-27-amd64',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        containerRuntimeVersion: 'containerd://1.7.24',
        kubeletVersion,
        kubeProxyVersion: '',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
      images: [],
    },
  };
}
