/**
 * The network's shared vocabulary: the two ends of a connection (a pod, or
 * a bare address such as a node or somewhere outside the cluster) and the
 * NetworkPolicy verdict for one connection, with the policies that decided
 * it and why. `policy.ts` computes verdicts; `proxy.ts` routes traffic
 * through the same verdicts; the protocol hands them to the UI as data.
 */

export interface PodPort {
  name?: string;
  containerPort: number;
  protocol?: string;
}

/** A running pod as the network sees it. */
export interface PodPeer {
  kind: 'pod';
  namespace: string;
  name: string;
  labels: Readonly<Record<string, string>>;
  /** status.podIP; '' while the pod has none yet. */
  ip: string;
  node?: string;
  /** Every container's declared ports (named ports resolve against these). */
  ports: readonly PodPort[];
}

/** An address that is not a pod: a node, the outside world, a Service's external client. */
export interface IpPeer {
  kind: 'ip';
  ip: string;
  /** What the address is, for explanations ("k8s-node1", "outside the cluster"). */
  label?: string;
  /** The node this address belongs to, when it is a node's own address (node-local traffic is never blocked). */
  node?: string;
}

export type Peer = PodPeer | IpPeer;

export type Direction = 'ingress' | 'egress';

/** One rule of one policy that allowed the connection. */
export interface RuleMatch {
  /** `namespace/name` of the NetworkPolicy. */
  policy: string;
  direction: Direction;
  /** Index of the rule in spec.ingress / spec.egress. */
  rule: number;
  /** Which peer and port clause matched, in words: "from podSelector role=frontend, port 6379/TCP". */
  why: string;
}

/** The verdict of one side: the destination's ingress or the source's egress. */
export interface SideVerdict {
  /** True when at least one policy selects the pod for this direction (it is isolated). */
  isolated: boolean;
  allowed: boolean;
  /** `namespace/name` of every policy that selects the pod for this direction. */
  policies: readonly string[];
  /** The rules that allowed it (empty when denied, or when not isolated). */
  matches: readonly RuleMatch[];
  /** One sentence: "not isolated: no policy selects web-1 for ingress", "denied: policies a, b select db-0 for ingress and no rule allows …". */
  reason: string;
}

export interface Verdict {
  allowed: boolean;
  /** The destination pod's ingress side (not isolated when the destination is not a pod). */
  ingress: SideVerdict;
  /** The source pod's egress side (not isolated when the source is not a pod). */
  egress: SideVerdict;
  /** The deciding sentence, for tooltips and the matrix. */
  reason: string;
  /**
   * Set when NetworkPolicy does not apply at all: a pod reaching itself ('loopback') or traffic
   * between a pod and its own node ('node', kubelet probes). Both sides are then allowed.
   */
  exempt?: 'loopback' | 'node';
}
