/**
 * The informer caches kube-proxy and CoreDNS keep: Services by name and by
 * every address they answer on (ClusterIP, NodePort, load-balancer and
 * external IPs), EndpointSlices by Service, pods by IP, node addresses and
 * the Ingress controller's addresses. Kept up to date from store
 * subscriptions, so a lookup is a Map get, never a scan of the store
 * (CoreDNS's kubernetes plugin and kube-proxy's ServiceChangeTracker /
 * EndpointsChangeTracker do the same from their watches).
 */
import { storageKey } from '../api/registry.ts';
import type { KubeObject } from '../api/types.ts';
import { R } from '../controllers/resources.ts';
import { keyOf } from '../controllers/runtime/types.ts';
import type { Store, StoreEvent } from '../store/store.ts';

export { keyOf };

export const KEYS = {
  services: storageKey(R.services),
  slices: storageKey(R.endpointSlices),
  pods: storageKey(R.pods),
  nodes: storageKey(R.nodes),
  namespaces: storageKey(R.namespaces),
  ingresses: storageKey(R.ingresses),
  policies: storageKey(R.networkPolicies),
};

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
  protocol?: string;
}

export interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  externalName?: string;
  externalIPs?: string[];
  ports?: ServicePort[];
  sessionAffinity?: string;
  sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } };
  selector?: Record<string, string>;
}

export interface SliceEndpoint {
  addresses: string[];
  conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
  hostname?: string;
  nodeName?: string;
  targetRef?: { kind?: string; namespace?: string; name?: string; uid?: string };
}

export const specOf = (svc: KubeObject): ServiceSpec => (svc.spec ?? {}) as ServiceSpec;
export const podIPOf = (p: KubeObject): string => (p.status as { podIP?: string } | undefined)?.podIP ?? '';

/** `status.loadBalancer.ingress[].ip` of a Service or an Ingress. */
function loadBalancerIPs(o: KubeObject): string[] {
  const ingress = (o.status as { loadBalancer?: { ingress?: { ip?: string }[] } } | undefined)?.loadBalancer?.ingress;
  return (ingress ?? []).map((i) => i.ip ?? '').filter(Boolean);
}

/** Every address a Service answers on besides its ClusterIP: load-balancer IPs and `spec.externalIPs`. */
function externalIPs(svc: KubeObject): string[] {
  return [...loadBalancerIPs(svc), ...(specOf(svc).externalIPs ?? []).filter(Boolean)];
}

/**
 * Addresses and the objects that own them. An address normally names one object (a ClusterIP),
 * but every Ingress of one controller shares its address, so owners are kept as a set.
 */
class AddressMap {
  private readonly byAddress = new Map<string, Set<string>>();
  private readonly byOwner = new Map<string, string[]>();

  set(owner: string, addresses: string[]): void {
    for (const a of this.byOwner.get(owner) ?? []) {
      const owners = this.byAddress.get(a);
      owners?.delete(owner);
      if (owners?.size === 0) this.byAddress.delete(a);
    }
    if (addresses.length) this.byOwner.set(owner, addresses);
    else this.byOwner.delete(owner);
    for (const a of addresses) {
      const owners = this.byAddress.get(a) ?? new Set<string>();
      owners.add(owner);
      this.byAddress.set(a, owners);
    }
  }

  /** The (first) owner of an address. */
  get(address: string): string | undefined {
    for (const owner of this.byAddress.get(address) ?? []) return owner;
    return undefined;
  }
}

export class NetworkCache {
  readonly services = new Map<string, KubeObject>();
  /** Service key → slice name → EndpointSlice. */
  readonly slices = new Map<string, Map<string, KubeObject>>();
  readonly podsByIP = new Map<string, KubeObject>();
  readonly clusterIPs = new AddressMap();
  /** `TCP/30000` → Service key. */
  readonly nodePorts = new AddressMap();
  readonly externalIPs = new AddressMap();
  readonly nodeIPs = new AddressMap();
  readonly ingressIPs = new AddressMap();
  /** Bumped on every NetworkPolicy or Namespace change and when nodes come and go: the policy engine is rebuilt when it moves. */
  policyRevision = 0;
  private readonly disposers: (() => void)[] = [];

