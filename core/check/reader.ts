/**
 * The read-only view lesson checks get of a Cluster: objects by name, the
 * ownership chain Deployment → ReplicaSet → Pod, which components run, and
 * the trace (who wrote what, and why). Objects are the store's own, shared
 * and never copied: a check reads them and must not change them.
 */
import { labelSelectorMatcher } from '../api/selectors/index.ts';
import type { LabelSelector } from '../api/selectors/index.ts';
import type { TraceEntry } from '../api/trace.ts';
import type { KubeObject } from '../api/types.ts';
import type { Cluster } from '../cluster/cluster.ts';
import { R } from '../controllers/resources.ts';
import { isPodServing, revisionOf } from './objects.ts';

export type Component = 'scheduler' | 'controller-manager' | 'kubelet';

export interface TraceFilter {
  uid?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  sinceSeq?: number;
}

export class ClusterReader {
  constructor(private readonly cluster: Cluster) {}

  /** Virtual time, ms since the epoch. */
  get nowMs(): number {
    return this.cluster.clock.now();
  }

  deployment(namespace: string, name: string): KubeObject | undefined {
    return this.cluster.api.peek(R.deployments, namespace, name);
  }

  replicaSet(namespace: string, name: string): KubeObject | undefined {
    return this.cluster.api.peek(R.replicaSets, namespace, name);
  }

  pod(namespace: string, name: string): KubeObject | undefined {
    return this.cluster.api.peek(R.pods, namespace, name);
  }

  /** ReplicaSets a Deployment owns, oldest revision first. */
  replicaSetsOf(deployment: KubeObject): KubeObject[] {
    const uid = deployment.metadata.uid;
    if (!uid) return [];
    return this.cluster.indexes.ownedBy(R.replicaSets, uid).sort((a, b) => revisionOf(a) - revisionOf(b));
  }

  /** Pods of a ReplicaSet, or of every ReplicaSet of a Deployment (ownerReferences, as the controllers see it). */
  podsOf(owner: KubeObject): KubeObject[] {
    if (owner.kind === 'Deployment') return this.replicaSetsOf(owner).flatMap((rs) => this.podsOf(rs));
    const uid = owner.metadata.uid;
    return uid ? this.cluster.indexes.ownedBy(R.pods, uid) : [];
  }

  /** Pods of a namespace, optionally those a label selector (`{ app: 'nginx' }` or a LabelSelector) picks. */
  pods(namespace: string, selector?: Record<string, string> | LabelSelector): KubeObject[] {
    const all = this.cluster.api.store.list('/pods', namespace);
    if (!selector) return all;
    const ls: LabelSelector =
      'matchLabels' in selector || 'matchExpressions' in selector
        ? (selector as LabelSelector)
        : { matchLabels: selector as Record<string, string> };
    const match = labelSelectorMatcher(ls);
    return all.filter((p) => match(p.metadata.labels));
  }

  /** Of these pods, those Running, Ready and not being deleted. */
  servingPods(pods: readonly KubeObject[]): KubeObject[] {
    return pods.filter(isPodServing);
  }

  nodeNames(): string[] {
    return [...this.cluster.kubelets.keys()];
  }

  /** Is the component running? For `kubelet`, on `node` (every node when omitted). */
  componentRunning(component: Component, node?: string): boolean {
    if (component === 'scheduler') return this.cluster.scheduler.isRunning;
    if (component === 'controller-manager') return this.cluster.controllers.isRunning;
    const kubelets = node ? [this.cluster.kubelets.get(node)] : [...this.cluster.kubelets.values()];
    return kubelets.every((k) => k?.isRunning === true);
  }

  /** Trace entries, oldest first. */
  trace(filter: TraceFilter = {}): TraceEntry[] {
    return this.cluster.api.trace.query(filter);
  }

  /** The trace of one object: by uid when it has one (survives re-creation under the same name apart). */
  traceFor(obj: KubeObject): TraceEntry[] {
    const uid = obj.metadata.uid;
    if (uid) return this.trace({ uid });
    return this.trace({
      kind: obj.kind,
      name: obj.metadata.name ?? '',
      ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
    });
  }
}
