/**
 * Secondary indexes over the store, kept current from its change feed: by
 * uid, by owner uid, and pods by node. They make controllers' lookups O(1)
 * instead of scanning every object.
 */
import type { ResourceType } from '../api/registry.ts';
import { storageKey } from '../api/registry.ts';
import type { KubeObject } from '../api/types.ts';
import { resourceForStorageKey } from '../controllers/resources.ts';
import type { Store, StoreEvent } from '../store/store.ts';

interface Ref {
  key: string;
  namespace: string | undefined;
  name: string;
}

export class Indexes {
  private uids = new Map<string, Ref>();
  private owners = new Map<string, Set<string>>();
  private nodes = new Map<string, Set<string>>();

  constructor(private readonly store: Store) {
    store.subscribe(undefined, (e) => this.apply(e));
  }

  byUid(uid: string): { rt: ResourceType; obj: KubeObject } | undefined {
    const ref = this.uids.get(uid);
    if (!ref) return undefined;
    const obj = this.store.get(ref.key, ref.namespace, ref.name);
    const rt = resourceForStorageKey(ref.key);
    return obj && rt ? { rt, obj } : undefined;
  }

  dependents(uid: string): { rt: ResourceType; obj: KubeObject }[] {
    const out: { rt: ResourceType; obj: KubeObject }[] = [];
    for (const dep of this.owners.get(uid) ?? []) {
      const found = this.byUid(dep);
      if (found) out.push(found);
    }
    return out;
  }

  ownedBy(rt: ResourceType, uid: string): KubeObject[] {
    const key = storageKey(rt);
    return this.dependents(uid)
      .filter((d) => storageKey(d.rt) === key)
      .map((d) => d.obj);
  }

  podsOnNode(node: string): KubeObject[] {
    const out: KubeObject[] = [];
    for (const id of this.nodes.get(node) ?? []) {
      const [ns, name] = id.split('/') as [string, string];
      const pod = this.store.get('/pods', ns, name);
      if (pod) out.push(pod);
    }
    return out;
  }

  private apply(e: StoreEvent): void {
    const uid = e.object.metadata.uid;
    if (!uid) return;
    // A change keeps its uid entry (index() overwrites it): V8 Maps pay a rehash of the
    // whole table for a delete followed by a set of the same key, thousands of objects per write.
    if (e.old) this.unindex(e.key, e.old, e.type === 'MODIFIED' && e.old.metadata.uid === uid);
    if (e.type !== 'DELETED') this.index(e.key, e.object);
  }

  private index(key: string, obj: KubeObject): void {
    const uid = obj.metadata.uid!;
    this.uids.set(uid, { key, namespace: obj.metadata.namespace, name: obj.metadata.name ?? '' });
    for (const r of obj.metadata.ownerReferences ?? []) {
      const set = this.owners.get(r.uid) ?? new Set<string>();
      this.owners.set(r.uid, set);
      set.add(uid);
    }
    const node = key === '/pods' ? (obj.spec as { nodeName?: string } | undefined)?.nodeName : undefined;
    if (node) {
      const set = this.nodes.get(node) ?? new Set<string>();
      this.nodes.set(node, set);
      set.add(`${obj.metadata.namespace}/${obj.metadata.name}`);
    }
  }

  private unindex(key: string, obj: KubeObject, keepUid: boolean): void {
    const uid = obj.metadata.uid!;
    if (!keepUid) this.uids.delete(uid);
    for (const r of obj.metadata.ownerReferences ?? []) {
      const set = this.owners.get(r.uid);
      set?.delete(uid);
      if (set && set.size === 0) this.owners.delete(r.uid);
    }
    const node = key === '/pods' ? (obj.spec as { nodeName?: string } | undefined)?.nodeName : undefined;
    if (node) this.nodes.get(node)?.delete(`${obj.metadata.namespace}/${obj.metadata.name}`);
  }
}
