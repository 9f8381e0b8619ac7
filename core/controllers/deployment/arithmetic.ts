/**
 * The rolling-update arithmetic of pkg/controller/deployment/util, pure.
 *
 * Worked example (10 replicas, maxSurge 3, maxUnavailable 2): at most 13
 * pods exist at once and at least 8 are available. Starting from old=10
 * available, new=0: the new ReplicaSet may grow to 13 - 10 = 3; old ones may
 * shrink by available(10) - minAvailable(8) = 2, and so on until new=10.
 */

export type IntOrPercent = number | string | undefined;

/** intstr.GetScaledValueFromIntOrPercent. */
export function scaled(value: IntOrPercent, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(value);
  if (!m) return Number.parseInt(value, 10) || 0;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/**
 * ResolveFenceposts: surge rounds up, unavailable rounds down; both zero
 * would deadlock a rollout, so unavailable becomes 1.
 */
export function resolveFenceposts(
  maxSurge: IntOrPercent,
  maxUnavailable: IntOrPercent,
  desired: number,
): [surge: number, unavailable: number] {
  const surge = scaled(maxSurge ?? '25%', desired, true);
  let unavailable = scaled(maxUnavailable ?? '25%', desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

/** NewRSNewReplicas for RollingUpdate: how big the new ReplicaSet may be now. */
export function newRSReplicas(
  desired: number,
  maxSurge: number,
  currentPodCount: number,
  newRSCurrent: number,
): number {
  const maxTotal = desired + maxSurge;
  if (currentPodCount >= maxTotal) return newRSCurrent;
  const scaleUp = Math.min(maxTotal - currentPodCount, desired - newRSCurrent);
  return newRSCurrent + Math.max(0, scaleUp);
}

/**
 * How many old pods may be removed now (reconcileOldReplicaSets):
 * all - minAvailable - new ones not yet available.
 */
export function maxScaledDown(
  allPods: number,
  desired: number,
  maxUnavailable: number,
  newRSUnavailable: number,
): number {
  return allPods - (desired - maxUnavailable) - newRSUnavailable;
}

/** Scale-down budget by availability (scaleDownOldReplicaSetsForRollingUpdate). */
export function availabilityScaleDown(availablePods: number, desired: number, maxUnavailable: number): number {
  return availablePods - (desired - maxUnavailable);
}

/**
 * getReplicaSetFraction + GetProportion (deployment_util.go): how many of the
 * replicas being added (or removed, when negative) one active ReplicaSet gets.
 * Its share is its size scaled by newMax / the max-replicas annotation it was
 * last scaled under, rounded half away from zero, capped by what is left.
 *
 * Worked example (docs "Proportional scaling"): 10 replicas, maxSurge 3, a
 * rollout stuck at old 8 + new 5 (both annotated max-replicas 13); scaled to
 * 15, the new max is 18 and 5 replicas are to add. Largest first: old gets
 * round(8·18/13) − 8 = 3, new gets min(round(5·18/13) − 5, 5 − 3) = 2.
 */
export function proportion(
  rsReplicas: number,
  annotatedMax: number,
  desired: number,
  newMax: number,
  toAdd: number,
  added: number,
): number {
  if (rsReplicas === 0 || toAdd === 0 || toAdd === added) return 0;
  let fraction: number;
  if (desired === 0) fraction = -rsReplicas;
  else if (annotatedMax === 0) fraction = 0;
  else fraction = roundHalfAway((rsReplicas * newMax) / annotatedMax) - rsReplicas;
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** Go's math.Round: halves round away from zero. */
function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}
