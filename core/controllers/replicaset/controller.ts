/**
 * ReplicaSet controller: keeps `spec.replicas` active pods matching the
 * template, and publishes how many are ready and available.
 * Mirrors kubernetes/kubernetes pkg/controller/replicaset/replica_set.go.
 * Simplifications: orphans adopted only while short of pods, no expectations cache (the
 * store is consistent within one process), slow-start batches kept.
 */
import type { KubeObject } from '../../api/types.ts';
import { deepClone, deepEqual } from '../../util/json.ts';
import { isPodActive, isPodAvailable, isPodReady, nodeNameOf, podConditions, podPhase } from '../podutil.ts';
import { R } from '../resources.ts';
import { labelsOf } from '../labels.ts';
import { labelSelectorMatcher } from '../../api/selectors/index.ts';
import type { LabelSelector } from '../../api/selectors/index.ts';
import type { Action, ClusterView, Controller } from '../runtime/types.ts';
import { controllerOf, event, newControllerRef, ownerOfKind, self, splitKey } from '../runtime/types.ts';
import { claimActions, claimObjects } from '../claim.ts';

const NAME = 'replicaset-controller';
/** Upstream caps creations per sync (burstReplicas). */
const BURST_REPLICAS = 500;

interface ReplicaSetSpec {
  replicas?: number;
  minReadySeconds?: number;
  selector?: LabelSelector;
  template?: { metadata?: KubeObject['metadata']; spec?: unknown };
}

export interface NameSource {
  /** A fresh name `prefix + 5 random characters` not used by any pod yet. */
  podName(namespace: string, prefix: string): string;
}

export class ReplicaSetController implements Controller {
  readonly name = NAME;
  readonly watches = [
    { resource: R.replicaSets, keys: self },
    { resource: R.pods, keys: ownerOfKind('ReplicaSet') },
  ];

  constructor(private readonly names: NameSource) {}

  reconcile(view: ClusterView, key: string): Action[] {
    const [namespace, name] = splitKey(key);
    const rs = view.get(R.replicaSets, namespace, name);
    if (!rs || rs.metadata.deletionTimestamp) return [];
    const spec = rs.spec as ReplicaSetSpec;
    const owned = view.ownedBy(R.pods, rs.metadata.uid ?? '');
    const matches = labelSelectorMatcher(spec.selector);
    const active = owned.filter((p) => isPodActive(p) && matches(labelsOf(p)));
    const claimed = this.claim(view, rs, active.length < (spec.replicas ?? 1), owned, matches);
    if (claimed.length) return claimed;
    const actions = this.manageReplicas(view, rs, spec, active);
    actions.push(...this.syncStatus(view, rs, spec, owned, active));
    return actions;
  }

  /**
   * ControllerRefManager: release owned pods whose labels no longer match, and
   * adopt matching orphans (after `kubectl delete rs --cascade=orphan` and a
   * re-create). Orphans are looked for only while the set is short of pods, so a
   * large namespace is not scanned on every pass; upstream also adopts when full
   * and then deletes the surplus.
   */
  private claim(
    view: ClusterView,
    rs: KubeObject,
    short: boolean,
    owned: KubeObject[],
    matches: (labels: Record<string, string>) => boolean,
  ): Action[] {
    const orphans = short
      ? view.list(R.pods, rs.metadata.namespace).filter((p) => !controllerOf(p) && isPodActive(p))
      : [];
    return claimActions(rs, R.pods, claimObjects(rs, [...owned, ...orphans], matches));
  }

