/**
 * The kubelet of one node: registers the Node, renews its Lease every 10 s,
 * runs the pods bound to it through pod workers, and writes their status.
 * Status writes are batched: a pod's status is written once per virtual
 * instant, after everything that happened at that instant.
 */
import type { Api } from '../api/api.ts';
import type { KubeObject } from '../api/types.ts';
import type { VirtualClock, Timer } from '../clock/clock.ts';
import { isoSeconds } from '../clock/clock.ts';
import type { EventRecorder } from '../controllers/runtime/events.ts';
import { R } from '../controllers/resources.ts';
import { nodeNameOf } from '../controllers/podutil.ts';
import type { Rng } from '../util/rng.ts';
import { fnv32a } from '../util/rng.ts';
import { serviceAccountJwt } from '../api/tokens.ts';
import type { ContainerSpec } from './containers.ts';
import type { ApiRef, KubeletHost } from './host.ts';
import { lazyFs, nodeRootFs } from './volumedata.ts';
import { storageKey } from '../api/registry.ts';
import { missingConfigRef } from './environment.ts';
import { PodWorker } from './podworker.ts';
import type { ProcessHandle, ProcessStarter, StartOptions } from './process.ts';
import type { StoreEvent } from '../store/store.ts';
import type { NetworkAccess } from '../network/network.ts';
import type { FileSystem } from './shell/fs.ts';
import { nodeObject } from './node.ts';
import type { NodeConfig } from './node.ts';

const LEASE_RENEW_MS = 10_000;
/** Lease renewals per full node-status report (10 s × 30 = 5 min). */
const STATUS_REPORT_EVERY = 30;
const KUBELET_VERSION = 'v1.33.1';
/** What a pod's volumes and env may refer to. */
const API_REFS = { ConfigMap: R.configMaps, Secret: R.secrets, PersistentVolumeClaim: R.pvcs, PersistentVolume: R.pvs };

export interface SharedVolumes {
  get(key: string): FileSystem;
  drop(prefix: string): void;
}

export class Kubelet implements KubeletHost {
  /** The machine's own disk (hostPath, local PVs): it outlives pods and kubelet restarts; made on first use. */
  readonly hostFs: FileSystem;
  private workers = new Map<string, PodWorker>();
  private dirty = new Set<PodWorker>();
  private images = new Set<string>();
  private ips = new Map<string, string>();
  private nextIP = 0;
  private renewals = 0;
  private running = false;
  private poweredOff = false;
  private leaseTimer?: Timer;
  private unsubscribe?: () => void;
  readonly nodeIP: string;
  /** The cluster network as the pods here see it (set by the Cluster before `start`). */
  network?: (pod: KubeObject) => NetworkAccess;

  constructor(
    readonly config: NodeConfig,
    private readonly api: Api,
    readonly clock: VirtualClock,
    private readonly recorder: EventRecorder,
    private readonly rng: Rng,
    private readonly starter: ProcessStarter,
    private readonly volumes: SharedVolumes,
    /** Changes of the pods bound to a node (the cluster routes them; one store listener for all kubelets). */
    private readonly podFeed: (node: string, listener: (e: StoreEvent) => void) => () => void,
  ) {
    this.nodeIP = config.internalIP;
    this.hostFs = lazyFs(() => nodeRootFs(config.name));
  }

