/**
 * The long actions in flight, for the status bar: Deployments rolling out
 * (updated/available against desired, as `kubectl rollout status` counts them),
 * pods starting (image pulls, container creation) and pods waiting for a node.
 */
import type { KubeObject } from '../../../core/api/types.ts';

export type Activity =
  | { kind: 'rollout'; name: string; namespace: string; desired: number; updated: number; available: number }
  | { kind: 'starting'; name: string; namespace: string; image?: string; pulling: boolean }
  | { kind: 'unscheduled'; count: number };

interface DeploymentLike {
  metadata: { name?: string; namespace?: string; generation?: number };
  spec?: { replicas?: number; paused?: boolean };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    availableReplicas?: number;
  };
}

interface PodLike {
  metadata: { name?: string; namespace?: string; deletionTimestamp?: string };
  spec?: { nodeName?: string; containers?: { image?: string }[] };
  status?: {
    phase?: string;
    containerStatuses?: { image?: string; state?: { waiting?: { reason?: string } } }[];
  };
}

/** A rollout is in progress until every replica is updated and available and no old ones remain. */
function rollout(d: DeploymentLike): Activity | undefined {
  const desired = d.spec?.replicas ?? 1;
  const s = d.status ?? {};
  const observed = (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
  const updated = s.updatedReplicas ?? 0;
  const available = s.availableReplicas ?? 0;
  const total = s.replicas ?? 0;
  if (d.spec?.paused) return undefined;
  if (observed && updated >= desired && available >= desired && total <= desired) return undefined;
  return {
    kind: 'rollout',
    name: d.metadata.name ?? '',
    namespace: d.metadata.namespace ?? '',
    desired,
    updated,
    available,
  };
}

function starting(p: PodLike, pulling: ReadonlySet<string>): Activity | undefined {
  if (p.metadata.deletionTimestamp || !p.spec?.nodeName || p.status?.phase !== 'Pending') return undefined;
  const key = `${p.metadata.namespace}/${p.metadata.name}`;
  const image = p.spec.containers?.[0]?.image;
  return {
    kind: 'starting',
    name: p.metadata.name ?? '',
    namespace: p.metadata.namespace ?? '',
    ...(image ? { image } : {}),
    pulling: pulling.has(key),
  };
}

/** Pods whose latest image event is Pulling (not yet Pulled or Failed). */
function podsPulling(events: readonly KubeObject[]): Set<string> {
  const latest = new Map<string, { at: string; reason: string }>();
  for (const e of events) {
    const o = e.involvedObject as { kind?: string; namespace?: string; name?: string } | undefined;
    const reason = e.reason as string | undefined;
    if (o?.kind !== 'Pod' || !reason || !['Pulling', 'Pulled', 'Failed', 'BackOff'].includes(reason)) continue;
    const key = `${o.namespace}/${o.name}`;
    const at = String(e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? '');
    const held = latest.get(key);
    if (!held || held.at <= at) latest.set(key, { at, reason });
  }
  return new Set([...latest].filter(([, v]) => v.reason === 'Pulling').map(([k]) => k));
}

/** Everything in flight, rollouts first, at most `limit` entries besides the unscheduled count. */
export function activities(objects: Iterable<KubeObject>, limit = 4): Activity[] {
  const deployments: KubeObject[] = [];
  const pods: KubeObject[] = [];
  const events: KubeObject[] = [];
  for (const o of objects) {
    if (o.kind === 'Deployment') deployments.push(o);
    else if (o.kind === 'Pod') pods.push(o);
    else if (o.kind === 'Event') events.push(o);
  }
  const pulling = podsPulling(events);
  const out: Activity[] = [];
  for (const d of deployments) {
    const a = rollout(d as DeploymentLike);
    if (a) out.push(a);
  }
  for (const p of pods) {
    const a = starting(p as PodLike, pulling);
    if (a) out.push(a);
  }
  const unscheduled = pods.filter((p) => !(p as PodLike).spec?.nodeName && !p.metadata.deletionTimestamp).length;
  const shown = out.slice(0, limit);
  return unscheduled ? [...shown, { kind: 'unscheduled', count: unscheduled }] : shown;
}
