/**
 * Deployment controller: rolls a Deployment's template out through
 * ReplicaSets. Mirrors pkg/controller/deployment (sync.go, rolling.go,
 * recreate.go, progress.go). One mutating step per pass: find or create the
 * new ReplicaSet, fix its revision, scale one side, clean up history, then
 * publish status. Simplifications: no proportional scaling of several
 * ReplicaSets mid-rollout, no progress deadline yet, no hash-collision loop.
 */
import type { KubeObject } from '../../api/types.ts';
import { deepEqual } from '../../util/json.ts';
import { R } from '../resources.ts';
import type { Action, ClusterView, Controller } from '../runtime/types.ts';
import { ownerOfKind, self, splitKey } from '../runtime/types.ts';
import { availabilityScaleDown, maxScaledDown, newRSReplicas, resolveFenceposts } from './arithmetic.ts';
import type { IntOrPercent } from './arithmetic.ts';
import {
  CHANGE_CAUSE,
  DESIRED,
  MAX_REPLICAS,
  REVISION,
  buildReplicaSet,
  copiedAnnotations,
  hashTemplate,
  replicasOf,
  revisionOf,
  sameTemplate,
  statusCount,
} from './replicasets.ts';
import { deploymentStatus } from './status.ts';

const NAME = 'deployment-controller';

interface DeploymentSpec {
  replicas?: number;
  paused?: boolean;
  revisionHistoryLimit?: number;
  template?: { metadata?: KubeObject['metadata']; spec?: unknown };
  strategy?: { type?: string; rollingUpdate?: { maxSurge?: IntOrPercent; maxUnavailable?: IntOrPercent } };
}

interface Ctx {
  view: ClusterView;
  d: KubeObject;
  spec: DeploymentSpec;
  desired: number;
  surge: number;
  unavailable: number;
  newRS: KubeObject | undefined;
  oldRSs: KubeObject[];
}

export class DeploymentController implements Controller {
  readonly name = NAME;
  readonly watches = [
    { resource: R.deployments, keys: self },
    { resource: R.replicaSets, keys: ownerOfKind('Deployment') },
  ];

  reconcile(view: ClusterView, key: string): Action[] {
    const [namespace, name] = splitKey(key);
    const d = view.get(R.deployments, namespace, name);
    if (!d || d.metadata.deletionTimestamp) return [];
    const ctx = this.context(view, d);
    const step =
      this.ensureNewReplicaSet(ctx) ??
      this.syncRevision(ctx) ??
      this.annotateDeployment(ctx) ??
      (ctx.spec.paused ? undefined : this.rollout(ctx)) ??
      this.cleanup(ctx) ??
      [];
    return [...step, ...deploymentStatus(view, d, ctx.newRS, ctx.oldRSs, ctx.unavailable)];
  }

  private context(view: ClusterView, d: KubeObject): Ctx {
    const spec = d.spec as DeploymentSpec;
    const all = view.ownedBy(R.replicaSets, d.metadata.uid ?? '').filter((rs) => !rs.metadata.deletionTimestamp);
    const desired = replicasOf(d);
    const rolling = spec.strategy?.type !== 'Recreate';
    const [surge, unavailable] = rolling
      ? resolveFenceposts(spec.strategy?.rollingUpdate?.maxSurge, spec.strategy?.rollingUpdate?.maxUnavailable, desired)
      : [0, 0];
    // The oldest ReplicaSet with the same template is the new one (FindNewReplicaSet).
    const sorted = [...all].sort((a, b) =>
      (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''),
    );
    const newRS = sorted.find((rs) => sameTemplate((rs.spec as DeploymentSpec).template, spec.template));
    return { view, d, spec, desired, surge, unavailable, newRS, oldRSs: sorted.filter((rs) => rs !== newRS) };
  }

  private ensureNewReplicaSet(ctx: Ctx): Action[] | undefined {
    if (ctx.newRS) return undefined;
    const { d, spec, desired } = ctx;
    const hash = hashTemplate(
      spec.template,
      (d.status as { collisionCount?: number } | undefined)?.collisionCount ?? 0,
    );
    const current = ctx.oldRSs.reduce((n, rs) => n + replicasOf(rs), 0);
    const rolling = spec.strategy?.type !== 'Recreate';
    const replicas = spec.paused
      ? 0
      : rolling
        ? newRSReplicas(desired, ctx.surge, current, 0)
        : current > 0
          ? 0
          : desired;
    const revision = Math.max(0, ...ctx.oldRSs.map(revisionOf)) + 1;
    const rs = buildReplicaSet(d, hash, replicas, revision, ctx.surge);
    const name = rs.metadata.name ?? '';
    const out: Action[] = [
      {
        type: 'create',
        resource: R.replicaSets,
        object: rs,
        reason: `new pod template (revision ${revision}) → created replica set ${name} with ${replicas} replicas`,
      },
    ];
    if (replicas > 0) out.push(scaledEvent(d, name, 0, replicas));
    return out;
  }

  /** A revived ReplicaSet (rollout undo) becomes the newest revision; annotations follow the Deployment. */
  private syncRevision(ctx: Ctx): Action[] | undefined {
    const rs = ctx.newRS!;
    const maxOld = Math.max(0, ...ctx.oldRSs.map(revisionOf));
    const ann = rs.metadata.annotations ?? {};
    const wanted: Record<string, string> = {
      ...ann,
      ...copiedAnnotations(ctx.d),
      [DESIRED]: String(ctx.desired),
      [MAX_REPLICAS]: String(ctx.desired + ctx.surge),
      [REVISION]: String(revisionOf(rs) > maxOld ? revisionOf(rs) : maxOld + 1),
    };
    if (!ctx.d.metadata.annotations?.[CHANGE_CAUSE]) delete wanted[CHANGE_CAUSE];
    if (deepEqual(ann, wanted)) return undefined;
    const reason =
      revisionOf(rs) > maxOld
        ? 'annotations follow the deployment'
        : `template matches ${rs.metadata.name} → it becomes revision ${wanted[REVISION]}`;
    return [
      {
        type: 'update',
        resource: R.replicaSets,
        object: { ...rs, metadata: { ...rs.metadata, annotations: wanted } },
        reason,
      },
    ];
  }

