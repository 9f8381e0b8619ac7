import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../core/api/types.ts';
import { activities } from './progress.ts';

const deploy = (replicas: number, status: Record<string, number>, generation = 2): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', generation },
  spec: { replicas },
  status: { observedGeneration: 2, ...status },
});

const pod = (name: string, nodeName: string | undefined, phase: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { ...(nodeName ? { nodeName } : {}), containers: [{ image: 'nginx:1.14.2' }] },
  status: { phase },
});

const event = (pod: string, reason: string, at: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: `${pod}.${reason}`, namespace: 'default' },
  involvedObject: { kind: 'Pod', namespace: 'default', name: pod },
  reason,
  lastTimestamp: at,
});

describe('activities', () => {
  it('reports a rollout until every replica is updated and available', () => {
    expect(activities([deploy(3, { replicas: 4, updatedReplicas: 2, availableReplicas: 3 })])).toEqual([
      { kind: 'rollout', name: 'web', namespace: 'default', desired: 3, updated: 2, available: 3 },
    ]);
    expect(activities([deploy(3, { replicas: 3, updatedReplicas: 3, availableReplicas: 3 })])).toEqual([]);
  });

  it('counts a spec change the controller has not seen yet as rolling out', () => {
    expect(activities([deploy(3, { replicas: 3, updatedReplicas: 3, availableReplicas: 3 }, 3)])).toHaveLength(1);
  });

  it('says which starting pods are pulling their image, and counts pods without a node', () => {
    const out = activities([
      pod('a', 'k8s-node1', 'Pending'),
      pod('b', 'k8s-node2', 'Pending'),
      pod('c', undefined, 'Pending'),
      pod('d', 'k8s-node1', 'Running'),
      event('a', 'Pulling', '2026-11-22T09:00:01Z'),
      event('b', 'Pulling', '2026-11-22T09:00:01Z'),
      event('b', 'Pulled', '2026-11-22T09:00:03Z'),
    ]);
    expect(out).toEqual([
      { kind: 'starting', name: 'a', namespace: 'default', image: 'nginx:1.14.2', pulling: true },
      { kind: 'starting', name: 'b', namespace: 'default', image: 'nginx:1.14.2', pulling: false },
      { kind: 'unscheduled', count: 1 },
    ]);
  });
});
