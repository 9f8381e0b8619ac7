import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import {
  createPodTemplate,
  isPodUpdated,
  nodeShouldRunDaemonPod,
  pinToNode,
  surgeCount,
  unavailableCount,
} from './util.ts';

function node(name: string, labels: Record<string, string> = {}, taints: unknown[] = []): KubeObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels }, spec: { taints } };
}

function daemonSet(podSpec: Record<string, unknown> = {}, strategy?: unknown): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default', uid: 'u1', generation: 1 },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      ...(strategy ? { updateStrategy: strategy } : {}),
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: { containers: [{ name: 'a', image: 'busybox' }], ...podSpec },
      },
    },
  };
}

describe('NodeShouldRunDaemonPod', () => {
  it('a NoSchedule taint stops new pods but lets the running one stay; NoExecute stops both', () => {
    expect(nodeShouldRunDaemonPod(node('n'), daemonSet())).toEqual([true, true]);
    expect(nodeShouldRunDaemonPod(node('n', {}, [{ key: 'k', effect: 'NoSchedule' }]), daemonSet())).toEqual([
      false,
      true,
    ]);
    expect(nodeShouldRunDaemonPod(node('n', {}, [{ key: 'k', effect: 'NoExecute' }]), daemonSet())).toEqual([
      false,
      false,
    ]);
    // PreferNoSchedule never keeps a daemon away.
    expect(nodeShouldRunDaemonPod(node('n', {}, [{ key: 'k', effect: 'PreferNoSchedule' }]), daemonSet())).toEqual([
      true,
      true,
    ]);
  });

  it('the default daemon tolerations cover node conditions, unschedulable and (with hostNetwork) the network', () => {
    const cordoned = node('n', {}, [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]);
    expect(nodeShouldRunDaemonPod(cordoned, daemonSet())).toEqual([true, true]);
    const notReady = node('n', {}, [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }]);
    expect(nodeShouldRunDaemonPod(notReady, daemonSet())).toEqual([true, true]);
    const noNetwork = node('n', {}, [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }]);
    expect(nodeShouldRunDaemonPod(noNetwork, daemonSet())).toEqual([false, true]);
    expect(nodeShouldRunDaemonPod(noNetwork, daemonSet({ hostNetwork: true }))).toEqual([true, true]);
  });

  it('nodeSelector, required node affinity and spec.nodeName must match', () => {
    const ssd = node('n', { disktype: 'ssd' });
    expect(nodeShouldRunDaemonPod(ssd, daemonSet({ nodeSelector: { disktype: 'ssd' } }))).toEqual([true, true]);
    expect(nodeShouldRunDaemonPod(node('n'), daemonSet({ nodeSelector: { disktype: 'ssd' } }))).toEqual([false, false]);
    const affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd', 'nvme'] }] }],
        },
      },
    };
    expect(nodeShouldRunDaemonPod(ssd, daemonSet({ affinity }))).toEqual([true, true]);
    expect(nodeShouldRunDaemonPod(node('n', { disktype: 'hdd' }), daemonSet({ affinity }))).toEqual([false, false]);
    expect(nodeShouldRunDaemonPod(ssd, daemonSet({ nodeName: 'other' }))).toEqual([false, false]);
  });
});

describe('daemon pod template', () => {
  it('adds the default tolerations after the template’s, replacing an identical one', () => {
    const own = { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' };
    const t = createPodTemplate(daemonSet({ tolerations: [{ key: 'x', operator: 'Exists' }, own] }), 'abc', '3');
    const keys = (t.spec?.tolerations as { key: string }[]).map((x) => x.key);
    expect(keys).toEqual([
      'x',
      'node.kubernetes.io/unschedulable',
      'node.kubernetes.io/not-ready',
      'node.kubernetes.io/unreachable',
      'node.kubernetes.io/disk-pressure',
      'node.kubernetes.io/memory-pressure',
      'node.kubernetes.io/pid-pressure',
    ]);
    expect(t.metadata?.labels).toEqual({
      app: 'agent',
      'pod-template-generation': '3',
      'controller-revision-hash': 'abc',
    });
  });

  it('pins to the node by replacing the required terms and keeping the preferred ones', () => {
    const preferred = [{ weight: 1, preference: { matchExpressions: [{ key: 'z', operator: 'Exists' }] } }];
    const affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }] }],
        },
        preferredDuringSchedulingIgnoredDuringExecution: preferred,
      },
      podAntiAffinity: { x: 1 },
    };
    expect(pinToNode(affinity, 'k8s-node1')).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['k8s-node1'] }] }],
        },
        preferredDuringSchedulingIgnoredDuringExecution: preferred,
      },
      podAntiAffinity: { x: 1 },
    });
  });

  it('a pod is up to date by revision hash or by template generation', () => {
    const pod = (labels: Record<string, string>): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { labels },
    });
    expect(isPodUpdated(pod({ 'controller-revision-hash': 'h' }), 'h', '2')).toBe(true);
    expect(isPodUpdated(pod({ 'pod-template-generation': '2' }), 'h', '2')).toBe(true);
    expect(isPodUpdated(pod({ 'controller-revision-hash': 'o', 'pod-template-generation': '1' }), 'h', '2')).toBe(
      false,
    );
  });

  it('maxSurge and maxUnavailable round percentages up, and are 0 for OnDelete', () => {
    const rolling = (maxUnavailable: unknown, maxSurge: unknown) =>
      daemonSet({}, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable, maxSurge } });
    expect(unavailableCount(rolling('25%', 0), 3)).toBe(1);
    expect(surgeCount(rolling(0, '34%'), 3)).toBe(2);
    expect(unavailableCount(daemonSet({}, { type: 'OnDelete' }), 3)).toBe(0);
  });
});
