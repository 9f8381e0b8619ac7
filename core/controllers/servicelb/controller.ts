/**
 * Service load balancers: gives each Service of type LoadBalancer an external
 * address from the lab's pool (pool.ts) in status.loadBalancer.ingress, and
 * takes it back when the Service stops being one or is deleted.
 * Mirrors the cloud service controller (k8s.io/cloud-provider controllers/service/
 * controller.go syncLoadBalancerIfNeeded) with MetalLB's allocator as the "cloud":
 * the `service.kubernetes.io/load-balancer-cleanup` finalizer, the events
 * EnsuringLoadBalancer / EnsuredLoadBalancer / DeletingLoadBalancer /
 * DeletedLoadBalancer / SyncLoadBalancerFailed, and `spec.loadBalancerClass`
 * (set → another implementation's Service, left alone).
 * Simplifications: no node sync (UpdatedLoadBalancer), no retry back-off: a Service
 * waiting for an address is retried when another one gives its address back.
 */
import type { KubeObject, ObjectMeta } from '../../api/types.ts';
import type { StoreEvent } from '../../store/store.ts';
import { R } from '../resources.ts';
import type { Action, ClusterView, Controller } from '../runtime/types.ts';
import { event, keyOf, splitKey } from '../runtime/types.ts';
import { POOL_RANGE, firstFree, inPool, poolIPsOf } from './pool.ts';

const NAME = 'service-controller';
export const LB_FINALIZER = 'service.kubernetes.io/load-balancer-cleanup';

interface ServiceSpec {
  type?: string;
  loadBalancerClass?: string;
  loadBalancerIP?: string;
}

export class ServiceLoadBalancerController implements Controller {
  readonly name = NAME;
  readonly watches;
  /** The last failure reported per Service version, so a retry of the same version stays quiet. */
  private readonly reported = new Map<string, string>();

  constructor(private readonly view: ClusterView) {
    this.watches = [{ resource: R.services, keys: (e: StoreEvent) => this.keysFor(e) }];
  }

  /** The Service itself, and when it gave an address back, every Service still waiting for one. */
  private keysFor(e: StoreEvent): string[] {
    const keys = [keyOf(e.object)];
    const before = e.old ? poolIPsOf(e.old).length : 0;
    const released = e.type === 'DELETED' ? poolIPsOf(e.object).length > 0 : poolIPsOf(e.object).length < before;
    if (released)
      for (const s of this.view.list(R.services))
        if (wantsLoadBalancer(s) && poolIPsOf(s).length === 0) keys.push(keyOf(s));
    return keys;
  }

  reconcile(view: ClusterView, key: string): Action[] {
    const [namespace, name] = splitKey(key);
    const svc = view.get(R.services, namespace, name);
    if (!svc) {
      this.reported.delete(key);
      return [];
    }
    if (needsCleanup(svc)) return cleanup(svc);
    if (!wantsLoadBalancer(svc)) return [];
    if (!hasFinalizer(svc)) {
      // Upstream adds the finalizer before creating anything, so no balancer outlives its Service.
      const finalizers = [...(svc.metadata.finalizers ?? []), LB_FINALIZER];
      return [
        {
          type: 'update',
          resource: R.services,
          object: { ...svc, metadata: { ...svc.metadata, finalizers } },
          reason: `service ${name} is of type LoadBalancer: add the load-balancer cleanup finalizer`,
        },
      ];
    }
    return this.ensure(view, key, svc);
  }

