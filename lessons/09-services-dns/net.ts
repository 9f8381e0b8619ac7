/**
 * Checks and phrases the network lessons share (9 Services and DNS, 10 external access,
 * 20 NetworkPolicy): a Service's first port, its ready endpoints, a client pod that runs,
 * and the EndpointSlice controller's story from the trace.
 */
import { isPodServing, tx } from '../../core/check/index.ts';
import type { ClusterReader, KubeObject, Text, TraceEntry } from '../../core/check/index.ts';
import { specOf } from '../../core/network/cache.ts';
import type { ServicePort } from '../../core/network/cache.ts';
import { tellTrace } from '../checks.ts';
import type { CheckResult } from '../types.ts';
import { missing, ok } from '../types.ts';

export { specOf };
/** A Service's first port (an empty one while it has none). */
export const firstPort = (svc: KubeObject): Partial<ServicePort> => specOf(svc).ports?.[0] ?? {};

/** The Service, or the check result saying it is not there yet and which file makes it. */
export function findService(r: ClusterReader, ns: string, name: string, file: string): KubeObject | CheckResult {
  return (
    r.service(ns, name) ??
    missing(
      tx(
        `There is no Service \`${name}\` in namespace \`${ns}\` yet: apply \`${file}\`.`,
        `命名空间 \`${ns}\` 中还没有 Service \`${name}\`：请 apply \`${file}\`。`,
      ),
    )
  );
}

/** Names of the pods a Service sends traffic to (its ready endpoints), sorted. */
export function endpointNames(r: ClusterReader, svc: KubeObject): string[] {
  return r
    .endpointPods(svc)
    .map((p) => p.metadata.name ?? '')
    .sort();
}

/** The Service has exactly `want` ready endpoints (kube-proxy's backends). */
export function hasEndpoints(r: ClusterReader, svc: KubeObject, want: number): CheckResult {
  const n = r.endpointPods(svc).length;
  if (n === want) return ok;
  const name = svc.metadata.name ?? '';
  return missing(
    tx(
      `\`${name}\` has ${n} ready endpoint(s); ${want} expected. \`kubectl get endpoints ${name}\` lists them.`,
      `\`${name}\` 目前有 ${n} 个就绪的 endpoint，应当是 ${want} 个。\`kubectl get endpoints ${name}\` 可以列出它们。`,
    ),
  );
}

/** The pod exists, runs and is Ready: a client to run `wget` and `nslookup` in. */
export function clientRunning(r: ClusterReader, ns: string, name: string, how: string): CheckResult {
  const pod = r.pod(ns, name);
  if (!pod) return missing(tx(`There is no pod \`${name}\` yet: ${how}.`, `还没有名为 \`${name}\` 的 Pod：${how}。`));
  if (isPodServing(pod)) return ok;
  return missing(
    tx(
      `\`${name}\` is not Running and Ready yet: \`kubectl get pod ${name}\`.`,
      `\`${name}\` 还没有 Running 且 Ready：看看 \`kubectl get pod ${name}\`。`,
    ),
  );
}

/** `10.244.1.5:80` (pod name) for each ready endpoint, for explanations. */
export function endpointAddresses(r: ClusterReader, svc: KubeObject): Text {
  const target = firstPort(svc).targetPort ?? firstPort(svc).port ?? '';
  const each = r.endpointPods(svc).map((p) => ({
    ip: `\`${(p.status as { podIP?: string } | undefined)?.podIP ?? '?'}:${target}\``,
    name: p.metadata.name ?? '',
  }));
  return tx(each.map((e) => `${e.ip} (${e.name})`).join(', '), each.map((e) => `${e.ip}（${e.name}）`).join('、'));
}

/** An EndpointSlice controller entry about `service`, as a sentence. */
function slicePhrase(service: string): (e: TraceEntry) => Text | undefined {
  return (e) => {
    const n = new RegExp(`service ${service}: (\\d+) ready endpoints?`).exec(e.reason)?.[1];
    if (n === undefined) return undefined;
    return tx(
      `The EndpointSlice controller wrote ${n} ready endpoint(s) for \`${service}\`.`,
      `EndpointSlice 控制器为 \`${service}\` 写入了 ${n} 个就绪的 endpoint。`,
    );
  };
}

/** What the EndpointSlice controller did for a Service since trace entry `sinceSeq`. */
export function sliceStory(r: ClusterReader, ns: string, service: string, sinceSeq = 0, maxLines = 6): Text {
  const entries = r.trace({ namespace: ns, kind: 'EndpointSlice', sinceSeq });
  return tellTrace(entries, slicePhrase(service), maxLines);
}
