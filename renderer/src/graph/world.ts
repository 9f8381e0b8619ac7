/**
 * The mapper's indexed view of the cluster, kept up to date one object at a
 * time: facts by key, pods by label term and by namespace, EndpointSlices by
 * Service, and the counts the pane shows (workloads, namespaces). Fragments
 * (fragments.ts) read it; GraphMapper (mapping.ts) writes it.
 */
import type { Facts } from './facts.ts';
import { ALL_NAMESPACES, USER_NAMESPACES, type MapOptions } from './types.ts';

/** Pods and the controllers that make them: what the "workloads" view and count are about. */
export const WORKLOAD_KINDS: ReadonlySet<string> = new Set([
  'Pod',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'ReplicationController',
]);

export class World {
  readonly facts = new Map<string, Facts>();
  readonly podsByTerm = new Map<string, Set<string>>();
  readonly podsByNs = new Map<string, Set<string>>();
  readonly slicesByService = new Map<string, Set<string>>();
  private nsCount = new Map<string, number>();
  workloads = 0;

  constructor(
    readonly opts: MapOptions,
    readonly kinds: ReadonlySet<string>,
  ) {}

  /** Whether the options draw this object at all (kind, namespace, noise). */
  visible(f: Facts | undefined): f is Facts {
    return !!f && this.kinds.has(f.kind) && !f.noise && inNamespace(f.namespace, this.opts.namespace);
  }

  /** Replace the facts held for `key` (undefined: the object is gone). */
  set(key: string, now: Facts | undefined): Facts | undefined {
    const old = this.facts.get(key);
    if (old) this.index(old, -1);
    if (now) {
      this.facts.set(key, now);
      this.index(now, 1);
    } else this.facts.delete(key);
    return old;
  }

  namespaces(): string[] {
    return [...this.nsCount.keys()].sort();
  }

  /** Whether an EndpointSlice of the Service lists the pod, and as ready; undefined when none lists it. */
  endpointReady(service: string, pod: string): boolean | undefined {
    let ready: boolean | undefined;
    for (const s of this.slicesByService.get(service) ?? []) {
      const r = this.facts.get(s)?.endpoints?.ready.get(pod);
      // A pod listed in several slices is ready if any slice says so.
      if (r !== undefined) ready = ready === true || r;
    }
    return ready;
  }

  private index(f: Facts, d: 1 | -1): void {
    const ns = f.kind === 'Namespace' ? f.ref.name : f.namespace;
    if (ns) count(this.nsCount, ns, d);
    if (WORKLOAD_KINDS.has(f.kind) && this.visible(f)) this.workloads += d;
    if (f.kind === 'Pod') {
      for (const term of f.terms ?? []) member(this.podsByTerm, term, f.key, d);
      member(this.podsByNs, f.namespace, f.key, d);
    }
    if (f.endpoints) member(this.slicesByService, f.endpoints.service, f.key, d);
  }
}

function count(m: Map<string, number>, k: string, d: number): void {
  const n = (m.get(k) ?? 0) + d;
  if (n > 0) m.set(k, n);
  else m.delete(k);
}

function member(m: Map<string, Set<string>>, k: string, v: string, d: 1 | -1): void {
  let s = m.get(k);
  if (d > 0) {
    if (!s) m.set(k, (s = new Set()));
    s.add(v);
  } else if (s) {
    s.delete(v);
    if (s.size === 0) m.delete(k);
  }
}

function inNamespace(ns: string, filter: string): boolean {
  if (ns === '' || filter === ALL_NAMESPACES) return true;
  if (filter === USER_NAMESPACES) return !ns.startsWith('kube-');
  return ns === filter;
}
