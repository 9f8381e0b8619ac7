/**
 * Defaulting as the API server does it on create and update: the
 * `SetDefaults_*` functions of each API group, plus what admission and the
 * create strategies fill in (ServiceAccount, Priority,
 * DefaultTolerationSeconds, the Namespace finalizer, initial phases).
 * Pure: returns a defaulted deep copy and never touches its input.
 */
import type { KubeObject } from '../types.ts';
import { defaultPod, defaultPodTemplate } from './pod.ts';
import {
  defaultCronJob,
  defaultDaemonSet,
  defaultDeployment,
  defaultJob,
  defaultJobSelector as generateJobSelector,
  defaultReplicaSet,
  defaultReplicationController,
  defaultStatefulSet,
} from './workloads.ts';
import {
  defaultEvent,
  defaultHPA,
  defaultNamespace,
  defaultNetworkPolicy,
  defaultPV,
  defaultPVC,
  defaultSecret,
  defaultService,
  defaultStorageClass,
} from './others.ts';
import { clone, ensure } from './util.ts';
import type { Obj } from './util.ts';

export interface DefaultsOptions {
  /**
   * 'create' (the default) also applies create-only defaults: admission
   * plugins, the Namespace finalizer and initial status phases.
   */
  operation?: 'create' | 'update';
}

type Defaulter = (obj: Obj, create: boolean) => void;

const spec =
  (fn: (spec: Obj) => void): Defaulter =>
  (obj) =>
    fn(ensure(obj, 'spec'));

const DEFAULTERS: Record<string, Defaulter> = {
  Pod: defaultPod,
  PodTemplate: (obj) => defaultPodTemplate(ensure(obj, 'template')),
  ReplicationController: (obj) => defaultReplicationController(obj),
  Deployment: spec(defaultDeployment),
  ReplicaSet: spec(defaultReplicaSet),
  StatefulSet: spec(defaultStatefulSet),
  DaemonSet: spec(defaultDaemonSet),
  Job: (obj) => defaultJob(obj),
  CronJob: spec(defaultCronJob),
  Service: spec(defaultService),
  PersistentVolumeClaim: defaultPVC,
  PersistentVolume: defaultPV,
  Secret: (obj) => defaultSecret(obj),
  Namespace: defaultNamespace,
  NetworkPolicy: spec(defaultNetworkPolicy),
  StorageClass: (obj) => defaultStorageClass(obj),
  Event: (obj) => defaultEvent(obj),
  // SetDefaults_PriorityClass.
  PriorityClass: (obj) => {
    if (obj['preemptionPolicy'] === undefined) obj['preemptionPolicy'] = 'PreemptLowerPriority';
  },
};

/** A defaulted deep copy of `obj`. Kinds without defaults come back as an unchanged copy. */
export function applyDefaults(obj: KubeObject, options: DefaultsOptions = {}): KubeObject {
  const copy = clone(obj);
  const create = (options.operation ?? 'create') === 'create';
  if (copy.kind === 'HorizontalPodAutoscaler') {
    defaultHPA(ensure(copy, 'spec'), copy.apiVersion === 'autoscaling/v2');
  } else if (copy.kind === 'Event' && copy.apiVersion !== 'v1') {
    return copy;
  } else {
    DEFAULTERS[copy.kind]?.(copy, create);
  }
  return copy;
}

/**
 * The selector and pod-template labels the Job strategy generates from the
 * Job's UID (`batch.kubernetes.io/controller-uid`, `job-name`, and their
 * legacy forms), unless `spec.manualSelector` is true. Returns a copy.
 */
export function defaultJobSelector(job: KubeObject, uid: string): KubeObject {
  const copy = clone(job);
  generateJobSelector(copy, uid);
  return copy;
}

export { imageTag } from './pod.ts';
export { base64 } from './others.ts';