  constructor(private readonly store: Store) {
    const on = (key: string, f: (e: StoreEvent) => void) => {
      for (const object of store.list(key)) f({ type: 'ADDED', key, object, rv: 0 });
      this.disposers.push(store.subscribe(key, f));
    };
    on(KEYS.services, (e) => this.onService(e));
    on(KEYS.slices, (e) => this.onSlice(e));
    on(KEYS.pods, (e) => this.onPod(e));
    on(KEYS.nodes, (e) => this.onNode(e));
    on(KEYS.ingresses, (e) => this.onIngress(e));
    const bump = () => void this.policyRevision++;
    this.disposers.push(store.subscribe(KEYS.policies, bump), store.subscribe(KEYS.namespaces, bump));
  }

  dispose(): void {
    for (const d of this.disposers) d();
  }

  /** Current objects of a resource (for the policy engine, rebuilt only when policies or namespaces change). */
  list(key: string): KubeObject[] {
    return this.store.list(key);
  }

  /** The endpoints of a Service, over all its slices. */
  endpointsOf(svcKey: string): SliceEndpoint[] {
    const out: SliceEndpoint[] = [];
    for (const s of this.slices.get(svcKey)?.values() ?? []) out.push(...((s.endpoints as SliceEndpoint[]) ?? []));
    return out;
  }

  /** The slice ports of a Service (target ports resolved by the EndpointSlice controller). */
  slicePorts(svcKey: string): { name?: string; port?: number; protocol?: string }[] {
    for (const s of this.slices.get(svcKey)?.values() ?? [])
      return (s.ports as { name?: string; port?: number; protocol?: string }[]) ?? [];
    return [];
  }

  private onService(e: StoreEvent): void {
    const key = keyOf(e.object);
    const gone = e.type === 'DELETED';
    if (gone) this.services.delete(key);
    else this.services.set(key, e.object);
    const spec = specOf(e.object);
    const ip = spec.clusterIP && spec.clusterIP !== 'None' ? [spec.clusterIP] : [];
    this.clusterIPs.set(key, gone ? [] : ip);
    const ports = spec.type === 'NodePort' || spec.type === 'LoadBalancer' ? (spec.ports ?? []) : [];
    this.nodePorts.set(
      key,
      gone ? [] : ports.filter((p) => p.nodePort).map((p) => `${p.protocol ?? 'TCP'}/${p.nodePort}`),
    );
    this.externalIPs.set(key, gone ? [] : externalIPs(e.object));
  }

  private onSlice(e: StoreEvent): void {
    const svc = e.object.metadata.labels?.[SERVICE_NAME_LABEL];
    if (!svc) return;
    const key = `${e.object.metadata.namespace ?? ''}/${svc}`;
    let byName = this.slices.get(key);
    if (e.type === 'DELETED') {
      byName?.delete(e.object.metadata.name ?? '');
      if (byName?.size === 0) this.slices.delete(key);
      return;
    }
    if (!byName) this.slices.set(key, (byName = new Map()));
    byName.set(e.object.metadata.name ?? '', e.object);
  }

  private onPod(e: StoreEvent): void {
    const before = e.old ? podIPOf(e.old) : '';
    if (before && this.podsByIP.get(before)?.metadata.uid === e.object.metadata.uid) this.podsByIP.delete(before);
    const ip = podIPOf(e.object);
    if (e.type !== 'DELETED' && ip) this.podsByIP.set(ip, e.object);
  }

  private onNode(e: StoreEvent): void {
    const addresses = (e.object.status as { addresses?: { type: string; address: string }[] } | undefined)?.addresses;
    const ips = (addresses ?? [])
      .filter((a) => a.type === 'InternalIP' || a.type === 'ExternalIP')
      .map((a) => a.address);
    this.nodeIPs.set(e.object.metadata.name ?? '', e.type === 'DELETED' ? [] : ips);
    // The policy engine knows nodes by address (a node reaches its own pods): a node joining or leaving counts.
    if (e.type !== 'MODIFIED') this.policyRevision++;
  }

  private onIngress(e: StoreEvent): void {
    this.ingressIPs.set(keyOf(e.object), e.type === 'DELETED' ? [] : loadBalancerIPs(e.object));
  }
}
