/**
 * Scheduling constraints as a v1.33 cluster applies them: node affinity, pod
 * (anti-)affinity, topology spread, taints and tolerations, cordon, and the
 * FitError text of each filter (pkg/scheduler/framework/plugins/*).
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../core/api/types.ts';
import type { NodeConfig } from '../../core/kubelet/node.ts';
import { lab } from '../../core/kubectl/testkit.ts';
import { TestCluster, nodeOf } from '../harness/testCluster.ts';

type Json = Record<string, unknown>;

const MASTER: NodeConfig = {
  name: 'k8s-master',
  internalIP: '192.168.56.10',
  podCIDR: '10.244.0.0/24',
  cpu: '2',
  memory: '4015932Ki',
  pods: '110',
  controlPlane: true,
  taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
};
const worker = (name: string, i: number, labels: Record<string, string>): NodeConfig => ({
  name,
  internalIP: `192.168.56.${20 + i}`,
  podCIDR: `10.244.${10 + i}.0/24`,
  cpu: '2',
  memory: '4015932Ki',
  pods: '110',
  labels,
});
const ZONE = 'topology.kubernetes.io/zone';
/** Two zones: a1 (ssd, gen 3) and a2 (hdd, gen 5) in zone-a, b1 (gen 7) in zone-b. */
const ZONED: NodeConfig[] = [
  MASTER,
  worker('a1', 1, { [ZONE]: 'zone-a', disktype: 'ssd', 'cpu-gen': '3' }),
  worker('a2', 2, { [ZONE]: 'zone-a', disktype: 'hdd', 'cpu-gen': '5' }),
  worker('b1', 3, { [ZONE]: 'zone-b', 'cpu-gen': '7' }),
];

function pod(name: string, spec: Json = {}, labels: Record<string, string> = {}, namespace?: string): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels, ...(namespace ? { namespace } : {}) },
    spec: { containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.8' }], ...spec },
  });
}

function replicaSet(
  name: string,
  replicas: number,
  spec: Json,
  labels: Record<string, string> = { app: name },
): string {
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'main', image: 'nginx:1.14.2' }], ...spec } },
    },
  });
}

const nodeAffinity = (terms: Json[]) => ({
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } },
});
const expr = (key: string, operator: string, values?: string[]) => ({ key, operator, ...(values ? { values } : {}) });

const zoned = () => TestCluster.create({ nodes: ZONED });
const placed = (t: TestCluster, name: string, ns = 'default') => nodeOf(t.get('pod', name, ns)!);
/** The FailedScheduling messages of a pod, oldest first. */
const failedScheduling = (t: TestCluster, name: string) =>
  t
    .events(t.get('pod', name))
    .filter((e) => e.startsWith('FailedScheduling: '))
    .map((e) => e.slice('FailedScheduling: '.length));
const lastFailure = (t: TestCluster, name: string) => failedScheduling(t, name).at(-1);
const byNode = (t: TestCluster, prefix: string) => {
  const counts: Record<string, number> = {};
  for (const p of t.pods().filter((x) => x.metadata.name?.startsWith(prefix) && !x.metadata.deletionTimestamp)) {
    const n = nodeOf(p) ?? '<pending>';
    counts[n] = (counts[n] ?? 0) + 1;
  }
  return counts;
};

const TAINT_MASTER = '1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';

