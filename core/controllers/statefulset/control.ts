/**
 * The pod half of stateful_set_control.go updateStatefulSet: fill the ordinal
 * slots, delete condemned pods above the range, then roll pods to the update
 * revision. OrderedReady ("monotonic") stops at the first pod that is not
 * Running, Ready and available; Parallel creates and deletes all at once.
 *
 * Example, OrderedReady, 3 replicas, no pods: pass 1 creates web-0 and stops;
 * web-0 Pending → passes stop at web-0; Ready (and minReadySeconds later) →
 * web-1 is created; and so on. Scaling 5 → 2 deletes web-4, waits until it is
 * gone, then web-3, then web-2. A rolling update deletes web-2 (highest
 * ordinal first), waits for the new web-2 to be available, then web-1, down
 * to `partition`.
 */
import type { KubeObject } from '../../api/types.ts';
import type { Action } from '../runtime/types.ts';
import { claimIsStale, claimOwnersMatch, ownerRefsFor } from './claims.ts';
import {
  claimsFor,
  identityMatches,
  isFinished,
  isRunningAndAvailable,
  isRunningAndReady,
  isTerminating,
  isUnavailable,
  newStatefulSetPod,
  ordinalOf,
  revisionOfPod,
  withIdentity,
} from './identity.ts';
import type { StatefulSetSpec } from './identity.ts';
import { createClaim, createPod, deletePod, failedCreate, updateClaimOwners, updatePod } from './podcontrol.ts';
import type { Revisions } from './revisions.ts';
import { statusOf, templateOf } from './revisions.ts';
import { podPhase } from '../podutil.ts';

export interface Slot {
  ordinal: number;
  pod: KubeObject | undefined;
}

export interface ControlCtx {
  set: KubeObject;
  spec: StatefulSetSpec;
  revs: Revisions;
  now: number;
  /** Slots start..end in ordinal order; `pod` undefined when it must be created. */
  replicas: Slot[];
  /** Member pods above (or below) the range, highest ordinal first. */
  condemned: KubeObject[];
  claim(name: string): KubeObject | undefined;
}

/** The one step this pass takes on pods and claims (may be several writes in Parallel mode). */
export function updateStatefulSet(ctx: ControlCtx): Action[] {
  const monotonic = ctx.spec.podManagementPolicy !== 'Parallel';
  const out: Action[] = [];
  for (const slot of ctx.replicas) if (processReplica(ctx, slot, monotonic, out) && monotonic) return out;
  for (const pod of ctx.condemned) fixClaims(ctx, pod, out);
  const firstUnhealthy = firstUnhealthyCondemned(ctx);
  for (const pod of ctx.condemned) {
    if (processCondemned(ctx, pod, pod === firstUnhealthy, monotonic, out) && monotonic) return out;
  }
  if (ctx.spec.updateStrategy?.type === 'OnDelete') return out;
  return [...out, ...rollingUpdate(ctx)];
}

/** processReplica: true when an OrderedReady set must stop here. */
function processReplica(ctx: ControlCtx, slot: Slot, monotonic: boolean, out: Action[]): boolean {
  const { set } = ctx;
  const pod = slot.pod;
  const minReady = ctx.spec.minReadySeconds ?? 0;
  // A Failed or Succeeded pod is deleted; the next pass creates it again with the same name.
  if (pod && isFinished(pod)) {
    if (!isTerminating(pod)) out.push(...deletePod(set, pod, `pod ${pod.metadata.name} is ${podPhase(pod)}`));
    return true;
  }
  if (!pod) {
    const fresh = versionedPod(ctx, slot.ordinal);
    const claims = [...claimsFor(set, slot.ordinal).values()];
    if (claims.some((c) => claimIsStale(set, ctx.claim(c.metadata.name ?? ''), fresh))) return true;
    const terminating = claims.find((c) => isTerminating(ctx.claim(c.metadata.name ?? '')));
    if (terminating) {
      out.push(...failedCreate(set, fresh, `pvc ${terminating.metadata.name} is being deleted`));
      return true;
    }
    out.push(...missingClaims(ctx, fresh));
    out.push(...createPod(set, fresh, `ordinal ${slot.ordinal} of ${set.metadata.name} has no pod`));
    return monotonic;
  }
  if (podPhase(pod) === 'Pending') out.push(...missingClaims(ctx, pod));
  if (monotonic && (isTerminating(pod) || !isRunningAndReady(pod))) return true;
  if (monotonic && !isRunningAndAvailable(pod, minReady, ctx.now)) return true;
  if (!identityMatches(set, pod)) out.push(...updatePod(set, withIdentity(pod), 'identity labels missing'));
  fixClaims(ctx, pod, out);
  return false;
}

