/**
 * Scaling a Deployment (sync.go scale, isScalingEvent, cleanupDeployment;
 * deployment_util.go IsSaturated, FindActiveOrLatest). A `Plan` collects the
 * ReplicaSet writes of one pass and the objects as they will be after them,
 * so the status written in the same pass counts what was just decided.
 */
import type { KubeObject } from '../../api/types.ts';
import { R } from '../resources.ts';
import type { Action } from '../runtime/types.ts';
import { proportion } from './arithmetic.ts';
import {
  DESIRED,
  MAX_REPLICAS,
  byCreation,
  bySize,
  intAnnotation,
  replicasOf,
  revisionOf,
  statusCount,
} from './replicasets.ts';

/** What one pass knows about a Deployment and its ReplicaSets. */
export interface Ctx {
  d: KubeObject;
  now: number;
  desired: number;
  /** MaxSurge(d): 0 for Recreate. */
  surge: number;
  /** MaxUnavailable(d): 0 for Recreate or 0 replicas, never above replicas. */
  maxUnavailable: number;
  newRS: KubeObject | undefined;
  /** Oldest first. */
  oldRSs: KubeObject[];
}

export class Plan {
  readonly actions: Action[] = [];
  private readonly latest = new Map<string, KubeObject>();

  constructor(private readonly ctx: Ctx) {}

  /** The ReplicaSet as it will be once this pass's writes are applied. */
  get(rs: KubeObject): KubeObject {
    return this.latest.get(rs.metadata.uid ?? rs.metadata.name ?? '') ?? rs;
  }

  get newRS(): KubeObject | undefined {
    return this.ctx.newRS && this.get(this.ctx.newRS);
  }

  get oldRSs(): KubeObject[] {
    return this.ctx.oldRSs.map((rs) => this.get(rs));
  }

  get all(): KubeObject[] {
    const n = this.newRS;
    return n ? [n, ...this.oldRSs] : this.oldRSs;
  }

  /** scaleReplicaSetAndRecordEvent: nothing when the size is already right. */
  scaleAndRecord(rs: KubeObject, to: number, why: string): boolean {
    const from = replicasOf(this.get(rs));
    if (from === to) return false;
    return this.scale(rs, to, from < to ? 'up' : 'down', why);
  }

  /** scaleReplicaSet: the size and the desired/max-replicas annotations; an event when the size changes. */
  scale(rs: KubeObject, to: number, op: string, why: string): boolean {
    const cur = this.get(rs);
    const from = replicasOf(cur);
    const { d, desired, surge } = this.ctx;
    const ann = cur.metadata.annotations ?? {};
    const wanted = { ...ann, [DESIRED]: String(desired), [MAX_REPLICAS]: String(desired + surge) };
    const annotate = ann[DESIRED] !== wanted[DESIRED] || ann[MAX_REPLICAS] !== wanted[MAX_REPLICAS];
    if (from === to && !annotate) return false;
    const next = {
      ...cur,
      metadata: { ...cur.metadata, annotations: wanted },
      spec: { ...(cur.spec as object), replicas: to },
    };
    this.latest.set(rs.metadata.uid ?? rs.metadata.name ?? '', next);
    const name = rs.metadata.name ?? '';
    this.actions.push({
      type: 'update',
      resource: R.replicaSets,
      object: next,
      reason:
        from === to
          ? `${why} → annotated ${name} for ${desired} replicas`
          : `${why} → scaled ${name} from ${from} to ${to}`,
    });
    if (from !== to)
      this.actions.push({
        type: 'event',
        object: d,
        eventType: 'Normal',
        reason: 'ScalingReplicaSet',
        message: `Scaled ${op} replica set ${name} from ${from} to ${to}`,
      });
    return true;
  }
}

const active = (rs: KubeObject | undefined): rs is KubeObject => rs !== undefined && replicasOf(rs) > 0;

/** isScalingEvent: an active ReplicaSet was last scaled for a different replica count. */
export function isScalingEvent(ctx: Ctx): boolean {
  return [ctx.newRS, ...ctx.oldRSs].filter(active).some((rs) => {
    const want = intAnnotation(rs, DESIRED);
    return want !== undefined && want !== ctx.desired;
  });
}

