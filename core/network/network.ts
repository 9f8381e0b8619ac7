/**
 * The cluster network as a pod (or a node, or the outside) sees it: CoreDNS
 * (dns.ts), kube-proxy (proxy.ts), NetworkPolicy (policy.ts, one engine per
 * revision of policies, namespaces and nodes), the ingress controller
 * (ingress.ts) and what answers at the end: the destination container's own
 * server, reading its own filesystem (an edited index.html shows).
 * `forPod` is what a pod's programs (wget, curl, nslookup…) get; `request`
 * is one HTTP GET for tests and the UI.
 */
import type { KubeObject } from '../api/types.ts';
import type { ContainerRun } from '../kubelet/containers.ts';
import { R } from '../controllers/resources.ts';
import type { Store } from '../store/store.ts';
import type { Rng } from '../util/rng.ts';
import { KEYS, NetworkCache } from './cache.ts';
import type { DnsAnswer, DnsRecord, RRType } from './dns.ts';
import { DNS_SERVER, Resolver, isIPv4 } from './dns.ts';
import { respond } from './http.ts';
import type { HttpOutcome, HttpRequest } from './http.ts';
import { routeIngress, isIngressError } from './ingress.ts';
import type { ReadView } from '../controllers/ingress/class.ts';
import { PolicyEngine } from './policy.ts';
import type { Connection } from './proxy.ts';
import { Proxy, peerOf } from './proxy.ts';
import type { IpPeer, Peer, PodPeer, Verdict } from './types.ts';

export type { HttpOutcome, HttpRequest } from './http.ts';

/** What a program in a pod (or on a node) may do on the network. */
export interface NetworkAccess {
  /** The nameserver in resolv.conf. */
  readonly dnsServer: string;
  /** resolv.conf's search list (empty on a node: it does not use cluster DNS). */
  searchList(): string[];
  /** A name through the resolver (search list, ndots:5); rcode TIMEOUT when policy drops DNS. */
  resolve(name: string, type?: RRType): DnsAnswer;
  /** One absolute name, no search list (`dig name`). */
  query(name: string, type?: RRType): DnsAnswer;
  connect(ip: string, port: number, protocol?: string): Connection;
  http(req: HttpRequest): HttpOutcome;
  ping(ip: string): boolean;
}

export interface NetworkDeps {
  store: Store;
  view: ReadView;
  rng: Rng;
  now(): number;
  runtime(pod: KubeObject): readonly ContainerRun[] | undefined;
}

