/**
 * A Service changing type sheds the fields only the old type needed, so
 * `kubectl apply` can turn a LoadBalancer back into a ClusterIP without the
 * defaulted leftovers (nodePorts, externalTrafficPolicy,
 * allocateLoadBalancerNodePorts…) failing validation. A field is dropped
 * only when the update left it as it was: a value the client set anew is
 * kept and validated. After pkg/registry/core/service/strategy.go
 * dropTypeDependentFields.
 */
import { deepEqual } from '../util/json.ts';
import type { ResourceType } from './registry.ts';
import type { KubeObject } from './types.ts';

interface Port {
  nodePort?: number;
}

interface Spec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
  ports?: Port[];
  healthCheckNodePort?: number;
  allocateLoadBalancerNodePorts?: boolean;
  loadBalancerClass?: string;
  externalTrafficPolicy?: string;
}

const typeOf = (s: Spec) => s.type ?? 'ClusterIP';
const needsClusterIP = (s: Spec) => typeOf(s) !== 'ExternalName';
const needsNodePorts = (s: Spec) => typeOf(s) === 'NodePort' || typeOf(s) === 'LoadBalancer';
const externallyAccessible = needsNodePorts;
const isLoadBalancer = (s: Spec) => typeOf(s) === 'LoadBalancer';

export function dropTypeDependentFields(rt: ResourceType, next: KubeObject, old: KubeObject): void {
  if (rt.group !== '' || rt.plural !== 'services') return;
  const spec = (next.spec ?? {}) as Spec;
  const before = (old.spec ?? {}) as Spec;
  if (typeOf(spec) === typeOf(before)) return;
  if (
    needsClusterIP(before) &&
    !needsClusterIP(spec) &&
    spec.clusterIP === before.clusterIP &&
    deepEqual(spec.clusterIPs, before.clusterIPs)
  ) {
    delete spec.clusterIP;
    delete spec.clusterIPs;
  }
  if (!needsClusterIP(spec)) {
    if (deepEqual(spec.ipFamilies, before.ipFamilies)) delete spec.ipFamilies;
    if (spec.ipFamilyPolicy === before.ipFamilyPolicy) delete spec.ipFamilyPolicy;
  }
  if (needsNodePorts(before) && !needsNodePorts(spec) && sameNodePorts(spec, before))
    for (const p of spec.ports ?? []) delete p.nodePort;
  if (!isLoadBalancer(spec)) {
    if (spec.healthCheckNodePort === before.healthCheckNodePort) delete spec.healthCheckNodePort;
    if (spec.allocateLoadBalancerNodePorts === before.allocateLoadBalancerNodePorts)
      delete spec.allocateLoadBalancerNodePorts;
    if (spec.loadBalancerClass === before.loadBalancerClass) delete spec.loadBalancerClass;
  }
  if (!externallyAccessible(spec) && spec.externalTrafficPolicy === before.externalTrafficPolicy)
    delete spec.externalTrafficPolicy;
}

/** Upstream's sameNodePorts: every port of the new spec kept the old spec's nodePort for it. */
function sameNodePorts(spec: Spec, before: Spec): boolean {
  const ports = spec.ports ?? [];
  const old = before.ports ?? [];
  return ports.every((p, i) => p.nodePort === undefined || p.nodePort === old[i]?.nodePort);
}