  /** EnsureLoadBalancer: keep or pick the address, then write it to status. */
  private ensure(view: ClusterView, key: string, svc: KubeObject): Action[] {
    const taken = new Set<string>();
    for (const s of view.list(R.services))
      if (s.metadata.uid !== svc.metadata.uid) poolIPsOf(s).forEach((ip) => taken.add(ip));
    const picked = pickAddress(svc, taken, view);
    if (typeof picked !== 'string') {
      const message = `Error syncing load balancer: failed to ensure load balancer: ${picked.error}`;
      const seen = `${svc.metadata.resourceVersion ?? ''}|${message}`;
      if (this.reported.get(key) === seen) return [];
      this.reported.set(key, seen);
      return [
        event(svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer'),
        event(svc, 'Warning', 'SyncLoadBalancerFailed', message),
      ];
    }
    this.reported.delete(key);
    const ingress = [{ ip: picked, ipMode: 'VIP' }];
    const current = (svc.status as { loadBalancer?: { ingress?: unknown[] } } | undefined)?.loadBalancer?.ingress;
    if (JSON.stringify(current) === JSON.stringify(ingress)) return [];
    return [
      event(svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer'),
      {
        type: 'update',
        resource: R.services,
        subresource: 'status',
        object: { ...svc, status: { ...(svc.status as object), loadBalancer: { ingress } } },
        reason: `service ${svc.metadata.name} gets load-balancer address ${picked} from the pool ${POOL_RANGE}`,
      },
      event(svc, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer'),
    ];
  }
}

/**
 * The address for a Service: `spec.loadBalancerIP` when asked for (it must be in the
 * pool and free), else the one it already holds, else the lowest free one.
 */
function pickAddress(svc: KubeObject, taken: Set<string>, view: ClusterView): string | { error: string } {
  const requested = (svc.spec as ServiceSpec | undefined)?.loadBalancerIP;
  if (requested) {
    if (!inPool(requested)) return { error: `requested IP "${requested}" is not in the address pool ${POOL_RANGE}` };
    if (taken.has(requested))
      return { error: `requested IP "${requested}" is already in use by ${holder(view, requested)}` };
    return requested;
  }
  const held = poolIPsOf(svc)[0];
  if (held && !taken.has(held)) return held;
  return firstFree(taken) ?? { error: `no available IPs in the address pool ${POOL_RANGE}` };
}

function holder(view: ClusterView, ip: string): string {
  const s = view.list(R.services).find((x) => poolIPsOf(x).includes(ip));
  return s ? `service ${s.metadata.namespace ?? ''}/${s.metadata.name ?? ''}` : 'another service';
}

/** Delete the balancer: clear the status first, then drop the finalizer (which lets a deleted Service go). */
function cleanup(svc: KubeObject): Action[] {
  const lb = (svc.status as { loadBalancer?: { ingress?: unknown[] } } | undefined)?.loadBalancer;
  if ((lb?.ingress ?? []).length > 0) {
    return [
      event(svc, 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer'),
      {
        type: 'update',
        resource: R.services,
        subresource: 'status',
        object: { ...svc, status: { ...(svc.status as object), loadBalancer: {} } },
        reason: `service ${svc.metadata.name} no longer needs a load balancer: release ${poolIPsOf(svc).join(', ')}`,
      },
    ];
  }
  if (!hasFinalizer(svc)) return [];
  const finalizers = (svc.metadata.finalizers ?? []).filter((f) => f !== LB_FINALIZER);
  const meta: ObjectMeta = { ...svc.metadata, finalizers };
  if (finalizers.length === 0) delete meta.finalizers;
  return [
    {
      type: 'update',
      resource: R.services,
      object: { ...svc, metadata: meta },
      reason: `load balancer of service ${svc.metadata.name} deleted: remove the cleanup finalizer`,
    },
    event(svc, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer'),
  ];
}

/** wantsLoadBalancer: type LoadBalancer and no loadBalancerClass (a class means another implementation). */
export function wantsLoadBalancer(svc: KubeObject): boolean {
  const spec = (svc.spec ?? {}) as ServiceSpec;
  return spec.type === 'LoadBalancer' && !spec.loadBalancerClass && !svc.metadata.deletionTimestamp;
}

const hasFinalizer = (svc: KubeObject): boolean => (svc.metadata.finalizers ?? []).includes(LB_FINALIZER);

/**
 * needsCleanup: the finalizer is there but the Service is being deleted or is no
 * longer a LoadBalancer. A pool address on such a Service without the finalizer
 * (a restored snapshot) is given back too.
 */
function needsCleanup(svc: KubeObject): boolean {
  const spec = (svc.spec ?? {}) as ServiceSpec;
  const leaving = !!svc.metadata.deletionTimestamp || spec.type !== 'LoadBalancer';
  return leaving && (hasFinalizer(svc) || (poolIPsOf(svc).length > 0 && !spec.loadBalancerClass));
}
