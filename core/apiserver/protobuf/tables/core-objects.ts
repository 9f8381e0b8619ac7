/**
 * core/v1 top-level kinds that kubectl create sends, and the references they share.
 * Field numbers from kubernetes/api v0.33.13 generated.proto; names and flags from the Go
 * json tags. Notation: ./README.md.
 */
export const coreObjects: Record<string, string> = {
  ClientIPConfig: '1 timeoutSeconds i?',
  ConfigMap: '1 metadata meta.ObjectMeta, 4 immutable b?, 2 data {s:s}, 3 binaryData {s:y}',
  LoadBalancerIngress: '1 ip s, 2 hostname s, 3 ipMode s?, 4 ports PortStatus[]',
  LoadBalancerStatus: '1 ingress LoadBalancerIngress[]',
  LocalObjectReference: '1 name s',
  Namespace: '1 metadata meta.ObjectMeta, 2 spec NamespaceSpec, 3 status NamespaceStatus',
  NamespaceCondition: '1 type s!, 2 status s!, 4 lastTransitionTime Time, 5 reason s, 6 message s',
  NamespaceSpec: '1 finalizers s[]',
  NamespaceStatus: '1 phase s, 2 conditions NamespaceCondition[]',
  ObjectReference: `1 kind s, 2 namespace s, 3 name s, 4 uid s, 5 apiVersion s, 6 resourceVersion s, 7 fieldPath s`,
  PortStatus: '1 port i!, 2 protocol s!, 3 error s?',
  ResourceQuota: '1 metadata meta.ObjectMeta, 2 spec ResourceQuotaSpec, 3 status ResourceQuotaStatus',
  ResourceQuotaSpec: '1 hard {s:Quantity}, 2 scopes s[], 3 scopeSelector ScopeSelector?',
  ResourceQuotaStatus: '1 hard {s:Quantity}, 2 used {s:Quantity}',
  ScopedResourceSelectorRequirement: '1 scopeName s!, 2 operator s!, 3 values s[]',
  ScopeSelector: '1 matchExpressions ScopedResourceSelectorRequirement[]',
  Secret: '1 metadata meta.ObjectMeta, 5 immutable b?, 2 data {s:y}, 4 stringData {s:s}, 3 type s',
  Service: '1 metadata meta.ObjectMeta, 2 spec ServiceSpec, 3 status ServiceStatus',
  ServiceAccount: `1 metadata meta.ObjectMeta, 2 secrets ObjectReference[],
    3 imagePullSecrets LocalObjectReference[], 4 automountServiceAccountToken b?`,
  ServicePort: '1 name s, 2 protocol s, 6 appProtocol s?, 3 port i!, 4 targetPort IntOrString, 5 nodePort i',
  ServiceSpec: `1 ports ServicePort[], 2 selector {s:s}, 3 clusterIP s, 18 clusterIPs s[], 4 type s,
    5 externalIPs s[], 7 sessionAffinity s, 8 loadBalancerIP s, 9 loadBalancerSourceRanges s[],
    10 externalName s, 11 externalTrafficPolicy s, 12 healthCheckNodePort i,
    13 publishNotReadyAddresses b, 14 sessionAffinityConfig SessionAffinityConfig?,
    19 ipFamilies s[], 17 ipFamilyPolicy s?, 20 allocateLoadBalancerNodePorts b?,
    21 loadBalancerClass s?, 22 internalTrafficPolicy s?, 23 trafficDistribution s?`,
  ServiceStatus: '1 loadBalancer LoadBalancerStatus, 2 conditions meta.Condition[]',
  SessionAffinityConfig: '1 clientIP ClientIPConfig?',
  TypedLocalObjectReference: '1 apiGroup s?!, 2 kind s!, 3 name s!',
};
