import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../core/api/types.ts';
import { COURSE_NODES } from '../../core/cluster/defaults.ts';
import { computeZoneState, disruptionFor } from '../../core/controllers/nodelifecycle/zones.ts';
import type { NodeConfig } from '../../core/kubelet/node.ts';
import { chapterOne } from '../../core/kubectl/testkit.ts';
import type { Lab } from '../../core/kubectl/testkit.ts';
import { TestCluster, condition, nodeOf } from '../harness/testCluster.ts';
import { table } from '../harness/lab.ts';
import type { Row } from '../harness/lab.ts';

const status = (l: Lab, kind: string): Record<string, Row> =>
  Object.fromEntries(table(l, `get ${kind} -o wide`).map((r) => [r.NAME ?? '', r]));
const taintsOf = (n: KubeObject | undefined) =>
  ((n?.spec as { taints?: { key: string; value?: string; effect: string }[] } | undefined)?.taints ?? []).map(
    (t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`,
  );

function tracesFor(t: { api: { trace: { query(f: object): { component: string; reason: string }[] } } }, name: string) {
  return t.api.trace.query({ kind: 'Node', name }).map((e) => `${e.component}: ${e.reason}`);
}

describe('a node fails (course ch. 5.1 failover)', () => {
  it('NotReady after 50 s, pods evicted 300 s after the unreachable taint, replaced on k8s-node1, finished on recovery', () => {
    const l = chapterOne();
    const t0 = status(l, 'pods');
    const onNode2 = Object.values(t0)
      .filter((r) => r.NODE === 'k8s-node2')
      .map((r) => r.NAME ?? '');
    expect(onNode2.length).toBeGreaterThan(0);
    l.cluster.failNode('k8s-node2');

    l.advance(40);
    expect(status(l, 'nodes')['k8s-node2']?.STATUS).toBe('Ready');
    l.advance(20);
    expect(status(l, 'nodes')['k8s-node2']?.STATUS).toBe('NotReady');
    const api = l.cluster.api;
    const node2 = () => api.store.get('/nodes', undefined, 'k8s-node2');
    expect(condition(node2()!, 'Ready')).toBe('Unknown');
    expect(taintsOf(node2())).toEqual([
      'node.kubernetes.io/unreachable:NoSchedule',
      'node.kubernetes.io/unreachable:NoExecute',
    ]);
    // The pods are not Ready any more, but kubectl still shows them Running (their containers' last known state).
    for (const name of onNode2) {
      const pod = api.store.get('/pods', 'default', name)!;
      expect(condition(pod, 'Ready')).toBe('False');
      expect(status(l, 'pods')[name]?.STATUS).toBe('Running');
    }
    const events = table(l, 'get events');
    expect(events).toContainEqual(
      expect.objectContaining({
        TYPE: 'Normal',
        REASON: 'NodeNotReady',
        OBJECT: 'node/k8s-node2',
        MESSAGE: 'Node k8s-node2 status is now: NodeNotReady',
      }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({
        TYPE: 'Warning',
        REASON: 'NodeNotReady',
        OBJECT: `pod/${onNode2[0]}`,
        MESSAGE: 'Node is not ready',
      }),
    );

    // The default toleration (node.kubernetes.io/unreachable, 300 s) counts from the NoExecute taint.
    const taintedAt = Date.parse(
      (node2()!.spec as { taints: { effect: string; timeAdded: string }[] }).taints.find(
        (x) => x.effect === 'NoExecute',
      )!.timeAdded,
    );
    l.advance((taintedAt + 299_000 - l.cluster.clock.now()) / 1000);
    expect(onNode2.map((n) => status(l, 'pods')[n]?.STATUS)).toEqual(onNode2.map(() => 'Running'));
    // The taint manager counts from when it saw the taint, within that second.
    l.advance(2);
    const after = status(l, 'pods');
    expect(onNode2.map((n) => after[n]?.STATUS)).toEqual(onNode2.map(() => 'Terminating'));
    const evicted = api.store.get('/pods', 'default', onNode2[0]!)!;
    expect((evicted.status as { conditions: object[] }).conditions).toContainEqual(
      expect.objectContaining({
        type: 'DisruptionTarget',
        status: 'True',
        reason: 'DeletionByTaintManager',
        message: 'Taint manager: deleting due to NoExecute taint',
      }),
    );
    expect(table(l, 'get events --field-selector reason=TaintManagerEviction').map((r) => r.MESSAGE)).toEqual(
      expect.arrayContaining(onNode2.map((n) => `Marking for deletion Pod default/${n}`)),
    );

    // Replacements run on k8s-node1; the old pods stay Terminating while their node is down.
    l.advance(600);
    const rows = Object.values(status(l, 'pods'));
    expect(rows.filter((r) => r.STATUS === 'Running').every((r) => r.NODE === 'k8s-node1')).toBe(true);
    expect(rows.filter((r) => r.STATUS === 'Running')).toHaveLength(3);
    expect(rows.filter((r) => r.STATUS === 'Terminating').map((r) => r.NAME)).toEqual(onNode2);

    l.cluster.recoverNode('k8s-node2');
    l.advance(30);
    expect(Object.values(status(l, 'pods')).map((r) => r.STATUS)).toEqual(['Running', 'Running', 'Running']);
    expect(status(l, 'nodes')['k8s-node2']?.STATUS).toBe('Ready');
    expect(taintsOf(node2())).toEqual([]);
  });

  it('a pod tolerating unreachable/not-ready without tolerationSeconds (as DaemonSet pods do) stays', () => {
    const t = TestCluster.create().apply(`apiVersion: v1
kind: Pod
metadata:
  name: agent
spec:
  nodeName: k8s-node2
  tolerations:
  - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute}
  - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute}
  containers:
  - {name: agent, image: busybox, command: ["sleep", "3600"]}
