/**
 * Cluster DNS as CoreDNS's kubernetes plugin answers it (coredns/plugin/kubernetes
 * kubernetes.go Records/findServices, parse.go parseRequest), following the
 * Kubernetes DNS spec (github.com/kubernetes/dns docs/specification.md):
 *   svc.ns.svc.cluster.local            A: the ClusterIP; headless: each ready endpoint
 *   host.svc.ns.svc.cluster.local       A: a headless Service's endpoint by hostname or dashed IP
 *   _port._proto.svc.ns.svc.cluster.local  SRV for named ports
 *   a-b-c-d.ns.pod.cluster.local        A: a-b-c-d ("pods insecure", kubeadm's Corefile)
 *   ExternalName Services               CNAME to spec.externalName (chased, as `upstream` does)
 *   d.c.b.a.in-addr.arpa                PTR of a ClusterIP
 * Names outside cluster.local go "upstream" (outside.ts). Lookups read the
 * cache (cache.ts): Map gets by the parsed name, no scan. `resolve` applies
 * the pod's resolv.conf: search <ns>.svc.cluster.local svc.cluster.local
 * cluster.local, options ndots:5 (pkg/kubelet/network/dns/dns.go).
 * Simplified: IPv4 only (AAAA is always empty), no wildcard queries.
 */
import type { NetworkCache, SliceEndpoint } from './cache.ts';
import { specOf } from './cache.ts';
import { outsideAddress } from './outside.ts';

export const CLUSTER_DOMAIN = 'cluster.local';
/** The kube-dns Service's ClusterIP, the pods' nameserver. */
export const DNS_SERVER = '10.96.0.10';
/** kubeadm's Corefile: `kubernetes cluster.local … { ttl 30 }`. */
const TTL = 30;
const NDOTS = 5;

export type RRType = 'A' | 'AAAA' | 'CNAME' | 'SRV' | 'PTR';

export interface DnsRecord {
  name: string;
  type: 'A' | 'CNAME' | 'SRV' | 'PTR';
  ttl: number;
  /** The address (A), target name (CNAME, SRV, PTR). */
  data: string;
  /** SRV only. */
  srv?: { priority: number; weight: number; port: number };
}

export interface DnsAnswer {
  /** TIMEOUT: no answer came back (a NetworkPolicy drops the pod's DNS traffic). */
  rcode: 'NOERROR' | 'NXDOMAIN' | 'TIMEOUT';
  /** The absolute name that was asked (the search candidate that answered). */
  name: string;
  records: DnsRecord[];
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function isIPv4(s: string): boolean {
  const m = IPV4.exec(s);
  return !!m && m.slice(1).every((x) => Number(x) <= 255);
}

/** `10.244.1.5` → `10-244-1-5` (and back). */
export const dashed = (ip: string): string => ip.replace(/\./g, '-');

export class Resolver {
  constructor(private readonly cache: NetworkCache) {}

