/**
 * networking.k8s.io/v1 Ingress, policy/v1 PodDisruptionBudget and scheduling.k8s.io/v1 PriorityClass.
 * Field numbers from kubernetes/api v0.33.13 generated.proto; names and flags from the Go
 * json tags. Notation: ./README.md.
 */
export const networking: Record<string, string> = {
  HTTPIngressPath: '1 path s, 3 pathType s?!, 2 backend IngressBackend!',
  HTTPIngressRuleValue: '1 paths HTTPIngressPath[]!',
  Ingress: '1 metadata meta.ObjectMeta, 2 spec IngressSpec, 3 status IngressStatus',
  IngressBackend: '4 service IngressServiceBackend?, 3 resource core.TypedLocalObjectReference?',
  IngressLoadBalancerIngress: '1 ip s, 2 hostname s, 4 ports IngressPortStatus[]',
  IngressLoadBalancerStatus: '1 ingress IngressLoadBalancerIngress[]',
  IngressPortStatus: '1 port i!, 2 protocol s!, 3 error s?',
  IngressRule: '1 host s, 2 ... IngressRuleValue',
  IngressRuleValue: '1 http HTTPIngressRuleValue?',
  IngressServiceBackend: '1 name s!, 2 port ServiceBackendPort',
  IngressSpec: `4 ingressClassName s?, 1 defaultBackend IngressBackend?, 2 tls IngressTLS[],
    3 rules IngressRule[]`,
  IngressStatus: '1 loadBalancer IngressLoadBalancerStatus',
  IngressTLS: '1 hosts s[], 2 secretName s',
  ServiceBackendPort: '1 name s, 2 number i',
};

export const policy: Record<string, string> = {
  PodDisruptionBudget: `1 metadata meta.ObjectMeta, 2 spec PodDisruptionBudgetSpec, 3 status PodDisruptionBudgetStatus`,
  PodDisruptionBudgetSpec: `1 minAvailable IntOrString?, 2 selector meta.LabelSelector?, 3 maxUnavailable IntOrString?,
    4 unhealthyPodEvictionPolicy s?`,
  PodDisruptionBudgetStatus: `1 observedGeneration l, 2 disruptedPods {s:Time}, 3 disruptionsAllowed i!, 4 currentHealthy i!,
    5 desiredHealthy i!, 6 expectedPods i!, 7 conditions meta.Condition[]`,
};

export const scheduling: Record<string, string> = {
  PriorityClass: `1 metadata meta.ObjectMeta, 2 value i!, 3 globalDefault b, 4 description s,
    5 preemptionPolicy s?`,
};
