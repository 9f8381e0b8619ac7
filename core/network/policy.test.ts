/**
 * The NetworkPolicy engine against a conformance table: the scenarios of upstream's netpol e2e
 * suite (test/e2e/network/netpol/network_policy.go, pods x/a … z/b with the named ports
 * serve-80-tcp …) and the well-known gotchas, one row each; then the reason texts, bad input,
 * and the matrix agreeing with `verdict` cell by cell on a seeded random cluster.
 */
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../api/types.ts';
import { Rng } from '../util/rng.ts';
import { PolicyEngine } from './policy.ts';
import type { Peer, PodPeer, PodPort, Verdict } from './types.ts';

// --- the model cluster: namespaces x, y, z (w has no Namespace object), pods as in the e2e suite ---

const ns = (name: string, labels: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels },
});
// The objects lack kubernetes.io/metadata.name on purpose: the engine adds it, as the API server does.
const NAMESPACES = [ns('x', { team: 'x-team' }), ns('y', { team: 'y-team', env: 'prod' }), ns('z'), ns('kube-system')];

const SERVE: PodPort[] = [
  { name: 'serve-80-tcp', containerPort: 80 },
  { name: 'serve-81-tcp', containerPort: 81, protocol: 'TCP' },
  { name: 'serve-80-udp', containerPort: 80, protocol: 'UDP' },
  { name: 'serve-81-udp', containerPort: 81, protocol: 'UDP' },
];

function pod(
  key: string,
  ip: string,
  node: string,
  ports: PodPort[] = SERVE,
  labels?: Record<string, string>,
): PodPeer {
  const [namespace = '', name = ''] = key.split('/');
  return { kind: 'pod', namespace, name, labels: labels ?? { pod: name }, ip, node, ports };
}

const PODS: PodPeer[] = [
  pod('x/a', '10.244.1.10', 'node-1'),
  pod('x/b', '10.244.1.11', 'node-1'),
  pod('x/c', '10.244.2.12', 'node-2', [{ name: 'http', containerPort: 8080 }]),
  pod('y/a', '10.244.1.20', 'node-1'),
  pod('y/b', '10.244.2.21', 'node-2'),
  pod('y/c', '10.244.2.22', 'node-2'),
  pod('z/a', '10.244.1.30', 'node-1'),
  pod('z/b', '10.244.2.31', 'node-2'),
  pod('w/a', '10.244.2.40', 'node-2'),
  pod(
    'kube-system/coredns',
    '10.244.1.2',
    'node-1',
    [
      { name: 'dns', containerPort: 53, protocol: 'UDP' },
      { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
      { name: 'metrics', containerPort: 9153 },
    ],
    { 'k8s-app': 'kube-dns' },
  ),
  { ...pod('v6/a', '2001:db8::5', 'node-2'), namespace: 'z', name: 'v6' },
];

const NODES: KubeObject[] = ['node-1', 'node-2'].map((name, i) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name },
  status: { addresses: [{ type: 'InternalIP', address: `10.0.0.${i + 1}` }] },
}));

/** "x/a", "z/v6", "ip:203.0.113.10", "node:node-1" (an address that says it is node-1's), "nodeip:10.0.0.1". */
function peer(ref: string): Peer {
  if (ref.startsWith('ip:')) return { kind: 'ip', ip: ref.slice(3), label: 'outside the cluster' };
  if (ref.startsWith('node:')) return { kind: 'ip', ip: '10.0.0.9', label: ref.slice(5), node: ref.slice(5) };
  if (ref.startsWith('nodeip:')) return { kind: 'ip', ip: ref.slice(7) };
  const p = PODS.find((q) => `${q.namespace}/${q.name}` === ref);
  if (!p) throw new Error(`no pod ${ref} in the model`);
  return p;
}

/** A NetworkPolicy document in YAML; `spec` is a flow mapping or an indented block. */
const np = (ns: string, name: string, spec: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: ${ns}}\nspec: ${spec}`;

function objects(yamlDocs: readonly string[]): KubeObject[] {
  return yamlDocs.flatMap((text) => parseAllDocuments(text).map((d) => d.toJS() as KubeObject));
}

// --- policies the rows share ---

const DENY_IN_X = np('x', 'deny-ingress', '{podSelector: {}, policyTypes: [Ingress]}');
const DENY_ALL_X = np('x', 'deny-all', '{podSelector: {}, policyTypes: [Ingress, Egress]}');
const DENY_EGRESS_X = np('x', 'deny-egress', '{podSelector: {}, policyTypes: [Egress]}');
const A_FROM_B = np(
  'x',
  'x-a-allows-x-b',
  '{podSelector: {matchLabels: {pod: a}}, ingress: [{from: [{podSelector: {matchLabels: {pod: b}}}]}]}',
);
const A_FROM_NS_Y = np(
  'x',
  'allow-ns-y',
  '{podSelector: {matchLabels: {pod: a}}, ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: y}}}]}]}',
);
const A_81_FROM_Y = np(
  'x',
  'allow-81',
  '{podSelector: {matchLabels: {pod: a}}, ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: y}}}], ports: [{port: 81, protocol: TCP}]}]}',
);
const A_80_FROM_Y = np(
  'x',
  'allow-80',
  '{podSelector: {matchLabels: {pod: a}}, ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: y}}}], ports: [{port: 80, protocol: TCP}]}]}',
);
const ALLOW_ALL_IN_X = np('x', 'allow-all', '{podSelector: {}, ingress: [{}]}');
const NAMED_81_X = np('x', 'allow-serve-81', '{podSelector: {}, ingress: [{ports: [{port: serve-81-tcp}]}]}');
const EGRESS_NAMED_80 = np(
  'x',
  'allow-egress-80',
  '{podSelector: {}, policyTypes: [Egress], egress: [{ports: [{port: serve-80-tcp}]}]}',
);
// The famous one: one peer with both selectors (AND) ...
const AND_PEER = np(
  'x',
  'and',
  `
  podSelector: {matchLabels: {pod: a}}
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {team: y-team}}
      podSelector: {matchLabels: {pod: b}}
`,
);
// ... versus two peers, one selector each (OR).
const OR_PEERS = np(
  'x',
  'or',
  `
  podSelector: {matchLabels: {pod: a}}
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {team: y-team}}
    - podSelector: {matchLabels: {pod: b}}
