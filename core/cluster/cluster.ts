/**
 * The Cluster: store, API, controllers, scheduler and kubelets wired on one
 * virtual clock, with fault injection. Deterministic for a seed: the same
 * calls give the same names, order and timestamps.
 */
import { Api } from '../api/api.ts';
import { Allocators } from '../api/allocators.ts';
import type { ResourceType } from '../api/registry.ts';
import { storageKey } from '../api/registry.ts';
import type { KubeObject } from '../api/types.ts';
import { DEFAULT_EPOCH_MS, VirtualClock } from '../clock/clock.ts';
import { DaemonSetController } from '../controllers/daemonset/controller.ts';
import { DeploymentController } from '../controllers/deployment/controller.ts';
import { DisruptionController } from '../controllers/disruption/controller.ts';
import { EndpointsController } from '../controllers/endpoints/controller.ts';
import { GarbageCollector } from '../controllers/gc/controller.ts';
import { HorizontalPodAutoscalerController } from '../controllers/hpa/controller.ts';
import { NamespaceController } from '../controllers/namespace/controller.ts';
import { NodeLifecycleController } from '../controllers/nodelifecycle/controller.ts';
import { nodeNameOf } from '../controllers/podutil.ts';
import { ReplicaSetController } from '../controllers/replicaset/controller.ts';
import { PodGCController } from '../controllers/podgc/controller.ts';
import { ResourceQuotaController } from '../controllers/resourcequota/controller.ts';
import { StatefulSetController } from '../controllers/statefulset/controller.ts';
import { CronJobController } from '../controllers/cronjob/controller.ts';
import { JobController } from '../controllers/job/controller.ts';
import { TTLAfterFinishedController } from '../controllers/ttlafterfinished/controller.ts';
import { PersistentVolumeController } from '../controllers/volume/binder.ts';
import { ExternalProvisioner } from '../controllers/volume/provisioner.ts';
import { PVCProtectionController, PVProtectionController } from '../controllers/volume/protection.ts';
import { LOCAL_PATH, SIMULATED_DISK } from '../controllers/volume/util.ts';
import { ServiceLoadBalancerController } from '../controllers/servicelb/controller.ts';
import { IngressNginxController } from '../controllers/ingress/controller.ts';
import { R } from '../controllers/resources.ts';
import { EventRecorder } from '../controllers/runtime/events.ts';
import { ControllerManager } from '../controllers/runtime/manager.ts';
import type { ClusterView } from '../controllers/runtime/types.ts';
import { Kubelet } from '../kubelet/kubelet.ts';
import type { NodeConfig } from '../kubelet/node.ts';
import { nodeConfigOf } from '../kubelet/node.ts';
import type { ProcessStarter } from '../kubelet/process.ts';
import { startShellProcess } from '../kubelet/shell-process.ts';
import { MemFs } from '../kubelet/shell/fs.ts';
import { persistentVolumeData } from '../kubelet/volumedata.ts';
import type { FileSystem } from '../kubelet/shell/fs.ts';
import { Rng, fnv32a } from '../util/rng.ts';
import type { StoreEvent } from '../store/store.ts';
import {
  COURSE_NODES,
  SYSTEM_NAMESPACES,
  kubeDnsService,
  kubernetesService,
  nginxIngressClass,
  storageClasses,
  systemPriorityClasses,
} from './defaults.ts';
import { Indexes } from './indexes.ts';
import { LoadModel } from './load.ts';
import { Network } from '../network/network.ts';
import { SchedulerRunner } from './scheduling.ts';
import { SNAPSHOT_VERSION } from './snapshot.ts';
import type { ClusterSnapshot } from './snapshot.ts';

export interface ClusterOptions {
  seed?: number;
  startMs?: number;
  nodes?: NodeConfig[];
  processStarter?: ProcessStarter;
  /** PEM of the cluster CA, published in every namespace's kube-root-ca.crt. */
  caBundle?: string;
  /** Store changes kept for watch resume; older resourceVersions get 410 Gone. */
  historyLimit?: number;
  /** Start from a saved cluster instead of bootstrapping a new one. */
  restore?: ClusterSnapshot;
}

export type Component = 'scheduler' | 'controller-manager' | 'kubelet';

const BOOT = { component: 'kube-apiserver', reason: 'cluster bootstrap' };
const EVENT_TTL_MS = 3_600_000;
const EVENT_SWEEP_MS = 600_000;