describe('node affinity (NodeAffinity)', () => {
  it.each([
    ['In', [expr('disktype', 'In', ['ssd'])], ['a1']],
    ['NotIn', [expr('disktype', 'NotIn', ['ssd'])], ['a2', 'b1']],
    ['Exists', [expr('disktype', 'Exists')], ['a1', 'a2']],
    ['DoesNotExist', [expr('disktype', 'DoesNotExist')], ['b1']],
    ['Gt', [expr('cpu-gen', 'Gt', ['4'])], ['a2', 'b1']],
    ['Lt', [expr('cpu-gen', 'Lt', ['6'])], ['a1', 'a2']],
    ['expressions ANDed', [expr(ZONE, 'In', ['zone-a']), expr('cpu-gen', 'Gt', ['4'])], ['a2']],
  ])('required, %s', (_, matchExpressions, allowed) => {
    const t = zoned();
    for (let i = 0; i < 6; i++) t.apply(pod(`p${i}`, nodeAffinity([{ matchExpressions }])));
    t.advance(5);
    const seen = new Set(Array.from({ length: 6 }, (_, i) => placed(t, `p${i}`)));
    expect([...seen].every((n) => allowed.includes(n ?? ''))).toBe(true);
    expect(seen.has(undefined)).toBe(false);
  });

  it('terms are ORed; matchFields metadata.name pins a node', () => {
    const t = zoned()
      .apply(
        pod(
          'either',
          nodeAffinity([
            { matchExpressions: [expr('disktype', 'In', ['ssd'])] },
            { matchExpressions: [expr(ZONE, 'In', ['zone-b'])] },
          ]),
        ),
      )
      .apply(pod('pinned', nodeAffinity([{ matchFields: [expr('metadata.name', 'In', ['a2'])] }])))
      .advance(5);
    expect(['a1', 'b1']).toContain(placed(t, 'either'));
    expect(placed(t, 'pinned')).toBe('a2');
  });

  it('nodeSelector and node affinity must both match', () => {
    const t = zoned()
      .apply(
        pod('both', {
          nodeSelector: { disktype: 'ssd' },
          ...nodeAffinity([{ matchExpressions: [expr(ZONE, 'In', ['zone-a'])] }]),
        }),
      )
      .apply(
        pod('never', {
          nodeSelector: { disktype: 'ssd' },
          ...nodeAffinity([{ matchExpressions: [expr(ZONE, 'In', ['zone-b'])] }]),
        }),
      )
      .advance(5);
    expect(placed(t, 'both')).toBe('a1');
    expect(placed(t, 'never')).toBeUndefined();
    expect(lastFailure(t, 'never')).toBe(
      `0/4 nodes are available: ${TAINT_MASTER}, 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.`,
    );
  });

  it('preferred terms add their weights to the score', () => {
    const preferred = (ssd: number, zoneB: number) => ({
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: ssd, preference: { matchExpressions: [expr('disktype', 'In', ['ssd'])] } },
            { weight: zoneB, preference: { matchExpressions: [expr(ZONE, 'In', ['zone-b'])] } },
          ],
        },
      },
    });
    const t = zoned()
      .apply(pod('likes-ssd', preferred(80, 20)))
      .apply(pod('likes-b', preferred(20, 80)))
      .advance(5);
    expect(placed(t, 'likes-ssd')).toBe('a1');
    expect(placed(t, 'likes-b')).toBe('b1');
    const decision = t.cluster.scheduler.decisions.get('default/likes-ssd');
    expect(decision?.scores?.plugins).toContainEqual({ plugin: 'NodeAffinity', score: 100, weight: 2 });
  });
});

