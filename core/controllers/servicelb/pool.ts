/**
 * The lab's load-balancer address pool, as a MetalLB IPAddressPool on the
 * course's host-only network: 192.168.56.240–192.168.56.250, handed out lowest
 * first. The pool keeps no state: an address is in use while some Service's
 * status.loadBalancer.ingress holds it, so deletes and restores need no bookkeeping.
 */
import type { KubeObject } from '../../api/types.ts';

export const POOL_FIRST = 240;
export const POOL_LAST = 250;
const PREFIX = '192.168.56.';
/** Shown in events, as the pool's range. */
export const POOL_RANGE = `${PREFIX}${POOL_FIRST}-${PREFIX}${POOL_LAST}`;

export function inPool(ip: string): boolean {
  if (!ip.startsWith(PREFIX)) return false;
  const last = Number(ip.slice(PREFIX.length));
  return /^\d+$/.test(ip.slice(PREFIX.length)) && last >= POOL_FIRST && last <= POOL_LAST;
}

/** The pool addresses in a Service's status. */
export function poolIPsOf(svc: KubeObject): string[] {
  const lb = (svc.status as { loadBalancer?: { ingress?: { ip?: string }[] } } | undefined)?.loadBalancer;
  return (lb?.ingress ?? []).map((i) => i.ip ?? '').filter(inPool);
}

/** The lowest pool address nobody holds, or undefined when the pool is exhausted. */
export function firstFree(taken: Set<string>): string | undefined {
  for (let n = POOL_FIRST; n <= POOL_LAST; n++) {
    const ip = `${PREFIX}${n}`;
    if (!taken.has(ip)) return ip;
  }
  return undefined;
}
