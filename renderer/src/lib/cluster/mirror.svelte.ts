/**
 * The UI's mirror of the cluster: every object the host streams, updated by
 * the pure reducer and published at most once per animation frame.
 */
import type { KubeObject } from '../../../../core/api/types.ts';
import type { Notification, WatchChange } from '../../../../core/protocol/index.ts';
import { applyWatchEvents, fromSnapshot, keyOfRef } from './reducer.ts';

/* eslint-disable svelte/prefer-svelte-reactivity -- the map is immutable: each batch replaces it whole (reducer.ts), and the listener set is not state. */
import type { ObjectMap } from './reducer.ts';

export class ClusterMirror {
  #objects = $state.raw<ObjectMap>(new Map());
  #resourceVersion = $state.raw('0');
  #ready = $state.raw(false);
  private queued: WatchChange[] = [];
  private frame = 0;
  /** Listeners told of each batch right after it is applied (the graph's incremental patch). */
  private batchListeners = new Set<(changes: readonly WatchChange[]) => void>();

  get objects(): ObjectMap {
    return this.#objects;
  }
  get resourceVersion(): string {
    return this.#resourceVersion;
  }
  /** True once the first snapshot arrived. */
  get ready(): boolean {
    return this.#ready;
  }

  get(ref: { apiVersion: string; kind: string; namespace?: string; name: string }): KubeObject | undefined {
    return this.#objects.get(keyOfRef(ref));
  }

  ofKind(kind: string): KubeObject[] {
    const out: KubeObject[] = [];
    for (const o of this.#objects.values()) if (o.kind === kind) out.push(o);
    return out;
  }

  onBatch(listener: (changes: readonly WatchChange[]) => void): () => void {
    this.batchListeners.add(listener);
    return () => this.batchListeners.delete(listener);
  }

  /** Feed a host notification; returns true when it was a cluster one. */
  receive(n: Notification): boolean {
    if (n.type === 'snapshot') {
      this.queued = [];
      this.#objects = fromSnapshot(n.objects);
      this.#resourceVersion = n.resourceVersion;
      this.#ready = true;
      for (const l of this.batchListeners) l([]);
      return true;
    }
    if (n.type !== 'changes') return false;
    this.queued.push(...n.changes);
    this.#pendingRv = n.resourceVersion;
    if (!this.frame) this.frame = requestAnimationFrame(() => this.flush());
    return true;
  }

  #pendingRv = '0';

  /** Apply queued changes now (also what the animation frame does). */
  flush(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    if (!this.queued.length) return;
    const batch = this.queued;
    this.queued = [];
    this.#objects = applyWatchEvents(this.#objects, batch);
    this.#resourceVersion = this.#pendingRv;
    for (const l of this.batchListeners) l(batch);
  }
}
