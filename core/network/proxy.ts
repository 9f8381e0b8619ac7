/**
 * kube-proxy's routing, as its iptables rules make the network look from a
 * pod, a node or outside (pkg/proxy/iptables/proxier.go syncProxyRules):
 * - a ClusterIP:port, a NodePort on any node's address, a load-balancer or
 *   external IP:port → one of the Service's ready endpoints (KUBE-SVC chains
 *   pick at random with `statistic --mode random`; here a seeded Rng), the
 *   targetPort resolved per pod (named ports through its container ports);
 * - sessionAffinity ClientIP pins a client address to the endpoint it got
 *   for timeoutSeconds (`-m recent`, default 10800 s);
 * - a Service port without ready endpoints is REJECTed: "connection refused";
 * - a pod IP reaches the pod itself: open when a running container serves
 *   the port (ContainerRun.served), else refused (the kernel's RST);
 * - an address of a NetworkPolicy-denied pod drops the packets (time-out).
 * Then the NetworkPolicy engine decides between the client and the chosen
 * pod. Simplified: externalTrafficPolicy Local keeps only the node's endpoints
 * but the source is never SNATed; ports that no Service rule covers on a
 * Service IP time out; UDP and SCTP route as TCP does.
 */
import type { KubeObject } from '../api/types.ts';
import { INGRESS_ADDRESS } from '../controllers/ingress/class.ts';
import type { ContainerRun } from '../kubelet/containers.ts';
import type { ServedPort } from '../kubelet/images/entry.ts';
import type { Rng } from '../util/rng.ts';
import type { NetworkCache, ServicePort, SliceEndpoint } from './cache.ts';
import { keyOf, podIPOf, specOf } from './cache.ts';
import { outsideSite } from './outside.ts';
import type { Peer, PodPeer, Verdict } from './types.ts';

/** Where a connection ended. `ip`/`port` are what the client dialled. */
export type Connection =
  | {
      kind: 'open';
      ip: string;
      port: number;
      pod: KubeObject;
      container: ContainerRun;
      served: ServedPort;
      /** The pod address and port after DNAT. */
      target: { ip: string; port: number };
      /** `namespace/name` of the Service that balanced it. */
      service?: string;
    }
  | { kind: 'outside'; ip: string; port: number; host: string; pages: Readonly<Record<string, string>> }
  | { kind: 'ingress'; ip: string; port: number }
  | { kind: 'refused'; ip: string; port: number; reason: string }
  | { kind: 'timeout'; ip: string; port: number; reason: string; verdict?: Verdict };

/** What the proxy needs besides the caches. */
export interface ProxyDeps {
  cache: NetworkCache;
  rng: Rng;
  now(): number;
  /** The containers the kubelet runs for a pod; undefined when its node is down. */
  runtime(pod: KubeObject): readonly ContainerRun[] | undefined;
  /** The NetworkPolicy verdict (engine cached per policy revision by the caller). */
  verdict(src: Peer, dst: PodPeer, port: number, protocol: string): Verdict;
}

const DEFAULT_AFFINITY_S = 10_800;

/** A pod as the network and the policy engine see it. */
export function peerOf(pod: KubeObject): PodPeer {
  const spec = pod.spec as { nodeName?: string; containers?: { ports?: PodPeer['ports'] }[] } | undefined;
  return {
    kind: 'pod',
    namespace: pod.metadata.namespace ?? 'default',
    name: pod.metadata.name ?? '',
    labels: pod.metadata.labels ?? {},
    ip: podIPOf(pod),
    ...(spec?.nodeName ? { node: spec.nodeName } : {}),
    ports: (spec?.containers ?? []).flatMap((c) => c.ports ?? []),
  };
}

export class Proxy {
  /** `service|clientIP` → the pinned endpoint address and when the pin expires. */
  private readonly affinity = new Map<string, { ip: string; until: number }>();

  constructor(private readonly deps: ProxyDeps) {}

  /** Open a connection from `src` to `ip:port`. */
  connect(src: Peer, ip: string, port: number, protocol = 'TCP'): Connection {
    const { cache } = this.deps;
    const proto = protocol.toUpperCase();
    const clusterSvc = cache.clusterIPs.get(ip) ?? cache.externalIPs.get(ip);
    if (clusterSvc) {
      const sp = (specOf(cache.services.get(clusterSvc)!).ports ?? []).find(
        (p) => p.port === port && (p.protocol ?? 'TCP') === proto,
      );
      if (!sp) return timeout(ip, port, `no Service port ${port}/${proto} on ${clusterSvc}: nothing answers`);
      return this.balance(src, ip, port, clusterSvc, sp, proto, undefined);
    }
    const node = cache.nodeIPs.get(ip);
    if (node) {
      const svc = cache.nodePorts.get(`${proto}/${port}`);
      const sp = svc ? specOf(cache.services.get(svc)!).ports?.find((p) => p.nodePort === port) : undefined;
      if (!svc || !sp) return refused(ip, port, `nothing listens on ${node}:${port}`);
      return this.balance(src, ip, port, svc, sp, proto, node);
    }
    // The ingress controller answers at its address whether or not an Ingress has published it yet.
    if (cache.ingressIPs.get(ip) || ip === INGRESS_ADDRESS) {
      if (port === 80 || port === 443) return { kind: 'ingress', ip, port };
      return refused(ip, port, `the ingress controller listens on 80 and 443, not ${port}`);
    }
    const pod = cache.podsByIP.get(ip);
    if (pod) return this.toPod(src, ip, port, pod, port, proto, undefined);
    const site = outsideSite(ip);
    if (site && (port === 80 || port === 443)) return { kind: 'outside', ip, port, host: site.host, pages: site.pages };
    return timeout(ip, port, `no host answers at ${ip}`);
  }