  private manageReplicas(view: ClusterView, rs: KubeObject, spec: ReplicaSetSpec, active: KubeObject[]): Action[] {
    const diff = active.length - (spec.replicas ?? 1);
    const rsName = rs.metadata.name ?? '';
    if (diff < 0) {
      const count = Math.min(-diff, BURST_REPLICAS);
      const out: Action[] = [];
      for (let i = 0; i < count; i++) {
        const pod = this.newPod(rs, spec);
        out.push({
          type: 'create',
          resource: R.pods,
          object: pod,
          reason: `desired ${spec.replicas ?? 1}, observed ${active.length} → created pod ${pod.metadata.name}`,
        });
        out.push(event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`));
      }
      return out;
    }
    if (diff > 0) {
      return podsToDelete(active, diff, { now: view.now(), related: relatedPods(view, rs, active) }).flatMap((p) => [
        {
          type: 'delete' as const,
          resource: R.pods,
          namespace: p.metadata.namespace,
          name: p.metadata.name ?? '',
          uid: p.metadata.uid,
          reason: `desired ${spec.replicas ?? 1}, observed ${active.length} → deleted pod ${p.metadata.name} of ${rsName}`,
        },
        event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`),
      ]);
    }
    return [];
  }

  private newPod(rs: KubeObject, spec: ReplicaSetSpec): KubeObject {
    const template = deepClone(spec.template ?? {});
    const namespace = rs.metadata.namespace ?? 'default';
    const name = this.names.podName(namespace, `${rs.metadata.name}-`);
    const meta = template.metadata ?? {};
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        ...(meta.labels ? { labels: meta.labels } : {}),
        ...(meta.annotations ? { annotations: meta.annotations } : {}),
        name,
        generateName: `${rs.metadata.name}-`,
        namespace,
        ownerReferences: [newControllerRef(rs, 'apps/v1', 'ReplicaSet')],
      },
      spec: template.spec ?? {},
    };
  }

  private syncStatus(
    view: ClusterView,
    rs: KubeObject,
    spec: ReplicaSetSpec,
    owned: KubeObject[],
    active: KubeObject[],
  ): Action[] {
    const now = view.now();
    const minReady = spec.minReadySeconds ?? 0;
    const templateLabels = spec.template?.metadata?.labels ?? {};
    const ready = active.filter(isPodReady);
    const available = active.filter((p) => isPodAvailable(p, minReady, now));
    const old = (rs.status ?? {}) as Record<string, unknown>;
    const next: Record<string, unknown> = {
      replicas: active.length,
      fullyLabeledReplicas: active.filter((p) => Object.entries(templateLabels).every(([k, v]) => labelsOf(p)[k] === v))
        .length,
      readyReplicas: ready.length,
      availableReplicas: available.length,
      terminatingReplicas: owned.filter((p) => p.metadata.deletionTimestamp).length,
      observedGeneration: rs.metadata.generation ?? 1,
    };
    if (old.conditions) next.conditions = old.conditions;
    // Zero counts are omitted on the wire (omitempty), as a real server shows them.
    for (const k of ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'terminatingReplicas'])
      if (next[k] === 0) delete next[k];
    const out: Action[] = [];
    if (ready.length > available.length) out.push({ type: 'requeueAfter', ms: 1000 });
    if (deepEqual(old, next)) return out;
    out.push({
      type: 'update',
      resource: R.replicaSets,
      subresource: 'status',
      object: { ...rs, status: next },
      reason: `status: ${active.length} replicas, ${ready.length} ready, ${available.length} available`,
    });
    return out;
  }
}

/** getIndirectlyRelatedPods: the active pods of every ReplicaSet of the same Deployment (or just this one). */
function relatedPods(view: ClusterView, rs: KubeObject, active: KubeObject[]): KubeObject[] {
  const owner = controllerOf(rs);
  if (!owner) return active;
  return view
    .ownedBy(R.replicaSets, owner.uid)
    .flatMap((sibling) =>
      sibling === rs ? active : view.ownedBy(R.pods, sibling.metadata.uid ?? '').filter(isPodActive),
    );
}

