/**
 * Garbage collector: deletes objects whose owners are gone, and finishes
 * Foreground (dependents first) and Orphan (dependents kept, references
 * dropped) deletions. Mirrors pkg/controller/garbagecollector, with the
 * dependency graph replaced by the cluster's owner index.
 * Key: "<storageKey>|<namespace>/<name>" of any object that has or is an owner.
 */
import type { ResourceType } from '../../api/registry.ts';
import { RESOURCES, storageKey } from '../../api/registry.ts';
import { FOREGROUND, ORPHAN } from '../../api/api.ts';
import type { KubeObject } from '../../api/types.ts';
import type { StoreEvent } from '../../store/store.ts';
import { resourceForStorageKey } from '../resources.ts';
import type { Action, ClusterView, Controller } from '../runtime/types.ts';
import { keyOf, splitKey } from '../runtime/types.ts';

const NAME = 'garbage-collector-controller';

/** Resources that commonly own or are owned; the GC watches these. */
const WATCHED = [
  'pods',
  'replicasets',
  'deployments',
  'statefulsets',
  'daemonsets',
  'jobs',
  'cronjobs',
  'controllerrevisions',
  'endpointslices',
  'persistentvolumeclaims',
  'configmaps',
  'secrets',
  'services',
  'replicationcontrollers',
  'leases',
];

export interface OwnerIndex {
  /** The object with this uid, wherever it lives. */
  byUid(uid: string): { rt: ResourceType; obj: KubeObject } | undefined;
  /** Every object that names this uid in its ownerReferences. */
  dependents(uid: string): { rt: ResourceType; obj: KubeObject }[];
}

const keyFor = (rt: ResourceType, obj: KubeObject) => `${storageKey(rt)}|${keyOf(obj)}`;

export class GarbageCollector implements Controller {
  readonly name = NAME;
  readonly watches;

  constructor(private readonly index: OwnerIndex) {
    const types = RESOURCES.filter(
      (r) => WATCHED.includes(r.plural) && (r.group !== 'autoscaling' || r.version === 'v2'),
    );
    this.watches = types.map((rt) => ({ resource: rt, keys: (e: StoreEvent) => this.keysFor(rt, e) }));
  }

  private keysFor(rt: ResourceType, e: StoreEvent): string[] {
    const keys = [keyFor(rt, e.object)];
    // When an owner changes or goes, its dependents must look again.
    if (e.type !== 'ADDED' || e.object.metadata.deletionTimestamp) {
      for (const d of this.index.dependents(e.object.metadata.uid ?? '')) keys.push(keyFor(d.rt, d.obj));
    }
    // A dependent that goes lets an owner waiting in the foreground finish.
    if (e.type === 'DELETED') {
      for (const r of e.object.metadata.ownerReferences ?? []) {
        const owner = this.index.byUid(r.uid);
        if (owner?.obj.metadata.deletionTimestamp) keys.push(keyFor(owner.rt, owner.obj));
      }
    }
    return keys;
  }

  reconcile(view: ClusterView, key: string): Action[] {
    const bar = key.indexOf('|');
    const sk = key.slice(0, bar);
    const [namespace, name] = splitKey(key.slice(bar + 1));
    // One canonical type per storage key: the v2 HPA for both HPA versions.
    const rt = resourceForStorageKey(sk);
    if (!rt) return [];
    const obj = view.get(rt, namespace, name);
    if (!obj) return [];
    const finalizers = obj.metadata.finalizers ?? [];
    if (obj.metadata.deletionTimestamp && finalizers.includes(FOREGROUND)) return this.foreground(rt, obj);
    if (obj.metadata.deletionTimestamp && finalizers.includes(ORPHAN)) return this.orphan(rt, obj);
    return this.collectIfOwnersGone(rt, obj);
  }

  private collectIfOwnersGone(rt: ResourceType, obj: KubeObject): Action[] {
    const refs = obj.metadata.ownerReferences ?? [];
    if (refs.length === 0 || obj.metadata.deletionTimestamp) return [];
    const alive = refs.filter((r) => {
      const owner = this.index.byUid(r.uid);
      return owner && !(owner.obj.metadata.deletionTimestamp && owner.obj.metadata.finalizers?.includes(ORPHAN));
    });
    const dangling = refs.filter((r) => !this.index.byUid(r.uid));
    if (alive.length > 0 || dangling.length === 0) {
      // An owner deleting in the foreground takes its blocking dependents with it.
      const fg = refs.find(
        (r) => r.blockOwnerDeletion && this.index.byUid(r.uid)?.obj.metadata.finalizers?.includes(FOREGROUND),
      );
      if (fg && !alive.some((r) => !this.index.byUid(r.uid)?.obj.metadata.deletionTimestamp)) {
        return [
          this.deleteAction(
            rt,
            obj,
            `owner ${fg.kind.toLowerCase()}/${fg.name} is being deleted in the foreground`,
            'Foreground',
          ),
        ];
      }
      return [];
    }
    const owner = dangling[0]!;
    return [
      this.deleteAction(rt, obj, `owner ${owner.kind.toLowerCase()}/${owner.name} no longer exists`, 'Background'),
    ];
  }

  private foreground(rt: ResourceType, obj: KubeObject): Action[] {
    const deps = this.index.dependents(obj.metadata.uid ?? '');
    const blocking = deps.filter((d) =>
      d.obj.metadata.ownerReferences?.some((r) => r.uid === obj.metadata.uid && r.blockOwnerDeletion),
    );
    const out: Action[] = blocking
      .filter((d) => !d.obj.metadata.deletionTimestamp)
      .map((d) =>
        this.deleteAction(
          d.rt,
          d.obj,
          `owner ${obj.kind.toLowerCase()}/${obj.metadata.name} is being deleted in the foreground`,
          'Foreground',
        ),
      );
    if (blocking.length === 0) out.push(this.dropFinalizer(rt, obj, FOREGROUND, 'all dependents are gone'));
    return out;
  }

  private orphan(rt: ResourceType, obj: KubeObject): Action[] {
    const uid = obj.metadata.uid;
    const out: Action[] = this.index.dependents(uid ?? '').map((d) => ({
      type: 'update' as const,
      resource: d.rt,
      object: {
        ...d.obj,
        metadata: {
          ...d.obj.metadata,
          ownerReferences: (d.obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid),
        },
      },
      reason: `orphaned: owner ${obj.kind.toLowerCase()}/${obj.metadata.name} deleted with propagationPolicy=Orphan`,
    }));
    out.push(this.dropFinalizer(rt, obj, ORPHAN, 'dependents orphaned'));
    return out;
  }

  private dropFinalizer(rt: ResourceType, obj: KubeObject, finalizer: string, why: string): Action {
    return {
      type: 'update',
      resource: rt,
      object: {
        ...obj,
        metadata: { ...obj.metadata, finalizers: (obj.metadata.finalizers ?? []).filter((f) => f !== finalizer) },
      },
      reason: `${why} → removed finalizer ${finalizer}`,
    };
  }

  private deleteAction(rt: ResourceType, obj: KubeObject, reason: string, policy: 'Foreground' | 'Background'): Action {
    return {
      type: 'delete',
      resource: rt,
      namespace: obj.metadata.namespace,
      name: obj.metadata.name ?? '',
      uid: obj.metadata.uid,
      reason,
      propagationPolicy: policy,
    };
  }
}