/** IsSaturated: the new ReplicaSet runs every desired replica, all available. */
function isSaturated(ctx: Ctx, rs: KubeObject | undefined): boolean {
  if (!rs) return false;
  const want = intAnnotation(rs, DESIRED);
  return replicasOf(rs) === ctx.desired && want === ctx.desired && statusCount(rs, 'availableReplicas') === ctx.desired;
}

/** FindActiveOrLatest: the only active ReplicaSet, or the newest one when none is active. */
function activeOrLatest(ctx: Ctx): KubeObject | undefined {
  if (!ctx.newRS && ctx.oldRSs.length === 0) return undefined;
  const newestFirst = [...ctx.oldRSs].sort((a, b) => byCreation(b, a));
  const live = [...newestFirst, ctx.newRS].filter(active);
  if (live.length === 0) return ctx.newRS ?? newestFirst[0];
  return live.length === 1 ? live[0] : undefined;
}

/**
 * scale(): one active ReplicaSet takes the whole count; a saturated new one
 * lets the old ones go; otherwise (RollingUpdate) the replicas added or
 * removed are shared in proportion, largest first, leftovers to the largest.
 */
export function scale(ctx: Ctx, plan: Plan, rolling: boolean): void {
  const only = activeOrLatest(ctx);
  if (only) {
    plan.scaleAndRecord(only, ctx.desired, `desired ${ctx.desired}`);
    return;
  }
  if (isSaturated(ctx, ctx.newRS)) {
    for (const old of ctx.oldRSs.filter(active)) plan.scaleAndRecord(old, 0, 'the new replica set is saturated');
    return;
  }
  if (!rolling) return;
  const rss = [ctx.newRS, ...ctx.oldRSs].filter(active);
  const allowed = ctx.desired > 0 ? ctx.desired + ctx.surge : 0;
  const toAdd = allowed - rss.reduce((n, rs) => n + replicasOf(rs), 0);
  if (toAdd !== 0) rss.sort(bySize(toAdd > 0));
  const statusReplicas = (ctx.d.status as { replicas?: number } | undefined)?.replicas ?? 0;
  let added = 0;
  const sizes = rss.map((rs) => {
    const annotated = intAnnotation(rs, MAX_REPLICAS) || statusReplicas;
    const share = proportion(replicasOf(rs), annotated, ctx.desired, allowed, toAdd, added);
    added += share;
    return replicasOf(rs) + share;
  });
  if (toAdd !== 0 && sizes.length > 0) sizes[0] = Math.max(0, sizes[0]! + toAdd - added);
  const op = toAdd > 0 ? 'up' : toAdd < 0 ? 'down' : '';
  rss.forEach((rs, i) =>
    plan.scale(rs, sizes[i]!, op, `proportional scaling: ${toAdd} replicas shared over ${rss.length} replica sets`),
  );
}

/**
 * cleanupDeployment: beyond revisionHistoryLimit, delete the oldest revisions
 * among the old ReplicaSets, skipping any that still have (or want) pods.
 */
export function cleanupDeployment(ctx: Ctx, plan: Plan): Action[] {
  const limit = (ctx.d.spec as { revisionHistoryLimit?: number }).revisionHistoryLimit;
  if (limit === undefined) return [];
  const cleanable = plan.oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
  const diff = cleanable.length - limit;
  if (diff <= 0) return [];
  const oldestRevisions = [...cleanable].sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
  const observed = (rs: KubeObject) =>
    ((rs.status as { observedGeneration?: number } | undefined)?.observedGeneration ?? 0) >=
    (rs.metadata.generation ?? 1);
  return oldestRevisions
    .slice(0, diff)
    .filter((rs) => statusCount(rs, 'replicas') === 0 && replicasOf(rs) === 0 && observed(rs))
    .map((rs) => ({
      type: 'delete' as const,
      resource: R.replicaSets,
      namespace: rs.metadata.namespace,
      name: rs.metadata.name ?? '',
      uid: rs.metadata.uid,
      reason: `revisionHistoryLimit ${limit}: old revision ${revisionOf(rs)} removed`,
    }));
}