  /** Whether `ip` answers ICMP echo: pods, nodes and the outside sites do; Service VIPs do not (no process owns them). */
  pingable(src: Peer, ip: string): boolean {
    const { cache } = this.deps;
    if (cache.nodeIPs.get(ip) || cache.ingressIPs.get(ip) || outsideSite(ip)) return true;
    const pod = cache.podsByIP.get(ip);
    if (!pod || !this.deps.runtime(pod)) return false;
    return this.deps.verdict(src, peerOf(pod), 0, 'ICMP').allowed;
  }

  /** Pick a ready endpoint of a Service port and connect to it (KUBE-SVC-… → KUBE-SEP-…). */
  private balance(
    src: Peer,
    ip: string,
    port: number,
    svcKey: string,
    sp: ServicePort,
    proto: string,
    viaNode: string | undefined,
  ): Connection {
    const svc = this.deps.cache.services.get(svcKey)!;
    let endpoints = this.ready(svcKey);
    const local = viaNode && (svc.spec as { externalTrafficPolicy?: string }).externalTrafficPolicy === 'Local';
    if (endpoints.length === 0)
      return refused(ip, port, `service ${svcKey} has no ready endpoints (kube-proxy REJECT)`);
    if (local) endpoints = endpoints.filter((e) => e.nodeName === viaNode);
    if (endpoints.length === 0)
      return timeout(ip, port, `externalTrafficPolicy Local: no endpoint of ${svcKey} on ${viaNode} (packets dropped)`);
    const chosen = this.pick(src, svcKey, svc, endpoints);
    const podIP = chosen.addresses[0] ?? '';
    const pod = this.deps.cache.podsByIP.get(podIP);
    if (!pod) return timeout(ip, port, `endpoint ${podIP} of ${svcKey} is gone`);
    return this.toPod(src, ip, port, pod, targetPort(sp, pod), proto, svcKey);
  }

  /** Ready endpoints; when none, serving terminating ones (kube-proxy's terminating-endpoint fallback). */
  private ready(svcKey: string): SliceEndpoint[] {
    const all = this.deps.cache.endpointsOf(svcKey).filter((e) => e.addresses.length);
    const ready = all.filter((e) => e.conditions?.ready !== false);
    return ready.length ? ready : all.filter((e) => e.conditions?.serving && e.conditions.terminating);
  }

  private pick(src: Peer, svcKey: string, svc: KubeObject, endpoints: SliceEndpoint[]): SliceEndpoint {
    const spec = specOf(svc);
    const now = this.deps.now();
    const sticky = spec.sessionAffinity === 'ClientIP' && src.ip;
    const pinKey = `${svcKey}|${src.ip}`;
    if (sticky) {
      const pin = this.affinity.get(pinKey);
      const still = pin && pin.until > now ? endpoints.find((e) => e.addresses[0] === pin.ip) : undefined;
      if (still) {
        pin!.until = now + affinitySeconds(spec) * 1000;
        return still;
      }
    }
    const chosen = endpoints[this.deps.rng.int(endpoints.length)]!;
    if (sticky) this.affinity.set(pinKey, { ip: chosen.addresses[0] ?? '', until: now + affinitySeconds(spec) * 1000 });
    return chosen;
  }

  private toPod(
    src: Peer,
    ip: string,
    port: number,
    pod: KubeObject,
    target: number,
    proto: string,
    service: string | undefined,
  ): Connection {
    const containers = this.deps.runtime(pod);
    const dst = peerOf(pod);
    if (!containers) return timeout(ip, port, `pod ${keyOf(pod)}'s node does not answer`);
    const verdict = this.deps.verdict(src, dst, target, proto);
    if (!verdict.allowed) return { ...timeout(ip, port, verdict.reason), verdict };
    for (const c of containers) {
      if (c.state !== 'running') continue;
      const served = c.served.find((s) => s.port === target);
      if (served)
        return {
          kind: 'open',
          ip,
          port,
          pod,
          container: c,
          served,
          target: { ip: dst.ip, port: target },
          ...(service ? { service } : {}),
        };
    }
    return refused(ip, port, `no container of pod ${keyOf(pod)} listens on port ${target}`);
  }
}

/** The Service port's targetPort on this pod: a number, or a name looked up in the pod's container ports. */
export function targetPort(sp: ServicePort, pod: KubeObject): number {
  const t = sp.targetPort ?? sp.port;
  if (typeof t === 'number') return t;
  if (/^\d+$/.test(t)) return Number(t);
  const containers = (pod.spec as { containers?: { ports?: { name?: string; containerPort: number }[] }[] }).containers;
  for (const c of containers ?? []) for (const p of c.ports ?? []) if (p.name === t) return p.containerPort;
  return 0;
}

function affinitySeconds(spec: ReturnType<typeof specOf>): number {
  return spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_AFFINITY_S;
}

const refused = (ip: string, port: number, reason: string): Connection => ({ kind: 'refused', ip, port, reason });
const timeout = (ip: string, port: number, reason: string) =>
  ({ kind: 'timeout', ip, port, reason }) as Extract<Connection, { kind: 'timeout' }>;
