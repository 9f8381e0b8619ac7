/** Resource types the controllers speak, looked up once. */
import { RESOURCES, resourceByKind, storageKey } from '../api/registry.ts';
import type { ResourceType } from '../api/registry.ts';

function must(apiVersion: string, kind: string): ResourceType {
  const rt = resourceByKind(apiVersion, kind);
  if (!rt) throw new Error(`BUG: no resource type ${apiVersion} ${kind}`);
  return rt;
}

export const R = {
  pods: must('v1', 'Pod'),
  nodes: must('v1', 'Node'),
  namespaces: must('v1', 'Namespace'),
  services: must('v1', 'Service'),
  endpoints: must('v1', 'Endpoints'),
  events: must('v1', 'Event'),
  serviceAccounts: must('v1', 'ServiceAccount'),
  configMaps: must('v1', 'ConfigMap'),
  secrets: must('v1', 'Secret'),
  pvcs: must('v1', 'PersistentVolumeClaim'),
  pvs: must('v1', 'PersistentVolume'),
  replicationControllers: must('v1', 'ReplicationController'),
  deployments: must('apps/v1', 'Deployment'),
  replicaSets: must('apps/v1', 'ReplicaSet'),
  statefulSets: must('apps/v1', 'StatefulSet'),
  daemonSets: must('apps/v1', 'DaemonSet'),
  controllerRevisions: must('apps/v1', 'ControllerRevision'),
  jobs: must('batch/v1', 'Job'),
  cronJobs: must('batch/v1', 'CronJob'),
  endpointSlices: must('discovery.k8s.io/v1', 'EndpointSlice'),
  leases: must('coordination.k8s.io/v1', 'Lease'),
  hpas: must('autoscaling/v2', 'HorizontalPodAutoscaler'),
  podDisruptionBudgets: must('policy/v1', 'PodDisruptionBudget'),
  priorityClasses: must('scheduling.k8s.io/v1', 'PriorityClass'),
  resourceQuotas: must('v1', 'ResourceQuota'),
  limitRanges: must('v1', 'LimitRange'),
  storageClasses: must('storage.k8s.io/v1', 'StorageClass'),
  ingresses: must('networking.k8s.io/v1', 'Ingress'),
  ingressClasses: must('networking.k8s.io/v1', 'IngressClass'),
  networkPolicies: must('networking.k8s.io/v1', 'NetworkPolicy'),
} as const;

/** The canonical resource type behind each storage key (v2 HPAs, core Events). */
const BY_STORAGE = new Map<string, ResourceType>();
for (const r of RESOURCES) {
  const k = storageKey(r);
  const prev = BY_STORAGE.get(k);
  if (!prev || (r.group === '' && prev.group !== '') || (r.group === 'autoscaling' && r.version === 'v2'))
    BY_STORAGE.set(k, r);
}

export function resourceForStorageKey(key: string): ResourceType | undefined {
  return BY_STORAGE.get(key);
}
