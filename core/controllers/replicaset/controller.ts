/**
 * ReplicaSet controller: keeps `spec.replicas` active pods matching the
 * template, and publishes how many are ready and available.
 * Mirrors kubernetes/kubernetes pkg/controller/replicaset/replica_set.go.
 * Simplifications: no adoption of orphan pods, no expectations cache (the
 * store is consistent within one process), slow-start batches kept.
 */
import type { KubeObject } from '../../api/types.ts';
import { deepClone, deepEqual } from '../../util/json.ts';
import { isPodActive, isPodAvailable, isPodReady, nodeNameOf, podPhase } from '../podutil.ts';
import { R } from '../resources.ts';
import { labelsOf } from '../labels.ts';
import { labelSelectorMatcher } from '../../api/selectors/index.ts';
import type { LabelSelector } from '../../api/selectors/index.ts';
import type { Action, ClusterView, Controller } from '../runtime/types.ts';
import { ownerOfKind, self, splitKey } from '../runtime/types.ts';

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
    const actions = this.manageReplicas(rs, spec, active);
    actions.push(...this.syncStatus(view, rs, spec, owned, active));
    return actions;
  }

  private manageReplicas(rs: KubeObject, spec: ReplicaSetSpec, active: KubeObject[]): Action[] {
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
      return podsToDelete(active, diff).flatMap((p) => [
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
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: rs.metadata.name ?? '',
            uid: rs.metadata.uid ?? '',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
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

function event(obj: KubeObject, eventType: 'Normal' | 'Warning', reason: string, message: string): Action {
  return { type: 'event', object: obj, eventType, reason, message };
}

/**
 * Which pods go first when scaling down (controller.ActivePods ordering):
 * unscheduled before scheduled, pending before unknown before running,
 * not ready before ready, then the most recently ready/created first.
 */
export function podsToDelete(pods: KubeObject[], count: number): KubeObject[] {
  const phaseRank: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
  const rank = (p: KubeObject): number[] => [
    nodeNameOf(p) ? 1 : 0,
    phaseRank[podPhase(p)] ?? 0,
    isPodReady(p) ? 1 : 0,
    -Date.parse(p.metadata.creationTimestamp ?? '0'),
  ];
  return [...pods]
    .sort((a, b) => {
      const ra = rank(a);
      const rb = rank(b);
      for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
      return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? 1 : -1;
    })
    .slice(0, count);
}