  get nodeName(): string {
    return this.config.name;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** True after `powerOff` until the next `start`: the machine itself is down. */
  get isPoweredOff(): boolean {
    return this.poweredOff;
  }

  now(): number {
    return this.clock.now();
  }

  /** Register (or re-register) the node, start heartbeats and adopt the pods bound here. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.poweredOff = false;
    this.register();
    this.renewLease();
    const pods = this.podFeed(this.nodeName, (e) => this.sync(e.type === 'DELETED' ? undefined : e.object, e.object));
    // configMapAndSecretChangeDetectionStrategy Watch: changes reach the pods that mount them (volumes.ts).
    const configs = [R.configMaps, R.secrets].map((rt) =>
      this.api.store.subscribe(storageKey(rt), (e) => {
        const m = e.object.metadata;
        for (const w of this.workers.values())
          w.volumes.objectChanged(rt.kind as 'ConfigMap' | 'Secret', m.namespace ?? '', m.name ?? '');
      }),
    );
    this.unsubscribe = () => [pods, ...configs].forEach((off) => off());
    for (const pod of this.api.store.list('/pods')) if (nodeNameOf(pod) === this.nodeName) this.sync(pod, pod);
  }

  /** The kubelet process stops: containers keep running, nobody reports. */
  stop(): void {
    this.running = false;
    this.leaseTimer?.cancel();
    this.unsubscribe?.();
  }

  /** The whole machine goes down: containers die with it. */
  powerOff(): void {
    this.stop();
    this.poweredOff = true;
    for (const w of this.workers.values()) w.halt();
    this.workers.clear();
    this.dirty.clear();
  }

  /** Write the status of every pod whose state changed. Returns the number of writes. */
  flush(): number {
    if (!this.running || this.dirty.size === 0) return 0;
    const batch = [...this.dirty];
    this.dirty.clear();
    for (const w of batch) this.writeStatus(w);
    return batch.length;
  }

  get hasWork(): boolean {
    return this.running && this.dirty.size > 0;
  }

  worker(uid: string): PodWorker | undefined {
    return this.workers.get(uid);
  }

  // --- KubeletHost ---------------------------------------------------------------

  event(pod: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void {
    if (!this.running) return;
    this.recorder.record({ component: 'kubelet', host: this.nodeName }, pod, type, reason, message, fieldPath);
  }

  markDirty(worker: PodWorker): void {
    this.dirty.add(worker);
  }

  podFinished(worker: PodWorker): void {
    this.dirty.add(worker);
  }

  podTerminated(worker: PodWorker): void {
    if (!this.running) return;
    this.writeStatus(worker);
    const [namespace, name] = worker.name.split('/') as [string, string];
    this.api.delete(R.pods, namespace, name, {
      actor: { component: `kubelet/${this.nodeName}`, reason: `all containers of ${name} stopped → pod removed` },
      gracePeriodSeconds: 0,
      preconditions: { uid: worker.uid },
    });
  }

  allocatePodIP(uid: string): string {
    let ip = this.ips.get(uid);
    if (!ip) {
      // host-local IPAM: the next address of the node's /24, .2 to .254 (.1 is the gateway), wrapping.
      const host = 2 + (this.nextIP++ % 253);
      ip = `${this.config.podCIDR.split('.').slice(0, 3).join('.')}.${host}`;
      this.ips.set(uid, ip);
    }
    return ip;
  }

  hasImage(image: string): boolean {
    return this.images.has(image);
  }

  addImage(image: string): void {
    this.images.add(image);
  }

  imageDigest(ref: string): string {
    let out = '';
    for (let i = 0; out.length < 64; i++) out += fnv32a(`${ref}#${i}`).toString(16).padStart(8, '0');
    return out.slice(0, 64);
  }

  randomHex(length: number): string {
    let out = '';
    while (out.length < length) out += this.rng.next().toString(16).padStart(8, '0');
    return out.slice(0, length);
  }

  startProcess(opts: StartOptions): ProcessHandle {
    return this.starter(opts);
  }

  checkConfigRefs(pod: KubeObject, container: ContainerSpec): string | undefined {
    return missingConfigRef(this, pod, container);
  }

  read(kind: ApiRef, namespace: string | undefined, name: string): KubeObject | undefined {
    const rt = API_REFS[kind];
    return this.api.peek(rt, rt.namespaced ? namespace : undefined, name);
  }

  serviceAccountToken(pod: KubeObject): string {
    const sa = (pod.spec as { serviceAccountName?: string }).serviceAccountName ?? 'default';
    return serviceAccountJwt(pod.metadata.namespace ?? 'default', sa, this.now(), 3607).token;
  }

  volumeData(key: string): FileSystem {
    return this.volumes.get(key);
  }

  // --- internals -------------------------------------------------------------------

  private sync(pod: KubeObject | undefined, last: KubeObject): void {
    if (!this.running) return;
    const uid = last.metadata.uid ?? '';
    const worker = this.workers.get(uid);
    if (!pod) {
      worker?.halt();
      this.workers.delete(uid);
      this.ips.delete(uid);
      this.volumes.drop(`${uid}/`);
      return;
    }
    if (worker) return worker.update(pod);
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return;
    if (pod.metadata.deletionTimestamp && !this.workers.has(uid)) {
      // A pod deleted while nobody ran it (kubelet was down): nothing to stop.
      this.api.delete(R.pods, pod.metadata.namespace, pod.metadata.name ?? '', {
        actor: { component: `kubelet/${this.nodeName}`, reason: 'pod was not running on this node → removed' },
        gracePeriodSeconds: 0,
        preconditions: { uid },
      });
      return;
    }
    this.workers.set(uid, new PodWorker(pod, this));
  }

  private writeStatus(w: PodWorker): void {
    const [namespace, name] = w.name.split('/') as [string, string];
    const current = this.api.peek(R.pods, namespace, name);
    if (!current || current.metadata.uid !== w.uid) return;
    const status = w.status(current);
    const phase = status.phase as string;
    this.api.update(
      R.pods,
      { ...current, status },
      {
        actor: {
          component: `kubelet/${this.nodeName}`,
          reason: `pod ${name}: ${phase}, ${describeContainers(status)}`,
        },
        subresource: 'status',
        trusted: true,
      },
    );
  }

  private register(): void {
    const existing = this.api.peek(R.nodes, undefined, this.nodeName);
    const node = nodeObject(this.config, KUBELET_VERSION, isoSeconds(this.now()), existing);
    const actor = {
      component: `kubelet/${this.nodeName}`,
      reason: existing
        ? `kubelet on ${this.nodeName} started → node Ready`
        : `kubelet registered node ${this.nodeName}`,
    };
    if (!existing) {
      this.api.create(R.nodes, node, { actor, trusted: true });
      const created = this.api.peek(R.nodes, undefined, this.nodeName)!;
      this.recorder.record(
        { component: 'kubelet', host: this.nodeName },
        created,
        'Normal',
        'Starting',
        'Starting kubelet.',
      );
      this.recorder.record(
        { component: 'kubelet', host: this.nodeName },
        created,
        'Normal',
        'NodeReady',
        `Node ${this.nodeName} status is now: NodeReady`,
      );
    } else {
      this.api.update(R.nodes, { ...existing, status: node.status }, { actor, subresource: 'status', trusted: true });
      this.recorder.record(
        { component: 'kubelet', host: this.nodeName },
        existing,
        'Normal',
        'NodeReady',
        `Node ${this.nodeName} status is now: NodeReady`,
      );
    }
  }

  /** nodeStatusReportFrequency: even with nothing new, the kubelet re-posts its status every 5 minutes. */
  private reportStatus(node: KubeObject): void {
    const now = isoSeconds(this.now());
    const status = (node.status ?? {}) as { conditions?: { lastHeartbeatTime?: string }[] };
    const conditions = (status.conditions ?? []).map((c) => ({ ...c, lastHeartbeatTime: now }));
    this.api.update(
      R.nodes,
      { ...node, status: { ...status, conditions } },
      {
        actor: { component: `kubelet/${this.nodeName}`, reason: 'heartbeat: node status reported' },
        subresource: 'status',
        trusted: true,
      },
    );
  }

  private renewLease(): void {
    if (!this.running) return;
    const now = this.now();
    const renewTime = new Date(now).toISOString().replace('Z', '000Z');
    const actor = { component: `kubelet/${this.nodeName}`, reason: 'heartbeat: lease renewed' };
    const lease = this.api.peek(R.leases, 'kube-node-lease', this.nodeName);
    const node = this.api.peek(R.nodes, undefined, this.nodeName);
    if (!lease) {
      this.api.create(
        R.leases,
        {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: {
            name: this.nodeName,
            namespace: 'kube-node-lease',
            ...(node
              ? {
                  ownerReferences: [
                    { apiVersion: 'v1', kind: 'Node', name: this.nodeName, uid: node.metadata.uid ?? '' },
                  ],
                }
              : {}),
          },
          spec: { holderIdentity: this.nodeName, leaseDurationSeconds: 40, renewTime },
        },
        { actor, trusted: true },
      );
    } else {
      this.api.update(R.leases, { ...lease, spec: { ...(lease.spec as object), renewTime } }, { actor, trusted: true });
    }
    if (node && ++this.renewals % STATUS_REPORT_EVERY === 0) this.reportStatus(node);
    this.leaseTimer = this.clock.after(LEASE_RENEW_MS, () => this.renewLease());
  }
}

function describeContainers(status: Record<string, unknown>): string {
  const cs =
    (status.containerStatuses as { name: string; ready: boolean; state: Record<string, { reason?: string }> }[]) ?? [];
  return cs
    .map(
      (c) =>
        `${c.name} ${Object.keys(c.state)[0] ?? ''}${Object.values(c.state)[0]?.reason ? ` (${Object.values(c.state)[0]!.reason})` : ''}${c.ready ? ' ready' : ''}`,
    )
    .join(', ');
}
