/** Synthetic cluster shapes and manifests shared by the benchmarks. */
import type { NodeConfig } from '../../core/kubelet/node.ts';

/** `count` worker nodes (32 cpu, 128Gi, 110 pods) spread over three zones. */
export function benchNodes(count: number): NodeConfig[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `node-${String(i).padStart(4, '0')}`,
    internalIP: `172.16.${i >> 8}.${(i & 255) + 1}`,
    podCIDR: `10.${64 + (i >> 8)}.${i & 255}.0/24`,
    cpu: '32',
    memory: '128Gi',
    pods: '110',
    labels: { 'topology.kubernetes.io/zone': `zone-${i % 3}` },
  }));
}

/** The container tutorials write: nginx with requests and a port (indented for `deploymentYaml`). */
const NGINX_WEB = `      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 80
        resources:
          requests:
            cpu: 100m
            memory: 128Mi
`;

/** A Deployment as tutorials write it; `containers` is the YAML list under `spec.template.spec.containers`. */
export function deploymentYaml(name: string, replicas: number, namespace = 'default', containers = NGINX_WEB): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
  labels:
    app: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
${containers}`;
}

/** Several documents as one manifest. */
export function joinDocs(docs: readonly string[]): string {
  return docs.join('---\n');
}