describe('pod affinity and anti-affinity (InterPodAffinity)', () => {
  const term = (labels: Record<string, string>, topologyKey: string, extra: Json = {}) => ({
    labelSelector: { matchLabels: labels },
    topologyKey,
    ...extra,
  });

  it('the docs’ example: one web pod per node, each next to a cache pod', () => {
    const t = zoned();
    t.apply(
      replicaSet('redis-cache', 3, {
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'store' }, 'kubernetes.io/hostname')],
          },
        },
      }).replace(/"app":"redis-cache"/g, '"app":"store"'),
    ).advance(5);
    t.apply(
      replicaSet('web-server', 3, {
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'web-store' }, 'kubernetes.io/hostname')],
          },
          podAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'store' }, 'kubernetes.io/hostname')],
          },
        },
      }).replace(/"app":"web-server"/g, '"app":"web-store"'),
    ).advance(10);
    expect(byNode(t, 'redis-cache')).toEqual({ a1: 1, a2: 1, b1: 1 });
    expect(byNode(t, 'web-server')).toEqual({ a1: 1, a2: 1, b1: 1 });
    // A fourth web pod has nowhere to go.
    const rs = t.get('rs', 'web-server')!;
    t.update('rs', { ...rs, spec: { ...(rs.spec as Json), replicas: 4 } }).advance(5);
    const pending = t.pods().find((p) => p.metadata.name?.startsWith('web-server') && !nodeOf(p))!;
    expect(lastFailure(t, pending.metadata.name!)).toBe(
      `0/4 nodes are available: ${TAINT_MASTER}, 3 node(s) didn't match pod anti-affinity rules. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.`,
    );
  });

  it('affinity by zone, and "didn’t match pod affinity rules" when no pod matches', () => {
    const t = zoned()
      .apply(pod('db', { nodeName: 'b1' }, { security: 'S1' }))
      .advance(2);
    const affinity = (sel: Record<string, string>) => ({
      affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(sel, ZONE)] } },
    });
    t.apply(pod('near-db', affinity({ security: 'S1' })))
      .apply(pod('lonely', affinity({ security: 'S9' })))
      .advance(5);
    expect(placed(t, 'near-db')).toBe('b1');
    expect(lastFailure(t, 'lonely')).toBe(
      `0/4 nodes are available: ${TAINT_MASTER}, 3 node(s) didn't match pod affinity rules. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.`,
    );
  });

  it('terms look in the pod’s own namespace unless namespaces or namespaceSelector say otherwise', () => {
    const t = zoned()
      .apply('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n  labels: {team: blue}\n')
      .apply(pod('db', { nodeName: 'a2' }, { app: 'db' }, 'team'))
      .advance(2);
    const near = (extra: Json) => ({
      affinity: {
        podAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'db' }, 'kubernetes.io/hostname', extra)],
        },
      },
    });
    t.apply(pod('own-ns', near({})))
      .apply(pod('listed', near({ namespaces: ['team'] })))
      .apply(pod('selected', near({ namespaceSelector: { matchLabels: { team: 'blue' } } })))
      .apply(pod('all-ns', near({ namespaceSelector: {} })))
      .advance(5);
    expect(placed(t, 'own-ns')).toBeUndefined();
    expect(placed(t, 'listed')).toBe('a2');
    expect(placed(t, 'selected')).toBe('a2');
    expect(placed(t, 'all-ns')).toBe('a2');
  });

  it('an existing pod’s anti-affinity keeps matching pods off its node', () => {
    const t = zoned()
      .apply(
        pod('loner', {
          nodeName: 'a1',
          affinity: {
            podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'noisy' }, ZONE)] },
          },
        }),
      )
      .advance(2);
    for (let i = 0; i < 4; i++) t.apply(pod(`noisy${i}`, {}, { app: 'noisy' }));
    t.advance(5);
    expect(byNode(t, 'noisy')).toEqual({ b1: 4 });
    t.apply(pod('noisy-picky', { nodeSelector: { disktype: 'ssd' } }, { app: 'noisy' })).advance(5);
    expect(lastFailure(t, 'noisy-picky')).toBe(
      `0/4 nodes are available: 1 node(s) didn't satisfy existing pods anti-affinity rules, ${TAINT_MASTER}, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.`,
    );
  });

  it('matchLabelKeys and mismatchLabelKeys add the pod’s own label values to the term', () => {
    const t = zoned();
    const oneRevPerHost = {
      affinity: {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            term({ app: 'web' }, 'kubernetes.io/hostname', { matchLabelKeys: ['rev'] }),
          ],
        },
      },
    };
    for (const rev of ['1', '2'])
      for (let i = 0; i < 3; i++) t.apply(pod(`r${rev}-${i}`, oneRevPerHost, { app: 'web', rev }));
    t.advance(5);
    expect(byNode(t, 'r1-')).toEqual({ a1: 1, a2: 1, b1: 1 });
    expect(byNode(t, 'r2-')).toEqual({ a1: 1, a2: 1, b1: 1 });
    // Tenants never share a node: anti-affinity to pods with any other tenant value.
    const exclusive = {
      affinity: {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            {
              labelSelector: { matchExpressions: [expr('tenant', 'Exists')] },
              topologyKey: 'kubernetes.io/hostname',
              mismatchLabelKeys: ['tenant'],
            },
          ],
        },
      },
    };
    const u = zoned();
    u.apply(pod('t1-a', { ...exclusive, nodeName: 'a1' }, { tenant: 't1' })).advance(1);
    for (let i = 0; i < 3; i++) u.apply(pod(`t2-${i}`, exclusive, { tenant: 't2' })).advance(1);
    u.apply(pod('t1-b', { ...exclusive, nodeSelector: { disktype: 'ssd' } }, { tenant: 't1' })).advance(2);
    expect(Object.keys(byNode(u, 't2-')).sort()).not.toContain('a1');
    expect(placed(u, 't1-b')).toBe('a1');
  });

  it('preferred anti-affinity spreads pods over hosts', () => {
    const t = zoned().apply(
      replicaSet('spread', 3, {
        affinity: {
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 100, podAffinityTerm: term({ app: 'spread' }, 'kubernetes.io/hostname') },
            ],
          },
        },
      }),
    );
    t.advance(10);
    expect(byNode(t, 'spread')).toEqual({ a1: 1, a2: 1, b1: 1 });
  });
});

