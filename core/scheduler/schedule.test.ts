import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import type { SchedulerCache } from './cache.ts';
import type { ScheduleResult } from './schedule.ts';
import { numFeasibleNodesToFind, schedulePod } from './schedule.ts';
import { CONTROL_PLANE_TAINT, cacheWith, node, pod } from './testing.ts';

const nodeOf = (r: ScheduleResult) => ('nodeName' in r ? r.nodeName : `FAILED: ${r.failure.message}`);
const messageOf = (r: ScheduleResult) => ('failure' in r ? r.failure.message : `scheduled on ${r.nodeName}`);

/** Schedules and assumes, as the scheduling loop would. */
function place(cache: SchedulerCache, p: KubeObject): string {
  const r = schedulePod(p, cache);
  if ('nodeName' in r) cache.assume(p, r.nodeName);
  return nodeOf(r);
}

const courseCluster = () =>
  cacheWith([
    node('control-plane', { taints: [CONTROL_PLANE_TAINT], labels: { 'node-role.kubernetes.io/control-plane': '' } }),
    node('worker-1'),
    node('worker-2'),
  ]);

describe('FitError messages', () => {
  it('the course case: control-plane taint and workers without disktype=ssd', () => {
    const r = schedulePod(pod('ssd-app', { spec: { nodeSelector: { disktype: 'ssd' } } }), courseCluster());
    expect(messageOf(r)).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. " +
        'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });

  it('mixes resolvable and unresolvable reasons in the preemption part', () => {
    const r = schedulePod(
      pod('hungry', { cpu: '1500m' }),
      cacheWith(
        [node('control-plane', { taints: [CONTROL_PLANE_TAINT] }), node('worker-1'), node('worker-2')],
        [pod('a', { nodeName: 'worker-1', cpu: '1' }), pod('b', { nodeName: 'worker-2', cpu: '1' })],
      ),
    );
    expect(messageOf(r)).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. ' +
        'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });

  it('preemptionPolicy Never and an empty cluster', () => {
    const never = pod('n', { cpu: '3', spec: { preemptionPolicy: 'Never' } });
    expect(messageOf(schedulePod(never, cacheWith([node('w')])))).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.',
    );
    expect(messageOf(schedulePod(pod('x'), cacheWith([])))).toBe('no nodes available to schedule pods');
  });

  it('a DaemonSet pod pinned by matchFields only evaluates its node', () => {
    const pinned = pod('ds', {
      cpu: '3',
      spec: {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['worker-1'] }] }],
            },
          },
        },
      },
    });
    expect(messageOf(schedulePod(pinned, courseCluster()))).toBe(
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });

  it('a gated pod is not scheduled', () => {
    const r = schedulePod(pod('g', { spec: { schedulingGates: [{ name: 'wait' }] } }), courseCluster());
    expect(r).toMatchObject({ failure: { reason: 'SchedulingGated' } });
  });
});

describe('scoring', () => {
  it('spreads a 4-replica Deployment 2+2 over two equal nodes', () => {
    const cache = cacheWith([node('w1'), node('w2')]);
    cache.addObject({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web-abc', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'web' } } },
    });
    const placed = [1, 2, 3, 4].map((i) =>
      place(
        cache,
        pod(`web-abc-${i}`, {
          labels: { app: 'web' },
          cpu: '100m',
          memory: '64Mi',
          owner: { kind: 'ReplicaSet', name: 'web-abc' },
        }),
      ),
    );
    expect(placed.filter((n) => n === 'w1')).toHaveLength(2);
    expect(placed.filter((n) => n === 'w2')).toHaveLength(2);
  });

  it('spreads 2+2 by default topology spreading even for pods without requests', () => {
    const cache = cacheWith([node('w1'), node('w2')]);
    cache.addObject({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { app: 'web' } },
    });
    const placed = [1, 2, 3, 4].map((i) => place(cache, pod(`web-${i}`, { labels: { app: 'web' } })));
    expect(placed.sort()).toEqual(['w1', 'w1', 'w2', 'w2']);
  });

  it('reports the chosen node per-plugin scores', () => {
    const cache = cacheWith([node('w1'), node('w2')], [pod('busy', { nodeName: 'w1', cpu: '1', memory: '2Gi' })]);
    const r = schedulePod(pod('p', { cpu: '500m', memory: '1Gi' }), cache);
    expect(r).toMatchObject({ nodeName: 'w2', feasibleNodes: 2 });
    if (!('nodeName' in r) || !r.scores) throw new Error('no scores');
    const byPlugin = Object.fromEntries(r.scores.plugins.map((p) => [p.plugin, p.score]));
    // w2: cpu (2000-500)*100/2000 = 75, memory (4Gi-1Gi)/4Gi = 75 -> 75; balanced: fractions .25/.25 -> 100.
    expect(byPlugin).toMatchObject({
      NodeResourcesFit: 75,
      NodeResourcesBalancedAllocation: 100,
      TaintToleration: 100,
    });
    expect(r.scores.total).toBe(75 + 100 + 300);
  });

  it('breaks ties with the given rngInt (reservoir sampling)', () => {
    const nodes = [node('a'), node('b'), node('c')];
    expect(nodeOf(schedulePod(pod('p'), cacheWith(nodes), { rngInt: () => 1 }))).toBe('a');
    expect(nodeOf(schedulePod(pod('p'), cacheWith(nodes), { rngInt: () => 0 }))).toBe('c');
  });
});

