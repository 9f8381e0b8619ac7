/**
 * Small builders of cluster objects for the graph's unit tests and the graph
 * benchmark (test/bench/graph.ts): just the fields the mapping reads, shaped
 * as the simulated cluster writes them. Not used by the app.
 */
import type { KubeObject } from '../../../core/api/types.ts';
import { keyOf } from '../lib/cluster/reducer.ts';
import catalogue from '../lib/i18n/catalogues/graph.ts';
import type { Translate } from './types.ts';

/** The English catalogue as a Translate (the i18n module needs Svelte's runtime). */
export const englishT: Translate = (key, params) =>
  (catalogue.en[key] ?? key).replace(/\{(\w+)\}/g, (m, k: string) => (params && k in params ? String(params[k]) : m));

let uid = 0;
const meta = (name: string, namespace: string | undefined, extra: Partial<KubeObject['metadata']> = {}) => ({
  name,
  ...(namespace !== undefined ? { namespace } : {}),
  uid: `uid-${name}-${++uid}`,
  resourceVersion: String(uid),
  ...extra,
});

const owner = (apiVersion: string, kind: string, name: string) => ({
  apiVersion,
  kind,
  name,
  uid: `uid-${name}`,
  controller: true,
  blockOwnerDeletion: true,
});

export function node(name: string, ready = true): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: meta(name, undefined),
    status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}

export function deployment(name: string, replicas = 3, ready = replicas, ns = 'default'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(name, ns, { labels: { app: name } }),
    spec: { replicas, selector: { matchLabels: { app: name } } },
    status: { replicas, readyReplicas: ready, updatedReplicas: replicas },
  };
}

export function replicaSet(name: string, deploymentName: string, replicas = 3, ns = 'default'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: meta(name, ns, { ownerReferences: [owner('apps/v1', 'Deployment', deploymentName)] }),
    spec: { replicas },
    status: { replicas, readyReplicas: replicas },
  };
}

export type PodState = 'Ready' | 'NotReady' | 'ContainerCreating' | 'Pending' | 'CrashLoopBackOff' | 'ImagePullBackOff';

export interface PodOptions {
  ns?: string;
  rs?: string;
  node?: string;
  labels?: Record<string, string>;
  state?: PodState;
  spec?: Record<string, unknown>;
}

export function pod(name: string, o: PodOptions = {}): KubeObject {
  const state = o.state ?? 'Ready';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta(name, o.ns ?? 'default', {
      labels: o.labels ?? {},
      ...(o.rs ? { ownerReferences: [owner('apps/v1', 'ReplicaSet', o.rs)] } : {}),
    }),
    spec: { containers: [{ name: 'main', image: 'nginx' }], ...(o.node ? { nodeName: o.node } : {}), ...o.spec },
    status: podStatusFor(state),
  };
}

/** A pod status as the kubelet writes it for each state. */
export function podStatusFor(state: PodState): Record<string, unknown> {
  const cond = (type: string, ok: boolean) => ({ type, status: ok ? 'True' : 'False' });
  if (state === 'Pending') return { phase: 'Pending', conditions: [cond('PodScheduled', false)] };
  const running = state === 'Ready' || state === 'NotReady';
  const waiting = running ? undefined : { waiting: { reason: state } };
  return {
    phase: running || state === 'CrashLoopBackOff' ? 'Running' : 'Pending',
    conditions: [cond('PodScheduled', true), cond('Ready', state === 'Ready')],
    containerStatuses: [
      {
        name: 'main',
        ready: state === 'Ready',
        restartCount: state === 'CrashLoopBackOff' ? 4 : 0,
        state: waiting ?? { running: { startedAt: '2026-01-01T00:00:00Z' } },
      },
    ],
  };
}

export function service(name: string, selector: Record<string, string> | undefined, ns = 'default'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(name, ns),
    spec: { type: 'ClusterIP', clusterIP: '10.96.0.20', ...(selector ? { selector } : {}), ports: [{ port: 80 }] },
  };
}

export function endpointSlice(
  serviceName: string,
  pods: { name: string; ready: boolean }[],
  ns = 'default',
): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: meta(`${serviceName}-abcde`, ns, { labels: { 'kubernetes.io/service-name': serviceName } }),
    endpoints: pods.map((p) => ({
      addresses: ['10.244.1.2'],
      conditions: { ready: p.ready },
      targetRef: { kind: 'Pod', namespace: ns, name: p.name },
    })),
  };
}

export function simple(apiVersion: string, kind: string, name: string, ns?: string, rest: object = {}): KubeObject {
  return { apiVersion, kind, metadata: meta(name, ns), ...rest };
}

export function objectMap(objects: KubeObject[]): Map<string, KubeObject> {
  const m = new Map<string, KubeObject>();
  for (const o of objects) m.set(keyOf(o), o);
  return m;
}

export interface ClusterShape {
  pods: number;
  nodes?: number;
  /** Pods per Deployment (each Deployment has one ReplicaSet, one Service and its EndpointSlice). */
  perDeployment?: number;
}

/** A synthetic cluster: Nodes, Deployments → ReplicaSets → Ready pods spread over the nodes, a Service each. */
export function clusterOf({ pods, nodes = 3, perDeployment = 20 }: ClusterShape): KubeObject[] {
  const out: KubeObject[] = [];
  for (let n = 0; n < nodes; n++) out.push(node(`node-${n}`));
  const deployments = Math.ceil(pods / perDeployment);
  for (let d = 0; d < deployments; d++) {
    const app = `app-${d}`;
    const count = Math.min(perDeployment, pods - d * perDeployment);
    out.push(deployment(app, count), replicaSet(`${app}-7d9f8c6b5`, app, count), service(app, { app }));
    const names: string[] = [];
    for (let i = 0; i < count; i++) {
      const name = `${app}-7d9f8c6b5-${String(i).padStart(4, '0')}`;
      names.push(name);
      out.push(pod(name, { rs: `${app}-7d9f8c6b5`, node: `node-${(d + i) % nodes}`, labels: { app } }));
    }
    out.push(
      endpointSlice(
        app,
        names.map((name) => ({ name, ready: true })),
      ),
    );
  }
  return out;
}
