/**
 * Deployment controller: rolls a Deployment's template out through
 * ReplicaSets. Mirrors pkg/controller/deployment (deployment_controller.go
 * syncDeployment, sync.go, rolling.go, recreate.go, progress.go). A pass
 * checks the paused condition, syncs the new ReplicaSet's revision, then
 * either scales (paused, or replicas changed: proportional scaling across
 * active ReplicaSets) or rolls out, and publishes status with the progress
 * deadline. One mutating step per pass. Simplifications: no hash-collision
 * loop, no adoption or orphaning of ReplicaSets, no rollbackTo (apps/v1 has none).
 */
import type { KubeObject } from '../../api/types.ts';
import { isoSeconds } from '../../clock/clock.ts';
import { R } from '../resources.ts';
import type { Action, ClusterView, Controller } from '../runtime/types.ts';
import { ownerOfKind, self, splitKey } from '../runtime/types.ts';
import { newRSReplicas, resolveFenceposts } from './arithmetic.ts';
import type { IntOrPercent } from './arithmetic.ts';
import {
  FOUND_NEW_RS,
  NEW_RS_CREATED,
  pausedConditionUpdate,
  progressDeadline,
  syncDeploymentStatus,
  syncRolloutStatus,
} from './progress.ts';
import {
  REVISION,
  buildReplicaSet,
  byCreation,
  hashTemplate,
  replicasOf,
  revisionOf,
  sameTemplate,
  syncedAnnotations,
} from './replicasets.ts';
import {
  STALE,
  oldPodsRunning,
  reconcileNewReplicaSet,
  reconcileOldReplicaSets,
  scaleDownOldForRecreate,
} from './rolling.ts';
import { PROGRESSING, deploymentComplete, getCondition, newCondition, setCondition, statusOf } from './status.ts';
import type { DeploymentStatus } from './status.ts';
import { Plan, cleanupDeployment, isScalingEvent, scale } from './sync.ts';
import type { Ctx } from './sync.ts';

const NAME = 'deployment-controller';
/** The first step of upstream's rate-limited retry after a failed sync. */
const RETRY_MS = 5;

interface DeploymentSpec {
  replicas?: number;
  paused?: boolean;
  minReadySeconds?: number;
  template?: { metadata?: KubeObject['metadata']; spec?: unknown };
  strategy?: { type?: string; rollingUpdate?: { maxSurge?: IntOrPercent; maxUnavailable?: IntOrPercent } };
}

export class DeploymentController implements Controller {
  readonly name = NAME;
  readonly watches = [
    { resource: R.deployments, keys: self },
    { resource: R.replicaSets, keys: ownerOfKind('Deployment') },
  ];

  /** syncDeployment: the order of upstream's checks, one mutating step per pass. */
  reconcile(view: ClusterView, key: string): Action[] {
    const [namespace, name] = splitKey(key);
    const d = view.get(R.deployments, namespace, name);
    if (!d) return [];
    const ctx = context(view, d);
    if (d.metadata.deletionTimestamp) return syncDeploymentStatus(ctx, all(ctx), ctx.newRS);
    const paused = spec(d).paused === true;
    const step = pausedConditionUpdate(ctx) ?? this.syncRevision(ctx);
    if (step) return step;
    if (paused || isScalingEvent(ctx)) return this.sync(ctx, paused);
    return rolling(d) ? this.rolloutRolling(ctx) : this.rolloutRecreate(view, ctx);
  }

  /** sync(): scale (proportionally when several ReplicaSets are active); a paused Deployment also prunes history. */
  private sync(ctx: Ctx, paused: boolean): Action[] {
    const plan = new Plan(ctx);
    scale(ctx, plan, rolling(ctx.d));
    const cleanup = plan.actions.length === 0 && paused ? cleanupDeployment(ctx, plan) : [];
    return [...plan.actions, ...cleanup, ...syncDeploymentStatus(ctx, plan.all, plan.newRS)];
  }

  private rolloutRolling(ctx: Ctx): Action[] {
    if (!ctx.newRS) return this.createNewReplicaSet(ctx);
    const plan = new Plan(ctx);
    if (!reconcileNewReplicaSet(ctx, plan) && reconcileOldReplicaSets(ctx, plan) === STALE)
      return [{ type: 'requeueAfter', ms: RETRY_MS }];
    const cleanup =
      plan.actions.length === 0 && deploymentComplete(ctx.d, statusOf(ctx.d)) ? cleanupDeployment(ctx, plan) : [];
    return [...plan.actions, ...cleanup, ...syncRolloutStatus(ctx, plan.all, plan.newRS)];
  }

  private rolloutRecreate(view: ClusterView, ctx: Ctx): Action[] {
    const plan = new Plan(ctx);
    if (scaleDownOldForRecreate(plan) || oldPodsRunning(view, ctx))
      return [...plan.actions, ...syncRolloutStatus(ctx, plan.all, plan.newRS)];
    if (!ctx.newRS) return this.createNewReplicaSet(ctx);
    plan.scaleAndRecord(ctx.newRS, ctx.desired, 'Recreate: all old pods are gone');
    const cleanup =
      plan.actions.length === 0 && deploymentComplete(ctx.d, statusOf(ctx.d)) ? cleanupDeployment(ctx, plan) : [];
    return [...plan.actions, ...cleanup, ...syncRolloutStatus(ctx, plan.all, plan.newRS)];
  }

