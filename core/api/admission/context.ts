/**
 * What the admission plugins that need the cluster's state see: the objects
 * of a namespace, the clock, and a way to charge a ResourceQuota, plus the
 * request they judge. Wired by `Api` (api.ts); the plugins never write otherwise.
 */
import type { ResourceType } from '../registry.ts';
import { resourceByKind } from '../registry.ts';
import * as status from '../status.ts';
import type { KubeObject, Status } from '../types.ts';

export interface PolicyContext {
  list(rt: ResourceType, namespace?: string): KubeObject[];
  now(): number;
  /** Persist a quota's new status.used, as the quota admission does before the object is stored. */
  chargeQuota(quota: KubeObject, used: Record<string, string>): void;
}

export interface PolicyRequest {
  rt: ResourceType;
  operation: 'create' | 'update';
  /** The defaulted object about to be stored; mutating plugins change it in place. */
  object: KubeObject;
  /** What the client sent, before defaulting (to tell given fields from defaulted ones). */
  raw: KubeObject;
  old?: KubeObject;
  dryRun: boolean;
}

function must(apiVersion: string, kind: string): ResourceType {
  const rt = resourceByKind(apiVersion, kind);
  if (!rt) throw new Error(`BUG: no resource type ${apiVersion} ${kind}`);
  return rt;
}

export const RT = {
  pods: must('v1', 'Pod'),
  pvcs: must('v1', 'PersistentVolumeClaim'),
  pvs: must('v1', 'PersistentVolume'),
  storageClasses: must('storage.k8s.io/v1', 'StorageClass'),
  services: must('v1', 'Service'),
  limitRanges: must('v1', 'LimitRange'),
  resourceQuotas: must('v1', 'ResourceQuota'),
  priorityClasses: must('scheduling.k8s.io/v1', 'PriorityClass'),
};

export const is = (rt: ResourceType, other: ResourceType): boolean =>
  rt.group === other.group && rt.plural === other.plural;

/**
 * admission.NewForbidden: `pods "x" is forbidden: <why>`. Mutating plugins run
 * before the server generates a name, so they name a generateName'd object by
 * its prefix (`pods "web-5d8f7c-"`); validating ones see the generated name.
 */
export function forbidden(req: PolicyRequest, why: string, mutating = false): Status {
  const rt = req.rt;
  const meta = req.object.metadata;
  const name = (mutating && meta.generateName) || meta.name || meta.generateName || 'Unknown';
  const resource = rt.group ? `${rt.plural}.${rt.group}` : rt.plural;
  return status.forbidden(`${resource} "${name}" is forbidden: ${why}`, {
    name,
    ...(rt.group ? { group: rt.group } : {}),
    kind: rt.plural,
  });
}

/** utilerrors.NewAggregate(...).Error(): one message as is, several in brackets. */
export function aggregate(messages: string[]): string {
  return messages.length === 1 ? (messages[0] ?? '') : `[${messages.join(', ')}]`;
}
