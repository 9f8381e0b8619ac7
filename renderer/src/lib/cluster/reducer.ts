/**
 * The mirror's pure reducer: apply one watch change to a map of objects.
 * Stale changes (an older resourceVersion than the one held) are dropped, as
 * Headlamp's reducer does, so a late event can never roll an object back.
 */
import type { KubeObject } from '../../../../core/api/types.ts';
import type { WatchChange } from '../../../../core/protocol/index.ts';

export type ObjectMap = ReadonlyMap<string, KubeObject>;

/** `apps/Deployment/default/web`; cluster-scoped objects have an empty namespace. */
export function keyOf(o: {
  apiVersion: string;
  kind: string;
  metadata?: { namespace?: string; name?: string };
}): string {
  const group = o.apiVersion.includes('/') ? o.apiVersion.slice(0, o.apiVersion.indexOf('/')) : '';
  return `${group}/${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
}

/** The key of the object a reference names (`keyOf` of the object itself). */
export function keyOfRef(ref: { apiVersion: string; kind: string; namespace?: string; name: string }): string {
  return keyOf({ apiVersion: ref.apiVersion, kind: ref.kind, metadata: ref });
}

function rvOf(o: KubeObject | undefined): number {
  return Number(o?.metadata.resourceVersion ?? 0);
}

/** Apply changes in order to a copy of `objects`; returns the same map when nothing changed. */
export function applyWatchEvents(objects: ObjectMap, changes: readonly WatchChange[]): ObjectMap {
  let next: Map<string, KubeObject> | undefined;
  for (const c of changes) {
    const key = keyOf(c.object);
    const held = (next ?? objects).get(key);
    if (held && rvOf(c.object) < rvOf(held)) continue;
    if (c.type === 'DELETED') {
      if (!held || held.metadata.uid !== c.object.metadata.uid) continue;
      next ??= new Map(objects);
      next.delete(key);
    } else {
      if (held === c.object) continue;
      next ??= new Map(objects);
      next.set(key, c.object);
    }
  }
  return next ?? objects;
}

export function fromSnapshot(objects: readonly KubeObject[]): ObjectMap {
  return new Map(objects.map((o) => [keyOf(o), o]));
}
