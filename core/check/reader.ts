/**
 * The read-only view lesson checks get of a Cluster: objects by name, the
 * ownership chain Deployment → ReplicaSet → Pod, which components run, and
 * the trace (who wrote what, and why). Objects are the store's own, shared
 * and never copied: a check reads them and must not change them.
 */
import { storageKey } from '../api/registry.ts';
import { labelSelectorMatcher } from '../api/selectors/index.ts';
import type { LabelSelector } from '../api/selectors/index.ts';
import type { TraceEntry } from '../api/trace.ts';
import type { KubeObject } from '../api/types.ts';
import type { Cluster } from '../cluster/cluster.ts';
import { R } from '../controllers/resources.ts';
import type { HttpOutcome } from '../network/http.ts';
import { peerOf } from '../network/proxy.ts';
import type { Verdict } from '../network/types.ts';
import { isPodServing, revisionOf } from './objects.ts';

export type Component = 'scheduler' | 'controller-manager' | 'kubelet';

interface SliceEndpoint {
  conditions?: { ready?: boolean };
  targetRef?: { kind?: string; name?: string };
}

function eventTime(ev: KubeObject): string {
  const e = ev as { lastTimestamp?: string; firstTimestamp?: string };
  return e.lastTimestamp ?? e.firstTimestamp ?? '';
}

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

  node(name: string): KubeObject | undefined {
    return this.cluster.api.peek(R.nodes, undefined, name);
  }

  service(namespace: string, name: string): KubeObject | undefined {
    return this.cluster.api.peek(R.services, namespace, name);
  }

  /** The EndpointSlices of a Service (labelled `kubernetes.io/service-name`), as kube-proxy reads them. */
  endpointSlicesOf(service: KubeObject): KubeObject[] {
    const ns = service.metadata.namespace ?? 'default';
    const name = service.metadata.name ?? '';
    return this.cluster.api.store
      .list(storageKey(R.endpointSlices), ns)
      .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === name);
  }

  /** Pods behind a Service: the ready endpoints of its EndpointSlices, resolved to pods (those still stored). */
  endpointPods(service: KubeObject): KubeObject[] {
    const ns = service.metadata.namespace ?? 'default';
    const names = new Set<string>();
    for (const slice of this.endpointSlicesOf(service))
      for (const e of (slice as { endpoints?: SliceEndpoint[] }).endpoints ?? [])
        if (e.conditions?.ready !== false && e.targetRef?.kind === 'Pod' && e.targetRef.name)
          names.add(e.targetRef.name);
    return [...names].flatMap((n) => this.pod(ns, n) ?? []);
  }

  /** Events about an object (matched by uid, else kind and name), oldest first. */
  eventsFor(obj: KubeObject): KubeObject[] {
    const uid = obj.metadata.uid;
    const ns = obj.metadata.namespace ?? 'default';
    return this.cluster.api.store
      .list(storageKey(R.events), ns)
      .filter((ev) => {
        const io = (ev as { involvedObject?: { uid?: string; kind?: string; name?: string } }).involvedObject;
        return uid && io?.uid ? io.uid === uid : io?.kind === obj.kind && io?.name === obj.metadata.name;
      })
      .sort((a, b) => eventTime(a).localeCompare(eventTime(b)));
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

  statefulSet(namespace: string, name: string): KubeObject | undefined {
    return this.cluster.api.peek(R.statefulSets, namespace, name);
  }

  daemonSet(namespace: string, name: string): KubeObject | undefined {
    return this.cluster.api.peek(R.daemonSets, namespace, name);
  }

  job(namespace: string, name: string): KubeObject | undefined {
    return this.cluster.api.peek(R.jobs, namespace, name);
  }

  cronJob(namespace: string, name: string): KubeObject | undefined {
    return this.cluster.api.peek(R.cronJobs, namespace, name);
  }

  /** Jobs a CronJob owns (ownerReferences), oldest first. */
  jobsOf(cronJob: KubeObject): KubeObject[] {
    const uid = cronJob.metadata.uid;
    if (!uid) return [];
    const created = (j: KubeObject) => j.metadata.creationTimestamp ?? '';
    return this.cluster.indexes.ownedBy(R.jobs, uid).sort((a, b) => created(a).localeCompare(created(b)));
  }

  /** PersistentVolumeClaims of a namespace. */
  claims(namespace: string): KubeObject[] {
    return this.cluster.api.store.list(storageKey(R.pvcs), namespace);
  }

  /** NetworkPolicies of a namespace. */
  networkPolicies(namespace: string): KubeObject[] {
    return this.cluster.api.store.list(storageKey(R.networkPolicies), namespace);
  }

  ingress(namespace: string, name: string): KubeObject | undefined {
    return this.cluster.api.peek(R.ingresses, namespace, name);
  }

  namespace(name: string): KubeObject | undefined {
    return this.cluster.api.peek(R.namespaces, undefined, name);
  }

  /**
   * The NetworkPolicy verdict for a connection from pod `from` to pod `to` on `port`: allowed or
   * not, and which policies decided it (the engine the simulated traffic goes through).
   */
  verdict(from: KubeObject, to: KubeObject, port: number, protocol = 'TCP'): Verdict {
    return this.cluster.network.verdict(peerOf(from), peerOf(to), port, protocol);
  }

  /**
   * What `wget URL` from a program in pod `from` gets at this instant: DNS, kube-proxy and
   * policies as the pod sees them. No virtual time passes (a dropped connection is reported as
   * such, not waited for). It is a real request: it takes its turn in a Service's spreading.
   */
  request(from: KubeObject, url: string, headers?: Record<string, string>): HttpOutcome {
    return this.cluster.network.request(from, url, headers ? { headers } : {});
  }

  /** ResourceQuotas, or LimitRanges, of a namespace. */
  resourceQuotas(namespace: string): KubeObject[] {
    return this.cluster.api.store.list(storageKey(R.resourceQuotas), namespace);
  }

  limitRanges(namespace: string): KubeObject[] {
    return this.cluster.api.store.list(storageKey(R.limitRanges), namespace);
  }

  /** Pods bound to a node (every namespace), as `kubectl describe node` lists them. */
  podsOnNode(node: string): KubeObject[] {
    return this.cluster.indexes.podsOnNode(node);
  }

  /** Every Node object, as `kubectl get nodes` lists them. */
  nodes(): KubeObject[] {
    return this.cluster.api.store.list(storageKey(R.nodes));
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

  persistentVolume(name: string): KubeObject | undefined {
    return this.cluster.api.peek(R.pvs, undefined, name);
  }

  configMap(namespace: string, name: string): KubeObject | undefined {
    return this.cluster.api.peek(R.configMaps, namespace, name);
  }

  secret(namespace: string, name: string): KubeObject | undefined {
    return this.cluster.api.peek(R.secrets, namespace, name);
  }

  /**
   * The file at `path` as the pod's running container sees it (image files and volumes);
   * undefined when the file is absent or the container is not running.
   */
  readFile(namespace: string, pod: string, container: string, path: string): string | undefined {
    const p = this.pod(namespace, pod);
    const node = (p?.spec as { nodeName?: string } | undefined)?.nodeName;
    const worker = node ? this.cluster.kubelets.get(node)?.worker(p?.metadata.uid ?? '') : undefined;
    const run = worker?.containers.find((c) => c.spec.name === container);
    if (!run || run.state !== 'running' || !run.fs) return undefined;
    const read = run.fs.read(path);
    return read.ok ? read.value : undefined;
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
