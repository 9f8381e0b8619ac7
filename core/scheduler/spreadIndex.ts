/**
 * SpreadIndex: incremental counts of pods matching a (namespace, selector) on
 * every node, so topology spreading does not rescan every pod of every node
 * for every pod it schedules. A selector is registered on first use (one scan),
 * then kept current as pods come and go. Up to MAX_ENTRIES selectors are kept;
 * the least recently used is dropped (a rollout's old ReplicaSet, say).
 * Terminating pods are not counted, as countPodsMatchSelector skips them.
 */
import type { Selector } from './labels.ts';
import { selectorMatches } from './labels.ts';
import type { NodeInfo } from './nodeinfo.ts';
import type { PodInfo } from './podinfo.ts';

const MAX_ENTRIES = 64;

interface Entry {
  readonly slot: number;
  readonly namespace: string;
  readonly selector: Selector;
  lastUse: number;
  /** topologyKey -> label value ("" when missing) -> matching pods on live nodes with that value. */
  readonly domains: Map<string, Map<string, number>>;
}

export class SpreadIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly freeSlots: number[] = [];
  private readonly slots: (Entry | undefined)[] = [];
  private nextSlot = 0;
  private uses = 0;

  /** The slot holding counts for this namespace and selector, registering it if new. */
  slotFor(namespace: string, selector: Selector, nodes: Iterable<NodeInfo>): number {
    const key = `${namespace}\u0000${selector.key}`;
    const found = this.entries.get(key);
    if (found) {
      found.lastUse = ++this.uses;
      return found.slot;
    }
    if (this.entries.size >= MAX_ENTRIES) this.evict(nodes);
    const slot = this.freeSlots.pop() ?? this.nextSlot++;
    const entry: Entry = { slot, namespace, selector, lastUse: ++this.uses, domains: new Map() };
    this.entries.set(key, entry);
    this.slots[slot] = entry;
    for (const n of nodes) n.spreadCounts[slot] = this.countOn(n, namespace, selector);
    return slot;
  }

  /** Keeps counts current when a pod is added to (+1) or removed from (-1) a node. */
  onPod(node: NodeInfo, p: PodInfo, sign: 1 | -1): void {
    if (p.terminating) return;
    for (const e of this.entries.values()) {
      if (e.namespace !== p.namespace || !selectorMatches(e.selector, p.labels)) continue;
      node.spreadCounts[e.slot] = (node.spreadCounts[e.slot] ?? 0) + sign;
      if (node.node) for (const [key, totals] of e.domains) bumpDomain(totals, node.labels[key] ?? '', sign);
    }
  }

  /**
   * Per-domain totals of matching pods over all live nodes for a slot and a
   * topology key (processAllNode, kept incrementally). Built on first use.
   */
  domainTotals(slot: number, key: string, liveNodes: readonly NodeInfo[]): ReadonlyMap<string, number> {
    const e = this.bySlot(slot);
    if (!e) return new Map();
    let totals = e.domains.get(key);
    if (totals) return totals;
    totals = new Map();
    for (const n of liveNodes) bumpDomain(totals, n.labels[key] ?? '', n.spreadCounts[slot] ?? 0);
    e.domains.set(key, totals);
    return totals;
  }

  /** A node joined (oldLabels null), left (newLabels null) or was relabelled: move its counts between domains. */
  onNodeLabels(
    node: NodeInfo,
    oldLabels: Readonly<Record<string, string>> | null,
    newLabels: Readonly<Record<string, string>> | null,
  ): void {
    for (const e of this.entries.values()) {
      const count = node.spreadCounts[e.slot] ?? 0;
      if (count === 0) continue;
      for (const [key, totals] of e.domains) {
        if (oldLabels) bumpDomain(totals, oldLabels[key] ?? '', -count);
        if (newLabels) bumpDomain(totals, newLabels[key] ?? '', count);
      }
    }
  }

  private bySlot(slot: number): Entry | undefined {
    return this.slots[slot];
  }

  private countOn(n: NodeInfo, namespace: string, selector: Selector): number {
    let count = 0;
    for (const p of n.pods.values())
      if (!p.terminating && p.namespace === namespace && selectorMatches(selector, p.labels)) count++;
    return count;
  }

  private evict(nodes: Iterable<NodeInfo>): void {
    let oldestKey = '';
    let oldest: Entry | undefined;
    for (const [k, e] of this.entries) {
      if (!oldest || e.lastUse < oldest.lastUse) [oldestKey, oldest] = [k, e];
    }
    if (!oldest) return;
    this.entries.delete(oldestKey);
    this.slots[oldest.slot] = undefined;
    for (const n of nodes) n.spreadCounts[oldest.slot] = 0;
    this.freeSlots.push(oldest.slot);
  }
}

function bumpDomain(totals: Map<string, number>, value: string, by: number): void {
  if (by !== 0) totals.set(value, (totals.get(value) ?? 0) + by);
}
