/**
 * SchedulerCache: the scheduler's incremental view of the cluster
 * (pkg/scheduler/backend/cache): NodeInfos kept current as nodes and pods come
 * and go, pods assumed on a node the moment they are chosen, and the node
 * order of upstream's nodeTree (zones interleaved) that filtering walks.
 * It also keeps what the default topology spreading needs (Services,
 * ReplicaSets, StatefulSets, ReplicationControllers) and Namespace labels for
 * namespaceSelector. Pods in phase Succeeded or Failed are dropped, as the
 * scheduler's informer filters them out.
 */
import type { KubeObject } from '../api/types.ts';
import { isObject } from '../api/types.ts';
import type { Labels, Selector } from './labels.ts';
import { EVERYTHING, addRequirements, compileLabelSelector, selectorFromSet, selectorMatches } from './labels.ts';
import { NodeInfo, zoneKey } from './nodeinfo.ts';
import type { PodInfo } from './podinfo.ts';
import { hasPodAffinity, parsePodInfo, podKey } from './podinfo.ts';
import { SpreadIndex } from './spreadIndex.ts';
import { Rng } from '../util/rng.ts';

const stringMap = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (isObject(v)) for (const [k, x] of Object.entries(v)) out[k] = String(x);
  return out;
};

export class SchedulerCache {
  /** PersistentVolumeClaims by "ns/name", PersistentVolumes and StorageClasses by name (VolumeBinding). */
  private readonly claims = new Map<string, KubeObject>();
  private readonly volumes = new Map<string, KubeObject>();
  private readonly classes = new Map<string, KubeObject>();
  private readonly infos = new Map<string, NodeInfo>();
  /** pod key -> node name, for every pod the cache holds. */
  private readonly podNodes = new Map<string, string>();
  private readonly assumedPods = new Set<string>();
  private readonly zones: string[] = [];
  private readonly tree = new Map<string, string[]>();
  private ordered: NodeInfo[] | null = null;
  private readonly imageNodes = new Map<string, number>();
  private readonly services = new Map<string, Map<string, Labels>>();
  private readonly controllers = new Map<string, { selector: Selector; set: Labels | null }>();
  private readonly namespaces = new Map<string, Labels>();
  private readonly parsed = new WeakMap<KubeObject, PodInfo>();
  /** Incremental per-node counts for topology spreading. */
  readonly spread = new SpreadIndex();
  /** Where the next filtering pass starts (schedule_one.go nextStartNodeIndex). */
  nextStartNodeIndex = 0;
  /** Pods anywhere with any inter-pod affinity term, and with required anti-affinity (fast paths). */
  podsWithAffinity = 0;
  podsWithRequiredAntiAffinity = 0;
  /** Live nodes carrying a PreferNoSchedule taint (TaintToleration score fast path). */
  nodesWithPreferNoScheduleTaints = 0;
  /** Live nodes with NoSchedule/NoExecute taints, and cordoned ones (filter fast paths). */
  nodesWithHardTaints = 0;
  unschedulableNodes = 0;
  /** The seeded source for selectHost's tie-breaking when the caller gives none. */
  readonly rng: Rng;

  constructor(seed = 1) {
    this.rng = new Rng(seed);
  }

  // ---- nodes ----

  /** Adds a Node (or replaces it: same as updateNode). */
  addNode(node: KubeObject): void {
    const name = node.metadata.name ?? '';
    const info = this.infoFor(name);
    const oldLabels = info.node ? info.labels : null;
    if (info.node) this.untrack(info);
    info.setNode(node);
    this.track(info);
    if (!oldLabels || !sameLabels(oldLabels, info.labels)) this.spread.onNodeLabels(info, oldLabels, info.labels);
  }

  updateNode(node: KubeObject): void {
    this.addNode(node);
  }

  /** Removes a Node; its pods stay accounted until they are removed themselves. */
  removeNode(node: KubeObject | string): void {
    const name = typeof node === 'string' ? node : (node.metadata.name ?? '');
    const info = this.infos.get(name);
    if (!info?.node) return;
    this.untrack(info);
    this.spread.onNodeLabels(info, info.labels, null);
    info.node = null;
    if (info.pods.size === 0) this.infos.delete(name);
  }

  /** The NodeInfo of a node, if the node exists. */
  getNode(name: string): NodeInfo | undefined {
    const info = this.infos.get(name);
    return info?.node ? info : undefined;
  }

  /** All nodes in nodeTree order: one node of each zone in turn. */
  nodeList(): readonly NodeInfo[] {
    if (this.ordered) return this.ordered;
    const out: NodeInfo[] = [];
    const lists = this.zones.map((z) => this.tree.get(z) ?? []);
    const longest = Math.max(0, ...lists.map((l) => l.length));
    for (let i = 0; i < longest; i++) {
      for (const l of lists) {
        const info = i < l.length ? this.infos.get(l[i] ?? '') : undefined;
        if (info) out.push(info);
      }
    }
    this.ordered = out;
    return out;
  }

