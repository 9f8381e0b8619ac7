import { describe, expect, it } from 'vitest';
import type { ScheduleFailure, ScheduleResult } from './schedule.ts';
import { schedulePod } from './schedule.ts';
import { CONTROL_PLANE_TAINT, cacheWith, node, pod } from './testing.ts';

function failed(r: ScheduleResult): ScheduleFailure['failure'] {
  if (!('failure' in r)) throw new Error(`expected a failure, got node ${r.nodeName}`);
  return r.failure;
}
const reasonsOf = (r: ScheduleResult, nodeName: string) =>
  failed(r).perNode[nodeName]?.map((x) => `${x.plugin}: ${x.reason}`);

describe('filter reasons, in upstream words', () => {
  it('NodeUnschedulable: a cordoned node, unless the pod tolerates node.kubernetes.io/unschedulable', () => {
    const cache = cacheWith([node('n1', { unschedulable: true })]);
    const r = schedulePod(pod('p'), cache);
    expect(reasonsOf(r, 'n1')).toEqual(['NodeUnschedulable: node(s) were unschedulable']);
    expect(failed(r).message).toBe(
      '0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
    const tolerant = pod('t', {
      spec: { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] },
    });
    expect(schedulePod(tolerant, cache)).toMatchObject({ nodeName: 'n1' });
  });

  it('NodeName: a pod naming another node', () => {
    const r = schedulePod(pod('p', { nodeName: 'elsewhere' }), cacheWith([node('n1')]));
    expect(reasonsOf(r, 'n1')).toEqual(["NodeName: node(s) didn't match the requested node name"]);
  });

  it('TaintToleration: names the first untolerated NoSchedule/NoExecute taint', () => {
    const r = schedulePod(
      pod('p'),
      cacheWith([
        node('cp', { taints: [{ key: 'gpu', value: 'a100', effect: 'PreferNoSchedule' }, CONTROL_PLANE_TAINT] }),
      ]),
    );
    expect(reasonsOf(r, 'cp')).toEqual([
      'TaintToleration: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
    ]);
  });

  it('NodeAffinity: nodeSelector', () => {
    const r = schedulePod(
      pod('p', { spec: { nodeSelector: { disktype: 'ssd' } } }),
      cacheWith([node('n1', { labels: { disktype: 'hdd' } })]),
    );
    expect(reasonsOf(r, 'n1')).toEqual(["NodeAffinity: node(s) didn't match Pod's node affinity/selector"]);
  });

  it('NodePorts: a hostPort already used on the node', () => {
    const withPort = (name: string, extra: object = {}) =>
      pod(name, {
        ...extra,
        spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80, hostPort: 8080 }] }] },
      });
    const cache = cacheWith([node('n1')], [withPort('old', { nodeName: 'n1' })]);
    const r = schedulePod(withPort('new'), cache);
    expect(reasonsOf(r, 'n1')).toEqual(["NodePorts: node(s) didn't have free ports for the requested pod ports"]);
    expect(failed(r).message).toContain(
      'preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
  });

  it('NodeResourcesFit: every insufficient resource is a reason', () => {
    const cache = cacheWith(
      [node('n1', { cpu: '1', memory: '1Gi', pods: '1' })],
      [pod('old', { nodeName: 'n1', cpu: '800m', memory: '900Mi' })],
    );
    const r = schedulePod(pod('p', { cpu: '500m', memory: '512Mi' }), cache);
    expect(reasonsOf(r, 'n1')).toEqual([
      'NodeResourcesFit: Too many pods',
      'NodeResourcesFit: Insufficient cpu',
      'NodeResourcesFit: Insufficient memory',
    ]);
    expect(failed(r).message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
  });

  it('NodeResourcesFit: a request larger than the whole node is unresolvable by preemption', () => {
    const r = schedulePod(pod('big', { cpu: '3' }), cacheWith([node('n1', { cpu: '2' })]));
    expect(failed(r).message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
  });

  it('InterPodAffinity: affinity, anti-affinity and existing pods anti-affinity', () => {
    const term = (app: string) => ({ labelSelector: { matchLabels: { app } }, topologyKey: 'kubernetes.io/hostname' });
    const cache = cacheWith(
      [node('n1')],
      [
        pod('db', {
          nodeName: 'n1',
          labels: { app: 'db' },
          spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web')] } } },
        }),
      ],
    );
    const wantsCache = pod('a', {
      spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('cache')] } } },
    });
    expect(reasonsOf(schedulePod(wantsCache, cache), 'n1')).toEqual([
      "InterPodAffinity: node(s) didn't match pod affinity rules",
    ]);
    const avoidsDb = pod('b', {
      spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('db')] } } },
    });
    expect(reasonsOf(schedulePod(avoidsDb, cache), 'n1')).toEqual([
      "InterPodAffinity: node(s) didn't match pod anti-affinity rules",
    ]);
    expect(reasonsOf(schedulePod(pod('web', { labels: { app: 'web' } }), cache), 'n1')).toEqual([
      "InterPodAffinity: node(s) didn't satisfy existing pods anti-affinity rules",
    ]);
  });

  it('InterPodAffinity: the first pod of a self-affine group may go anywhere', () => {
    const self = pod('first', {
      labels: { app: 'c' },
      spec: {
        affinity: {
          podAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              { labelSelector: { matchLabels: { app: 'c' } }, topologyKey: 'kubernetes.io/hostname' },
            ],
          },
        },
      },
    });
    expect(schedulePod(self, cacheWith([node('n1')]))).toMatchObject({ nodeName: 'n1' });
  });

  it('PodTopologySpread: skew and a missing topology label', () => {
    const spread = {
      topologySpreadConstraints: [
        {
          maxSkew: 1,
          topologyKey: 'zone',
          whenUnsatisfiable: 'DoNotSchedule',
          labelSelector: { matchLabels: { app: 'w' } },
        },
      ],
    };
    const cache = cacheWith(
      [node('a', { labels: { zone: 'a' } }), node('b', { labels: { zone: 'b' } }), node('c')],
      [
        pod('w1', { nodeName: 'a', labels: { app: 'w' } }),
        pod('w2', { nodeName: 'b', labels: { app: 'w' } }),
        pod('w3', { nodeName: 'a', labels: { app: 'w' } }),
      ],
    );
    const r = schedulePod(pod('w4', { labels: { app: 'w' }, spec: spread }), cache);
    expect(r).toMatchObject({ nodeName: 'b' });
    // Zone a is cordoned but still counts as a domain with 0 pods, so b (2 pods) is too skewed.
    const cache2 = cacheWith(
      [node('a', { labels: { zone: 'a' }, unschedulable: true }), node('b', { labels: { zone: 'b' } }), node('c')],
      [pod('x1', { nodeName: 'b', labels: { app: 'w' } }), pod('x2', { nodeName: 'b', labels: { app: 'w' } })],
    );
    const blocked = schedulePod(pod('x3', { labels: { app: 'w' }, spec: spread }), cache2);
    expect(reasonsOf(blocked, 'b')).toEqual([
      "PodTopologySpread: node(s) didn't match pod topology spread constraints",
    ]);
    expect(reasonsOf(blocked, 'c')).toEqual([
      "PodTopologySpread: node(s) didn't match pod topology spread constraints (missing required label)",
    ]);
    expect(failed(blocked).message).toBe(
      "0/3 nodes are available: 1 node(s) didn't match pod topology spread constraints, 1 node(s) didn't match pod topology spread constraints (missing required label), 1 node(s) were unschedulable. " +
        'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
    );
  });
});
