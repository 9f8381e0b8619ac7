/**
 * Address allocation done by the API server on create: Service ClusterIPs
 * from the service CIDR (10.96.0.0/12, 10.96.0.1 reserved for `kubernetes`)
 * and NodePorts from 30000–32767, with collisions reported as the real
 * allocators word them.
 */
import type { Rng } from '../util/rng.ts';
import type { ResourceType } from './registry.ts';
import * as status from './status.ts';
import type { KubeObject, Result } from './types.ts';
import { fail, ok } from './types.ts';

const SERVICE_BASE = (10 << 24) | (96 << 16); // 10.96.0.0
const SERVICE_SIZE = 1 << 20; // /12
const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;

interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ports?: { port?: number; nodePort?: number; name?: string; protocol?: string }[];
}

export function ipToString(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function ipToNumber(ip: string): number {
  const parts = ip.split('.').map(Number);
  return (((parts[0] ?? 0) << 24) | ((parts[1] ?? 0) << 16) | ((parts[2] ?? 0) << 8) | (parts[3] ?? 0)) >>> 0;
}

export class Allocators {
  private clusterIPs = new Set<number>();
  private nodePorts = new Set<number>();

  constructor(private readonly rng: Rng) {}

  onCreate(rt: ResourceType, obj: KubeObject, dryRun: boolean): Result<void> {
    if (rt.group !== '' || rt.plural !== 'services') return ok(undefined);
    const spec = (obj.spec ?? (obj.spec = {})) as ServiceSpec;
    const ip = this.allocateClusterIP(obj, spec, dryRun);
    if (!ip.ok) return ip;
    return this.allocateNodePorts(obj, spec, dryRun, undefined);
  }

  onUpdate(rt: ResourceType, obj: KubeObject, old: KubeObject, dryRun: boolean): Result<void> {
    if (rt.group !== '' || rt.plural !== 'services') return ok(undefined);
    const spec = (obj.spec ?? (obj.spec = {})) as ServiceSpec;
    const before = (old.spec ?? {}) as ServiceSpec;
    if (spec.type !== 'ExternalName' && !spec.clusterIP) {
      if (before.clusterIP) {
        spec.clusterIP = before.clusterIP;
        if (before.clusterIPs) spec.clusterIPs = before.clusterIPs;
      } else {
        // ExternalName → ClusterIP: the Service needs an address now.
        const ip = this.allocateClusterIP(obj, spec, dryRun);
        if (!ip.ok) return ip;
      }
    }
    const ports = this.allocateNodePorts(obj, spec, dryRun, before);
    if (ports.ok && !dryRun) this.releaseDropped(spec, before);
    return ports;
  }

  /** Addresses the update gave up (a type change shed them): free for others again. */
  private releaseDropped(spec: ServiceSpec, before: ServiceSpec): void {
    const kept = new Set((spec.ports ?? []).map((p) => p.nodePort));
    for (const p of before.ports ?? []) if (p.nodePort && !kept.has(p.nodePort)) this.nodePorts.delete(p.nodePort);
    if (before.clusterIP && before.clusterIP !== 'None' && !spec.clusterIP)
      this.clusterIPs.delete(ipToNumber(before.clusterIP));
  }

  /** Forget a deleted service's addresses. */
  release(obj: KubeObject): void {
    const spec = (obj.spec ?? {}) as ServiceSpec;
    if (spec.clusterIP && spec.clusterIP !== 'None') this.clusterIPs.delete(ipToNumber(spec.clusterIP));
    for (const p of spec.ports ?? []) if (p.nodePort) this.nodePorts.delete(p.nodePort);
  }

  /** Mark addresses already in use (after a restore). */
  reserve(obj: KubeObject): void {
    const spec = (obj.spec ?? {}) as ServiceSpec;
    if (spec.clusterIP && spec.clusterIP !== 'None') this.clusterIPs.add(ipToNumber(spec.clusterIP));
    for (const p of spec.ports ?? []) if (p.nodePort) this.nodePorts.add(p.nodePort);
  }

  private allocateClusterIP(obj: KubeObject, spec: ServiceSpec, dryRun: boolean): Result<void> {
    if (spec.type === 'ExternalName' || spec.clusterIP === 'None') {
      if (spec.clusterIP === 'None') spec.clusterIPs = ['None'];
      return ok(undefined);
    }
    let ip: number;
    if (spec.clusterIP) {
      ip = ipToNumber(spec.clusterIP);
      if (ip - SERVICE_BASE < 0 || ip - SERVICE_BASE >= SERVICE_SIZE) {
        return fail(
          status.invalid('Service', '', obj.metadata.name ?? '', [
            status.cause.invalid(
              'spec.clusterIPs',
              [spec.clusterIP],
              'failed to allocate IP ' +
                spec.clusterIP +
                ': the provided IP (' +
                spec.clusterIP +
                ') is not in the valid range. The range of valid IPs is 10.96.0.0/12',
            ),
          ]),
        );
      }
      if (this.clusterIPs.has(ip)) {
        return fail(
          status.invalid('Service', '', obj.metadata.name ?? '', [
            status.cause.invalid(
              'spec.clusterIPs',
              [spec.clusterIP],
              `failed to allocate IP ${spec.clusterIP}: provided IP is already allocated`,
            ),
          ]),
        );
      }
    } else {
      do ip = SERVICE_BASE + 2 + this.rng.int(SERVICE_SIZE - 3);
      while (this.clusterIPs.has(ip));
    }
    if (!dryRun) this.clusterIPs.add(ip);
    spec.clusterIP = ipToString(ip);
    spec.clusterIPs = [spec.clusterIP];
    return ok(undefined);
  }

  private allocateNodePorts(
    obj: KubeObject,
    spec: ServiceSpec,
    dryRun: boolean,
    before: ServiceSpec | undefined,
  ): Result<void> {
    if (spec.type !== 'NodePort' && spec.type !== 'LoadBalancer') return ok(undefined);
    const owned = new Set((before?.ports ?? []).map((p) => p.nodePort).filter((p): p is number => !!p));
    for (const [i, p] of (spec.ports ?? []).entries()) {
      if (p.nodePort) {
        if (this.nodePorts.has(p.nodePort) && !owned.has(p.nodePort)) {
          return fail(
            status.invalid('Service', '', obj.metadata.name ?? '', [
              status.cause.invalid(`spec.ports[${i}].nodePort`, p.nodePort, 'provided port is already allocated'),
            ]),
          );
        }
        continue;
      }
      const previous = before?.ports?.find((q) => q.port === p.port && q.nodePort)?.nodePort;
      let port = previous ?? 0;
      while (!port || (this.nodePorts.has(port) && port !== previous)) {
        port = NODE_PORT_MIN + this.rng.int(NODE_PORT_MAX - NODE_PORT_MIN + 1);
      }
      p.nodePort = port;
    }
    if (!dryRun) for (const p of spec.ports ?? []) if (p.nodePort) this.nodePorts.add(p.nodePort);
    return ok(undefined);
  }
}
