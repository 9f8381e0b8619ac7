/**
 * metrics.k8s.io/v1beta1: what metrics-server would report, from the
 * simulated usage of running containers (a small steady load per image,
 * deterministic per container), so `kubectl top` works.
 */
import type { Cluster } from '../cluster/cluster.ts';
import { R } from '../controllers/resources.ts';
import type { KubeObject } from '../api/types.ts';
import { isoSeconds } from '../clock/clock.ts';
import * as status from '../api/status.ts';
import { compileLabelSelector } from '../api/selectors/index.ts';
import type { ApiResponse } from './types.ts';
import { json } from './types.ts';

function running(pod: KubeObject): string[] {
  const cs =
    (pod.status as { containerStatuses?: { name: string; state?: { running?: unknown } }[] } | undefined)
      ?.containerStatuses ?? [];
  return cs.filter((c) => c.state?.running).map((c) => c.name);
}

function podMetrics(cluster: Cluster, pod: KubeObject) {
  return {
    metadata: {
      name: pod.metadata.name,
      namespace: pod.metadata.namespace,
      creationTimestamp: isoSeconds(cluster.clock.now()),
      labels: pod.metadata.labels ?? {},
    },
    timestamp: isoSeconds(cluster.clock.now() - 5000),
    window: '15.012s',
    containers: running(pod).map((name) => {
      const u = cluster.load.usage(pod, name);
      return { name, usage: { cpu: `${u.cpuNano}n`, memory: `${Math.round(u.memBytes / 1024)}Ki` } };
    }),
  };
}

export function metrics(
  cluster: Cluster,
  resource: string,
  ns: string | undefined,
  name: string | undefined,
  labelSelector?: string,
): ApiResponse {
  // metrics-server filters both lists by ?labelSelector= (`kubectl top pod -l app=x`).
  const selector = labelSelector ? compileLabelSelector(labelSelector) : undefined;
  if (selector && !selector.ok) return json(selector.status.code, selector.status);
  const matches = (o: KubeObject) => !selector || selector.value(o.metadata.labels);
  if (resource === 'pods') {
    const pods = cluster.api.list(R.pods, ns).items.filter((p) => running(p).length > 0 && matches(p));
    if (name) {
      const pod = pods.find((p) => p.metadata.name === name);
      return pod
        ? json(200, { kind: 'PodMetrics', apiVersion: 'metrics.k8s.io/v1beta1', ...podMetrics(cluster, pod) })
        : json(404, status.notFound('pods', 'metrics.k8s.io', name));
    }
    return json(200, {
      kind: 'PodMetricsList',
      apiVersion: 'metrics.k8s.io/v1beta1',
      metadata: {},
      items: pods.map((p) => podMetrics(cluster, p)),
    });
  }
  const nodes = cluster.api
    .list(R.nodes)
    .items.filter((n) => cluster.kubelets.get(n.metadata.name ?? '')?.isRunning && matches(n));
  const items = nodes.map((n) => {
    let cpu = 80_000_000;
    let mem = 900 * 1024 * 1024;
    for (const p of cluster.indexes.podsOnNode(n.metadata.name ?? ''))
      for (const c of running(p)) {
        const u = cluster.load.usage(p, c);
        cpu += u.cpuNano;
        mem += u.memBytes;
      }
    return {
      metadata: {
        name: n.metadata.name,
        creationTimestamp: isoSeconds(cluster.clock.now()),
        labels: n.metadata.labels ?? {},
      },
      timestamp: isoSeconds(cluster.clock.now() - 5000),
      window: '20.05s',
      usage: { cpu: `${cpu}n`, memory: `${Math.round(mem / 1024)}Ki` },
    };
  });
  if (name) {
    const item = items.find((i) => i.metadata.name === name);
    return item
      ? json(200, { kind: 'NodeMetrics', apiVersion: 'metrics.k8s.io/v1beta1', ...item })
      : json(404, status.notFound('nodes', 'metrics.k8s.io', name));
  }
  return json(200, { kind: 'NodeMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items });
}
