/**
 * Endpoints and EndpointSlice controllers in one reconcile: for each
 * Service with a selector, the pods it selects, split into ready and not
 * ready addresses, with target ports resolved (named ports through the
 * pods' container ports). Mirrors pkg/controller/endpoint and
 * pkg/controller/endpointslice; one slice per Service (no 100-endpoint split).
 */
import type { KubeObject } from '../../api/types.ts';
import { deepEqual } from '../../util/json.ts';
import { R } from '../resources.ts';
import { isPodReady, nodeNameOf } from '../podutil.ts';
import { labelsOf, mapSelectorMatches } from '../labels.ts';
import type { Action, ClusterView, Controller } from '../runtime/types.ts';
import { keyOf, newControllerRef, self, splitKey } from '../runtime/types.ts';
import type { StoreEvent } from '../../store/store.ts';

const NAME = 'endpoint-controller';
const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
const MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';

interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  appProtocol?: string;
}

interface Address {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef: { kind: string; namespace?: string; name?: string; uid?: string };
}

export class EndpointsController implements Controller {
  readonly name = NAME;
  readonly watches;

  constructor(private readonly view: ClusterView) {
    this.watches = [
      { resource: R.services, keys: self },
      { resource: R.pods, keys: (e: StoreEvent) => this.servicesFor(e) },
    ];
  }

  private servicesFor(e: StoreEvent): string[] {
    const ns = e.object.metadata.namespace;
    return this.view
      .list(R.services, ns)
      .filter((s) => [e.object, e.old].some((p) => p && mapSelectorMatches(selectorOf(s), labelsOf(p))))
      .map(keyOf);
  }

  reconcile(view: ClusterView, key: string): Action[] {
    const [namespace, name] = splitKey(key);
    const svc = view.get(R.services, namespace, name);
    const selector = svc && selectorOf(svc);
    if (!svc || !selector || Object.keys(selector).length === 0) return [];
    const pods = view
      .list(R.pods, namespace)
      .filter((p) => mapSelectorMatches(selector, labelsOf(p)) && podIP(p) && !p.metadata.deletionTimestamp);
    const ports = (svc.spec as { ports?: ServicePort[] }).ports ?? [];
    return [...this.endpoints(view, svc, pods, ports), ...this.slice(view, svc, pods, ports)];
  }

  private endpoints(view: ClusterView, svc: KubeObject, pods: KubeObject[], ports: ServicePort[]): Action[] {
    const ready: Address[] = [];
    const notReady: Address[] = [];
    for (const p of pods) (isPodReady(p) ? ready : notReady).push(address(p, svc));
    const subsetPorts = ports.map((sp) => ({
      ...(sp.name ? { name: sp.name } : {}),
      port: resolvePort(sp, pods[0]),
      protocol: sp.protocol ?? 'TCP',
      ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}),
    }));
    const subsets =
      pods.length === 0
        ? undefined
        : [
            {
              ...(ready.length ? { addresses: ready } : {}),
              ...(notReady.length ? { notReadyAddresses: notReady } : {}),
              ports: subsetPorts,
            },
          ];
    const existing = view.get(R.endpoints, svc.metadata.namespace, svc.metadata.name ?? '');
    const labels = { ...(svc.metadata.labels ?? {}), 'endpoints.kubernetes.io/managed-by': 'endpoint-controller' };
    const desired: KubeObject = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: svc.metadata.name, namespace: svc.metadata.namespace, labels },
      ...(subsets ? { subsets } : {}),
    };
    const reason = `service ${svc.metadata.name} selects ${pods.length} pods, ${ready.length} ready`;
    if (!existing) return [{ type: 'create', resource: R.endpoints, object: desired, reason }];
    if (deepEqual(existing.subsets, desired.subsets) && deepEqual(existing.metadata.labels, labels)) return [];
    return [
      {
        type: 'update',
        resource: R.endpoints,
        object: { ...existing, metadata: { ...existing.metadata, labels }, subsets: desired.subsets },
        reason,
      },
    ];
  }

  private slice(view: ClusterView, svc: KubeObject, pods: KubeObject[], ports: ServicePort[]): Action[] {
    const endpoints = pods.map((p) => {
      const ready = isPodReady(p);
      const hostname = hostnameFor(p, svc);
      return {
        addresses: [podIP(p)],
        conditions: { ready, serving: ready, terminating: false },
        ...(hostname ? { hostname } : {}),
        ...(nodeNameOf(p) ? { nodeName: nodeNameOf(p) } : {}),
        targetRef: { kind: 'Pod', namespace: p.metadata.namespace, name: p.metadata.name, uid: p.metadata.uid },
      };
    });
    const slicePorts = ports.map((sp) => ({
      name: sp.name ?? '',
      port: resolvePort(sp, pods[0]),
      protocol: sp.protocol ?? 'TCP',
    }));
    const existing = view.ownedBy(R.endpointSlices, svc.metadata.uid ?? '')[0];
    const reason = `service ${svc.metadata.name}: ${endpoints.filter((e) => e.conditions.ready).length} ready endpoints`;
    if (!existing) {
      const obj: KubeObject = {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          generateName: `${svc.metadata.name}-`,
          namespace: svc.metadata.namespace,
          labels: { [SERVICE_NAME_LABEL]: svc.metadata.name ?? '', [MANAGED_BY]: 'endpointslice-controller.k8s.io' },
          ownerReferences: [newControllerRef(svc, 'v1', 'Service')],
        },
        addressType: 'IPv4',
        endpoints,
        ports: slicePorts,
      };
      return [{ type: 'create', resource: R.endpointSlices, object: obj, reason }];
    }
    if (deepEqual(existing.endpoints, endpoints) && deepEqual(existing.ports, slicePorts)) return [];
    return [
      { type: 'update', resource: R.endpointSlices, object: { ...existing, endpoints, ports: slicePorts }, reason },
    ];
  }
}

function selectorOf(svc: KubeObject): Record<string, string> | undefined {
  return (svc.spec as { selector?: Record<string, string> } | undefined)?.selector;
}

function podIP(p: KubeObject): string | undefined {
  return (p.status as { podIP?: string } | undefined)?.podIP;
}

function address(p: KubeObject, svc: KubeObject): Address {
  const node = nodeNameOf(p);
  const hostname = hostnameFor(p, svc);
  return {
    ip: podIP(p) ?? '',
    ...(hostname ? { hostname } : {}),
    ...(node ? { nodeName: node } : {}),
    targetRef: { kind: 'Pod', namespace: p.metadata.namespace, name: p.metadata.name, uid: p.metadata.uid },
  };
}

/**
 * ShouldSetHostname (pkg/controller/util/endpoint): a pod whose spec.subdomain names
 * this Service (a StatefulSet's pods and their headless Service) is published with
 * its spec.hostname, which DNS serves as web-0.nginx.<ns>.svc.cluster.local.
 */
function hostnameFor(p: KubeObject, svc: KubeObject): string | undefined {
  const spec = p.spec as { hostname?: string; subdomain?: string } | undefined;
  const match =
    spec?.hostname && spec.subdomain === svc.metadata.name && p.metadata.namespace === svc.metadata.namespace;
  return match ? spec.hostname : undefined;
}

/** A numeric targetPort, or a named one looked up in the pod's container ports. */
function resolvePort(sp: ServicePort, pod: KubeObject | undefined): number {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  const containers =
    (pod?.spec as { containers?: { ports?: { name?: string; containerPort: number }[] }[] } | undefined)?.containers ??
    [];
  for (const c of containers) for (const p of c.ports ?? []) if (p.name === target) return p.containerPort;
  return Number(target) || sp.port;
}
