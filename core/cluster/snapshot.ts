/**
 * A cluster saved as data: every stored object and the virtual time. Restoring
 * loads the objects into a fresh store (uids kept, resourceVersions restamped,
 * as an etcd restore does) and then starts the kubelets, which adopt the pods
 * bound to their nodes and start their containers again, as after a reboot.
 * Container filesystems and logs are not kept.
 */
import type { KubeObject } from '../api/types.ts';
import { isObject } from '../api/types.ts';

export const SNAPSHOT_VERSION = 1;

export interface ClusterSnapshot {
  version: typeof SNAPSHOT_VERSION;
  /** Virtual time when saved. */
  nowMs: number;
  /** Stored objects by storage key ("apps/deployments"), in revision order. */
  objects: { key: string; object: KubeObject }[];
}

/** Check the shape of a snapshot read from disk; undefined when it is not one. */
export function asSnapshot(value: unknown): ClusterSnapshot | undefined {
  if (!isObject(value) || value.version !== SNAPSHOT_VERSION || typeof value.nowMs !== 'number') return undefined;
  if (!Array.isArray(value.objects)) return undefined;
  const ok = value.objects.every(
    (e) =>
      isObject(e) &&
      typeof e.key === 'string' &&
      isObject(e.object) &&
      typeof e.object.kind === 'string' &&
      isObject(e.object.metadata) &&
      typeof e.object.metadata.name === 'string',
  );
  return ok ? (value as unknown as ClusterSnapshot) : undefined;
}
