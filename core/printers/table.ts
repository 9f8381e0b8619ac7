/**
 * Server-side printing: turns objects of one resource into a
 * meta.k8s.io/v1 Table, the way the API server's TableConvertor does
 * (kubernetes `pkg/printers/storage/storage.go`, apiserver
 * `pkg/registry/rest/table.go` for kinds without a printer, and
 * `pkg/endpoints/handlers/response.go` for `includeObject`).
 */
import type { ResourceType } from '../api/registry.ts';
import type { KubeObject } from '../api/types.ts';
import { formatRFC3339 } from './duration.ts';
import {
  clusterRoleBindingTablePrinter,
  componentStatusPrinter,
  csrPrinter,
  flowSchemaPrinter,
  leasePrinter,
  namespacePrinter,
  nodePrinter,
  priorityClassPrinter,
  priorityLevelPrinter,
  roleBindingTablePrinter,
  runtimeClassPrinter,
  validatingAdmissionPolicyBindingPrinter,
  validatingAdmissionPolicyPrinter,
  webhookConfigurationPrinter,
} from './cluster.ts';
import { eventPrinter } from './events.ts';
import {
  endpointSlicePrinter,
  endpointsPrinter,
  ingressClassPrinter,
  ingressPrinter,
  ipAddressPrinter,
  networkPolicyPrinter,
  serviceCIDRPrinter,
  servicePrinter,
} from './network.ts';
import { podPrinter } from './pod.ts';
import {
  configMapPrinter,
  csiDriverPrinter,
  csiNodePrinter,
  csiStorageCapacityPrinter,
  persistentVolumeClaimPrinter,
  persistentVolumePrinter,
  resourceQuotaPrinter,
  secretPrinter,
  serviceAccountPrinter,
  storageClassPrinter,
  volumeAttachmentPrinter,
} from './storage.ts';
import {
  col,
  CREATION_DOC,
  nameCol,
  type IncludeObject,
  type PartialObjectMetadata,
  type Printer,
  type Table,
  type TableRow,
} from './types.ts';
import {
  controllerRevisionPrinter,
  cronJobPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  hpaPrinter,
  jobPrinter,
  podDisruptionBudgetPrinter,
  podTemplatePrinter,
  replicaSetPrinter,
  replicationControllerPrinter,
  statefulSetPrinter,
} from './workloads.ts';

/** Printers by `group/Kind`; the version does not matter, as upstream prints the internal type. */
const PRINTERS: Record<string, Printer> = {
  '/Pod': podPrinter,
  '/PodTemplate': podTemplatePrinter,
  '/ReplicationController': replicationControllerPrinter,
  '/Service': servicePrinter,
  '/Endpoints': endpointsPrinter,
  '/Node': nodePrinter,
  '/Event': eventPrinter,
  'events.k8s.io/Event': eventPrinter,
  '/Namespace': namespacePrinter,
  '/Secret': secretPrinter,
  '/ConfigMap': configMapPrinter,
  '/ServiceAccount': serviceAccountPrinter,
  '/PersistentVolume': persistentVolumePrinter,
  '/PersistentVolumeClaim': persistentVolumeClaimPrinter,
  '/ComponentStatus': componentStatusPrinter,
  '/ResourceQuota': resourceQuotaPrinter,
  'apps/Deployment': deploymentPrinter,
  'apps/ReplicaSet': replicaSetPrinter,
  'apps/StatefulSet': statefulSetPrinter,
  'apps/DaemonSet': daemonSetPrinter,
  'apps/ControllerRevision': controllerRevisionPrinter,
  'batch/Job': jobPrinter,
  'batch/CronJob': cronJobPrinter,
  'autoscaling/HorizontalPodAutoscaler': hpaPrinter,
  'policy/PodDisruptionBudget': podDisruptionBudgetPrinter,
  'networking.k8s.io/Ingress': ingressPrinter,
  'networking.k8s.io/IngressClass': ingressClassPrinter,
  'networking.k8s.io/NetworkPolicy': networkPolicyPrinter,
  'networking.k8s.io/ServiceCIDR': serviceCIDRPrinter,
  'networking.k8s.io/IPAddress': ipAddressPrinter,
  'discovery.k8s.io/EndpointSlice': endpointSlicePrinter,
  'coordination.k8s.io/Lease': leasePrinter,
  'scheduling.k8s.io/PriorityClass': priorityClassPrinter,
  'node.k8s.io/RuntimeClass': runtimeClassPrinter,
  'certificates.k8s.io/CertificateSigningRequest': csrPrinter,
  'rbac.authorization.k8s.io/RoleBinding': roleBindingTablePrinter,
  'rbac.authorization.k8s.io/ClusterRoleBinding': clusterRoleBindingTablePrinter,
  'storage.k8s.io/StorageClass': storageClassPrinter,
  'storage.k8s.io/CSIDriver': csiDriverPrinter,
  'storage.k8s.io/CSINode': csiNodePrinter,
  'storage.k8s.io/CSIStorageCapacity': csiStorageCapacityPrinter,
  'storage.k8s.io/VolumeAttachment': volumeAttachmentPrinter,
  'admissionregistration.k8s.io/MutatingWebhookConfiguration': webhookConfigurationPrinter,
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration': webhookConfigurationPrinter,
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy': validatingAdmissionPolicyPrinter,
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding': validatingAdmissionPolicyBindingPrinter,
  'flowcontrol.apiserver.k8s.io/FlowSchema': flowSchemaPrinter,
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration': priorityLevelPrinter,
};

