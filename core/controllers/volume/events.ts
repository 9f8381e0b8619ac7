/** Reading back the events a controller already recorded, so a resync does not repeat them. */
import type { KubeObject } from '../../api/types.ts';
import { R } from '../resources.ts';
import type { ClusterView } from '../runtime/types.ts';

/** Events about an object (by uid), oldest first. */
export function eventsOf(view: ClusterView, obj: KubeObject): KubeObject[] {
  const ns = obj.metadata.namespace || 'default';
  return view
    .list(R.events, ns)
    .filter((e) => (e.involvedObject as { uid?: string } | undefined)?.uid === obj.metadata.uid);
}

export function hasEvent(view: ClusterView, obj: KubeObject, reason: string, message?: string): boolean {
  return eventsOf(view, obj).some((e) => e.reason === reason && (message === undefined || e.message === message));
}
