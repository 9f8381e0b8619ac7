/**
 * The two strategies (rolling.go, recreate.go). RollingUpdate grows the new
 * ReplicaSet up to replicas + maxSurge, then shrinks old ones: unhealthy old
 * pods first (they count for nothing), then available ones while at least
 * replicas - maxUnavailable stay available. Recreate empties the old
 * ReplicaSets, waits for their pods to be gone, then starts the new one.
 */
import type { KubeObject } from '../../api/types.ts';
import { R } from '../resources.ts';
import type { ClusterView } from '../runtime/types.ts';
import { maxScaledDown, newRSReplicas } from './arithmetic.ts';
import { byCreation, replicasOf, statusCount } from './replicasets.ts';
import type { Ctx, Plan } from './sync.ts';

const sum = (rss: KubeObject[]) => rss.reduce((n, rs) => n + replicasOf(rs), 0);

/** reconcileNewReplicaSet: true when the new ReplicaSet was scaled. */
export function reconcileNewReplicaSet(ctx: Ctx, plan: Plan): boolean {
  const rs = plan.newRS;
  if (!rs) return false;
  const current = replicasOf(rs);
  if (current === ctx.desired) return false;
  if (current > ctx.desired) return plan.scaleAndRecord(rs, ctx.desired, `desired ${ctx.desired}`);
  const all = sum(plan.all);
  const target = newRSReplicas(ctx.desired, ctx.surge, all, current);
  return plan.scaleAndRecord(rs, target, `desired ${ctx.desired}, maxSurge ${ctx.surge}: ${all} pods exist`);
}

/** A cached ReplicaSet claims more available pods than it wants: upstream's sync fails and retries. */
export const STALE = 'stale';

/**
 * reconcileOldReplicaSets. Worked example (10 replicas, maxSurge 3,
 * maxUnavailable 2, new ReplicaSet at 3 with none available, old at 10):
 * 13 - 8 - 3 = 2 may go, so old shrinks to 8; once the new pods are
 * available, 3 more.
 */
export function reconcileOldReplicaSets(ctx: Ctx, plan: Plan): boolean | typeof STALE {
  const rs = plan.newRS;
  if (!rs || sum(plan.oldRSs) === 0) return false;
  const newUnavailable = replicasOf(rs) - statusCount(rs, 'availableReplicas');
  const budget = maxScaledDown(sum(plan.all), ctx.desired, ctx.maxUnavailable, newUnavailable);
  if (budget <= 0) return false;
  const cleaned = cleanupUnhealthyReplicas(plan, budget);
  if (cleaned === STALE) return STALE;
  const scaled = scaleDownOldForRollingUpdate(ctx, plan);
  return cleaned + scaled > 0;
}

/**
 * cleanupUnhealthyReplicas. Just after a scale-down the ReplicaSet's status
 * may still count the pods it is deleting (spec 7, available 11): upstream
 * rejects that "invalid request to scale down" and retries, rather than act
 * on stale numbers.
 */
function cleanupUnhealthyReplicas(plan: Plan, budget: number): number | typeof STALE {
  let total = 0;
  for (const rs of [...plan.oldRSs].sort(byCreation)) {
    if (total >= budget) break;
    const unhealthy = replicasOf(rs) - statusCount(rs, 'availableReplicas');
    if (replicasOf(rs) === 0 || unhealthy === 0) continue;
    if (unhealthy < 0) return STALE;
    const by = Math.min(budget - total, unhealthy);
    plan.scaleAndRecord(rs, replicasOf(rs) - by, `${unhealthy} old pods of ${rs.metadata.name} are unavailable`);
    total += by;
  }
  return total;
}

function scaleDownOldForRollingUpdate(ctx: Ctx, plan: Plan): number {
  const minAvailable = ctx.desired - ctx.maxUnavailable;
  const available = plan.all.reduce((n, rs) => n + statusCount(rs, 'availableReplicas'), 0);
  if (available <= minAvailable) return 0;
  const budget = available - minAvailable;
  let total = 0;
  for (const rs of [...plan.oldRSs].sort(byCreation)) {
    if (total >= budget) break;
    if (replicasOf(rs) === 0) continue;
    const by = Math.min(replicasOf(rs), budget - total);
    plan.scaleAndRecord(
      rs,
      replicasOf(rs) - by,
      `${available} available, at least ${minAvailable} must stay available`,
    );
    total += by;
  }
  return total;
}

/** scaleDownOldReplicaSetsForRecreate: every active old ReplicaSet to 0. */
export function scaleDownOldForRecreate(plan: Plan): boolean {
  let scaled = false;
  for (const rs of plan.oldRSs)
    if (replicasOf(rs) > 0) scaled = plan.scaleAndRecord(rs, 0, 'Recreate: old pods go first') || scaled;
  return scaled;
}

/** oldPodsRunning: an old ReplicaSet still reports pods, or owns a pod not yet finished (terminating ones count). */
export function oldPodsRunning(view: ClusterView, ctx: Ctx): boolean {
  if (ctx.oldRSs.some((rs) => statusCount(rs, 'replicas') > 0)) return true;
  return ctx.oldRSs.some((rs) =>
    view.ownedBy(R.pods, rs.metadata.uid ?? '').some((p) => {
      const phase = (p.status as { phase?: string } | undefined)?.phase;
      return phase !== 'Failed' && phase !== 'Succeeded';
    }),
  );
}
