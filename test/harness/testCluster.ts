/**
 * TestCluster: a fluent harness over the real engine for scenario tests.
 * Load manifests, step virtual time, and read objects, conditions and
 * events — no wall clock, no sockets.
 */
import { expect } from 'vitest';
import { resolveResourceName, storageKey } from '../../core/api/registry.ts';
import type { KubeObject } from '../../core/api/types.ts';
import { Cluster } from '../../core/cluster/cluster.ts';
import type { ClusterOptions } from '../../core/cluster/cluster.ts';
import { applyManifest } from '../../core/manifest/apply.ts';
import type { ApplyReport } from '../../core/manifest/apply.ts';
import { NGINX_DEPLOYMENT } from '../../core/manifest/examples.ts';
export { NGINX_DEPLOYMENT };

const ACTOR = { component: 'kubectl', reason: 'test apply' };

export class TestCluster {
  readonly cluster: Cluster;

  private constructor(opts: ClusterOptions) {
    this.cluster = new Cluster({ seed: 1, ...opts });
  }

  static create(opts: ClusterOptions = {}): TestCluster {
    return new TestCluster(opts);
  }

  get api() {
    return this.cluster.api;
  }

  /** Apply a manifest; fails the test if any document is rejected. */
  apply(yaml: string, namespace?: string): this {
    const report = this.tryApply(yaml, namespace);
    expect(report.parseErrors, 'parse errors').toEqual([]);
    expect(report.results.filter((r) => r.error).map((r) => r.error?.message)).toEqual([]);
    return this;
  }

  tryApply(yaml: string, namespace?: string): ApplyReport {
    return applyManifest(this.api, yaml, { actor: ACTOR, ...(namespace ? { namespace } : {}) });
  }

  advance(seconds: number): this {
    this.cluster.advance(seconds);
    return this;
  }

  /** Objects of a kind (any name kubectl accepts: "pods", "deploy", "rs"), optionally by namespace. */
  list(kind: string, namespace?: string): KubeObject[] {
    const rt = resolveResourceName(kind);
    if (!rt) throw new Error(`unknown kind ${kind}`);
    return this.api.list(rt, namespace).items;
  }

  get(kind: string, name: string, namespace = 'default'): KubeObject | undefined {
    const rt = resolveResourceName(kind);
    if (!rt) throw new Error(`unknown kind ${kind}`);
    const r = this.api.get(rt, namespace, name);
    return r.ok ? r.value : undefined;
  }

  delete(
    kind: string,
    name: string,
    namespace = 'default',
    opts: { propagationPolicy?: 'Foreground' | 'Background' | 'Orphan'; gracePeriodSeconds?: number } = {},
  ): this {
    const rt = resolveResourceName(kind);
    if (!rt) throw new Error(`unknown kind ${kind}`);
    const r = this.api.delete(rt, namespace, name, { actor: { component: 'kubectl', reason: 'test delete' }, ...opts });
    expect(r.ok, r.ok ? '' : r.status.message).toBe(true);
    return this;
  }

  /** Replace an object (a PUT), as `kubectl replace` or `rollout undo` would write it. */
  update(kind: string, obj: KubeObject): this {
    const rt = resolveResourceName(kind);
    if (!rt) throw new Error(`unknown kind ${kind}`);
    const r = this.api.update(rt, obj, { actor: { component: 'kubectl', reason: 'test update' } });
    expect(r.ok, r.ok ? '' : r.status.message).toBe(true);
    return this;
  }

  pods(namespace = 'default'): KubeObject[] {
    return this.list('pods', namespace);
  }

  /** Pods that are Running and Ready. */
  readyPods(namespace = 'default'): KubeObject[] {
    return this.pods(namespace).filter(
      (p) => phase(p) === 'Running' && condition(p, 'Ready') === 'True' && !p.metadata.deletionTimestamp,
    );
  }

  /**
   * STYLE.md's idempotence rule: once the cluster has settled, reconciling every
   * key of the named controller again returns no mutating action (only requeues).
   */
  expectIdempotent(controllerName: string): this {
    this.cluster.settle();
    const c = this.cluster.controllers.controllers.find((x) => x.name === controllerName);
    if (!c) throw new Error(`no controller named ${controllerName}`);
    const keys = new Set<string>();
    for (const w of c.watches)
      for (const o of this.api.store.list(storageKey(w.resource)))
        for (const k of w.keys({ type: 'ADDED', key: storageKey(w.resource), object: o, rv: 0 })) keys.add(k);
    for (const key of keys) {
      const writes = c.reconcile(this.cluster.view, key).filter((a) => a.type !== 'requeueAfter');
      expect(writes, `${controllerName} reconcile of ${key} right after settling`).toEqual([]);
    }
    return this;
  }

  /** Events about an object, oldest first, as `Reason: message`. */
  events(obj: KubeObject | undefined): string[] {
    if (!obj) return [];
    return this.list('events', obj.metadata.namespace ?? 'default')
      .filter((e) => (e.involvedObject as { uid?: string }).uid === obj.metadata.uid)
      .map((e) => `${e.reason as string}: ${e.message as string}`);
  }
}

export function phase(pod: KubeObject): string | undefined {
  return (pod.status as { phase?: string } | undefined)?.phase;
}

export function condition(obj: KubeObject, type: string): string | undefined {
  return ((obj.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).find(
    (c) => c.type === type,
  )?.status;
}

export function nodeOf(pod: KubeObject): string | undefined {
  return (pod.spec as { nodeName?: string }).nodeName;
}