/** Pod phases in the order upstream deletes them: pending first, running last. */
const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** When the pod last became Ready, in ms (0: unknown). */
function readySince(p: KubeObject): number {
  const c = podConditions(p).find((x) => x.type === 'Ready');
  return c?.lastTransitionTime ? Date.parse(c.lastTransitionTime) : 0;
}

function maxRestarts(p: KubeObject): number {
  const cs = (p.status as { containerStatuses?: { restartCount?: number }[] } | undefined)?.containerStatuses ?? [];
  return cs.reduce((m, c) => Math.max(m, c.restartCount ?? 0), 0);
}

function deletionCost(p: KubeObject): number {
  return Number(p.metadata.annotations?.['controller.kubernetes.io/pod-deletion-cost'] ?? 0) || 0;
}

/**
 * LogarithmicScaleDown (GA): times are compared by the power of two of their age
 * in nanoseconds, so pods that came up in the same burst count as equally old.
 */
function logRank(t: number, now: number): number {
  const d = (now - t) * 1e6;
  return d > 0 ? Math.floor(Math.log2(d)) : -1;
}

export interface DeletionOrder {
  /** Virtual now, for the logarithmic age buckets. */
  now: number;
  /** Active pods of the owner and its siblings: pods on a node crowded with them go first. */
  related?: KubeObject[];
}

/**
 * Which pods go first when scaling down: controller.ActivePodsWithRanks
 * (pkg/controller/controller_utils.go): unscheduled before scheduled; Pending
 * before Unknown before Running; not ready before ready; lower
 * pod-deletion-cost first; then (with `related`) pods on the node that runs the
 * most related pods; then the most recently ready, the most restarted, the
 * youngest — ages compared in logarithmic buckets, ties by uid.
 */
export function podsToDelete(pods: KubeObject[], count: number, order: DeletionOrder): KubeObject[] {
  if (count <= 0) return [];
  const { now, related } = order;
  const perNode = new Map<string, number>();
  for (const p of related ?? []) {
    const n = nodeNameOf(p);
    if (n) perNode.set(n, (perNode.get(n) ?? 0) + 1);
  }
  const rank = (p: KubeObject) => (related ? (perNode.get(nodeNameOf(p) ?? '') ?? 0) : 0);
  const byAge = (ta: number, tb: number, a: KubeObject, b: KubeObject): number => {
    if (!ta || !tb) return ta ? 1 : -1; // zero (unknown) times first
    const diff = logRank(ta, now) - logRank(tb, now);
    if (diff !== 0) return diff;
    return (a.metadata.uid ?? '') < (b.metadata.uid ?? '') ? -1 : 1;
  };
  const less = (a: KubeObject, b: KubeObject): number => {
    const na = nodeNameOf(a) ? 1 : 0;
    const nb = nodeNameOf(b) ? 1 : 0;
    if (na !== nb) return na - nb;
    const pa = PHASE_RANK[podPhase(a)] ?? 0;
    const pb = PHASE_RANK[podPhase(b)] ?? 0;
    if (pa !== pb) return pa - pb;
    const ra = isPodReady(a);
    if (ra !== isPodReady(b)) return ra ? 1 : -1;
    const ca = deletionCost(a);
    const cb = deletionCost(b);
    if (ca !== cb) return ca - cb;
    if (rank(a) !== rank(b)) return rank(b) - rank(a);
    if (ra) {
      const ta = readySince(a);
      const tb = readySince(b);
      if (ta !== tb) return byAge(ta, tb, a, b);
    }
    const xa = maxRestarts(a);
    const xb = maxRestarts(b);
    if (xa !== xb) return xb - xa;
    const ka = Date.parse(a.metadata.creationTimestamp ?? '') || 0;
    const kb = Date.parse(b.metadata.creationTimestamp ?? '') || 0;
    if (ka !== kb) return byAge(ka, kb, a, b);
    return (a.metadata.uid ?? '') < (b.metadata.uid ?? '') ? -1 : 1;
  };
  return [...pods].sort(less).slice(0, count);
}
