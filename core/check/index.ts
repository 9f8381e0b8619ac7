/**
 * The check SDK lessons import from core: a read-only view of a Cluster,
 * facts about objects, and explanations drawn from the trace, in en and zh-CN.
 */
export { ClusterReader } from './reader.ts';
export type { Component, TraceFilter } from './reader.ts';
export {
  allocatableOf,
  annotation,
  containersOf,
  imageOf,
  isPodActive,
  isPodReady,
  isPodServing,
  isRolledOut,
  isNodeReady,
  isUnscheduled,
  jobState,
  labelOf,
  nodeNameOf,
  podRequests,
  podPhase,
  restartsOf,
  revisionOf,
  specAheadOfStatus,
  workloadState,
} from './objects.ts';
export type { CpuMemory, JobState, WorkloadState } from './objects.ts';
export {
  deploymentEntries,
  isSystemComponent,
  phrase,
  story,
  whyClaimPending,
  whyServiceEmpty,
  whyVolume,
} from './explain.ts';
export { joinText, same, tx } from './text.ts';
export type { Text } from './text.ts';
export type { TraceEntry } from '../api/trace.ts';
export type { KubeObject } from '../api/types.ts';