`);
    t.advance(10);
    t.cluster.failNode('k8s-node2');
    t.advance(1200);
    const pod = t.get('pod', 'agent')!;
    expect(pod.metadata.deletionTimestamp).toBeUndefined();
    expect(condition(pod, 'Ready')).toBe('False');
    expect(t.events(pod).filter((e) => e.startsWith('TaintManagerEviction'))).toEqual([]);
    t.expectIdempotent('node-controller');
  });
});

const POD_ON_NODE1 = (name: string, toleration = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  nodeName: k8s-node1
${toleration}  containers:
  - {name: main, image: busybox, command: ["sleep", "3600"]}
`;
const TOLERATE = (seconds?: number) =>
  `  tolerations:\n  - {key: key, operator: Equal, value: value, effect: NoExecute${seconds === undefined ? '' : `, tolerationSeconds: ${seconds}`}}\n`;

describe('NoExecute taints added with kubectl taint', () => {
  function tainted() {
    const l = chapterOne();
    for (const [name, tol] of [
      ['plain', ''],
      ['for-a-minute', TOLERATE(60)],
      ['forever', TOLERATE()],
    ] as const) {
      l.files[`${name}.yaml`] = POD_ON_NODE1(name, tol);
      l.k(`apply -f ${name}.yaml`);
    }
    l.advance(10);
    expect(l.k('taint nodes k8s-node1 key=value:NoExecute').stdout).toBe('node/k8s-node1 tainted\n');
    l.advance(1);
    return l;
  }

  it('evict untolerating pods at once, tolerating ones after tolerationSeconds, never those tolerating forever', () => {
    const l = tainted();
    let pods = status(l, 'pods');
    expect(pods.plain?.STATUS).toBe('Terminating');
    // The Deployment's pods on k8s-node1 go too; their replacements land on k8s-node2.
    expect(
      Object.values(pods)
        .filter((r) => r.NODE === 'k8s-node1' && r.STATUS === 'Running')
        .map((r) => r.NAME)
        .sort(),
    ).toEqual(['for-a-minute', 'forever']);
    const messages = () => table(l, 'get events --field-selector reason=TaintManagerEviction').map((r) => r.MESSAGE);
    expect(messages()).toContain('Marking for deletion Pod default/plain');
    l.advance(58);
    expect(status(l, 'pods')['for-a-minute']?.STATUS).toBe('Running');
    l.advance(1);
    pods = status(l, 'pods');
    expect(pods['for-a-minute']?.STATUS).toBe('Terminating');
    expect(messages()).toContain('Marking for deletion Pod default/for-a-minute');
    l.advance(600);
    expect(status(l, 'pods').forever?.STATUS).toBe('Running');
    expect(Object.values(status(l, 'pods')).filter((r) => r.NAME?.startsWith('nginx-deployment'))).toHaveLength(3);
  });

  it('removing the taint cancels the pending evictions', () => {
    const l = tainted();
    l.advance(30);
    expect(l.k('taint nodes k8s-node1 key=value:NoExecute-').stdout).toBe('node/k8s-node1 untainted\n');
    l.advance(120);
    expect(status(l, 'pods')['for-a-minute']?.STATUS).toBe('Running');
    expect(table(l, 'get events --field-selector reason=TaintManagerEviction').map((r) => r.MESSAGE)).toContain(
      'Cancelling deletion of Pod default/for-a-minute',
    );
  });
});

// --- zones and rate limiting ------------------------------------------------------

function zoneNodes(n: number, zone: string): NodeConfig[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `${zone}-${i + 1}`,
    internalIP: `192.168.57.${10 + i}`,
    podCIDR: `10.245.${i}.0/24`,
    cpu: '2',
    memory: '4015932Ki',
    pods: '110',
    labels: { 'topology.kubernetes.io/zone': zone },
  }));
}

