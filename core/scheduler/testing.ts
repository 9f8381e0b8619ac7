/**
 * Small builders for scheduler tests: Nodes and Pods as the API would hold them.
 */
import type { KubeObject } from '../api/types.ts';
import { SchedulerCache } from './cache.ts';

export interface NodeSpec {
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
  unschedulable?: boolean;
  images?: { names: string[]; sizeBytes: number }[];
}

export function node(name: string, spec: NodeSpec = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...spec.labels } },
    spec: { ...(spec.taints ? { taints: spec.taints } : {}), ...(spec.unschedulable ? { unschedulable: true } : {}) },
    status: {
      allocatable: { cpu: spec.cpu ?? '2', memory: spec.memory ?? '4Gi', pods: spec.pods ?? '110' },
      ...(spec.images ? { images: spec.images } : {}),
    },
  };
}

export interface PodSpecOptions {
  namespace?: string;
  labels?: Record<string, string>;
  cpu?: string;
  memory?: string;
  nodeName?: string;
  spec?: Record<string, unknown>;
  owner?: { kind: string; name: string; apiVersion?: string };
  priority?: number;
  uid?: string;
}

let counter = 0;

export function pod(name: string, o: PodSpecOptions = {}): KubeObject {
  const requests: Record<string, string> = {};
  if (o.cpu) requests.cpu = o.cpu;
  if (o.memory) requests.memory = o.memory;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: o.namespace ?? 'default',
      uid: o.uid ?? `uid-${name}-${++counter}`,
      labels: o.labels ?? {},
      ...(o.owner
        ? {
            ownerReferences: [
              {
                apiVersion: o.owner.apiVersion ?? 'apps/v1',
                kind: o.owner.kind,
                name: o.owner.name,
                uid: `owner-${o.owner.name}`,
                controller: true,
              },
            ],
          }
        : {}),
    },
    spec: {
      containers: [{ name: 'c', image: 'nginx', resources: { requests } }],
      ...(o.nodeName ? { nodeName: o.nodeName } : {}),
      ...(o.priority !== undefined ? { priority: o.priority } : {}),
      ...o.spec,
    },
  };
}

/** A cache holding these nodes (and bound pods). */
export function cacheWith(nodes: KubeObject[], pods: KubeObject[] = [], seed = 7): SchedulerCache {
  const cache = new SchedulerCache(seed);
  nodes.forEach((n) => cache.addNode(n));
  pods.forEach((p) => cache.addPod(p));
  return cache;
}

export const CONTROL_PLANE_TAINT = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };
