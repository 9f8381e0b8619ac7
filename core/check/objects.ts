/**
 * Facts about objects that lesson checks ask for, read from the objects
 * themselves (spec and status), never from what the learner typed.
 */
import type { KubeObject } from '../api/types.ts';
import { isPodActive, isPodReady, nodeNameOf, podPhase } from '../controllers/podutil.ts';
import { milliValue, quantityValue } from '../scheduler/quantity.ts';

export { isPodActive, isPodReady, nodeNameOf, podPhase };

interface Container {
  name: string;
  image?: string;
}

/** Running, Ready and not being deleted: what `kubectl get pods` shows as 1/1 Running. */
export function isPodServing(pod: KubeObject): boolean {
  return podPhase(pod) === 'Running' && isPodReady(pod) && !pod.metadata.deletionTimestamp;
}

/** Not yet bound to a node (the scheduler has not placed it). */
export function isUnscheduled(pod: KubeObject): boolean {
  return !nodeNameOf(pod) && !pod.metadata.deletionTimestamp;
}

/** Containers of a pod, or of a workload's pod template. */
export function containersOf(obj: KubeObject): Container[] {
  if (obj.kind === 'Pod') return (obj.spec as { containers?: Container[] } | undefined)?.containers ?? [];
  const template = (obj.spec as { template?: { spec?: { containers?: Container[] } } } | undefined)?.template;
  return template?.spec?.containers ?? [];
}

/** The image of one container (the first when unnamed) of a pod or a workload's template. */
export function imageOf(obj: KubeObject, container?: string): string | undefined {
  const cs = containersOf(obj);
  return (container ? cs.find((c) => c.name === container) : cs[0])?.image;
}

export function annotation(obj: KubeObject, key: string): string | undefined {
  return obj.metadata.annotations?.[key];
}

/** A Deployment's (or ReplicaSet's) numbers, as `kubectl get deploy` and `rollout status` read them. */
export interface WorkloadState {
  /** spec.replicas (defaulted to 1). */
  desired: number;
  current: number;
  updated: number;
  ready: number;
  available: number;
  generation: number;
  observedGeneration: number;
}

export function workloadState(obj: KubeObject): WorkloadState {
  const spec = (obj.spec ?? {}) as { replicas?: number };
  const st = (obj.status ?? {}) as Partial<
    Record<'replicas' | 'updatedReplicas' | 'readyReplicas' | 'availableReplicas' | 'observedGeneration', number>
  >;
  return {
    desired: spec.replicas ?? 1,
    current: st.replicas ?? 0,
    updated: st.updatedReplicas ?? (obj.kind === 'ReplicaSet' ? (st.replicas ?? 0) : 0),
    ready: st.readyReplicas ?? 0,
    available: st.availableReplicas ?? 0,
    generation: obj.metadata.generation ?? 0,
    observedGeneration: st.observedGeneration ?? 0,
  };
}

/**
 * `kubectl rollout status` would say "successfully rolled out": the controller has seen the latest
 * spec, every replica runs the new template, all are available and no old ones are left.
 */
export function isRolledOut(deploy: KubeObject): boolean {
  const s = workloadState(deploy);
  return (
    s.observedGeneration >= s.generation &&
    s.updated === s.desired &&
    s.current === s.desired &&
    s.available === s.desired
  );
}

/** The controller has not seen the latest spec yet: spec and status disagree about the generation. */
export function specAheadOfStatus(obj: KubeObject): boolean {
  const s = workloadState(obj);
  return s.observedGeneration < s.generation;
}

/** deployment.kubernetes.io/revision of a ReplicaSet or Deployment, as a number (0 when absent). */
export function revisionOf(obj: KubeObject): number {
  return Number(annotation(obj, 'deployment.kubernetes.io/revision') ?? 0) || 0;
}

/** A Node's Ready condition is True: what `kubectl get nodes` shows as Ready. */
export function isNodeReady(node: KubeObject): boolean {
  const conditions = (node.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions;
  return conditions?.find((c) => c.type === 'Ready')?.status === 'True';
}

/** The value of one label, or undefined. */
export function labelOf(obj: KubeObject, key: string): string | undefined {
  return obj.metadata.labels?.[key];
}

/** A pod's container restart count (every container summed), as the RESTARTS column adds them. */
export function restartsOf(pod: KubeObject): number {
  const cs = (pod.status as { containerStatuses?: { restartCount?: number }[] } | undefined)?.containerStatuses ?? [];
  return cs.reduce((n, c) => n + (c.restartCount ?? 0), 0);
}

/** A Job's counts and outcome, as `kubectl get job` and `describe job` read them. */
export interface JobState {
  completions: number;
  parallelism: number;
  active: number;
  succeeded: number;
  failed: number;
  /** The condition that ended it: `Complete`, `Failed`, or undefined while it runs. */
  finished: 'Complete' | 'Failed' | undefined;
}

export function jobState(job: KubeObject): JobState {
  const spec = (job.spec ?? {}) as { completions?: number; parallelism?: number };
  const st = (job.status ?? {}) as {
    active?: number;
    succeeded?: number;
    failed?: number;
    conditions?: { type: string; status: string }[];
  };
  const done = (t: string) => st.conditions?.some((c) => c.type === t && c.status === 'True') === true;
  return {
    completions: spec.completions ?? 1,
    parallelism: spec.parallelism ?? 1,
    active: st.active ?? 0,
    succeeded: st.succeeded ?? 0,
    failed: st.failed ?? 0,
    finished: done('Complete') ? 'Complete' : done('Failed') ? 'Failed' : undefined,
  };
}

/** CPU in millicores and memory in bytes. */
export interface CpuMemory {
  cpuMilli: number;
  memoryBytes: number;
}

interface ResourceRequirements {
  requests?: Record<string, string>;
}

/** What a pod requests: its containers' `resources.requests` summed (what the scheduler and quotas count for them). */
export function podRequests(pod: KubeObject): CpuMemory {
  const cs = (pod.spec as { containers?: { resources?: ResourceRequirements }[] } | undefined)?.containers ?? [];
  let cpuMilli = 0;
  let memoryBytes = 0;
  for (const c of cs) {
    cpuMilli += milliValue(c.resources?.requests?.cpu ?? '0') ?? 0;
    memoryBytes += quantityValue(c.resources?.requests?.memory ?? '0') ?? 0;
  }
  return { cpuMilli, memoryBytes };
}

/** A node's `status.allocatable` CPU and memory: what pods may request in all. */
export function allocatableOf(node: KubeObject): CpuMemory {
  const a = (node.status as { allocatable?: Record<string, string> } | undefined)?.allocatable ?? {};
  return { cpuMilli: milliValue(a.cpu ?? '0') ?? 0, memoryBytes: quantityValue(a.memory ?? '0') ?? 0 };
}
