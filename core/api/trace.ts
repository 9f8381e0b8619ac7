/**
 * The trace: who wrote what and why. Every write through the Api records an
 * entry, so the lab can explain cause and effect ("replicaset-controller:
 * desired 3, observed 2 → created pod web-7d9f-x2k").
 */

export interface Actor {
  /** The component that made the write: "kubectl", "replicaset-controller", "kubelet/k8s-node1", … */
  component: string;
  /** Why, in a sentence a learner can read. */
  reason?: string;
}

export interface TraceEntry {
  seq: number;
  time: string;
  component: string;
  verb: 'create' | 'update' | 'patch' | 'delete' | 'status';
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
  resourceVersion?: string;
  reason: string;
}

const TRACE_LIMIT = 50_000;

export class Trace {
  private entries: TraceEntry[] = [];
  private seq = 0;
  private listeners = new Set<(e: TraceEntry) => void>();

  /** Record an entry; the trace takes the object over (it gains its `seq`). */
  record(entry: Omit<TraceEntry, 'seq'>): void {
    const e = entry as TraceEntry;
    e.seq = ++this.seq;
    this.entries.push(e);
    if (this.entries.length > TRACE_LIMIT * 1.2) this.entries = this.entries.slice(-TRACE_LIMIT);
    for (const l of this.listeners) l(e);
  }

  /** Entries, optionally for one object (by uid, or by kind/namespace/name), oldest first. */
  query(
    filter: { uid?: string; kind?: string; namespace?: string; name?: string; sinceSeq?: number } = {},
  ): TraceEntry[] {
    return this.entries.filter(
      (e) =>
        (filter.sinceSeq === undefined || e.seq > filter.sinceSeq) &&
        (filter.uid === undefined || e.uid === filter.uid) &&
        (filter.kind === undefined || e.kind === filter.kind) &&
        (filter.namespace === undefined || e.namespace === filter.namespace) &&
        (filter.name === undefined || e.name === filter.name),
    );
  }

  subscribe(listener: (e: TraceEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