  /**
   * getNewReplicaSet, existing case: the new ReplicaSet takes the next
   * revision (a revived one after `rollout undo` too), the Deployment's
   * annotations and minReadySeconds; then the Deployment carries the revision,
   * and a first Progressing condition notes the ReplicaSet found.
   */
  private syncRevision(ctx: Ctx): Action[] | undefined {
    const rs = ctx.newRS;
    if (!rs) return undefined;
    const revision = Math.max(0, ...ctx.oldRSs.map(revisionOf)) + 1;
    const annotations = syncedAnnotations(ctx.d, rs, revision);
    const minReady = spec(ctx.d).minReadySeconds ?? 0;
    const rsMinReady = (rs.spec as { minReadySeconds?: number }).minReadySeconds ?? 0;
    if (annotations || minReady !== rsMinReady) {
      const rsSpec = { ...(rs.spec as Record<string, unknown>) };
      if (minReady) rsSpec.minReadySeconds = minReady;
      else delete rsSpec.minReadySeconds;
      const revived = revisionOf(rs) < revision && revisionOf(rs) > 0;
      return [
        {
          type: 'update',
          resource: R.replicaSets,
          object: {
            ...rs,
            metadata: { ...rs.metadata, annotations: annotations ?? rs.metadata.annotations },
            spec: rsSpec,
          },
          reason: revived
            ? `template matches ${rs.metadata.name} → it becomes revision ${revision}`
            : 'annotations and minReadySeconds follow the deployment',
        },
      ];
    }
    return this.annotateDeployment(ctx, rs) ?? this.foundCondition(ctx, rs);
  }

  /** SetDeploymentRevision: `kubectl describe` and `rollout history` read it. */
  private annotateDeployment(ctx: Ctx, rs: KubeObject): Action[] | undefined {
    const revision = String(revisionOf(rs));
    const ann = ctx.d.metadata.annotations ?? {};
    if (ann[REVISION] === revision) return undefined;
    return [
      {
        type: 'update',
        resource: R.deployments,
        object: { ...ctx.d, metadata: { ...ctx.d.metadata, annotations: { ...ann, [REVISION]: revision } } },
        reason: `new replica set ${rs.metadata.name} is revision ${revision}`,
      },
    ];
  }

  private foundCondition(ctx: Ctx, rs: KubeObject): Action[] | undefined {
    if (progressDeadline(ctx.d) === undefined || getCondition(statusOf(ctx.d), PROGRESSING)) return undefined;
    return progressingUpdate(ctx, FOUND_NEW_RS, `Found new replica set "${rs.metadata.name ?? ''}"`);
  }

  /** getNewReplicaSet, create case: sized by NewRSNewReplicas; the Progressing condition says so. */
  private createNewReplicaSet(ctx: Ctx): Action[] {
    const { d, desired } = ctx;
    const hash = hashTemplate(spec(d).template, statusOf(d).collisionCount ?? 0);
    const current = ctx.oldRSs.reduce((n, rs) => n + replicasOf(rs), 0);
    const replicas = rolling(d) ? newRSReplicas(desired, ctx.surge, current, 0) : desired;
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
    if (replicas > 0)
      out.push({
        type: 'event',
        object: d,
        eventType: 'Normal',
        reason: 'ScalingReplicaSet',
        message: `Scaled up replica set ${name} from 0 to ${replicas}`,
      });
    if (progressDeadline(d) !== undefined)
      out.push(...progressingUpdate(ctx, NEW_RS_CREATED, `Created new replica set "${name}"`));
    return out;
  }
}

function progressingUpdate(ctx: Ctx, reason: string, message: string): Action[] {
  const status: DeploymentStatus = { ...statusOf(ctx.d) };
  setCondition(status, newCondition(isoSeconds(ctx.now), PROGRESSING, 'True', reason, message));
  return [
    {
      type: 'update',
      resource: R.deployments,
      subresource: 'status',
      object: { ...ctx.d, status },
      reason: message,
    },
  ];
}

function spec(d: KubeObject): DeploymentSpec {
  return (d.spec ?? {}) as DeploymentSpec;
}

function rolling(d: KubeObject): boolean {
  return spec(d).strategy?.type !== 'Recreate';
}

function all(ctx: Ctx): KubeObject[] {
  return ctx.newRS ? [ctx.newRS, ...ctx.oldRSs] : ctx.oldRSs;
}

/** The Deployment's ReplicaSets, the new one (FindNewReplicaSet: oldest with the same template) apart. */
function context(view: ClusterView, d: KubeObject): Ctx {
  const s = spec(d);
  const desired = replicasOf(d);
  const [surge, unavailable] = rolling(d)
    ? resolveFenceposts(s.strategy?.rollingUpdate?.maxSurge, s.strategy?.rollingUpdate?.maxUnavailable, desired)
    : [0, 0];
  const owned = view
    .ownedBy(R.replicaSets, d.metadata.uid ?? '')
    .filter((rs) => !rs.metadata.deletionTimestamp)
    .sort(byCreation);
  const newRS = owned.find((rs) => sameTemplate((rs.spec as DeploymentSpec).template, s.template));
  return {
    d,
    now: view.now(),
    desired,
    surge,
    maxUnavailable: desired === 0 ? 0 : Math.min(unavailable, desired),
    newRS,
    oldRSs: owned.filter((rs) => rs !== newRS),
  };
}