describe('topology spread constraints (PodTopologySpread)', () => {
  const spread = (c: Json) => ({
    topologySpreadConstraints: [
      { maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } }, ...c },
    ],
  });

  it('maxSkew 1 over zones: 4 replicas split 2/2 between zone-a (2 nodes) and zone-b (1 node)', () => {
    const t = zoned()
      .apply(replicaSet('web', 4, spread({ topologyKey: ZONE })))
      .advance(10);
    const counts = byNode(t, 'web');
    expect((counts.a1 ?? 0) + (counts.a2 ?? 0)).toBe(2);
    expect(counts.b1).toBe(2);
  });

  it('DoNotSchedule rejects, ScheduleAnyway only scores; nodeTaintsPolicy Honor leaves tainted domains out', () => {
    const t = zoned();
    const a1 = t.get('node', 'a1', '')!;
    t.update('node', {
      ...a1,
      spec: { ...(a1.spec as Json), taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] },
    });
    const host = { topologyKey: 'kubernetes.io/hostname' };
    for (let i = 0; i < 3; i++) t.apply(pod(`web${i}`, spread(host), { app: 'web' })).advance(2);
    // a1 (tainted) still counts as a domain with 0 pods under nodeTaintsPolicy Ignore: the third pod cannot go.
    expect(byNode(t, 'web')).toEqual({ a2: 1, b1: 1, '<pending>': 1 });
    expect(lastFailure(t, 'web2')).toBe(
      `0/4 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, ${TAINT_MASTER}, 2 node(s) didn't match pod topology spread constraints. preemption: 0/4 nodes are available: 2 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.`,
    );
    t.apply(pod('honor', spread({ ...host, nodeTaintsPolicy: 'Honor' }), { app: 'web' }))
      .apply(pod('anyway', spread({ ...host, whenUnsatisfiable: 'ScheduleAnyway' }), { app: 'web' }))
      .advance(5);
    expect(['a2', 'b1']).toContain(placed(t, 'honor'));
    expect(['a2', 'b1']).toContain(placed(t, 'anyway'));
  });

  it('a node without the topology key is unresolvable; minDomains above the domain count makes the minimum 0', () => {
    const t = zoned();
    t.apply(pod('rack', spread({ topologyKey: 'rack' }), { app: 'web' })).advance(2);
    expect(lastFailure(t, 'rack')).toBe(
      `0/4 nodes are available: ${TAINT_MASTER}, 3 node(s) didn't match pod topology spread constraints (missing required label). preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.`,
    );
    // Zones a and b, minDomains 3 and nodes restricted to workers: after one pod per zone a third has skew 2 everywhere.
    const c = spread({ topologyKey: ZONE, minDomains: 3 });
    for (let i = 0; i < 3; i++) t.apply(pod(`md${i}`, c, { app: 'web' })).advance(2);
    expect(byNode(t, 'md')['<pending>']).toBe(1);
  });

  it('nodeAffinityPolicy: Honor counts only nodes the pod may use, Ignore counts all', () => {
    const t = zoned();
    for (const n of ['x1', 'x2']) t.apply(pod(n, { nodeName: 'b1' }, { app: 'web' }));
    t.advance(2);
    const zoneA = { nodeSelector: { [ZONE]: 'zone-a' } };
    // Honor (default): zone-b is not a domain for a zone-a pod, so skew is measured inside zone-a only.
    t.apply(pod('honor', { ...zoneA, ...spread({ topologyKey: ZONE }) }, { app: 'web' }));
    t.apply(
      pod('ignore', { ...zoneA, ...spread({ topologyKey: ZONE, nodeAffinityPolicy: 'Ignore' }) }, { app: 'web' }),
    );
    t.advance(5);
    expect(['a1', 'a2']).toContain(placed(t, 'honor'));
    // Ignore: zone-b (2 pods) counts; zone-a has 1 after "honor", so skew 1+1-1... placing is still fine.
    expect(['a1', 'a2']).toContain(placed(t, 'ignore'));
    t.apply(
      pod('ignore2', { ...zoneA, ...spread({ topologyKey: ZONE, nodeAffinityPolicy: 'Ignore' }) }, { app: 'web' }),
    );
    t.advance(5);
    // zone-a now has 2, zone-b 2: min 2, zone-a gives 3 - 2 = 1 <= 1.
    expect(['a1', 'a2']).toContain(placed(t, 'ignore2'));
    t.apply(pod('honor2', { ...zoneA, ...spread({ topologyKey: ZONE }) }, { app: 'web' }));
    t.advance(5);
    // Honor: only zone-a is a domain, min = 3, skew 1: fine.
    expect(['a1', 'a2']).toContain(placed(t, 'honor2'));
    t.apply(
      pod('ignore3', { ...zoneA, ...spread({ topologyKey: ZONE, nodeAffinityPolicy: 'Ignore' }) }, { app: 'web' }),
    );
    t.advance(5);
    // Ignore: zone-a 4, zone-b 2 → 4 + 1 - 2 = 3 > 1.
    expect(placed(t, 'ignore3')).toBeUndefined();
  });

  it('matchLabelKeys spreads each revision on its own', () => {
    const t = zoned();
    const c = () =>
      spread({
        topologyKey: 'kubernetes.io/hostname',
        matchLabelKeys: ['rev'],
        labelSelector: { matchLabels: { app: 'web' } },
      });
    for (let i = 0; i < 3; i++) t.apply(pod(`v1-${i}`, c(), { app: 'web', rev: '1' })).advance(1);
    for (let i = 0; i < 3; i++) t.apply(pod(`v2-${i}`, c(), { app: 'web', rev: '2' })).advance(1);
    expect(byNode(t, 'v1-')).toEqual({ a1: 1, a2: 1, b1: 1 });
    expect(byNode(t, 'v2-')).toEqual({ a1: 1, a2: 1, b1: 1 });
  });

  it('the cluster default spreading (hostname maxSkew 3, zone maxSkew 5, ScheduleAnyway) applies to owned pods', () => {
    const t = zoned()
      .apply(replicaSet('web', 9, {}))
      .apply(pod('bare'))
      .advance(10);
    const counts = byNode(t, 'web');
    // Zone spreading favours zone-b's single node; host spreading keeps every node in use.
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(9);
    expect(counts.b1).toBeGreaterThanOrEqual(3);
    expect(Math.min(counts.a1 ?? 0, counts.a2 ?? 0)).toBeGreaterThanOrEqual(2);
    const plugins = (key: string) => t.cluster.scheduler.decisions.get(key)?.scores?.plugins.map((p) => p.plugin);
    const owned = t.pods().find((p) => p.metadata.name?.startsWith('web-'))!;
    expect(plugins(`default/${owned.metadata.name}`)).toContain('PodTopologySpread');
    // A pod no Service or controller selects has no default constraints.
    expect(plugins('default/bare')).not.toContain('PodTopologySpread');
  });
});

