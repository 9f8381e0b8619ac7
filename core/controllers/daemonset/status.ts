/**
 * DaemonSet status (daemon_controller.go updateDaemonSetStatus): per node that
 * should run the daemon, whether it has a pod (pending ones count: they are
 * pinned to the node), whether the oldest is ready, available and up to date;
 * pods on nodes that should not run one are misscheduled. Fields upstream
 * marks omitempty are left out when zero.
 */
import type { KubeObject } from '../../api/types.ts';
import { isPodAvailable, isPodReady } from '../podutil.ts';
import { byCreationScheduledFirst, isPodUpdated, specOf } from './util.ts';

export interface StatusInput {
  ds: KubeObject;
  nodes: KubeObject[];
  nodeToPods: Map<string, KubeObject[]>;
  shouldRun: (node: KubeObject) => boolean;
  hash: string;
  generation: string | undefined;
  now: number;
}

export function daemonSetStatus(input: StatusInput): Record<string, unknown> {
  const { ds, now } = input;
  const minReady = specOf(ds).minReadySeconds ?? 0;
  let desired = 0;
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  let updated = 0;
  let availableCount = 0;
  for (const node of input.nodes) {
    const pods = input.nodeToPods.get(node.metadata.name ?? '') ?? [];
    if (!input.shouldRun(node)) {
      if (pods.length) misscheduled++;
      continue;
    }
    desired++;
    if (!pods.length) continue;
    current++;
    const pod = [...pods].sort(byCreationScheduledFirst)[0]!;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, now)) availableCount++;
    }
    if (isPodUpdated(pod, input.hash, input.generation)) updated++;
  }
  const old = (ds.status ?? {}) as Record<string, unknown>;
  const status: Record<string, unknown> = {
    currentNumberScheduled: current,
    numberMisscheduled: misscheduled,
    desiredNumberScheduled: desired,
    numberReady: ready,
    observedGeneration: ds.metadata.generation ?? 1,
    updatedNumberScheduled: updated,
    numberAvailable: availableCount,
    numberUnavailable: desired - availableCount,
  };
  for (const k of ['updatedNumberScheduled', 'numberAvailable', 'numberUnavailable'])
    if (status[k] === 0) delete status[k];
  if (old.collisionCount !== undefined) status.collisionCount = old.collisionCount;
  if (old.conditions !== undefined) status.conditions = old.conditions;
  return status;
}