/** processCondemned: scale down from the highest ordinal, one healthy pod at a time when ordered. */
function processCondemned(
  ctx: ControlCtx,
  pod: KubeObject,
  firstUnhealthy: boolean,
  monotonic: boolean,
  out: Action[],
): boolean {
  if (isTerminating(pod)) return monotonic;
  const minReady = ctx.spec.minReadySeconds ?? 0;
  const healthy = isRunningAndReady(pod) && isRunningAndAvailable(pod, minReady, ctx.now);
  if (monotonic && !healthy && !firstUnhealthy) return true;
  const replicas = ctx.spec.replicas ?? 1;
  out.push(...deletePod(ctx.set, pod, `scale down to ${replicas} replicas`));
  return true;
}

/**
 * The rolling update: from the highest ordinal down to the partition, delete
 * the first pod not at the update revision, or wait for one that is unavailable.
 */
function rollingUpdate(ctx: ControlCtx): Action[] {
  const min = ctx.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
  const update = ctx.revs.update.metadata.name;
  const minReady = ctx.spec.minReadySeconds ?? 0;
  for (let i = ctx.replicas.length - 1; i >= min; i--) {
    const pod = ctx.replicas[i]?.pod;
    if (!pod) return [];
    if (revisionOfPod(pod) !== update && !isTerminating(pod)) {
      return deletePod(ctx.set, pod, `rolling update to ${update}`);
    }
    if (isUnavailable(pod, minReady, ctx.now)) return [];
  }
  return [];
}

/**
 * newVersionedStatefulSetPod: ordinals below the partition (or, with no
 * rollingUpdate block, below status.currentReplicas) are recreated at the
 * current revision, all others at the update revision.
 */
function versionedPod(ctx: ControlCtx, ordinal: number): KubeObject {
  const { spec, revs } = ctx;
  const start = spec.ordinals?.start ?? 0;
  const ru = spec.updateStrategy?.rollingUpdate;
  const rolling = (spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
  const useCurrent =
    (rolling && !ru && ordinal < start + (statusOf(ctx.set).currentReplicas ?? 0)) ||
    (!!ru && ordinal < start + (ru.partition ?? 0));
  const rev = useCurrent ? revs.current : revs.update;
  return newStatefulSetPod(ctx.set, templateOf(rev), ordinal, rev.metadata.name ?? '');
}

/** createPersistentVolumeClaims: claims of `pod` that do not exist yet, owned as the policy says. */
function missingClaims(ctx: ControlCtx, pod: KubeObject): Action[] {
  const out: Action[] = [];
  for (const claim of claimsFor(ctx.set, ordinalOf(pod)).values()) {
    if (ctx.claim(claim.metadata.name ?? '')) continue;
    const refs = ownerRefsFor(claim, ctx.set, pod);
    const owned = refs?.length ? { ...claim, metadata: { ...claim.metadata, ownerReferences: refs } } : claim;
    out.push(...createClaim(ctx.set, pod, owned));
  }
  return out;
}

/** UpdatePodClaimForRetentionPolicy for the claims of an existing pod. */
function fixClaims(ctx: ControlCtx, pod: KubeObject, out: Action[]): void {
  for (const wanted of claimsFor(ctx.set, ordinalOf(pod)).values()) {
    const claim = ctx.claim(wanted.metadata.name ?? '');
    if (!claim || claimOwnersMatch(claim, ctx.set, pod)) continue;
    const refs = ownerRefsFor(claim, ctx.set, pod);
    const why = `persistentVolumeClaimRetentionPolicy of ${ctx.set.metadata.name} for pod ${pod.metadata.name}`;
    if (refs) out.push(...updateClaimOwners(claim, refs, why));
  }
}

/** The first unavailable pod is a condemned one only when every replica in range is available. */
function firstUnhealthyCondemned(ctx: ControlCtx): KubeObject | undefined {
  const minReady = ctx.spec.minReadySeconds ?? 0;
  if (ctx.replicas.some((s) => isUnavailable(s.pod, minReady, ctx.now))) return undefined;
  return [...ctx.condemned].reverse().find((p) => isUnavailable(p, minReady, ctx.now));
}