describe('taints and tolerations (TaintToleration, NodeUnschedulable)', () => {
  const taint = (t: TestCluster, node: string, taints: Json[]) => {
    const n = t.get('node', node, '')!;
    t.update('node', { ...n, spec: { ...(n.spec as Json), taints } });
  };

  it('NoSchedule keeps pods off unless tolerated; PreferNoSchedule only lowers the score', () => {
    const t = zoned();
    taint(t, 'a1', [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]);
    taint(t, 'a2', [{ key: 'slow', effect: 'PreferNoSchedule' }]);
    for (let i = 0; i < 4; i++) t.apply(pod(`plain${i}`)).advance(1);
    expect(byNode(t, 'plain')).toEqual({ b1: 4 });
    t.apply(
      pod('gpu', {
        nodeSelector: { disktype: 'ssd' },
        tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }],
      }),
    )
      .apply(pod('no-gpu', { nodeSelector: { disktype: 'ssd' } }))
      .advance(2);
    expect(placed(t, 'gpu')).toBe('a1');
    expect(lastFailure(t, 'no-gpu')).toBe(
      `0/4 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, ${TAINT_MASTER}, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.`,
    );
  });

  it('cordon taints the node node.kubernetes.io/unschedulable:NoSchedule; uncordon removes it', () => {
    const l = lab();
    expect(l.k('cordon k8s-node1').stdout).toBe('node/k8s-node1 cordoned\n');
    expect(l.k('cordon k8s-node2').stdout).toBe('node/k8s-node2 cordoned\n');
    l.advance(1);
    expect(l.k('get node k8s-node1 -o jsonpath={.spec.taints[*].key}').stdout).toBe('node.kubernetes.io/unschedulable');
    expect(l.k('get nodes').stdout).toMatch(/k8s-node1\s+Ready,SchedulingDisabled/);
    l.files['p.yaml'] = pod('waiting');
    l.k('apply -f p.yaml');
    l.advance(5);
    const described = l.k('describe pod waiting').stdout;
    expect(described).toMatch(
      /Warning\s+FailedScheduling\s+\S+\s+default-scheduler\s+0\/3 nodes are available: 1 node\(s\) had untolerated taint \{node-role.kubernetes.io\/control-plane: \}, 2 node\(s\) were unschedulable. preemption: 0\/3 nodes are available: 3 Preemption is not helpful for scheduling./,
    );
    l.k('uncordon k8s-node1');
    l.advance(5);
    expect(l.k('get node k8s-node1 -o jsonpath={.spec.taints}').stdout).toBe('');
    expect(l.k('get pod waiting -o jsonpath={.spec.nodeName}').stdout).toBe('k8s-node1');
  });
});

