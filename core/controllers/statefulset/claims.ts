/**
 * persistentVolumeClaimRetentionPolicy through ownerReferences, as upstream's
 * stateful_pod_control.go (updateClaimOwnerRefForSetAndPod,
 * claimOwnerMatchesSetAndPod, PodClaimIsStale). The garbage collector does
 * the deleting: a claim owned by the set goes with the set (whenDeleted:
 * Delete); a claim owned by its scaled-down pod goes with the pod (whenScaled:
 * Delete). The references are plain ones, not controller references.
 *
 *   whenScaled  whenDeleted  claim of a pod in range   claim of a condemned pod
 *   Retain      Retain       no refs                   no refs
 *   Retain      Delete       set                       set
 *   Delete      Retain       no refs                   pod
 *   Delete      Delete       set                       pod
 */
import type { KubeObject, OwnerReference } from '../../api/types.ts';
import { inOrdinalRange, specOf } from './identity.ts';

function policyOf(set: KubeObject): { scaledDelete: boolean; deletedDelete: boolean } {
  const p = specOf(set).persistentVolumeClaimRetentionPolicy ?? {};
  // Unknown values count as Retain, as upstream's default branch does.
  return { scaledDelete: p.whenScaled === 'Delete', deletedDelete: p.whenDeleted === 'Delete' };
}

/** Which of (set, pod) should own the claim of `pod` under the policy. */
function wantedOwners(set: KubeObject, pod: KubeObject): { set: boolean; pod: boolean } {
  const { scaledDelete, deletedDelete } = policyOf(set);
  const scaledDown = !inOrdinalRange(set, pod);
  if (scaledDelete && scaledDown) return { set: false, pod: true };
  return { set: deletedDelete, pod: false };
}

const hasRef = (claim: KubeObject, uid: string | undefined) =>
  !!uid && (claim.metadata.ownerReferences ?? []).some((r) => r.uid === uid);

/** claimOwnerMatchesSetAndPod. */
export function claimOwnersMatch(claim: KubeObject, set: KubeObject, pod: KubeObject): boolean {
  const want = wantedOwners(set, pod);
  return hasRef(claim, set.metadata.uid) === want.set && hasRef(claim, pod.metadata.uid) === want.pod;
}

/**
 * The claim's ownerReferences after applying the policy (updateClaimOwnerRefForSetAndPod),
 * or undefined when nothing changes. A pod not created yet has no uid and gets no reference.
 */
export function ownerRefsFor(claim: KubeObject, set: KubeObject, pod: KubeObject): OwnerReference[] | undefined {
  const want = wantedOwners(set, pod);
  let refs = claim.metadata.ownerReferences ?? [];
  let changed = false;
  const ensure = (owner: KubeObject, apiVersion: string, kind: string, wanted: boolean) => {
    const uid = owner.metadata.uid;
    if (!uid || refs.some((r) => r.uid === uid) === wanted) return;
    changed = true;
    refs = wanted
      ? [...refs, { apiVersion, kind, name: owner.metadata.name ?? '', uid }]
      : refs.filter((r) => r.uid !== uid);
  };
  ensure(set, 'apps/v1', 'StatefulSet', want.set);
  ensure(pod, 'v1', 'Pod', want.pod);
  return changed ? refs : undefined;
}

/**
 * PodClaimIsStale: with whenScaled Delete, a claim still owned by an earlier pod
 * of the same name (another uid, or none yet) is on its way out; the pod waits.
 */
export function claimIsStale(set: KubeObject, claim: KubeObject | undefined, pod: KubeObject): boolean {
  if (!claim || !policyOf(set).scaledDelete) return false;
  return (claim.metadata.ownerReferences ?? []).some(
    (r) => r.kind === 'Pod' && r.name === pod.metadata.name && r.uid !== pod.metadata.uid,
  );
}
