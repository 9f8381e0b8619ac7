/**
 * A synthetic scheduling benchmark: a Deployment-like ReplicaSet's pods
 * (100m cpu, 128Mi memory each) scheduled onto `nodes` equal nodes spread over
 * three zones, with every default plugin enabled (default topology spreading
 * applies, since the ReplicaSet is known to the cache). Nodes are sized so all
 * pods fit. Core has no clock: the caller passes `now` (performance.now).
 */
import type { KubeObject } from '../api/types.ts';
import { SchedulerCache } from './cache.ts';
import { schedulePod } from './schedule.ts';

export interface BenchResult {
  readonly podsPerSecond: number;
  readonly scheduled: number;
  readonly milliseconds: number;
}

function makeNode(i: number, podsPerNode: number): KubeObject {
  const cpu = Math.max(2000, Math.ceil(podsPerNode * 100 * 1.25));
  const memMi = Math.max(4096, Math.ceil(podsPerNode * 128 * 1.25));
  const name = `node-${i}`;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': `zone-${i % 3}` } },
    spec: {},
    status: { allocatable: { cpu: `${cpu}m`, memory: `${memMi}Mi`, pods: String(Math.max(110, podsPerNode * 2)) } },
  };
}

const RS_UID = 'bench-rs-uid';

function makeReplicaSet(): KubeObject {
  const selector = { matchLabels: { app: 'bench', 'pod-template-hash': '5d8f7c9b6' } };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'bench-5d8f7c9b6', namespace: 'default', uid: RS_UID },
    spec: { selector },
  };
}

function makePod(i: number): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `bench-5d8f7c9b6-${i}`,
      namespace: 'default',
      uid: `pod-uid-${i}`,
      labels: { app: 'bench', 'pod-template-hash': '5d8f7c9b6' },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'bench-5d8f7c9b6', uid: RS_UID, controller: true },
      ],
    },
    spec: {
      containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '100m', memory: '128Mi' } } }],
    },
  };
}

/** Schedules `pods` pods on `nodes` nodes and reports the rate. */
export function benchSchedule(nodes: number, pods: number, now: () => number): BenchResult {
  const cache = new SchedulerCache(42);
  const podsPerNode = Math.ceil(pods / Math.max(1, nodes));
  for (let i = 0; i < nodes; i++) cache.addNode(makeNode(i, podsPerNode));
  cache.addObject(makeReplicaSet());
  const pending = Array.from({ length: pods }, (_, i) => makePod(i));
  let scheduled = 0;
  const start = now();
  for (const pod of pending) {
    const result = schedulePod(pod, cache);
    if ('nodeName' in result) {
      cache.assume(pod, result.nodeName);
      scheduled++;
    }
  }
  const milliseconds = now() - start;
  return { podsPerSecond: milliseconds > 0 ? (scheduled * 1000) / milliseconds : Infinity, scheduled, milliseconds };
}