const RS = (replicas: number) => `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: nginx, image: nginx:1.14.2}
`;

const noExecuteTaints = (t: TestCluster) =>
  Object.fromEntries(
    t
      .list('nodes')
      .map((n) => [n.metadata.name, taintsOf(n).filter((x) => x.endsWith(':NoExecute'))] as const)
      .filter(([, v]) => v.length > 0),
  );
const terminating = (t: TestCluster) => t.pods().filter((p) => p.metadata.deletionTimestamp).length;

describe('zone states and eviction rate limiting (nodelifecycle)', () => {
  it('ComputeZoneState: FullDisruption with no Ready node, PartialDisruption above 2 and 55 % not Ready', () => {
    expect(computeZoneState(0, 3)).toBe('FullDisruption');
    expect(computeZoneState(1, 2)).toBe('Normal'); // 2 of 3: never more than 2
    expect(computeZoneState(2, 3)).toBe('PartialDisruption'); // 3 of 5 = 60 %
    expect(computeZoneState(3, 3)).toBe('Normal'); // 50 %
    const nodes = (n: number, zone: string) =>
      Array.from({ length: n }, (_, i) => ({
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: `${zone}${i}`, labels: { 'topology.kubernetes.io/zone': zone } },
      }));
    const big = nodes(60, 'a');
    const d = disruptionFor(big[0]!, big, (n) => Number(n.metadata.name!.slice(1)) >= 40);
    expect(d.zone.state).toBe('PartialDisruption');
    expect(d.qps).toBe(0.01); // a large zone keeps evicting at the secondary rate
    const small = nodes(5, 'b');
    expect(disruptionFor(small[0]!, small, (n) => n.metadata.name === 'b4').qps).toBe(0);
  });

  it('two of the course’s three nodes down is still Normal: both evicted, tainted 10 s apart (0.1 nodes/s)', () => {
    const t = TestCluster.create().apply(RS(4)).advance(30);
    t.cluster.failNode('k8s-node1');
    t.cluster.failNode('k8s-node2');
    t.advance(60);
    const taints = t
      .list('nodes')
      .flatMap((n) =>
        ((n.spec as { taints?: { key: string; effect: string; timeAdded?: string }[] }).taints ?? [])
          .filter((x) => x.effect === 'NoExecute')
          .map((x) => Date.parse(x.timeAdded!)),
      );
    expect(taints).toHaveLength(2);
    expect(Math.abs(taints[0]! - taints[1]!)).toBe(10_000);
    t.advance(320);
    expect(terminating(t)).toBe(4);
  });

  it('all nodes down (FullDisruption everywhere) evicts nothing and says why; one back resumes evictions', () => {
    const t = TestCluster.create().apply(RS(4)).advance(30);
    for (const n of COURSE_NODES) t.cluster.failNode(n.name);
    t.advance(900);
    expect(noExecuteTaints(t)).toEqual({});
    expect(terminating(t)).toBe(0);
    expect(
      tracesFor(t, 'k8s-node2').some((r) => r.includes('all nodes are NotReady (FullDisruption in every zone)')),
    ).toBe(true);
    t.cluster.recoverNode('k8s-node1');
    t.advance(30);
    expect(Object.keys(noExecuteTaints(t)).sort()).toEqual(['k8s-master', 'k8s-node2']);
    t.advance(300);
    expect(terminating(t)).toBe(t.pods().filter((p) => nodeOf(p) === 'k8s-node2').length);
    expect(t.readyPods().every((p) => nodeOf(p) === 'k8s-node1')).toBe(true);
    expect(t.readyPods()).toHaveLength(4);
  });

  it('most nodes of a small zone down (PartialDisruption): evictions stop; one back (Normal) resumes them', () => {
    const t = TestCluster.create({ nodes: zoneNodes(5, 'zone-a') })
      .apply(RS(10))
      .advance(30);
    const down = ['zone-a-1', 'zone-a-2', 'zone-a-3'];
    for (const n of down) t.cluster.failNode(n);
    t.advance(900);
    expect(noExecuteTaints(t)).toEqual({});
    expect(terminating(t)).toBe(0);
    expect(
      tracesFor(t, 'zone-a-1').some((r) =>
        r.includes('zone zone-a is in PartialDisruption (3 of 5 nodes not Ready, at least 55%'),
      ),
    ).toBe(true);
    t.cluster.recoverNode('zone-a-3');
    t.advance(30);
    expect(Object.keys(noExecuteTaints(t)).sort()).toEqual(['zone-a-1', 'zone-a-2']);
    t.advance(320);
    expect(t.readyPods()).toHaveLength(10);
    expect(t.readyPods().every((p) => !['zone-a-1', 'zone-a-2'].includes(nodeOf(p) ?? ''))).toBe(true);
    t.expectIdempotent('node-controller');
  });
});
