/**
 * Semantic validation of an object, as the API server's REST strategies run
 * it after defaulting: `validateObject(obj)` on create, `validateObject(obj,
 * old)` on update. Returns field causes worded as upstream; empty when valid.
 * Structural checks (unknown fields, wrong types) belong to core/api/schema.
 */
import type { KubeObject, StatusCause } from '../types.ts';
import { resourceByKind } from '../registry.ts';
import { validateApps } from './apps.ts';
import { validateBatch } from './batch.ts';
import { validateConfigMap, validateNamespace, validatePV, validatePVC, validateSecret } from './config.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { nameIsDNSSubdomain, nameIsPathSegment } from './names.ts';
import { validateHPASpec, validateIngressSpec, validateNetworkPolicySpec } from './other.ts';
import { validatePod, validatePodTemplateSpec } from './pod.ts';
import { validatePodUpdate } from './pod-update.ts';
import { validateService } from './service.ts';
import { mapOr } from './json.ts';

type Obj = Record<string, unknown>;
type Validator = (obj: Obj, old?: Obj) => StatusCause[];

const RBAC_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

/** Metadata checks for kinds without their own rules; RBAC names are path segments. */
function genericMeta(obj: Obj, old?: Obj): StatusCause[] {
  if (old) return validateObjectMetaUpdate(obj['metadata'], old['metadata']);
  const kind = String(obj['kind'] ?? '');
  const resource = resourceByKind(String(obj['apiVersion'] ?? ''), kind);
  const nameFn = RBAC_KINDS.has(kind) ? nameIsPathSegment : nameIsDNSSubdomain;
  return validateObjectMeta(obj['metadata'], resource?.namespaced ?? false, nameFn);
}

const withSpec =
  (check: (spec: Obj) => StatusCause[]): Validator =>
  (obj, old) => [...genericMeta(obj, old), ...check(mapOr(obj['spec']))];

const VALIDATORS: Record<string, Validator> = {
  Pod: (obj, old) => (old ? validatePodUpdate(obj, old) : validatePod(obj)),
  PodTemplate: (obj, old) => [...genericMeta(obj, old), ...validatePodTemplateSpec(obj['template'], 'template')],
  Deployment: validateApps,
  ReplicaSet: validateApps,
  StatefulSet: validateApps,
  DaemonSet: validateApps,
  Job: validateBatch,
  CronJob: validateBatch,
  Service: validateService,
  ConfigMap: validateConfigMap,
  Secret: validateSecret,
  Namespace: validateNamespace,
  PersistentVolumeClaim: validatePVC,
  PersistentVolume: validatePV,
  Ingress: withSpec(validateIngressSpec),
  HorizontalPodAutoscaler: withSpec(validateHPASpec),
  NetworkPolicy: withSpec(validateNetworkPolicySpec),
};

/**
 * Field errors for `obj` (already defaulted, namespace filled in), or for the
 * update from `old` to `obj`. Kinds without specific rules get metadata checks.
 */
export function validateObject(obj: KubeObject, old?: KubeObject): StatusCause[] {
  const validator = VALIDATORS[obj.kind] ?? genericMeta;
  return validator(obj as Obj, old as Obj | undefined);
}

export { fe, GoValue, child, index } from './field.ts';
export { cronError } from './cron.ts';
export { parseQuantity, formatQuantity, compareQuantity } from './quantity.ts';
export { compileSelector, selectorMatches } from './meta.ts';
export { POD_UPDATE_FORBIDDEN } from './pod-update.ts';
export { NODE_PORT_RANGE } from './service.ts';