  private infoFor(name: string): NodeInfo {
    let info = this.infos.get(name);
    if (!info) this.infos.set(name, (info = new NodeInfo(name)));
    return info;
  }

  private track(info: NodeInfo): void {
    const z = zoneKey(info.labels);
    let names = this.tree.get(z);
    if (!names) {
      this.tree.set(z, (names = []));
      this.zones.push(z);
    }
    names.push(info.name);
    this.countNode(info, 1);
    for (const image of info.images.keys()) this.imageNodes.set(image, (this.imageNodes.get(image) ?? 0) + 1);
    this.ordered = null;
  }

  private countNode(info: NodeInfo, sign: 1 | -1): void {
    if (info.hasPreferNoScheduleTaints) this.nodesWithPreferNoScheduleTaints += sign;
    if (info.hasHardTaints) this.nodesWithHardTaints += sign;
    if (info.unschedulable) this.unschedulableNodes += sign;
  }

  private untrack(info: NodeInfo): void {
    const z = info.zone;
    const names = this.tree.get(z) ?? [];
    const i = names.indexOf(info.name);
    if (i >= 0) names.splice(i, 1);
    this.countNode(info, -1);
    if (names.length === 0) {
      this.tree.delete(z);
      this.zones.splice(this.zones.indexOf(z), 1);
    }
    for (const image of info.images.keys()) {
      const n = (this.imageNodes.get(image) ?? 1) - 1;
      if (n > 0) this.imageNodes.set(image, n);
      else this.imageNodes.delete(image);
    }
    this.ordered = null;
  }

  /** The SpreadIndex slot counting pods of `namespace` matched by `selector` on each node. */
  spreadSlot(namespace: string, selector: Selector): number {
    return this.spread.slotFor(namespace, selector, this.infos.values());
  }

  /** How many nodes report an image (ImageStateSummary.NumNodes). */
  imageNodeCount(image: string): number {
    return this.imageNodes.get(image) ?? 0;
  }

  /** Is any image known on any node? (ImageLocality fast path.) */
  hasImages(): boolean {
    return this.imageNodes.size > 0;
  }

  // ---- pods ----

  /** The parsed PodInfo of a pending pod, parsed once per object. */
  podInfo(pod: KubeObject): PodInfo {
    let info = this.parsed.get(pod);
    if (!info) this.parsed.set(pod, (info = parsePodInfo(pod)));
    return info;
  }

  /** Adds a bound pod (spec.nodeName set); replaces an assumed copy. Terminal or unbound pods are ignored. */
  addPod(pod: KubeObject): void {
    const key = podKey(pod);
    this.removeKey(key);
    const nodeName = isObject(pod.spec) ? String(pod.spec.nodeName ?? '') : '';
    if (!nodeName || isTerminal(pod)) return;
    this.place(this.podInfo(pod), nodeName);
  }

  updatePod(pod: KubeObject): void {
    this.addPod(pod);
  }

  removePod(pod: KubeObject): void {
    this.removeKey(podKey(pod));
  }

  /** Accounts a pod on the node just chosen for it, before the binding is observed. */
  assume(pod: KubeObject, nodeName: string): void {
    const info = this.podInfo(pod);
    this.removeKey(info.key);
    this.place(info, nodeName);
    this.assumedPods.add(info.key);
  }

  /** Drops an assumed pod whose binding failed (Cache.ForgetPod). */
  forget(pod: KubeObject): void {
    const key = podKey(pod);
    if (this.assumedPods.has(key)) this.removeKey(key);
  }

  isAssumed(pod: KubeObject): boolean {
    return this.assumedPods.has(podKey(pod));
  }

  /** The node a pod is accounted on, if any. */
  nodeOf(pod: KubeObject | PodInfo): string | undefined {
    return this.podNodes.get('key' in pod && typeof pod.key === 'string' ? pod.key : podKey(pod as KubeObject));
  }

  private place(info: PodInfo, nodeName: string): void {
    const node = this.infoFor(nodeName);
    node.addPod(info);
    this.spread.onPod(node, info, 1);
    this.podNodes.set(info.key, nodeName);
    this.countAffinity(info, 1);
  }

  private countAffinity(info: PodInfo, sign: 1 | -1): void {
    if (hasPodAffinity(info)) this.podsWithAffinity += sign;
    if (info.requiredAntiAffinity.length > 0) this.podsWithRequiredAntiAffinity += sign;
  }

  /** Takes a pod off its node for a preemption dry run (its assumed mark is kept). */
  dryRunRemove(p: PodInfo): void {
    this.removeKey(p.key, true);
  }

  /** Puts back a pod taken off by dryRunRemove. */
  dryRunRestore(p: PodInfo, nodeName: string): void {
    this.place(p, nodeName);
  }