export class Cluster {
  readonly clock: VirtualClock;
  readonly rng: Rng;
  readonly api: Api;
  readonly events: EventRecorder;
  readonly indexes: Indexes;
  readonly view: ClusterView;
  readonly controllers: ControllerManager;
  readonly scheduler: SchedulerRunner;
  /** Offered CPU load aimed at Services (load.ts): what the HPA and `kubectl top` see. */
  readonly load: LoadModel;
  /** DNS, kube-proxy routing and NetworkPolicy as pods see them (core/network). */
  readonly network: Network;
  readonly kubelets = new Map<string, Kubelet>();
  private readonly volumes = new Map<string, FileSystem>();
  private readonly starter: ProcessStarter;
  private settling = false;
  private settledListeners = new Set<() => void>();
  /** Pod changes routed to the kubelet of the pod's node. */
  private readonly podFeeds = new Map<string, (e: StoreEvent) => void>();

  constructor(opts: ClusterOptions = {}) {
    this.clock = new VirtualClock(opts.startMs ?? DEFAULT_EPOCH_MS);
    this.rng = new Rng(opts.seed ?? 1);
    const allocators = new Allocators(this.rng);
    this.api = new Api(this.clock, this.rng, allocators, opts.historyLimit);
    this.api.store.subscribe('/services', (e) =>
      e.type === 'DELETED' ? allocators.release(e.object) : allocators.reserve(e.object),
    );
    this.events = new EventRecorder(this.api);
    this.indexes = new Indexes(this.api.store);
    this.api.store.subscribe('/pods', (e) => {
      const node = nodeNameOf(e.object);
      if (node) this.podFeeds.get(node)?.(e);
    });
    // A PV deleted with reclaimPolicy Delete takes its storage asset, and so its data, with it.
    this.api.store.subscribe(storageKey(R.pvs), (e) => {
      const policy = (e.object.spec as { persistentVolumeReclaimPolicy?: string } | undefined)
        ?.persistentVolumeReclaimPolicy;
      if (e.type === 'DELETED' && policy === 'Delete') this.dropVolumeData(e.object);
    });
    this.view = this.makeView();
    this.load = new LoadModel(this.view);
    this.network = new Network({
      store: this.api.store,
      view: this.view,
      rng: new Rng(fnv32a(`network/${opts.seed ?? 1}`)),
      now: () => this.clock.now(),
      runtime: (pod) => this.podRuntime(pod),
    });
    this.starter = opts.processStarter ?? startShellProcess;
    this.controllers = new ControllerManager(this.api, this.clock, this.view, this.events, [
      new NamespaceController(opts.caBundle ?? ''),
      new DeploymentController(),
      new ReplicaSetController({ podName: (ns, prefix) => this.freshPodName(ns, prefix) }),
      new EndpointsController(this.view),
      new GarbageCollector(this.indexes),
      new NodeLifecycleController(this.view),
      new PodGCController(this.view),
      new HorizontalPodAutoscalerController(this.load),
      new StatefulSetController(this.view),
      new DaemonSetController({ podName: (ns, prefix) => this.freshPodName(ns, prefix) }, this.view),
      new ResourceQuotaController(this.view),
      new DisruptionController(this.view),
      new JobController({ podName: (ns, prefix) => this.freshPodName(ns, prefix) }),
      new CronJobController(),
      new TTLAfterFinishedController(),
      new PersistentVolumeController(),
      new ExternalProvisioner(SIMULATED_DISK),
      new ExternalProvisioner(LOCAL_PATH),
      new PVCProtectionController(),
      new PVProtectionController(),
      new ServiceLoadBalancerController(this.view),
      new IngressNginxController(this.view),
    ]);
    this.scheduler = new SchedulerRunner(this.api, this.events, this.rng);
    this.clock.onIdle = () => this.settle();
    if (opts.restore) this.loadSnapshot(opts.restore, opts.nodes ?? COURSE_NODES);
    else this.bootstrap(opts.nodes ?? COURSE_NODES);
    this.sweepEvents();
  }

  /** Events live one hour, as the API server's --event-ttl default; swept every ten minutes. */
  private sweepEvents(): void {
    this.clock.after(EVENT_SWEEP_MS, () => {
      const cutoff = this.clock.now() - EVENT_TTL_MS;
      for (const e of this.api.store.list('events')) {
        const last = Date.parse((e.lastTimestamp as string | undefined) ?? e.metadata.creationTimestamp ?? '');
        if (last < cutoff)
          this.api.delete(R.events, e.metadata.namespace, e.metadata.name ?? '', {
            actor: { component: 'kube-apiserver', reason: 'event TTL (1h) expired' },
          });
      }
      this.sweepEvents();
    });
  }

