/**
 * Choosing a pod and a container the way kubectl's polymorphic helpers do:
 * `pod/x` or `x` directly, a workload (`deploy/x`, `rs/x`, `job/x`, …)
 * through its selector (first pod by kubectl's ordering, with `Found N pods,
 * using pod/…`), and the default container (annotation, else the first,
 * with `Defaulted container "a" out of: a, b`).
 */
import type { KubeObject } from '../../api/types.ts';
import type { Env } from '../env.ts';
import { getObject, listObjects, must, resolveType } from '../env.ts';
import { usageError } from '../types.ts';

const DEFAULT_CONTAINER = 'kubectl.kubernetes.io/default-container';

interface PodSpecShape {
  containers?: { name: string }[];
  initContainers?: { name: string }[];
  ephemeralContainers?: { name: string }[];
}

/** The pod an argument names; workloads resolve through their selector. */
export function podFor(env: Env, arg: string): KubeObject {
  const slash = arg.indexOf('/');
  const podType = resolveType(env, 'pods');
  if (slash < 0) return must(getObject(env, podType, arg));
  const r = resolveType(env, arg.slice(0, slash));
  const name = arg.slice(slash + 1);
  const obj = must(getObject(env, r, name));
  if (r.kind === 'Pod') return obj;
  const selector = selectorOf(obj);
  if (selector === undefined) throw usageError(`cannot attach to ${r.kind}: selector for ${r.kind} not implemented`);
  const pods = must(listObjects(env, podType, { namespace: obj.metadata.namespace, labelSelector: selector }));
  const active = pods.filter((p) => !p.metadata.deletionTimestamp);
  const sorted = [...active].sort(byActiveFirst);
  const first = sorted[0];
  if (!first) throw usageError(`timed out waiting for the condition`);
  if (pods.length > 1) env.out.err(`Found ${pods.length} pods, using pod/${first.metadata.name ?? ''}\n`);
  return first;
}

function selectorOf(obj: KubeObject): string | undefined {
  const spec = obj.spec as { selector?: { matchLabels?: Record<string, string> } | Record<string, string> } | undefined;
  const sel = spec?.selector;
  if (!sel) return undefined;
  const labels = (('matchLabels' in sel
    ? sel.matchLabels
    : obj.kind === 'Service' || obj.kind === 'ReplicationController'
      ? sel
      : undefined) ?? {}) as Record<string, string>;
  return Object.keys(labels)
    .map((k) => `${k}=${labels[k] ?? ''}`)
    .join(',');
}

const phaseRank = (p: KubeObject): number =>
  ({ Running: 0, Pending: 1, Unknown: 2 })[(p.status as { phase?: string } | undefined)?.phase ?? ''] ?? 3;

/** A simplified kubectl ActivePods ordering: running before pending, then oldest, then name. */
function byActiveFirst(a: KubeObject, b: KubeObject): number {
  return (
    phaseRank(a) - phaseRank(b) ||
    (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') ||
    (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '')
  );
}

/** The container to use: `-c`, else the default-container annotation, else the first (with a notice when there are several). */
export function containerFor(env: Env, pod: KubeObject, given: string): string {
  const spec = (pod.spec ?? {}) as PodSpecShape;
  if (given) {
    const known = [
      ...(spec.containers ?? []),
      ...(spec.initContainers ?? []),
      ...(spec.ephemeralContainers ?? []),
    ].some((c) => c.name === given);
    if (!known) throw usageError(`container ${given} is not valid for pod ${pod.metadata.name ?? ''}`);
    return given;
  }
  const names = (spec.containers ?? []).map((c) => c.name);
  const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER];
  if (annotated && names.includes(annotated)) return annotated;
  const first = names[0] ?? '';
  const all = [
    ...names,
    ...(spec.initContainers ?? []).map((c) => `${c.name} (init)`),
    ...(spec.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`),
  ];
  if (all.length > 1) env.out.err(`Defaulted container "${first}" out of: ${all.join(', ')}\n`);
  return first;
}
