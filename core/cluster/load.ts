/**
 * The lab's load model: "offered load", in millicores, aimed at a Service.
 * It is shared evenly by the Service's ready endpoint pods (their first
 * container), as kube-proxy spreads requests over ready endpoints: more
 * replicas mean less CPU per pod, which is what a HorizontalPodAutoscaler
 * reacts to. 1000m at php-apache with one pod: that pod is offered 1000m
 * (capped at its 500m limit); with 10 pods, 100m each.
 * Simplification: a steady rate, no requests or latency. A later issue drives
 * it from real Service traffic (a busybox `wget` loop).
 */
import type { KubeObject } from '../api/types.ts';
import { R } from '../controllers/resources.ts';
import type { ClusterView } from '../controllers/runtime/types.ts';
import { containerUsage } from '../kubelet/usage.ts';

export interface OfferedLoad {
  namespace: string;
  service: string;
  cpuMillis: number;
}

interface EndpointSubset {
  addresses?: { targetRef?: { kind?: string; name?: string } }[];
}

export class LoadModel {
  /** "namespace/service" → millicores. */
  private readonly loads = new Map<string, number>();

  constructor(private readonly view: ClusterView) {}

  /** Aim `cpuMillis` at a Service; 0 removes the load. */
  set(namespace: string, service: string, cpuMillis: number): void {
    const key = `${namespace}/${service}`;
    if (cpuMillis > 0) this.loads.set(key, Math.round(cpuMillis));
    else this.loads.delete(key);
  }

  list(): OfferedLoad[] {
    return [...this.loads].map(([key, cpuMillis]) => {
      const [namespace = '', service = ''] = key.split('/');
      return { namespace, service, cpuMillis };
    });
  }

  /** The load sent to one container: its even share of every Service it is a ready endpoint of (first container only). */
  offeredCpuMillis(pod: KubeObject, container: string): number {
    const first = (pod.spec as { containers?: { name: string }[] } | undefined)?.containers?.[0]?.name;
    if (first !== container || this.loads.size === 0) return 0;
    let total = 0;
    for (const { namespace, service, cpuMillis } of this.list()) {
      if (namespace !== pod.metadata.namespace) continue;
      const ready = readyEndpointPods(this.view.get(R.endpoints, namespace, service));
      if (ready.includes(pod.metadata.name ?? '')) total += cpuMillis / ready.length;
    }
    return total;
  }

  /** What metrics-server reports for a running container, load included. */
  usage(pod: KubeObject, container: string): { cpuNano: number; memBytes: number } {
    return containerUsage(pod, container, this.offeredCpuMillis(pod, container));
  }
}

/** Names of the pods behind a Service's ready addresses. */
function readyEndpointPods(endpoints: KubeObject | undefined): string[] {
  const subsets = (endpoints?.subsets ?? []) as EndpointSubset[];
  const names: string[] = [];
  for (const s of subsets)
    for (const a of s.addresses ?? [])
      if (a.targetRef?.kind === 'Pod' && a.targetRef.name) names.push(a.targetRef.name);
  return names;
}