  /** resolv.conf's search list for a pod in `namespace`. */
  searchList(namespace: string): string[] {
    return [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
  }

  /**
   * A name as a pod's resolver looks it up: absolute with a trailing dot; with
   * fewer than ndots dots the search domains first, then the name itself; else
   * the name first. The first candidate that exists answers (NXDOMAIN moves on).
   */
  resolve(name: string, namespace: string, type: RRType = 'A'): DnsAnswer {
    let last: DnsAnswer | undefined;
    for (const candidate of this.candidates(name, namespace)) {
      const a = this.query(candidate, type);
      if (a.rcode === 'NOERROR') return a;
      last ??= a;
    }
    return last ?? { rcode: 'NXDOMAIN', name, records: [] };
  }

  /** The absolute names `resolve` tries, in order. */
  candidates(name: string, namespace: string): string[] {
    const n = name.toLowerCase();
    if (n.endsWith('.')) return [n.slice(0, -1)];
    const searched = this.searchList(namespace).map((d) => `${n}.${d}`);
    const dots = n.split('.').length - 1;
    return dots >= NDOTS ? [n, ...searched] : [...searched, n];
  }

  /** One absolute name, as the DNS server answers it. */
  query(fqdn: string, type: RRType = 'A'): DnsAnswer {
    const name = fqdn.toLowerCase().replace(/\.$/, '');
    if (name.endsWith('.in-addr.arpa')) return this.ptr(name, type);
    if (name === CLUSTER_DOMAIN || name.endsWith(`.${CLUSTER_DOMAIN}`)) return this.cluster(name, type);
    const ip = outsideAddress(name);
    if (!ip) return nx(name);
    return ok(name, type === 'A' ? [{ name, type: 'A', ttl: TTL, data: ip }] : []);
  }

  private cluster(name: string, type: RRType): DnsAnswer {
    const labels = name.slice(0, -(CLUSTER_DOMAIN.length + 1)).split('.');
    const zone = labels.pop();
    if (zone === 'pod' && labels.length === 2) return this.podRecord(name, labels[0]!, type);
    if (zone !== 'svc') return nx(name);
    if (labels.length === 2) return this.service(name, labels[0]!, labels[1]!, type);
    const [first = '', second = ''] = labels;
    if (labels.length === 4 && first.startsWith('_') && second.startsWith('_'))
      return type === 'SRV' ? this.srv(name, labels[2]!, labels[3]!, first.slice(1), second.slice(1)) : nx(name);
    if (labels.length === 3) return this.endpointRecord(name, first, labels[1]!, labels[2]!, type);
    return nx(name);
  }

  /** svc.ns.svc.cluster.local */
  private service(name: string, svc: string, ns: string, type: RRType): DnsAnswer {
    const obj = this.cache.services.get(`${ns}/${svc}`);
    if (!obj) return nx(name);
    const spec = specOf(obj);
    if (spec.type === 'ExternalName' && spec.externalName) return this.cname(name, spec.externalName, type);
    if (type === 'SRV') return this.srv(name, svc, ns, undefined, undefined);
    if (type !== 'A') return ok(name, []);
    if (spec.clusterIP && spec.clusterIP !== 'None')
      return ok(name, [{ name, type: 'A', ttl: TTL, data: spec.clusterIP }]);
    const ips = [...new Set(this.published(`${ns}/${svc}`).flatMap((e) => e.addresses))];
    return ok(
      name,
      ips.map((ip) => ({ name, type: 'A', ttl: TTL, data: ip })),
    );
  }

  /** CNAME, then the target's addresses when it resolves (CoreDNS's `upstream`). */
  private cname(name: string, target: string, type: RRType): DnsAnswer {
    const record: DnsRecord = { name, type: 'CNAME', ttl: TTL, data: target };
    if (type === 'CNAME' || target.toLowerCase().replace(/\.$/, '') === name) return ok(name, [record]);
    const chased = this.query(target, type);
    return ok(name, [record, ...chased.records]);
  }

  /** The endpoints DNS publishes for a Service: ready ones, or all with publishNotReadyAddresses. */
  private published(svcKey: string): SliceEndpoint[] {
    const all = (this.cache.services.get(svcKey)?.spec as { publishNotReadyAddresses?: boolean } | undefined)
      ?.publishNotReadyAddresses;
    return this.cache.endpointsOf(svcKey).filter((e) => all || e.conditions?.ready !== false);
  }

  /** host.svc.ns.svc.cluster.local: a headless Service's endpoint by hostname or dashed IP. */
  private endpointRecord(name: string, host: string, svc: string, ns: string, type: RRType): DnsAnswer {
    const obj = this.cache.services.get(`${ns}/${svc}`);
    if (!obj || specOf(obj).clusterIP !== 'None') return nx(name);
    const matches = this.published(`${ns}/${svc}`).filter(
      (e) => e.hostname === host || e.addresses.some((ip) => dashed(ip) === host),
    );
    if (matches.length === 0) return nx(name);
    const ips = matches.flatMap((e) =>
      e.hostname === host ? e.addresses : e.addresses.filter((ip) => dashed(ip) === host),
    );
    return ok(name, type === 'A' ? ips.map((ip) => ({ name, type: 'A', ttl: TTL, data: ip })) : []);
  }

  /** _port._proto.svc.ns.svc.cluster.local (or every port when asked for svc.ns.svc.cluster.local SRV). */
  private srv(name: string, svc: string, ns: string, port: string | undefined, proto: string | undefined): DnsAnswer {
    const key = `${ns}/${svc}`;
    const obj = this.cache.services.get(key);
    if (!obj) return nx(name);
    const spec = specOf(obj);
    const base = `${svc}.${ns}.svc.${CLUSTER_DOMAIN}`;
    const ports = (spec.ports ?? []).filter(
      (p) =>
        (port === undefined || (p.name ?? '') === port) &&
        (proto === undefined || (p.protocol ?? 'TCP').toLowerCase() === proto),
    );
    if (ports.length === 0) return nx(name);
    const records: DnsRecord[] = [];
    for (const p of ports) {
      if (spec.clusterIP !== 'None') {
        records.push(srvRecord(name, base, p.port, 1));
        continue;
      }
      const endpoints = this.published(key);
      const target = this.cache.slicePorts(key).find((sp) => (sp.name ?? '') === (p.name ?? ''))?.port ?? p.port;
      for (const e of endpoints)
        for (const ip of e.addresses)
          records.push(srvRecord(name, `${e.hostname ?? dashed(ip)}.${base}`, target, endpoints.length));
    }
    return ok(name, records);
  }

  /** a-b-c-d.ns.pod.cluster.local: any well-formed address answers ("pods insecure"). */
  private podRecord(name: string, host: string, type: RRType): DnsAnswer {
    const ip = host.replace(/-/g, '.');
    if (!isIPv4(ip)) return nx(name);
    return ok(name, type === 'A' ? [{ name, type: 'A', ttl: TTL, data: ip }] : []);
  }

  /** d.c.b.a.in-addr.arpa → the Service that owns that ClusterIP. */
  private ptr(name: string, type: RRType): DnsAnswer {
    const ip = name.slice(0, -'.in-addr.arpa'.length).split('.').reverse().join('.');
    const key = this.cache.clusterIPs.get(ip);
    if (!key) return nx(name);
    const [ns, svc] = key.split('/');
    const target = `${svc}.${ns}.svc.${CLUSTER_DOMAIN}`;
    return ok(name, type === 'PTR' ? [{ name, type: 'PTR', ttl: TTL, data: target }] : []);
  }
}

/** The in-addr.arpa name of an address (`dig -x`). */
export function reverseName(ip: string): string {
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
}

function srvRecord(name: string, target: string, port: number, count: number): DnsRecord {
  // CoreDNS spreads weight 100 over the records of one answer.
  return { name, type: 'SRV', ttl: TTL, data: target, srv: { priority: 0, weight: Math.floor(100 / count), port } };
}

const nx = (name: string): DnsAnswer => ({ rcode: 'NXDOMAIN', name, records: [] });
const ok = (name: string, records: DnsRecord[]): DnsAnswer => ({ rcode: 'NOERROR', name, records });
