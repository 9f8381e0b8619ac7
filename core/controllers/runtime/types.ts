/**
 * The controller contract (STYLE.md): a reconcile reads current state by key
 * through a read-only view and returns intended actions; the runtime applies
 * them and records who did what and why. Handlers only map changes to keys.
 */
import type { ResourceType } from '../../api/registry.ts';
import type { KubeObject, OwnerReference } from '../../api/types.ts';
import type { StoreEvent } from '../../store/store.ts';

export interface EventAction {
  type: 'event';
  object: KubeObject;
  eventType: 'Normal' | 'Warning';
  reason: string;
  message: string;
  fieldPath?: string;
}

export type Action =
  | { type: 'create'; resource: ResourceType; object: KubeObject; reason: string }
  | { type: 'update'; resource: ResourceType; object: KubeObject; reason: string; subresource?: 'status' }
  | {
      type: 'delete';
      resource: ResourceType;
      namespace?: string;
      name: string;
      reason: string;
      uid?: string;
      propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
      gracePeriodSeconds?: number;
    }
  | EventAction
  | { type: 'requeueAfter'; ms: number };

/** What a reconcile may read. Objects are shared: never mutate them. */
export interface ClusterView {
  now(): number;
  get(rt: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined;
  list(rt: ResourceType, namespace?: string): KubeObject[];
  /** Objects of a resource whose ownerReferences name this uid. */
  ownedBy(rt: ResourceType, ownerUid: string): KubeObject[];
  /** Pods bound to a node. */
  podsOnNode(nodeName: string): KubeObject[];
}

export interface Watch {
  resource: ResourceType;
  /** Map a change to the keys to reconcile (usually "namespace/name" of the object or its owner). */
  keys(event: StoreEvent): string[];
}

export interface Controller {
  /** The component name used in traces and events, e.g. "replicaset-controller". */
  readonly name: string;
  readonly watches: Watch[];
  reconcile(view: ClusterView, key: string): Action[];
}

export function keyOf(obj: KubeObject): string {
  return obj.metadata.namespace ? `${obj.metadata.namespace}/${obj.metadata.name ?? ''}` : (obj.metadata.name ?? '');
}

export function splitKey(key: string): [namespace: string | undefined, name: string] {
  const i = key.indexOf('/');
  return i < 0 ? [undefined, key] : [key.slice(0, i), key.slice(i + 1)];
}

/** The controller owner of an object, if any. */
export function controllerOf(
  obj: KubeObject,
): { kind: string; name: string; uid: string; apiVersion: string } | undefined {
  const refs = obj.metadata.ownerReferences;
  if (refs) for (const r of refs) if (r.controller) return r;
  return undefined;
}

/**
 * metav1.NewControllerRef: the reference a controller puts on what it creates
 * or adopts (controller, blocks the owner's foreground deletion).
 */
export function newControllerRef(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return {
    apiVersion,
    kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** An event about `obj`, recorded by the runtime under the controller's name. */
export function event(obj: KubeObject, eventType: 'Normal' | 'Warning', reason: string, message: string): EventAction {
  return { type: 'event', object: obj, eventType, reason, message };
}

/** Watch handler: enqueue the object itself. */
export const self = (e: StoreEvent): string[] => [keyOf(e.object)];

/** Watch handler: enqueue the controller owner of the given kind. */
export const ownerOfKind =
  (kind: string) =>
  (e: StoreEvent): string[] => {
    // Runs for every change of every watched object: no Set, no intermediate arrays.
    const now = ownerKey(e.object, kind);
    const before = e.old && ownerKey(e.old, kind);
    if (now === undefined) return before === undefined ? [] : [before];
    return before === undefined || before === now ? [now] : [now, before];
  };

function ownerKey(o: KubeObject, kind: string): string | undefined {
  const ref = controllerOf(o);
  if (!ref || ref.kind !== kind) return undefined;
  return o.metadata.namespace ? `${o.metadata.namespace}/${ref.name}` : ref.name;
}