/** The lab's CoreDNS as a policy destination: no such pod runs, but kube-dns pods carry these labels and ports. */
const COREDNS: PodPeer = {
  kind: 'pod',
  namespace: 'kube-system',
  name: 'coredns',
  labels: { 'k8s-app': 'kube-dns' },
  ip: '',
  ports: [
    { name: 'dns', containerPort: 53, protocol: 'UDP' },
    { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
    { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
  ],
};

const LOOPBACK = '127.0.0.1';

/** Where `request` comes from when the caller says "outside the cluster". */
export const OUTSIDE_PEER: IpPeer = { kind: 'ip', ip: '192.168.56.1', label: 'outside the cluster' };

export class Network {
  readonly cache: NetworkCache;
  readonly dns: Resolver;
  readonly proxy: Proxy;
  private engine?: { revision: number; engine: PolicyEngine };

  constructor(private readonly deps: NetworkDeps) {
    this.cache = new NetworkCache(deps.store);
    this.dns = new Resolver(this.cache);
    this.proxy = new Proxy({
      cache: this.cache,
      rng: deps.rng,
      now: deps.now,
      runtime: deps.runtime,
      verdict: (src, dst, port, protocol) => this.verdict(src, dst, port, protocol),
    });
  }

  /** The NetworkPolicy engine for the policies, namespaces and nodes as they are now (rebuilt only when they change). */
  policyEngine(): PolicyEngine {
    const revision = this.cache.policyRevision;
    if (this.engine?.revision !== revision) {
      const engine = new PolicyEngine({
        policies: this.cache.list(KEYS.policies),
        namespaces: this.cache.list(KEYS.namespaces),
        nodes: this.cache.list(KEYS.nodes),
      });
      this.engine = { revision, engine };
    }
    return this.engine.engine;
  }

  verdict(src: Peer, dst: Peer, port: number, protocol = 'TCP'): Verdict {
    return this.policyEngine().verdict(src, dst, port, protocol);
  }

  /** The network as programs in `pod` see it. */
  forPod(pod: KubeObject): NetworkAccess {
    const ns = pod.metadata.namespace ?? 'default';
    // The pod object may predate its IP and labels: read the current one at each use (the peer
    // is rebuilt only when the stored object changed).
    let last: { obj: KubeObject; peer: PodPeer } | undefined;
    const self = (): PodPeer => {
      const obj = this.current(pod);
      if (last?.obj !== obj) last = { obj, peer: peerOf(obj) };
      return last.peer;
    };
    return this.access(self, ns);
  }

  /** The network as a node's own programs see it (host network: no cluster DNS). */
  forNode(name: string, ip: string): NetworkAccess {
    return this.access(() => ({ kind: 'ip', ip, label: name }), undefined);
  }

  /**
   * One HTTP GET of `url` from a pod or an address (tests, the UI's "try it"): names resolve
   * through the pod's DNS (from an address, only outside names and IPs do).
   */
  request(from: Peer | KubeObject, url: string, opts: { headers?: Record<string, string> } = {}): HttpOutcome {
    const access =
      'metadata' in from
        ? this.forPod(from)
        : this.access(() => from, from.kind === 'pod' ? from.namespace : undefined);
    const u = parseUrl(url);
    if (!u) return { kind: 'error', reason: `bad URL ${url}` };
    let ip = u.host;
    if (!isIPv4(ip)) {
      const a = access.resolve(u.host);
      const found = a.records.find((r) => r.type === 'A')?.data;
      if (!found) return { kind: 'dns', name: u.host, rcode: a.rcode };
      ip = found;
    }
    const host = opts.headers?.['Host'] ?? opts.headers?.['host'] ?? u.host;
    return access.http({ ip, port: u.port, host, path: u.path, ...(opts.headers ? { headers: opts.headers } : {}) });
  }

  private current(pod: KubeObject): KubeObject {
    return this.deps.view.get(R.pods, pod.metadata.namespace, pod.metadata.name ?? '') ?? pod;
  }

  private access(self: () => Peer, namespace: string | undefined): NetworkAccess {
    // Is the pod's DNS traffic (UDP 53 to the kube-dns pods) dropped by policy? Asked on every
    // lookup, decided again only when the pod or the policies changed.
    let memo: { revision: number; peer: Peer; verdict: Verdict } | undefined;
    const dnsDropped = (): Verdict | undefined => {
      const peer = self();
      const revision = this.cache.policyRevision;
      if (memo?.peer !== peer || memo.revision !== revision)
        memo = { revision, peer, verdict: this.verdict(peer, COREDNS, 53, 'UDP') };
      return memo.verdict.allowed ? undefined : memo.verdict;
    };
    const timedOut = (name: string): DnsAnswer => ({ rcode: 'TIMEOUT', name, records: [] });
    // The loopback stays inside the pod's network namespace: 127.0.0.1 is the pod itself.
    const local = (ip: string): string => {
      const me = self();
      return ip === LOOPBACK && me.kind === 'pod' && me.ip ? me.ip : ip;
    };
    return {
      dnsServer: DNS_SERVER,
      searchList: () => (namespace ? this.dns.searchList(namespace) : []),
      resolve: (name, type) => {
        const hosts = this.hostsEntry(self(), name);
        if (hosts) return { rcode: 'NOERROR', name, records: type && type !== 'A' ? [] : [hosts] };
        if (namespace === undefined) return this.dns.query(name, type);
        return dnsDropped() ? timedOut(name) : this.dns.resolve(name, namespace, type);
      },
      query: (name, type) => (namespace !== undefined && dnsDropped() ? timedOut(name) : this.dns.query(name, type)),
      connect: (ip, port, protocol) => this.proxy.connect(self(), local(ip), port, protocol),
      http: (req) => this.http(self(), { ...req, ip: local(req.ip) }),
      ping: (ip) => ip === LOOPBACK || this.proxy.pingable(self(), local(ip)),
    };
  }

  /** /etc/hosts (kubelet_pods.go managedHostsFileContent): localhost, and the pod's own hostname. */
  private hostsEntry(me: Peer, name: string): DnsRecord | undefined {
    const n = name.toLowerCase().replace(/\.$/, '');
    if (n === 'localhost') return { name: n, type: 'A', ttl: 0, data: LOOPBACK };
    if (me.kind !== 'pod' || !me.ip) return undefined;
    const pod = this.cache.podsByIP.get(me.ip);
    const spec = pod?.spec as { hostname?: string; subdomain?: string } | undefined;
    const host = spec?.hostname ?? me.name;
    const fqdn = spec?.subdomain ? `${host}.${spec.subdomain}.${me.namespace}.svc.cluster.local` : undefined;
    return n === host || n === fqdn ? { name: n, type: 'A', ttl: 0, data: me.ip } : undefined;
  }

  /** Connect, then let whatever answers answer (a container, the ingress controller, an outside site). */
  private http(src: Peer, req: HttpRequest): HttpOutcome {
    const conn = this.proxy.connect(src, req.ip, req.port);
    if (conn.kind !== 'ingress') return respond(conn, req, this.deps.now());
    const route = routeIngress(this.deps.view, { host: req.host, path: req.path });
    if (isIngressError(route))
      return {
        kind: 'response',
        status: route.status,
        headers: [['Server', 'nginx']],
        body: route.body,
        connection: conn,
      };
    const svc = this.cache.services.get(`${route.namespace}/${route.service}`);
    const vip = (svc?.spec as { clusterIP?: string } | undefined)?.clusterIP ?? '';
    // ingress-nginx proxies from its own address to the Service.
    const backend = this.proxy.connect({ kind: 'ip', ip: req.ip, label: 'ingress-nginx controller' }, vip, route.port);
    if (backend.kind === 'refused' || backend.kind === 'timeout')
      return { kind: 'response', status: 502, headers: [['Server', 'nginx']], body: BAD_GATEWAY, connection: conn };
    return respond(backend, req, this.deps.now());
  }
}

const BAD_GATEWAY =
  '<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n';

/** `http://host:port/path`, `host:port`, `host/path` → parts (default port 80, 443 for https). */
export function parseUrl(url: string): { scheme: string; host: string; port: number; path: string } | undefined {
  const m = /^(?:(https?):\/\/)?([^/:?#\s]+)(?::(\d+))?([^?#\s]*)?(\?[^#\s]*)?/i.exec(url.trim());
  if (!m || !m[2]) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  if (port < 1 || port > 65535) return undefined;
  return { scheme, host: m[2], port, path: `${m[4] || '/'}${m[5] ?? ''}` };
}