  /** Run every component until nothing more happens at the current instant. */
  settle(): void {
    if (this.settling) return;
    this.settling = true;
    try {
      for (let i = 0; ; i++) {
        if (i > 1_000_000) throw new Error('BUG: cluster did not settle');
        this.controllers.settle();
        let work = this.scheduler.run();
        for (const k of this.kubelets.values()) work += k.flush();
        if (work === 0 && !this.controllers.busy) break;
      }
    } finally {
      this.settling = false;
    }
    for (const l of this.settledListeners) l();
  }

  /** Be told after every settle (each virtual instant with activity). Returns a disposer. */
  onSettled(listener: () => void): () => void {
    this.settledListeners.add(listener);
    return () => this.settledListeners.delete(listener);
  }

  /** The cluster as data (see snapshot.ts). */
  snapshot(): ClusterSnapshot {
    const objects: ClusterSnapshot['objects'] = [];
    for (const key of this.api.store.keys())
      for (const object of this.api.store.list(key)) objects.push({ key, object });
    objects.sort((a, b) => Number(a.object.metadata.resourceVersion) - Number(b.object.metadata.resourceVersion));
    return { version: SNAPSHOT_VERSION, nowMs: this.clock.now(), objects };
  }

  /** Move virtual time forward, playing everything that happens meanwhile. */
  advance(seconds: number): void {
    this.clock.advance(seconds * 1000);
  }

  addNode(config: NodeConfig): Kubelet {
    const k = new Kubelet(
      config,
      this.api,
      this.clock,
      this.events,
      this.rng,
      this.starter,
      {
        get: (key) => this.volume(key),
        drop: (prefix) => {
          for (const key of [...this.volumes.keys()]) if (key.startsWith(prefix)) this.volumes.delete(key);
        },
      },
      (node, listener) => {
        this.podFeeds.set(node, listener);
        return () => this.podFeeds.delete(node);
      },
    );
    this.kubelets.set(config.name, k);
    k.network = (pod) => this.network.forPod(pod);
    k.start();
    this.settle();
    return k;
  }

  /**
   * A new worker machine joins, named after the course's (k8s-node3, k8s-node4…),
   * with the same size: its kubelet registers the Node and DaemonSets follow.
   */
  addWorker(): string {
    let n = 1;
    while (this.kubelets.has(`k8s-node${n}`) || this.api.store.get('/nodes', undefined, `k8s-node${n}`)) n++;
    const name = `k8s-node${n}`;
    this.addNode({
      name,
      internalIP: `192.168.56.${10 + n}`,
      podCIDR: `10.244.${n}.0/24`,
      cpu: '2',
      memory: '4015932Ki',
      pods: '110',
    });
    return name;
  }

  // --- faults -----------------------------------------------------------------

  stop(component: Component, node?: string): void {
    if (component === 'scheduler') this.scheduler.stop();
    else if (component === 'controller-manager') this.controllers.stop();
    else this.kubelet(node).stop();
    this.settle();
  }

  start(component: Component, node?: string): void {
    if (component === 'scheduler') this.scheduler.start();
    else if (component === 'controller-manager') this.controllers.start();
    else this.kubelet(node).start();
    this.settle();
  }

  /** The machine goes down: its kubelet and containers stop. */
  failNode(node: string): void {
    this.kubelet(node).powerOff();
    this.settle();
  }

  recoverNode(node: string): void {
    this.kubelet(node).start();
    this.settle();
  }

  /**
   * Wipe a PersistentVolume's data where it lives (keys in kubelet/volumes.ts: an NFS export
   * path, a CSI disk, node-local data on every node). Runs by itself when a PV whose
   * reclaimPolicy is Delete is deleted; Retain and Recycle PVs keep (or scrub) their data.
   */
  dropVolumeData(pv: KubeObject): void {
    for (const k of this.kubelets.values()) {
      const data = persistentVolumeData(pv, k.nodeName);
      // The hostPath deleter only ever removes /tmp/… (pkg/volume/hostpath deleter); other node paths stay.
      if ('hostPath' in data) {
        if (/^\/tmp\/.+$/.test(data.hostPath)) k.hostFs.remove(data.hostPath, { recursive: true });
      } else {
        // Emptied in place: a pod still mounting it sees its files go, as with a deleted disk.
        const store = this.volumes.get(data.store);
        if (data.path !== '/') store?.remove(data.path, { recursive: true });
        else {
          const names = store?.list('/');
          for (const name of names?.ok ? names.value : []) store?.remove(`/${name}`, { recursive: true });
        }
      }
    }
  }