`,
);
const EGRESS_TO_Y_A = np(
  'x',
  'allow-to-y-a',
  '{podSelector: {matchLabels: {pod: a}}, egress: [{to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: y}}, podSelector: {matchLabels: {pod: a}}}]}]}',
);
const Y_FROM_X_A = np(
  'y',
  'allow-from-x-a',
  '{podSelector: {}, ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: x}}, podSelector: {matchLabels: {pod: a}}}]}]}',
);
const EGRESS_CIDR_YB = np(
  'x',
  'allow-cidr',
  '{podSelector: {matchLabels: {pod: a}}, egress: [{to: [{ipBlock: {cidr: 10.244.2.21/32}}]}]}',
);
const EGRESS_CIDR_EXCEPT = np(
  'x',
  'allow-cidr-except',
  '{podSelector: {matchLabels: {pod: a}}, egress: [{to: [{ipBlock: {cidr: 0.0.0.0/4, except: [10.244.2.21/32]}}]}]}',
);
const DNS_ONLY = np(
  'x',
  'allow-dns',
  `
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to:
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}
      podSelector: {matchLabels: {k8s-app: kube-dns}}
    ports:
    - {port: 53, protocol: UDP}
    - {port: 53, protocol: TCP}
`,
);
const DNS_ANYWHERE = np(
  'x',
  'allow-dns-anywhere',
  '{podSelector: {}, policyTypes: [Egress], egress: [{ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]}]}',
);

interface Row {
  name: string;
  policies: string[];
  namespaces?: KubeObject[];
  from: string;
  to: string;
  port: number;
  protocol?: string;
  expect: 'allowed' | 'denied';
  /** `namespace/name` of the policies that decided: the allowing rules' policies, or the isolating ones that denied. */
  decidedBy?: string[];
}

// One row per line: a table reads best unwrapped.
// prettier-ignore
const rows: Row[] = [
  // default allow and default deny ('default-deny-ingress', 'default-deny-all')
  { name: 'no policies: everything is allowed', policies: [], from: 'x/a', to: 'x/b', port: 80, expect: 'allowed', decidedBy: [] },
  { name: 'default-deny-ingress: y/a → x/a denied', policies: [DENY_IN_X], from: 'y/a', to: 'x/a', port: 80, expect: 'denied', decidedBy: ['x/deny-ingress'] },
  { name: 'default-deny-ingress: x/b → x/a denied (same namespace too)', policies: [DENY_IN_X], from: 'x/b', to: 'x/a', port: 80, expect: 'denied' },
  { name: 'default-deny-ingress: x/a → y/a allowed (egress untouched)', policies: [DENY_IN_X], from: 'x/a', to: 'y/a', port: 80, expect: 'allowed', decidedBy: [] },
  { name: 'default-deny-ingress: y/a → y/b allowed (other namespace)', policies: [DENY_IN_X], from: 'y/a', to: 'y/b', port: 80, expect: 'allowed' },
  { name: 'default-deny-ingress over UDP', policies: [DENY_IN_X], from: 'y/a', to: 'x/a', port: 80, protocol: 'UDP', expect: 'denied' },
  { name: 'default-deny-ingress over SCTP', policies: [DENY_IN_X], from: 'y/a', to: 'x/b', port: 80, protocol: 'SCTP', expect: 'denied' },
  { name: 'default-deny-ingress: outside address → x/a denied', policies: [DENY_IN_X], from: 'ip:203.0.113.10', to: 'x/a', port: 80, expect: 'denied' },
  { name: 'default-deny-all: x/a → y/a denied by egress', policies: [DENY_ALL_X], from: 'x/a', to: 'y/a', port: 80, expect: 'denied', decidedBy: ['x/deny-all'] },
  { name: 'default-deny-all: y/a → x/a denied by ingress', policies: [DENY_ALL_X], from: 'y/a', to: 'x/a', port: 80, expect: 'denied' },
  { name: 'default-deny-all: y/a → y/b allowed', policies: [DENY_ALL_X], from: 'y/a', to: 'y/b', port: 80, expect: 'allowed' },
  { name: 'default-deny-all: x/a → outside denied', policies: [DENY_ALL_X], from: 'x/a', to: 'ip:203.0.113.10', port: 443, expect: 'denied' },

  // podSelector peers
  { name: 'podSelector: x/b → x/a allowed', policies: [A_FROM_B], from: 'x/b', to: 'x/a', port: 80, expect: 'allowed', decidedBy: ['x/x-a-allows-x-b'] },
  { name: 'podSelector: x/c → x/a denied', policies: [A_FROM_B], from: 'x/c', to: 'x/a', port: 80, expect: 'denied', decidedBy: ['x/x-a-allows-x-b'] },
  { name: 'podSelector alone means the policy namespace: y/b (pod=b) → x/a denied', policies: [A_FROM_B], from: 'y/b', to: 'x/a', port: 80, expect: 'denied' },
  { name: 'podSelector: x/c is not selected, x/b → x/c allowed', policies: [A_FROM_B], from: 'x/b', to: 'x/c', port: 8080, expect: 'allowed', decidedBy: [] },
  { name: 'podSelector matchExpressions In', policies: [np('x', 'in', '{podSelector: {matchLabels: {pod: a}}, ingress: [{from: [{podSelector: {matchExpressions: [{key: pod, operator: In, values: [b]}]}}]}]}')], from: 'x/b', to: 'x/a', port: 80, expect: 'allowed' },
  { name: 'any of several podSelectors: x/c → x/a allowed', policies: [np('x', 'b-or-c', '{podSelector: {matchLabels: {pod: a}}, ingress: [{from: [{podSelector: {matchLabels: {pod: b}}}, {podSelector: {matchLabels: {pod: c}}}]}]}')], from: 'x/c', to: 'x/a', port: 80, expect: 'allowed' },
  { name: 'policy selecting a label nobody has isolates nobody', policies: [np('x', 'deny-isolated', '{podSelector: {matchLabels: {target: isolated}}}')], from: 'y/a', to: 'x/a', port: 80, expect: 'allowed' },

  // namespaceSelector peers
  { name: 'namespaceSelector {}: z/a → x/a allowed', policies: [np('x', 'all-ns', '{podSelector: {matchLabels: {pod: a}}, ingress: [{from: [{namespaceSelector: {}}]}]}')], from: 'z/a', to: 'x/a', port: 80, expect: 'allowed' },
  { name: 'namespaceSelector {} selects pods, not outside addresses', policies: [np('x', 'all-ns', '{podSelector: {matchLabels: {pod: a}}, ingress: [{from: [{namespaceSelector: {}}]}]}')], from: 'ip:203.0.113.10', to: 'x/a', port: 80, expect: 'denied' },
  { name: 'namespaceSelector by the automatic name label: y/a → x/a allowed', policies: [A_FROM_NS_Y], from: 'y/a', to: 'x/a', port: 80, expect: 'allowed', decidedBy: ['x/allow-ns-y'] },
  { name: 'namespaceSelector by name: x/b → x/a denied', policies: [A_FROM_NS_Y], from: 'x/b', to: 'x/a', port: 80, expect: 'denied' },
  { name: 'namespaceSelector by name: z/a → x/a denied', policies: [A_FROM_NS_Y], from: 'z/a', to: 'x/a', port: 80, expect: 'denied' },
  { name: 'namespaceSelector by a custom label: y/b → x/a allowed', policies: [np('x', 'team-y', '{podSelector: {}, ingress: [{from: [{namespaceSelector: {matchLabels: {team: y-team}}}]}]}')], from: 'y/b', to: 'x/a', port: 80, expect: 'allowed' },
  { name: 'namespaceSelector NotIn [x] on the name label: z/a → x/a allowed', policies: [np('x', 'not-x', '{podSelector: {matchLabels: {pod: a}}, ingress: [{from: [{namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: NotIn, values: [x]}]}}]}]}')], from: 'z/a', to: 'x/a', port: 80, expect: 'allowed' },
  { name: 'namespace without a Namespace object still has its name label', policies: [np('x', 'from-w', '{podSelector: {}, ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: w}}}]}]}')], from: 'w/a', to: 'x/a', port: 80, expect: 'allowed' },
  { name: 'updated namespace labels count: y labelled ns2=updated', policies: [np('x', 'ns2', '{podSelector: {}, ingress: [{from: [{namespaceSelector: {matchLabels: {ns2: updated}}}]}]}')], namespaces: [ns('x'), ns('y', { ns2: 'updated' })], from: 'y/a', to: 'x/a', port: 80, expect: 'allowed' },
  { name: 'a namespace label cannot fake another name', policies: [A_FROM_NS_Y], namespaces: [ns('z', { 'kubernetes.io/metadata.name': 'y' })], from: 'z/a', to: 'x/a', port: 80, expect: 'denied' },

  // one peer with two selectors (AND) versus two peers (OR)
  { name: 'AND peer: y/b (ns team=y-team, pod=b) → x/a allowed', policies: [AND_PEER], from: 'y/b', to: 'x/a', port: 80, expect: 'allowed', decidedBy: ['x/and'] },
  { name: 'AND peer: y/a (namespace matches, pod does not) denied', policies: [AND_PEER], from: 'y/a', to: 'x/a', port: 80, expect: 'denied' },
  { name: 'AND peer: x/b (pod matches, namespace does not) denied', policies: [AND_PEER], from: 'x/b', to: 'x/a', port: 80, expect: 'denied' },
  { name: 'OR peers: y/a allowed by the namespaceSelector', policies: [OR_PEERS], from: 'y/a', to: 'x/a', port: 80, expect: 'allowed' },
  { name: 'OR peers: x/b allowed by the podSelector', policies: [OR_PEERS], from: 'x/b', to: 'x/a', port: 80, expect: 'allowed' },
  { name: 'OR peers: z/b denied (podSelector alone is namespace x only)', policies: [OR_PEERS], from: 'z/b', to: 'x/a', port: 80, expect: 'denied' },
  { name: 'namespaceSelector {} + podSelector: pod=b in any namespace', policies: [np('x', 'b-anywhere', '{podSelector: {matchLabels: {pod: a}}, ingress: [{from: [{namespaceSelector: {}, podSelector: {matchLabels: {pod: b}}}]}]}')], from: 'z/b', to: 'x/a', port: 80, expect: 'allowed' },
  { name: 'multiple pod and namespace expressions: y/c allowed', policies: [np('x', 'yz-bc', '{podSelector: {matchLabels: {pod: a}}, ingress: [{from: [{namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: NotIn, values: [x]}]}, podSelector: {matchExpressions: [{key: pod, operator: In, values: [b, c]}]}}]}]}')], from: 'y/c', to: 'x/a', port: 80, expect: 'allowed' },
  { name: 'multiple pod and namespace expressions: y/a denied', policies: [np('x', 'yz-bc', '{podSelector: {matchLabels: {pod: a}}, ingress: [{from: [{namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: NotIn, values: [x]}]}, podSelector: {matchExpressions: [{key: pod, operator: In, values: [b, c]}]}}]}]}')], from: 'y/a', to: 'x/a', port: 80, expect: 'denied' },

  // ports, protocols, named ports, endPort
  { name: 'port 81 from namespace y: allowed on 81', policies: [A_81_FROM_Y], from: 'y/a', to: 'x/a', port: 81, expect: 'allowed' },
  { name: 'port 81 from namespace y: denied on 80', policies: [A_81_FROM_Y], from: 'y/a', to: 'x/a', port: 80, expect: 'denied', decidedBy: ['x/allow-81'] },
  { name: 'stacked policies: a second policy unblocks port 80', policies: [A_81_FROM_Y, A_80_FROM_Y], from: 'y/a', to: 'x/a', port: 80, expect: 'allowed', decidedBy: ['x/allow-80'] },
  { name: 'stacked policies: both deny z/a on 80', policies: [A_81_FROM_Y, A_80_FROM_Y], from: 'z/a', to: 'x/a', port: 80, expect: 'denied', decidedBy: ['x/allow-80', 'x/allow-81'] },
  { name: 'allow-all (ingress: [{}]) on any port', policies: [ALLOW_ALL_IN_X], from: 'y/a', to: 'x/a', port: 81, expect: 'allowed', decidedBy: ['x/allow-all'] },
  { name: 'allow-all takes precedence over an allow-80 policy', policies: [np('x', 'allow-80-only', '{podSelector: {}, ingress: [{ports: [{port: 80}]}]}'), ALLOW_ALL_IN_X], from: 'y/a', to: 'x/a', port: 81, expect: 'allowed', decidedBy: ['x/allow-all'] },
  { name: 'named port serve-81-tcp: 81 allowed', policies: [NAMED_81_X], from: 'y/a', to: 'x/a', port: 81, expect: 'allowed' },
  { name: 'named port serve-81-tcp: 80 denied', policies: [NAMED_81_X], from: 'y/a', to: 'x/a', port: 80, expect: 'denied' },
  { name: 'named port the destination lacks matches nothing', policies: [NAMED_81_X], from: 'y/a', to: 'x/c', port: 81, expect: 'denied' },
  { name: 'named port from namespace y on serve-80-tcp: z/a denied', policies: [np('x', 'ns-y-80', '{podSelector: {matchLabels: {pod: a}}, ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: y}}}], ports: [{port: serve-80-tcp, protocol: TCP}]}]}')], from: 'z/a', to: 'x/a', port: 80, expect: 'denied' },
  { name: 'named UDP port with the default TCP protocol matches no TCP traffic', policies: [np('x', 'udp-name', '{podSelector: {}, ingress: [{ports: [{port: serve-80-udp}]}]}')], from: 'y/a', to: 'x/a', port: 80, expect: 'denied' },
  { name: 'named UDP port with protocol UDP matches UDP 80', policies: [np('x', 'udp-name', '{podSelector: {}, ingress: [{ports: [{port: serve-80-udp, protocol: UDP}]}]}')], from: 'y/a', to: 'x/a', port: 80, protocol: 'UDP', expect: 'allowed' },
  { name: 'egress on one named port: 80 allowed', policies: [EGRESS_NAMED_80], from: 'x/a', to: 'y/a', port: 80, expect: 'allowed', decidedBy: ['x/allow-egress-80'] },
  { name: 'egress on one named port: 81 denied', policies: [EGRESS_NAMED_80], from: 'x/a', to: 'y/a', port: 81, expect: 'denied' },
  { name: 'egress named port resolves on the destination: outside has none', policies: [EGRESS_NAMED_80], from: 'x/a', to: 'ip:203.0.113.10', port: 80, expect: 'denied' },
  { name: 'protocol-only port (TCP): any TCP port allowed', policies: [np('x', 'by-proto', '{podSelector: {matchLabels: {pod: a}}, ingress: [{ports: [{protocol: TCP}]}]}')], from: 'y/a', to: 'x/a', port: 80, expect: 'allowed' },
  { name: 'protocol-only port (TCP): UDP denied', policies: [np('x', 'by-proto', '{podSelector: {matchLabels: {pod: a}}, ingress: [{ports: [{protocol: TCP}]}]}')], from: 'y/a', to: 'x/a', port: 80, protocol: 'UDP', expect: 'denied' },
  { name: 'ports: [{}] means TCP only: UDP 53 denied', policies: [np('x', 'empty-port', '{podSelector: {}, ingress: [{ports: [{}]}]}')], from: 'y/a', to: 'x/a', port: 53, protocol: 'UDP', expect: 'denied' },
  { name: 'UDP-only policy does not allow TCP', policies: [np('x', 'udp-81', '{podSelector: {matchLabels: {pod: a}}, ingress: [{ports: [{port: 81, protocol: UDP}]}]}')], from: 'y/a', to: 'x/a', port: 81, expect: 'denied' },
  { name: "'protocol: SCTP' is not TCP", policies: [DENY_IN_X, np('x', 'sctp-81', '{podSelector: {matchLabels: {pod: a}}, ingress: [{ports: [{port: 81, protocol: SCTP}]}]}')], from: 'y/a', to: 'x/a', port: 81, expect: 'denied' },
  { name: 'SCTP policy allows SCTP', policies: [np('x', 'sctp-80', '{podSelector: {matchLabels: {pod: a}}, ingress: [{ports: [{port: 80, protocol: SCTP}]}]}')], from: 'y/a', to: 'x/a', port: 80, protocol: 'SCTP', expect: 'allowed' },
  { name: 'protocol argument is case-insensitive', policies: [np('x', 'udp-81', '{podSelector: {matchLabels: {pod: a}}, ingress: [{ports: [{port: 81, protocol: UDP}]}]}')], from: 'y/a', to: 'x/a', port: 81, protocol: 'udp', expect: 'allowed' },
  { name: 'ICMP (ping) passes a rule without ports', policies: [A_FROM_B], from: 'x/b', to: 'x/a', port: 0, protocol: 'ICMP', expect: 'allowed' },
  { name: 'ICMP (ping) never matches a rule with ports', policies: [np('x', 'tcp-any', '{podSelector: {}, ingress: [{ports: [{protocol: TCP}]}]}')], from: 'y/a', to: 'x/a', port: 0, protocol: 'ICMP', expect: 'denied' },
  { name: 'endPort range: 32500 inside 32000-32768', policies: [np('x', 'range', '{podSelector: {}, ingress: [{ports: [{port: 32000, endPort: 32768}]}]}')], from: 'y/a', to: 'x/a', port: 32500, expect: 'allowed' },
  { name: 'endPort range is inclusive', policies: [np('x', 'range', '{podSelector: {}, ingress: [{ports: [{port: 32000, endPort: 32768}]}]}')], from: 'y/a', to: 'x/a', port: 32768, expect: 'allowed' },
  { name: 'endPort range: 32769 outside', policies: [np('x', 'range', '{podSelector: {}, ingress: [{ports: [{port: 32000, endPort: 32768}]}]}')], from: 'y/a', to: 'x/a', port: 32769, expect: 'denied' },
  { name: 'endPort below port is invalid and matches nothing', policies: [np('x', 'bad-range', '{podSelector: {}, ingress: [{ports: [{port: 9000, endPort: 8000}]}]}')], from: 'y/a', to: 'x/a', port: 8500, expect: 'denied' },

  // policyTypes and its defaulting
  { name: 'policyTypes [Egress] leaves ingress open', policies: [DENY_EGRESS_X], from: 'y/a', to: 'x/a', port: 80, expect: 'allowed' },
  { name: 'policyTypes [Egress] denies egress', policies: [DENY_EGRESS_X], from: 'x/a', to: 'y/a', port: 80, expect: 'denied', decidedBy: ['x/deny-egress'] },
  { name: 'no policyTypes, egress rules present: Egress is implied', policies: [np('x', 'egress-80', '{podSelector: {}, egress: [{ports: [{port: 80}]}]}')], from: 'x/a', to: 'z/a', port: 81, expect: 'denied' },
  { name: 'no policyTypes, egress rules present: Ingress is implied too', policies: [np('x', 'egress-80', '{podSelector: {}, egress: [{ports: [{port: 80}]}]}')], from: 'z/a', to: 'x/a', port: 80, expect: 'denied' },
  { name: 'no policyTypes and egress: [] is an ingress-only policy', policies: [np('x', 'empty-egress', '{podSelector: {}, egress: []}')], from: 'x/a', to: 'y/a', port: 80, expect: 'allowed' },
  { name: 'policyTypes [Ingress] ignores egress rules', policies: [np('x', 'in-only', '{podSelector: {}, policyTypes: [Ingress], ingress: [{}], egress: [{ports: [{port: 1}]}]}')], from: 'x/a', to: 'y/a', port: 80, expect: 'allowed' },
  { name: 'Ingress and Egress together: x/b → x/a allowed on 81', policies: [np('x', 'both', '{podSelector: {matchLabels: {pod: a}}, policyTypes: [Egress, Ingress], ingress: [{from: [{podSelector: {matchLabels: {pod: b}}}]}], egress: [{ports: [{port: 80}]}]}')], from: 'x/b', to: 'x/a', port: 81, expect: 'allowed' },
  { name: 'Ingress and Egress together: x/a → x/b denied on 81', policies: [np('x', 'both', '{podSelector: {matchLabels: {pod: a}}, policyTypes: [Egress, Ingress], ingress: [{from: [{podSelector: {matchLabels: {pod: b}}}]}], egress: [{ports: [{port: 80}]}]}')], from: 'x/a', to: 'x/b', port: 81, expect: 'denied' },
  { name: 'ingress and egress controlled independently: x/a → x/b allowed', policies: [np('x', 'egress-all', '{podSelector: {matchLabels: {pod: a}}, policyTypes: [Egress], egress: [{}]}'), np('x', 'deny-in-a', '{podSelector: {matchLabels: {pod: a}}}')], from: 'x/a', to: 'x/b', port: 80, expect: 'allowed', decidedBy: ['x/egress-all'] },
  { name: 'ingress and egress controlled independently: x/b → x/a denied', policies: [np('x', 'egress-all', '{podSelector: {matchLabels: {pod: a}}, policyTypes: [Egress], egress: [{}]}'), np('x', 'deny-in-a', '{podSelector: {matchLabels: {pod: a}}}')], from: 'x/b', to: 'x/a', port: 80, expect: 'denied', decidedBy: ['x/deny-in-a'] },
  { name: 'egress allow-all takes precedence over egress allow-80', policies: [np('x', 'e80', '{podSelector: {}, egress: [{ports: [{port: 80}]}]}'), np('x', 'eall', '{podSelector: {}, egress: [{}]}')], from: 'x/a', to: 'y/a', port: 81, expect: 'allowed', decidedBy: ['x/eall'] },

  // empty versus missing
  { name: 'missing spec.podSelector selects every pod, like {}', policies: [np('x', 'no-selector', '{policyTypes: [Ingress]}')], from: 'y/a', to: 'x/b', port: 80, expect: 'denied' },
  { name: 'ingress: [] (explicitly empty) denies all', policies: [np('x', 'empty-ingress', '{podSelector: {}, ingress: []}')], from: 'x/b', to: 'x/a', port: 80, expect: 'denied' },
  { name: 'from: [] means from anywhere, outside included', policies: [np('x', 'from-empty', '{podSelector: {}, ingress: [{from: []}]}')], from: 'ip:203.0.113.10', to: 'x/a', port: 80, expect: 'allowed' },
  { name: 'from: [{podSelector: {}}] is every pod of namespace x only: y/a denied', policies: [np('x', 'same-ns', '{podSelector: {}, ingress: [{from: [{podSelector: {}}]}]}')], from: 'y/a', to: 'x/a', port: 80, expect: 'denied' },
  { name: 'from: [{podSelector: {}}] allows x/b', policies: [np('x', 'same-ns', '{podSelector: {}, ingress: [{from: [{podSelector: {}}]}]}')], from: 'x/b', to: 'x/a', port: 80, expect: 'allowed' },
  { name: 'from: [{}] is invalid ("must specify a peer") and matches nothing', policies: [np('x', 'empty-peer', '{podSelector: {}, ingress: [{from: [{}]}]}')], from: 'x/b', to: 'x/a', port: 80, expect: 'denied' },

  // cross-namespace
  { name: 'a policy in y does not select x pods with the same labels', policies: [np('y', 'deny-a', '{podSelector: {matchLabels: {pod: a}}}')], from: 'z/a', to: 'x/a', port: 80, expect: 'allowed' },
  { name: 'egress to a pod in another namespace by ns+pod selector: y/a allowed', policies: [EGRESS_TO_Y_A], from: 'x/a', to: 'y/a', port: 80, expect: 'allowed' },
  { name: 'egress denial holds even when the server allows: x/a → y/b', policies: [EGRESS_TO_Y_A, Y_FROM_X_A], from: 'x/a', to: 'y/b', port: 80, expect: 'denied', decidedBy: ['x/allow-to-y-a'] },
  { name: 'both sides allow: x/a → y/a', policies: [EGRESS_TO_Y_A, Y_FROM_X_A], from: 'x/a', to: 'y/a', port: 80, expect: 'allowed', decidedBy: ['x/allow-to-y-a', 'y/allow-from-x-a'] },
  { name: 'server side denies: x/b → y/a', policies: [EGRESS_TO_Y_A, Y_FROM_X_A], from: 'x/b', to: 'y/a', port: 80, expect: 'denied', decidedBy: ['y/allow-from-x-a'] },

  // ipBlock (matches pod IPs too; see policy.ts)
  { name: 'egress ipBlock /32 of a pod IP: x/a → y/b allowed', policies: [EGRESS_CIDR_YB], from: 'x/a', to: 'y/b', port: 80, expect: 'allowed', decidedBy: ['x/allow-cidr'] },
  { name: 'egress ipBlock /32: x/a → y/a denied', policies: [EGRESS_CIDR_YB], from: 'x/a', to: 'y/a', port: 80, expect: 'denied' },
  { name: 'ipBlock except: the excepted pod IP is denied', policies: [EGRESS_CIDR_EXCEPT], from: 'x/a', to: 'y/b', port: 80, expect: 'denied' },
  { name: 'ipBlock except: the rest of the block is allowed', policies: [EGRESS_CIDR_EXCEPT], from: 'x/a', to: 'y/a', port: 80, expect: 'allowed' },
  { name: 'an IP in both CIDR and except is allowed by another policy', policies: [EGRESS_CIDR_EXCEPT, EGRESS_CIDR_YB], from: 'x/a', to: 'y/b', port: 80, expect: 'allowed', decidedBy: ['x/allow-cidr'] },
  { name: 'ingress ipBlock from outside: 203.0.113.10 allowed', policies: [np('x', 'from-net', '{podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 203.0.113.0/24}}]}]}')], from: 'ip:203.0.113.10', to: 'x/a', port: 80, expect: 'allowed' },
  { name: 'ingress ipBlock from outside: 198.51.100.1 denied', policies: [np('x', 'from-net', '{podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 203.0.113.0/24}}]}]}')], from: 'ip:198.51.100.1', to: 'x/a', port: 80, expect: 'denied' },
  { name: 'ingress ipBlock matches a pod IP too', policies: [np('x', 'from-node1-pods', '{podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.244.1.0/24}}]}]}')], from: 'y/a', to: 'x/a', port: 80, expect: 'allowed' },
  { name: 'ipBlock 0.0.0.0/0 except the pod network: outside allowed', policies: [np('x', 'internet', '{podSelector: {}, policyTypes: [Egress], egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.244.0.0/16]}}]}]}')], from: 'x/a', to: 'ip:8.8.8.8', port: 443, expect: 'allowed' },
  { name: 'ipBlock 0.0.0.0/0 except the pod network: pods denied', policies: [np('x', 'internet', '{podSelector: {}, policyTypes: [Egress], egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.244.0.0/16]}}]}]}')], from: 'x/a', to: 'y/a', port: 80, expect: 'denied' },
  { name: 'IPv6 ipBlock matches an IPv6 pod', policies: [np('x', 'v6', '{podSelector: {}, policyTypes: [Egress], egress: [{to: [{ipBlock: {cidr: "2001:db8::/32"}}]}]}')], from: 'x/a', to: 'z/v6', port: 80, expect: 'allowed' },
  { name: 'IPv6 ipBlock does not match another prefix', policies: [np('x', 'v6', '{podSelector: {}, policyTypes: [Egress], egress: [{to: [{ipBlock: {cidr: "2001:db9::/32"}}]}]}')], from: 'x/a', to: 'z/v6', port: 80, expect: 'denied' },
  { name: 'an IPv4 block never matches an IPv6 address', policies: [np('x', 'all-v4', '{podSelector: {}, policyTypes: [Egress], egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0}}]}]}')], from: 'x/a', to: 'z/v6', port: 80, expect: 'denied' },
  { name: 'an invalid CIDR matches nothing', policies: [np('x', 'bad-cidr', '{podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.0.0/8}}]}]}')], from: 'ip:10.9.0.1', to: 'x/a', port: 80, expect: 'denied' },

  // DNS
  { name: 'DNS only: UDP 53 to kube-dns allowed', policies: [DNS_ONLY], from: 'x/a', to: 'kube-system/coredns', port: 53, protocol: 'UDP', expect: 'allowed', decidedBy: ['x/allow-dns'] },
  { name: 'DNS only: TCP 53 to kube-dns allowed', policies: [DNS_ONLY], from: 'x/a', to: 'kube-system/coredns', port: 53, expect: 'allowed' },
  { name: 'DNS only: kube-dns metrics port denied', policies: [DNS_ONLY], from: 'x/a', to: 'kube-system/coredns', port: 9153, expect: 'denied' },
  { name: 'DNS only: UDP 53 to another pod denied', policies: [DNS_ONLY], from: 'x/a', to: 'y/a', port: 53, protocol: 'UDP', expect: 'denied' },
  { name: 'DNS anywhere: UDP 53 to an outside resolver allowed', policies: [DNS_ANYWHERE], from: 'x/a', to: 'ip:8.8.8.8', port: 53, protocol: 'UDP', expect: 'allowed' },
  { name: 'DNS anywhere: HTTPS out denied', policies: [DNS_ANYWHERE], from: 'x/a', to: 'ip:8.8.8.8', port: 443, expect: 'denied' },

  // loopback and node-local traffic
  { name: 'a pod always reaches itself (loopback)', policies: [DENY_ALL_X], from: 'x/a', to: 'x/a', port: 80, expect: 'allowed', decidedBy: [] },
  { name: 'its own node reaches a pod (kubelet probes)', policies: [DENY_ALL_X], from: 'node:node-1', to: 'x/a', port: 80, expect: 'allowed' },
  { name: 'a node found by its address in the Node list', policies: [DENY_ALL_X], from: 'nodeip:10.0.0.1', to: 'x/b', port: 80, expect: 'allowed' },
  { name: 'a pod reaches its own node', policies: [DENY_ALL_X], from: 'x/a', to: 'node:node-1', port: 10250, expect: 'allowed' },
  { name: 'another node is subject to policy', policies: [DENY_ALL_X], from: 'node:node-2', to: 'x/a', port: 80, expect: 'denied' },
  { name: 'outside to a pod with no policies: allowed', policies: [], from: 'ip:203.0.113.10', to: 'y/a', port: 80, expect: 'allowed' },
];

/** The policies that decided: the allowing rules' when allowed, the isolating ones of each denying side otherwise. */
function decidedBy(v: Verdict): string[] {
  const keys = v.allowed
    ? [...v.ingress.matches, ...v.egress.matches].map((m) => m.policy)
    : [v.ingress, v.egress].filter((s) => !s.allowed).flatMap((s) => s.policies);
  return [...new Set(keys)].sort();
}

describe('PolicyEngine conformance', () => {
  it('has a table of at least 60 cases', () => expect(rows.length).toBeGreaterThanOrEqual(60));

  it.each(rows)('$name', (row) => {
    const engine = new PolicyEngine({
      policies: objects(row.policies),
      namespaces: row.namespaces ?? NAMESPACES,
      nodes: NODES,
    });
    const src = peer(row.from);
    const dst = peer(row.to);
    const v = engine.verdict(src, dst, row.port, row.protocol);
    expect(v.allowed ? 'allowed' : 'denied', v.reason).toBe(row.expect);
    expect(v.allowed).toBe(v.exempt !== undefined || (v.ingress.allowed && v.egress.allowed));
    if (row.decidedBy) expect(decidedBy(v)).toEqual([...row.decidedBy].sort());
    expect(v.reason.startsWith(row.expect === 'allowed' ? 'allowed' : 'denied')).toBe(true);
    // The matrix answers the same for pod pairs.
    if (src.kind === 'pod' && dst.kind === 'pod') {
      expect(engine.matrix([src], [dst], row.port, row.protocol).isAllowed(0, 0)).toBe(v.allowed);
    }
  });
});

describe('PolicyEngine reasons', () => {
  const prod = (name: string, labels: Record<string, string>, ip: string): PodPeer => ({
    kind: 'pod',
    namespace: 'prod',
    name,
    labels,
    ip,
    node: 'node-1',
    ports: [{ name: 'redis', containerPort: 6379 }],
  });
  const db = prod('db-0', { app: 'db' }, '10.244.0.5');
  const web = prod('web-1', { app: 'web' }, '10.244.0.7');
  const frontend = prod('frontend-x', { role: 'frontend' }, '10.244.0.6');
  const denyIngress = np('prod', 'default-deny-ingress', '{podSelector: {}, policyTypes: [Ingress]}');
  const allowFrontend = np(
    'prod',
    'allow-frontend',
    '{podSelector: {matchLabels: {app: db}}, ingress: [{from: [{podSelector: {matchLabels: {role: frontend}}}], ports: [{port: 6379}]}]}',
  );
  const engine = (...docs: string[]) => new PolicyEngine({ policies: objects(docs), namespaces: [ns('prod')] });

  it('default allow names the destination', () => {
    const v = engine().verdict(frontend, db, 6379);
    expect(v.reason).toBe('allowed: db-0 is not selected by any ingress policy (default allow)');
    expect(v.ingress).toEqual({
      isolated: false,
      allowed: true,
      policies: [],
      matches: [],
      reason: 'not isolated: no policy selects db-0 for ingress',
    });
  });

  it('a denial names the isolating policy, the source and the port', () => {
    const v = engine(denyIngress).verdict(frontend, db, 6379);
    expect(v.reason).toBe(
      'denied: default-deny-ingress selects db-0 for ingress and no ingress rule allows frontend-x on 6379/TCP',
    );
    expect(v.ingress.policies).toEqual(['prod/default-deny-ingress']);
  });

  it('an allowed connection names the rule, its peer and its port', () => {
    const v = engine(denyIngress, allowFrontend).verdict(frontend, db, 6379);
    expect(v.reason).toBe('allowed by allow-frontend (ingress rule 1: from podSelector role=frontend, port 6379/TCP)');
    expect(v.ingress.matches).toEqual([
      {
        policy: 'prod/allow-frontend',
        direction: 'ingress',
        rule: 0,
        why: 'from podSelector role=frontend, port 6379/TCP',
      },
    ]);
    expect([...v.ingress.policies].sort()).toEqual(['prod/allow-frontend', 'prod/default-deny-ingress']);
  });

  it('ICMP has no port in the reason', () => {
    expect(engine(denyIngress).verdict(frontend, db, 0, 'ICMP').reason).toBe(
      'denied: default-deny-ingress selects db-0 for ingress and no ingress rule allows frontend-x for ICMP',
    );
  });

  it('several denying policies are listed', () => {
    const v = engine(denyIngress, allowFrontend).verdict(web, db, 6379);
    expect(v.reason).toBe(
      'denied: policies default-deny-ingress, allow-frontend select db-0 for ingress and no ingress rule allows web-1 on 6379/TCP',
    );
  });

  it('egress denials and cross-namespace names', () => {
    const other: PodPeer = { ...web, namespace: 'shop' };
    const v = engine(np('prod', 'no-egress', '{podSelector: {}, policyTypes: [Egress]}')).verdict(db, other, 80);
    expect(v.reason).toBe(
      'denied: no-egress selects db-0 for egress and no egress rule allows traffic to shop/web-1 on 80/TCP',
    );
    expect(v.ingress.reason).toBe('not isolated: no policy selects web-1 for ingress');
  });

  it('both sides denied: egress first, then ingress', () => {
    const v = engine(np('prod', 'deny-all', '{podSelector: {}, policyTypes: [Ingress, Egress]}')).verdict(web, db, 80);
    expect(v.reason).toBe(
      'denied: deny-all selects web-1 for egress and no egress rule allows traffic to db-0 on 80/TCP; deny-all selects db-0 for ingress and no ingress rule allows web-1 on 80/TCP',
    );
  });

  it('describes named ports, ranges, namespace selectors and ipBlocks', () => {
    const e = engine(
      np(
        'prod',
        'p',
        `
        podSelector: {}
        ingress:
        - from: [{namespaceSelector: {matchLabels: {team: a}}, podSelector: {matchExpressions: [{key: tier, operator: In, values: [x, y]}]}}]
        - from: [{ipBlock: {cidr: 10.244.0.0/16, except: [10.244.0.7/32]}}]
          ports: [{port: redis}]
        - ports: [{port: 30000, endPort: 30100, protocol: UDP}]
        - ports: [{protocol: SCTP}]
      `,
      ),
    );
    expect(e.verdict(frontend, db, 6379).ingress.matches.map((m) => m.why)).toEqual([
      'from ipBlock 10.244.0.0/16 except 10.244.0.7/32, port redis (6379/TCP)',
    ]);
    expect(e.verdict(frontend, db, 30050, 'UDP').reason).toBe(
      'allowed by p (ingress rule 3: from any source, ports 30000-30100/UDP)',
    );
    expect(e.verdict(frontend, db, 9, 'SCTP').ingress.matches[0]?.why).toBe('from any source, any SCTP port');
    const teamA = new PolicyEngine({
      policies: objects([
        np(
          'prod',
          'p',
          '{podSelector: {}, ingress: [{from: [{namespaceSelector: {matchLabels: {team: a}}, podSelector: {matchExpressions: [{key: tier, operator: In, values: [x, y]}]}}]}]}',
        ),
      ]),
      namespaces: [ns('prod'), ns('a', { team: 'a' })],
    });
    const tierX: PodPeer = { ...web, namespace: 'a', labels: { tier: 'x' } };
    expect(teamA.verdict(tierX, db, 1).reason).toBe(
      'allowed by p (ingress rule 1: from namespaceSelector team=a and podSelector tier in (x,y), any port)',
    );
  });

  it('loopback and node traffic say why policy does not apply', () => {
    const e = engine(np('prod', 'deny-all', '{podSelector: {}, policyTypes: [Ingress, Egress]}'));
    const self = e.verdict(db, db, 6379);
    expect(self).toMatchObject({ allowed: true, exempt: 'loopback' });
    expect(self.reason).toBe(
      "allowed: db-0 is talking to itself (loopback); NetworkPolicy never blocks a pod's own traffic",
    );
    expect(self.ingress.isolated).toBe(true);
    const probe = e.verdict({ kind: 'ip', ip: '10.0.0.1', node: 'node-1' }, db, 6379);
    expect(probe).toMatchObject({ allowed: true, exempt: 'node' });
    expect(probe.reason).toBe(
      'allowed: traffic between db-0 and its own node node-1 (kubelet probes) is always allowed',
    );
  });

  it('allowed on both sides joins both rules', () => {
    const e = engine(
      np('prod', 'db-in', '{podSelector: {matchLabels: {app: db}}, ingress: [{from: [{podSelector: {}}]}]}'),
      np(
        'prod',
        'web-out',
        '{podSelector: {matchLabels: {app: web}}, egress: [{to: [{podSelector: {matchLabels: {app: db}}}]}]}',
      ),
    );
    expect(e.verdict(web, db, 6379).reason).toBe(
      'allowed by db-in (ingress rule 1: from podSelector {}, any port) and allowed by web-out (egress rule 1: to podSelector app=db, any port)',
    );
  });
});

describe('PolicyEngine bad input', () => {
  it('never throws on malformed policies and says what is wrong', () => {
    const garbage: KubeObject[] = [
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'a', namespace: 'x' },
        spec: 'nonsense',
      },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'x' } },
      ...objects([
        np('x', 'bad-op', '{podSelector: {matchExpressions: [{key: pod, operator: Near}]}}'),
        np('x', 'mixed', '{podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}]}]}'),
        np(
          'x',
          'junk',
          '{podSelector: {}, ingress: [7, {from: "x", ports: [null, {port: "80"}]}], egress: {a: 1}, policyTypes: [Ingress, Egress]}',
        ),
        np(
          'x',
          'bad-except',
          '{podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8, except: [300.1.1.1/32]}}]}]}',
        ),
      ]),
    ];
    const engine = new PolicyEngine({ policies: garbage, namespaces: NAMESPACES });
    const v = engine.verdict(peer('y/a'), peer('x/a'), 80);
    expect(typeof v.reason).toBe('string');
    // `mixed` and `bad-except` match nothing; `junk` rule 0 (7) is an empty rule that allows everything.
    expect(v.allowed).toBe(true);
    expect(engine.warnings).toEqual([
      'x/p: a Pod is not a NetworkPolicy; ignored',
      'x/bad-op: spec.podSelector: "Near" is not a valid label selector operator',
      'x/mixed: spec.ingress[0].from[0]: may not specify both ipBlock and another peer',
      'x/junk: spec.ingress[1].ports[1].port: "80" is a name, not a number',
      'x/bad-except: spec.ingress[0].from[0].ipBlock.except: invalid CIDR "300.1.1.1/32"',
    ]);
    expect(engine.matrix(PODS, PODS, 80).rows).toBe(PODS.length);
  });

  it('tolerates malformed namespaces and nodes', () => {
    const engine = new PolicyEngine({
      policies: objects([DENY_IN_X]),
      namespaces: [{ apiVersion: 'v1', kind: 'Namespace' } as unknown as KubeObject, ns('x', { team: 'x-team' })],
      nodes: [{ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, status: { addresses: 5 } }],
    });
    expect(engine.verdict(peer('y/a'), peer('x/a'), 80).allowed).toBe(false);
  });

  it('a pod without an IP matches no ipBlock', () => {
    const engine = new PolicyEngine({
      policies: objects([np('x', 'net', '{podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 0.0.0.0/0}}]}]}')]),
      namespaces: [],
    });
    expect(engine.verdict({ ...(peer('y/a') as PodPeer), ip: '' }, peer('x/a'), 80).allowed).toBe(false);
  });

  it('the matrix rejects cells outside it', () => {
    const m = new PolicyEngine({ policies: [], namespaces: [] }).matrix(PODS.slice(0, 2), PODS.slice(0, 3), 80);
    expect(() => m.verdict(2, 0)).toThrow(RangeError);
  });
});

describe('PolicyEngine matrix', () => {
  /** A seeded random cluster: 5 namespaces, 90 pods with a few labels, 16 policies mixing every feature. */
  function randomCluster(seed: number) {
    const rng = new Rng(seed);
    const pick = <T>(xs: readonly T[]): T => xs[rng.int(xs.length)] as T;
    const nss = ['a', 'b', 'c', 'd', 'e'];
    const namespaces = nss.map((n) => ns(n, { tier: pick(['front', 'back']), env: pick(['dev', 'prod']) }));
    const pods: PodPeer[] = Array.from({ length: 90 }, (_, i) => ({
      kind: 'pod',
      namespace: pick(nss),
      name: `p${i}`,
      labels: { app: pick(['web', 'db', 'cache', 'api']), role: pick(['x', 'y']) },
      ip: `10.${rng.int(3)}.${rng.int(4)}.${i + 1}`,
      node: pick(['n1', 'n2']),
      ports: rng.int(2)
        ? [{ name: 'http', containerPort: 80 }]
        : [
            { name: 'http', containerPort: 8080 },
            { name: 'dns', containerPort: 53, protocol: 'UDP' },
          ],
    }));
    const selector = () =>
      pick([
        '{}',
        '{matchLabels: {app: web}}',
        '{matchLabels: {app: db}}',
        '{matchExpressions: [{key: role, operator: In, values: [x]}]}',
        '{matchExpressions: [{key: app, operator: NotIn, values: [cache]}]}',
      ]);
    const nsSelector = () =>
      pick([
        '{}',
        '{matchLabels: {tier: front}}',
        '{matchLabels: {env: prod}}',
        '{matchLabels: {kubernetes.io/metadata.name: b}}',
      ]);
    const peerText = () =>
      pick([
        `{podSelector: ${selector()}}`,
        `{namespaceSelector: ${nsSelector()}}`,
        `{namespaceSelector: ${nsSelector()}, podSelector: ${selector()}}`,
        `{ipBlock: {cidr: 10.${rng.int(3)}.0.0/16, except: [10.${rng.int(3)}.${rng.int(4)}.0/24]}}`,
      ]);
    const ports = () =>
      pick([
        '',
        ', ports: [{port: 80}]',
        ', ports: [{port: http}]',
        ', ports: [{port: 50, endPort: 90}]',
        ', ports: [{protocol: UDP}]',
        ', ports: [{port: dns, protocol: UDP}, {port: 8080}]',
      ]);
    const rule = (dir: 'from' | 'to') =>
      rng.int(5) === 0 ? `{${ports().slice(2)}}` : `{${dir}: [${peerText()}, ${peerText()}]${ports()}}`;
    const rules = (dir: 'from' | 'to') => Array.from({ length: rng.int(3) }, () => rule(dir)).join(', ');
    const policies = Array.from({ length: 16 }, (_, i) =>
      np(
        pick(nss),
        `np${i}`,
        `{podSelector: ${selector()}, policyTypes: ${pick(['[Ingress]', '[Egress]', '[Ingress, Egress]'])}, ingress: [${rules('from')}], egress: [${rules('to')}]}`,
      ),
    );
    return { engine: new PolicyEngine({ policies: objects(policies), namespaces }), pods };
  }

  it.each([
    [1, 80, 'TCP'],
    [2, 8080, 'TCP'],
    [3, 53, 'UDP'],
    [4, 60, 'TCP'],
  ])('agrees with verdict cell by cell (seed %i, port %i/%s)', (seed, port, protocol) => {
    const { engine, pods } = randomCluster(seed);
    expect(engine.warnings).toEqual([]);
    const sources = pods.slice(0, 70);
    const destinations = pods.slice(20);
    const m = engine.matrix(sources, destinations, port, protocol);
    let allowed = 0;
    for (let i = 0; i < m.rows; i++) {
      for (let j = 0; j < m.cols; j++) {
        const v = m.verdict(i, j);
        if (m.isAllowed(i, j) !== v.allowed) {
          throw new Error(
            `cell ${sources[i]?.name} → ${destinations[j]?.name}: matrix ${m.isAllowed(i, j)}, verdict ${v.reason}`,
          );
        }
        allowed += v.allowed ? 1 : 0;
      }
    }
    // The random policies must leave a real mix, or the comparison proves little.
    expect(allowed).toBeGreaterThan(m.rows * m.cols * 0.05);
    expect(allowed).toBeLessThan(m.rows * m.cols * 0.95);
  });
});