describe('FitError messages of the other filters, as kubectl describe pod shows them', () => {
  const cases: [string, string, string][] = [
    [
      'Insufficient cpu',
      pod('big', { containers: [{ name: 'main', image: 'nginx', resources: { requests: { cpu: '3' } } }] }),
      // More than a node's whole allocatable: UnschedulableAndUnresolvable, so preemption cannot help.
      `0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`,
    ],
    [
      'missing PersistentVolumeClaim',
      pod('claims', { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] }),
      `0/3 nodes are available: persistentvolumeclaim "data" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`,
    ],
  ];
  it.each(cases)('%s', (_, manifest, message) => {
    const l = lab();
    l.files['p.yaml'] = manifest;
    l.k('apply -f p.yaml');
    l.advance(5);
    const name = (JSON.parse(manifest) as KubeObject).metadata.name!;
    const events = l.k(`describe pod ${name}`).stdout.split('Events:')[1] ?? '';
    expect(events).toContain(`FailedScheduling`);
    expect(events).toContain(message);
  });

  it('hostPort taken on every node', () => {
    const t = TestCluster.create();
    const withPort = (name: string) =>
      pod(name, { containers: [{ name: 'main', image: 'nginx', ports: [{ containerPort: 80, hostPort: 8080 }] }] });
    t.apply(withPort('p1')).apply(withPort('p2')).advance(2).apply(withPort('p3')).advance(2);
    expect(lastFailure(t, 'p3')).toBe(
      `0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't have free ports for the requested pod ports. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`,
    );
  });
});
