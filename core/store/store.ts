/**
 * The object store: etcd's role. Objects keyed by storage key, namespace and
 * name; one global revision (resourceVersion) bumped on every write; a
 * bounded history of changes so watches can resume from a revision, with
 * 410 Gone when it has been compacted away. The store knows nothing of
 * kinds: semantics (defaults, validation, generation) live in core/api.
 * Stored objects are shared and must never be mutated by readers.
 */
import type { KubeObject } from '../api/types.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: WatchEventType;
  /** storageKey of the resource (e.g. "apps/deployments"). */
  key: string;
  object: KubeObject;
  /** The object before this change, for MODIFIED and DELETED. */
  old?: KubeObject;
  rv: number;
}

export type StoreListener = (event: StoreEvent) => void;

const DEFAULT_HISTORY_LIMIT = 20_000;

/**
 * One resource's objects: namespace ('' for cluster-scoped) → name → object.
 * Two lookups by strings objects already carry, instead of building a
 * "namespace/name" key on every read.
 */
class Table {
  readonly byNamespace = new Map<string, Map<string, KubeObject>>();
  size = 0;

  get(namespace: string | undefined, name: string): KubeObject | undefined {
    return this.byNamespace.get(namespace || '')?.get(name);
  }

  set(namespace: string | undefined, name: string, obj: KubeObject): void {
    const ns = namespace || '';
    let names = this.byNamespace.get(ns);
    if (!names) {
      names = new Map();
      this.byNamespace.set(ns, names);
    }
    const before = names.size;
    names.set(name, obj);
    this.size += names.size - before;
  }

  delete(namespace: string | undefined, name: string): void {
    const ns = namespace || '';
    const names = this.byNamespace.get(ns);
    if (!names?.delete(name)) return;
    this.size--;
    if (names.size === 0) this.byNamespace.delete(ns);
  }

  *values(): Generator<KubeObject> {
    for (const names of this.byNamespace.values()) yield* names.values();
  }
}

export class Store {
  private tables = new Map<string, Table>();
  /**
   * Each resource's objects in key order, kept until its next write. kubectl
   * pages through 10,000 pods in 20 requests; without this every page sorted
   * them all again.
   */
  private sorted = new Map<string, readonly KubeObject[]>();
  private revision = 0;
  private history: StoreEvent[] = [];
  private listeners = new Map<string, Set<StoreListener>>();
  private anyListeners = new Set<StoreListener>();
  private pending: StoreEvent[] = [];
  private dispatching = false;

  /** @param historyLimit changes kept for watch resume (etcd's compaction window). */
  constructor(private readonly historyLimit = DEFAULT_HISTORY_LIMIT) {}

  /** The current global revision. */
  get resourceVersion(): number {
    return this.revision;
  }

  /** The oldest revision a watch can still resume after. */
  get oldestResumable(): number {
    return this.history[0] ? this.history[0].rv - 1 : this.revision;
  }

  get(key: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.tables.get(key)?.get(namespace, name);
  }

  /** All objects of a resource, in a namespace or everywhere, in key order (as etcd ranges). */
  list(key: string, namespace?: string): KubeObject[] {
    const all = this.sortedList(key);
    if (namespace === undefined) return all.slice();
    const out: KubeObject[] = [];
    for (const obj of all) if (obj.metadata.namespace === namespace) out.push(obj);
    return out;
  }

  /** The storage keys that hold objects. */
  keys(): string[] {
    return [...this.tables].filter(([, t]) => t.size > 0).map(([k]) => k);
  }

  count(key: string): number {
    return this.tables.get(key)?.size ?? 0;
  }

  /**
   * Store a new or changed object; stamps its resourceVersion. Returns the stored object.
   * With `owned`, the caller hands over an object (and metadata) nobody else holds, and
   * it is stamped and kept as it is instead of copied (the Api's write path).
   */
  put(key: string, obj: KubeObject, owned = false): KubeObject {
    const table = this.table(key);
    const { namespace, name = '' } = obj.metadata;
    const old = table.get(namespace, name);
    const rv = ++this.revision;
    this.sorted.delete(key);
    let stored: KubeObject;
    if (owned) {
      obj.metadata.resourceVersion = String(rv);
      stored = obj;
    } else stored = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(rv) } };
    table.set(namespace, name, stored);
    this.emit(old ? { type: 'MODIFIED', key, object: stored, old, rv } : { type: 'ADDED', key, object: stored, rv });
    return stored;
  }

  /** Remove an object. The DELETED event carries its last state under a new revision. */
  remove(key: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const table = this.tables.get(key);
    const old = table?.get(namespace, name);
    if (!table || !old) return undefined;
    table.delete(namespace, name);
    this.sorted.delete(key);
    const rv = ++this.revision;
    const last: KubeObject = { ...old, metadata: { ...old.metadata, resourceVersion: String(rv) } };
    this.emit({ type: 'DELETED', key, object: last, old, rv });
    return last;
  }

  /** Events after revision `rv` for a resource, or undefined when that part of history is gone. */
  since(key: string | undefined, rv: number): StoreEvent[] | undefined {
    if (rv < this.oldestResumable) return undefined;
    const start = this.indexAfter(rv);
    const out: StoreEvent[] = [];
    for (let i = start; i < this.history.length; i++) {
      const e = this.history[i]!;
      if (key === undefined || e.key === key) out.push(e);
    }
    return out;
  }

  /** Listen to changes of one resource (or all with key undefined). Returns a disposer. */
  subscribe(key: string | undefined, listener: StoreListener): () => void {
    if (key === undefined) {
      this.anyListeners.add(listener);
      return () => this.anyListeners.delete(listener);
    }
    const set = this.listeners.get(key) ?? new Set<StoreListener>();
    this.listeners.set(key, set);
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Every stored object, for snapshots and invariant checks. */
  *all(): Generator<[string, KubeObject]> {
    for (const [key, table] of this.tables) for (const obj of table.values()) yield [key, obj];
  }

  private sortedList(key: string): readonly KubeObject[] {
    let all = this.sorted.get(key);
    if (!all) {
      const table = this.tables.get(key);
      all = table ? [...table.values()].sort(byNamespaceAndName) : [];
      this.sorted.set(key, all);
    }
    return all;
  }

  private table(key: string): Table {
    let t = this.tables.get(key);
    if (!t) {
      t = new Table();
      this.tables.set(key, t);
    }
    return t;
  }

  /**
   * Deliver in revision order: a listener that writes while being told of a
   * change queues its own event behind the one every listener is hearing.
   */
  private emit(event: StoreEvent): void {
    this.history.push(event);
    if (this.history.length > this.historyLimit * 1.5) {
      this.history = this.history.slice(this.history.length - this.historyLimit);
    }
    this.pending.push(event);
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      for (let i = 0; i < this.pending.length; i++) {
        const e = this.pending[i]!;
        const forKey = this.listeners.get(e.key);
        if (forKey) for (const l of forKey) l(e);
        for (const l of this.anyListeners) l(e);
      }
    } finally {
      this.pending = [];
      this.dispatching = false;
    }
  }

  private indexAfter(rv: number): number {
    // History is sorted by rv; binary search the first event with rv > given.
    let lo = 0;
    let hi = this.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.history[mid]!.rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function byNamespaceAndName(a: KubeObject, b: KubeObject): number {
  const an = a.metadata.namespace ?? '';
  const bn = b.metadata.namespace ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  const a1 = a.metadata.name ?? '';
  const b1 = b.metadata.name ?? '';
  return a1 < b1 ? -1 : a1 > b1 ? 1 : 0;
}
