/**
 * rbac.authorization.k8s.io/v1, authentication.k8s.io/v1 TokenRequest and authorization.k8s.io/v1 SelfSubjectAccessReview.
 * Field numbers from kubernetes/api v0.33.13 generated.proto; names and flags from the Go
 * json tags. Notation: ./README.md.
 */
export const rbac: Record<string, string> = {
  AggregationRule: '1 clusterRoleSelectors meta.LabelSelector[]',
  ClusterRole: '1 metadata meta.ObjectMeta, 2 rules PolicyRule[]!, 3 aggregationRule AggregationRule?',
  ClusterRoleBinding: '1 metadata meta.ObjectMeta, 2 subjects Subject[], 3 roleRef RoleRef!',
  PolicyRule: '1 verbs s[]!, 2 apiGroups s[], 3 resources s[], 4 resourceNames s[], 5 nonResourceURLs s[]',
  Role: '1 metadata meta.ObjectMeta, 2 rules PolicyRule[]!',
  RoleBinding: '1 metadata meta.ObjectMeta, 2 subjects Subject[], 3 roleRef RoleRef!',
  RoleRef: '1 apiGroup s!, 2 kind s!, 3 name s!',
  Subject: '1 kind s!, 2 apiGroup s, 3 name s!, 4 namespace s',
};

export const authentication: Record<string, string> = {
  BoundObjectReference: '1 kind s, 2 apiVersion s, 3 name s, 4 uid s',
  TokenRequest: '1 metadata meta.ObjectMeta, 2 spec TokenRequestSpec!, 3 status TokenRequestStatus',
  TokenRequestSpec: '1 audiences s[]!, 4 expirationSeconds l?!, 3 boundObjectRef BoundObjectReference?!',
  TokenRequestStatus: '1 token s!, 2 expirationTimestamp Time!',
};

export const authorization: Record<string, string> = {
  FieldSelectorAttributes: '1 rawSelector s, 2 requirements meta.FieldSelectorRequirement[]',
  LabelSelectorAttributes: '1 rawSelector s, 2 requirements meta.LabelSelectorRequirement[]',
  NonResourceAttributes: '1 path s, 2 verb s',
  ResourceAttributes: `1 namespace s, 2 verb s, 3 group s, 4 version s, 5 resource s, 6 subresource s, 7 name s,
    8 fieldSelector FieldSelectorAttributes?, 9 labelSelector LabelSelectorAttributes?`,
  SelfSubjectAccessReview: `1 metadata meta.ObjectMeta, 2 spec SelfSubjectAccessReviewSpec!,
    3 status SubjectAccessReviewStatus`,
  SelfSubjectAccessReviewSpec: `1 resourceAttributes ResourceAttributes?, 2 nonResourceAttributes NonResourceAttributes?`,
  SubjectAccessReviewStatus: '1 allowed b!, 4 denied b, 2 reason s, 3 evaluationError s',
};