describe('node affinity', () => {
  const zones = () =>
    cacheWith([
      node('n1', { labels: { zone: 'a', cores: '4' } }),
      node('n2', { labels: { zone: 'b', cores: '16' } }),
      node('n3', { labels: { cores: '8' } }),
    ]);
  const required = (expr: object) => ({
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [expr] }] },
      },
    },
  });
  const cases: [string, object, string[]][] = [
    ['In', { key: 'zone', operator: 'In', values: ['b'] }, ['n2']],
    ['NotIn', { key: 'zone', operator: 'NotIn', values: ['a'] }, ['n2', 'n3']],
    ['Exists', { key: 'zone', operator: 'Exists' }, ['n1', 'n2']],
    ['DoesNotExist', { key: 'zone', operator: 'DoesNotExist' }, ['n3']],
    ['Gt', { key: 'cores', operator: 'Gt', values: ['6'] }, ['n2', 'n3']],
    ['Lt', { key: 'cores', operator: 'Lt', values: ['6'] }, ['n1']],
  ];
  it.each(cases)('required %s', (_op, expr, fits) => {
    // One node at a time: it fits exactly when the expression selects it.
    for (const n of zones().nodeList()) {
      const alone = cacheWith([n.node as KubeObject]);
      const r = schedulePod(pod('p', { spec: required(expr) }), alone);
      expect('nodeName' in r, `${n.name}`).toBe(fits.includes(n.name));
    }
  });

  it.each(cases)('preferred %s steers to a matching node', (_op, expr, fits) => {
    const spec = {
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, preference: { matchExpressions: [expr] } }],
        },
      },
    };
    for (let seed = 0; seed < 5; seed++)
      expect(fits).toContain(nodeOf(schedulePod(pod('p', { spec }), zones(), { rngInt: (n) => seed % n })));
  });
});

describe('taints and tolerations', () => {
  const tainted = (effect: string) => cacheWith([node('t', { taints: [{ key: 'dedicated', value: 'gpu', effect }] })]);
  const tol = (t: object) => pod('p', { spec: { tolerations: [t] } });
  it.each([
    [
      'Equal with the same value',
      { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' },
      'NoSchedule',
      true,
    ],
    ['Equal is the default operator', { key: 'dedicated', value: 'gpu' }, 'NoExecute', true],
    [
      'Equal with another value',
      { key: 'dedicated', operator: 'Equal', value: 'cpu', effect: 'NoSchedule' },
      'NoSchedule',
      false,
    ],
    ['Exists ignores the value', { key: 'dedicated', operator: 'Exists' }, 'NoSchedule', true],
    ['Exists with an empty key tolerates everything', { operator: 'Exists' }, 'NoExecute', true],
    [
      'a NoSchedule toleration does not cover NoExecute',
      { key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' },
      'NoExecute',
      false,
    ],
    ['PreferNoSchedule never blocks', { key: 'other', operator: 'Exists' }, 'PreferNoSchedule', true],
  ])('%s', (_name, toleration, effect, fits) => {
    const r = schedulePod(tol(toleration), tainted(effect));
    expect('nodeName' in r).toBe(fits);
  });

  it('PreferNoSchedule taints push pods elsewhere (weight 3)', () => {
    const cache = cacheWith([node('soft', { taints: [{ key: 'x', effect: 'PreferNoSchedule' }] }), node('clean')]);
    for (let i = 0; i < 5; i++) expect(nodeOf(schedulePod(pod(`p${i}`), cache, { rngInt: () => 0 }))).toBe('clean');
  });
});

describe('inter-pod anti-affinity by hostname', () => {
  it('puts one replica per node and leaves the rest pending', () => {
    const cache = cacheWith([node('w1'), node('w2')]);
    const spec = {
      affinity: {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            { labelSelector: { matchLabels: { app: 'cache' } }, topologyKey: 'kubernetes.io/hostname' },
          ],
        },
      },
    };
    const placed = [1, 2, 3].map((i) => place(cache, pod(`cache-${i}`, { labels: { app: 'cache' }, spec })));
    expect(placed.slice(0, 2).sort()).toEqual(['w1', 'w2']);
    expect(placed[2]).toBe(
      "FAILED: 0/2 nodes are available: 2 node(s) didn't match pod anti-affinity rules. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.",
    );
  });
});

describe('preemption', () => {
  it('nominates a node and names the lower-priority victims', () => {
    const cache = cacheWith([node('w1', { cpu: '1' })], [pod('low', { nodeName: 'w1', cpu: '800m', priority: 0 })]);
    const r = schedulePod(pod('high', { cpu: '500m', priority: 1000 }), cache);
    expect(r).toMatchObject({
      failure: { message: '0/1 nodes are available: 1 Insufficient cpu.', nominatedNodeName: 'w1' },
    });
    if ('failure' in r) expect(r.failure.victims?.map((v) => v.metadata.name)).toEqual(['low']);
    // The dry run left the cache as it was.
    expect(cache.getNode('w1')?.requested.milliCPU).toBe(800);
  });
});

describe('how many nodes are examined', () => {
  it('numFeasibleNodesToFind follows the adaptive percentage', () => {
    expect(numFeasibleNodesToFind(undefined, 50)).toBe(50);
    expect(numFeasibleNodesToFind(undefined, 1000)).toBe(420);
    expect(numFeasibleNodesToFind(undefined, 5000)).toBe(500);
    expect(numFeasibleNodesToFind(undefined, 200)).toBe(100);
    expect(numFeasibleNodesToFind(10, 2000)).toBe(200);
  });

  it('starts each cycle where the last one stopped', () => {
    const cache = cacheWith(Array.from({ length: 300 }, (_, i) => node(`n${i}`)));
    const r = schedulePod(pod('p'), cache, { percentageOfNodesToScore: 1 });
    expect(r).toMatchObject({ feasibleNodes: 100, evaluatedNodes: 100 });
    expect(cache.nextStartNodeIndex).toBe(100);
    schedulePod(pod('q'), cache, { percentageOfNodesToScore: 1 });
    expect(cache.nextStartNodeIndex).toBe(200);
  });
});