/**
 * The apiserver's default Table for kinds without a printer (Role,
 * ClusterRole, LimitRange, CRDs, custom resources): Name and an RFC3339
 * `Created At` cell of type date.
 */
export const defaultPrinter: Printer = {
  columns: [nameCol(), col('Created At', CREATION_DOC, { type: 'date' })],
  cells: (o) => [o.metadata.name ?? '', formatRFC3339(o.metadata.creationTimestamp)],
};

/** The printer for a resource: its own column set, or the default Table. */
export function printerFor(resource: Pick<ResourceType, 'group' | 'kind'>): Printer {
  return PRINTERS[`${resource.group}/${resource.kind}`] ?? defaultPrinter;
}

/** Options of {@link tableFor}, mirroring `?includeObject=` and TableOptions.noHeaders. */
export interface TableOptions {
  includeObject?: IncludeObject;
  /** Leave out column definitions, as for every Table-watch event after the first. */
  noHeaders?: boolean;
}

/**
 * A meta.k8s.io/v1 Table of `objects` (all of kind `resource`) at virtual
 * time `nowMs`. The caller sets `metadata.resourceVersion`.
 */
export function tableFor(resource: ResourceType, objects: KubeObject[], nowMs: number, opts: TableOptions = {}): Table {
  const printer = printerFor(resource);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {},
    columnDefinitions: opts.noHeaders ? [] : printer.columns.map((c) => ({ ...c })),
    rows: objects.map((o) => tableRow(printer, o, nowMs, opts.includeObject ?? 'Metadata')),
  };
}

function tableRow(printer: Printer, o: KubeObject, nowMs: number, include: IncludeObject): TableRow {
  const row: TableRow = { cells: printer.cells(o, nowMs), object: rowObject(o, include) };
  const conditions = printer.conditions?.(o);
  if (conditions) row.conditions = conditions;
  return row;
}

/** The row's object: full, none, or its metadata as PartialObjectMetadata. */
function rowObject(o: KubeObject, include: IncludeObject): TableRow['object'] {
  if (include === 'None') return null;
  if (include === 'Object') return o;
  return asPartialObjectMetadata(o);
}

/** meta.AsPartialObjectMetadata: the whole ObjectMeta under a PartialObjectMetadata type. */
export function asPartialObjectMetadata(o: KubeObject): PartialObjectMetadata {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { ...o.metadata } };
}