  private removeKey(key: string, keepAssumed = false): void {
    const nodeName = this.podNodes.get(key);
    if (nodeName === undefined) return;
    this.podNodes.delete(key);
    if (!keepAssumed) this.assumedPods.delete(key);
    const node = this.infos.get(nodeName);
    const removed = node?.removePod(key);
    if (node && removed) {
      this.spread.onPod(node, removed, -1);
      this.countAffinity(removed, -1);
    }
    if (node && !node.node && node.pods.size === 0) this.infos.delete(nodeName);
  }

  // ---- workloads and namespaces ----

  /** Adds or updates a Service, ReplicaSet, StatefulSet, ReplicationController or Namespace. */
  addObject(obj: KubeObject): void {
    const ns = obj.metadata.namespace ?? 'default';
    const name = obj.metadata.name ?? '';
    const spec = isObject(obj.spec) ? obj.spec : {};
    if (obj.kind === 'Namespace') this.namespaces.set(name, stringMap(obj.metadata.labels));
    else if (obj.kind === 'PersistentVolumeClaim') this.claims.set(`${ns}/${name}`, obj);
    else if (obj.kind === 'PersistentVolume') this.volumes.set(name, obj);
    else if (obj.kind === 'StorageClass') this.classes.set(name, obj);
    else if (obj.kind === 'Service') {
      let byName = this.services.get(ns);
      if (!byName) this.services.set(ns, (byName = new Map()));
      // A Service without a selector never matches a pod (GetPodServices).
      if (isObject(spec.selector)) byName.set(name, stringMap(spec.selector));
      else byName.delete(name);
    } else if (obj.kind === 'ReplicationController') {
      const set = stringMap(spec.selector);
      this.controllers.set(controllerKey(obj.apiVersion, obj.kind, ns, name), { selector: selectorFromSet(set), set });
    } else if (obj.kind === 'ReplicaSet' || obj.kind === 'StatefulSet') {
      this.controllers.set(controllerKey(obj.apiVersion, obj.kind, ns, name), {
        selector: compileLabelSelector(spec.selector),
        set: null,
      });
    }
  }

  removeObject(obj: KubeObject): void {
    const ns = obj.metadata.namespace ?? 'default';
    const name = obj.metadata.name ?? '';
    if (obj.kind === 'Namespace') this.namespaces.delete(name);
    else if (obj.kind === 'PersistentVolumeClaim') this.claims.delete(`${ns}/${name}`);
    else if (obj.kind === 'PersistentVolume') this.volumes.delete(name);
    else if (obj.kind === 'StorageClass') this.classes.delete(name);
    else if (obj.kind === 'Service') this.services.get(ns)?.delete(name);
    else this.controllers.delete(controllerKey(obj.apiVersion, obj.kind, ns, name));
  }

  claim(namespace: string, name: string): KubeObject | undefined {
    return this.claims.get(`${namespace}/${name}`);
  }

  persistentVolume(name: string): KubeObject | undefined {
    return this.volumes.get(name);
  }

  persistentVolumes(): IterableIterator<KubeObject> {
    return this.volumes.values();
  }

  storageClass(name: string): KubeObject | undefined {
    return this.classes.get(name);
  }

  namespaceLabels(ns: string): Labels | undefined {
    return this.namespaces.get(ns);
  }

  /**
   * helper.DefaultSelector: the selectors of the Services selecting the pod,
   * combined with its controller's (ReplicationController, ReplicaSet,
   * StatefulSet). An empty result means "no default spreading".
   */
  defaultSelector(p: PodInfo): Selector {
    let set: Record<string, string> | null = null;
    for (const svc of this.services.get(p.namespace)?.values() ?? []) {
      if (selectorMatches(selectorFromSet(svc), p.labels)) set = Object.assign(set ?? {}, svc);
    }
    const owner = p.controller
      ? this.controllers.get(controllerKey(p.controller.apiVersion, p.controller.kind, p.namespace, p.controller.name))
      : undefined;
    if (!owner) return set ? selectorFromSet(set) : EVERYTHING;
    if (owner.set) return selectorFromSet(Object.assign({}, set, owner.set));
    if (owner.selector.kind === 'nothing') return set ? selectorFromSet(set) : EVERYTHING;
    return set ? addRequirements(selectorFromSet(set), owner.selector.reqs) : owner.selector;
  }
}

/** Only the GroupVersionKinds DefaultSelector knows count as controllers. */
function controllerKey(apiVersion: string, kind: string, ns: string, name: string): string {
  const known =
    (kind === 'ReplicationController' && apiVersion === 'v1') ||
    ((kind === 'ReplicaSet' || kind === 'StatefulSet') && apiVersion === 'apps/v1');
  return known ? `${kind}/${ns}/${name}` : `?/${kind}`;
}

function isTerminal(pod: KubeObject): boolean {
  const phase = isObject(pod.status) ? pod.status.phase : undefined;
  return phase === 'Succeeded' || phase === 'Failed';
}

function sameLabels(a: Labels, b: Labels): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (a[k] !== b[k]) return false;
  return true;
}