  /** The Deployment carries its current revision too (SetDeploymentRevision); `kubectl describe` shows it. */
  private annotateDeployment(ctx: Ctx): Action[] | undefined {
    const revision = String(revisionOf(ctx.newRS!));
    const ann = ctx.d.metadata.annotations ?? {};
    if (ann[REVISION] === revision) return undefined;
    return [
      {
        type: 'update',
        resource: R.deployments,
        object: { ...ctx.d, metadata: { ...ctx.d.metadata, annotations: { ...ann, [REVISION]: revision } } },
        reason: `new replica set ${ctx.newRS!.metadata.name} is revision ${revision}`,
      },
    ];
  }

  private rollout(ctx: Ctx): Action[] | undefined {
    return ctx.spec.strategy?.type === 'Recreate' ? this.recreate(ctx) : (this.scaleNew(ctx) ?? this.scaleOld(ctx));
  }

  private scaleNew(ctx: Ctx): Action[] | undefined {
    const rs = ctx.newRS!;
    const current = replicasOf(rs);
    const all = [rs, ...ctx.oldRSs].reduce((n, r) => n + replicasOf(r), 0);
    const target = current > ctx.desired ? ctx.desired : newRSReplicas(ctx.desired, ctx.surge, all, current);
    return target === current
      ? undefined
      : scale(ctx.d, rs, target, `desired ${ctx.desired}, maxSurge ${ctx.surge}: ${all} pods exist`);
  }

  private scaleOld(ctx: Ctx): Action[] | undefined {
    const old = ctx.oldRSs.filter((rs) => replicasOf(rs) > 0);
    if (old.length === 0) return undefined;
    const rs = ctx.newRS!;
    const all = [rs, ...ctx.oldRSs].reduce((n, r) => n + replicasOf(r), 0);
    const newUnavailable = replicasOf(rs) - statusCount(rs, 'availableReplicas');
    let budget = maxScaledDown(all, ctx.desired, ctx.unavailable, newUnavailable);
    if (budget <= 0) return undefined;
    // First remove old pods that are not available anyway (cleanupUnhealthyReplicas)...
    for (const o of old) {
      const unhealthy = replicasOf(o) - statusCount(o, 'availableReplicas');
      if (unhealthy > 0) {
        const by = Math.min(unhealthy, budget);
        return scale(ctx.d, o, replicasOf(o) - by, `${unhealthy} old pods are unavailable`);
      }
    }
    // ...then available ones, keeping desired - maxUnavailable available.
    const available = [rs, ...ctx.oldRSs].reduce((n, r) => n + statusCount(r, 'availableReplicas'), 0);
    budget = Math.min(budget, availabilityScaleDown(available, ctx.desired, ctx.unavailable));
    if (budget <= 0) return undefined;
    const o = old[0]!;
    const by = Math.min(replicasOf(o), budget);
    return scale(
      ctx.d,
      o,
      replicasOf(o) - by,
      `${available} available, at least ${ctx.desired - ctx.unavailable} must stay available`,
    );
  }

  private recreate(ctx: Ctx): Action[] | undefined {
    const running = ctx.oldRSs.find((rs) => replicasOf(rs) > 0);
    if (running) return scale(ctx.d, running, 0, 'Recreate: old pods go first');
    const oldPods = ctx.oldRSs.some((rs) => statusCount(rs, 'replicas') > 0);
    const rs = ctx.newRS!;
    if (oldPods || replicasOf(rs) === ctx.desired) return undefined;
    return scale(ctx.d, rs, ctx.desired, 'Recreate: all old pods are gone');
  }

  private cleanup(ctx: Ctx): Action[] | undefined {
    const limit = ctx.spec.revisionHistoryLimit ?? 10;
    const idle = ctx.oldRSs.filter((rs) => replicasOf(rs) === 0 && statusCount(rs, 'replicas') === 0);
    const extra = idle.length - limit;
    if (extra <= 0) return undefined;
    const victims = [...idle].sort((a, b) => revisionOf(a) - revisionOf(b)).slice(0, extra);
    return victims.map((rs) => ({
      type: 'delete' as const,
      resource: R.replicaSets,
      namespace: rs.metadata.namespace,
      name: rs.metadata.name ?? '',
      uid: rs.metadata.uid,
      reason: `revisionHistoryLimit ${limit}: old revision ${revisionOf(rs)} removed`,
    }));
  }
}

function scale(d: KubeObject, rs: KubeObject, to: number, why: string): Action[] {
  const from = replicasOf(rs);
  return [
    {
      type: 'update',
      resource: R.replicaSets,
      object: { ...rs, spec: { ...(rs.spec as object), replicas: to } },
      reason: `${why} → scaled ${rs.metadata.name} from ${from} to ${to}`,
    },
    scaledEvent(d, rs.metadata.name ?? '', from, to),
  ];
}

function scaledEvent(d: KubeObject, rsName: string, from: number, to: number): Action {
  const dir = to > from ? 'up' : 'down';
  return {
    type: 'event',
    object: d,
    eventType: 'Normal',
    reason: 'ScalingReplicaSet',
    message: `Scaled ${dir} replica set ${rsName} from ${from} to ${to}`,
  };
}