  // --- internals ---------------------------------------------------------------

  /** The containers a pod runs, from its node's kubelet; undefined when the machine is down. */
  private podRuntime(pod: KubeObject) {
    const k = this.kubelets.get(nodeNameOf(pod) ?? '');
    return k && !k.isPoweredOff ? k.worker(pod.metadata.uid ?? '')?.containers : undefined;
  }

  private kubelet(node: string | undefined): Kubelet {
    const k = node ? this.kubelets.get(node) : undefined;
    if (!k) throw new Error(`no node named ${node ?? '(none)'}`);
    return k;
  }

  private volume(key: string): FileSystem {
    let fs = this.volumes.get(key);
    if (!fs) {
      fs = new MemFs(this.clock.now());
      this.volumes.set(key, fs);
    }
    return fs;
  }

  private freshPodName(namespace: string, prefix: string): string {
    for (;;) {
      const name = prefix + this.rng.suffix(5);
      if (!this.api.store.get('/pods', namespace, name)) return name;
    }
  }

  private makeView(): ClusterView {
    const store = this.api.store;
    return {
      now: () => this.clock.now(),
      get: (rt: ResourceType, ns: string | undefined, name: string) =>
        store.get(storageKey(rt), rt.namespaced ? ns : undefined, name),
      list: (rt: ResourceType, ns?: string) => store.list(storageKey(rt), rt.namespaced ? ns : undefined),
      ownedBy: (rt: ResourceType, uid: string) => this.indexes.ownedBy(rt, uid),
      podsOnNode: (node: string) => this.indexes.podsOnNode(node),
    };
  }

  private bootstrap(nodes: NodeConfig[]): void {
    for (const name of SYSTEM_NAMESPACES) {
      this.api.create(
        R.namespaces,
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
        { actor: BOOT, trusted: true },
      );
    }
    this.api.create(R.services, kubernetesService(), { actor: BOOT, trusted: true });
    this.api.create(R.services, kubeDnsService(), { actor: BOOT, trusted: true });
    for (const pc of systemPriorityClasses()) this.api.create(R.priorityClasses, pc, { actor: BOOT, trusted: true });
    this.ensureClasses();
    this.settle();
    for (const n of nodes) this.addNode(n);
    this.apiserverEndpoints(nodes.find((n) => n.controlPlane) ?? nodes[0]);
    this.settle();
  }

  /**
   * Load a snapshot's objects, then start the kubelets (they adopt the pods bound to them):
   * one per Node the snapshot holds, so machines added in the lab come back too.
   */
  private loadSnapshot(snapshot: ClusterSnapshot, nodes: NodeConfig[]): void {
    for (const { key, object } of snapshot.objects) this.api.store.put(key, object);
    this.ensureClasses();
    this.settle();
    const saved = this.api.store.list('/nodes').map(nodeConfigOf);
    const byName = new Map(nodes.map((n) => [n.name, n]));
    for (const n of saved.length ? saved : nodes) this.addNode(byName.get(n.name) ?? n);
    this.settle();
  }

  /**
   * The lab's IngressClass and StorageClasses (defaults.ts), also into snapshots saved before the
   * lab had them. Stored with uids of their own seed so the cluster's random stream (names, IPs)
   * stays as it was.
   */
  private ensureClasses(): void {
    this.ensureBuiltIn(R.ingressClasses, nginxIngressClass(), 'ingressclass');
    for (const sc of storageClasses()) this.ensureBuiltIn(R.storageClasses, sc, 'storageclass');
  }

  private ensureBuiltIn(rt: ResourceType, obj: KubeObject, seed: string): void {
    const name = obj.metadata.name ?? '';
    if (this.api.store.get(storageKey(rt), undefined, name)) return;
    obj.metadata.uid = new Rng(fnv32a(`${seed}/${name}`)).uuid();
    obj.metadata.creationTimestamp = this.clock.nowIso();
    // Only objects with a spec have a generation (a StorageClass has none).
    if (obj.spec) obj.metadata.generation = 1;
    this.api.store.put(storageKey(rt), obj, true);
  }

  private apiserverEndpoints(master: NodeConfig | undefined): void {
    if (!master) return;
    const ep: KubeObject = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' },
      },
      subsets: [{ addresses: [{ ip: master.internalIP }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
    };
    this.api.create(R.endpoints, ep, { actor: BOOT, trusted: true });
  }
}
