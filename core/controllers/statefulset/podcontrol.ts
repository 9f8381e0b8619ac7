/**
 * The writes a StatefulSet makes to its pods and claims, each with the event
 * upstream's stateful_pod_control.go records on the set:
 *   SuccessfulCreate "create Claim www-web-0 Pod web-0 in StatefulSet web success"
 *   SuccessfulCreate "create Pod web-0 in StatefulSet web successful"
 *   SuccessfulDelete "delete Pod web-2 in StatefulSet web successful"
 *   SuccessfulUpdate "update Pod web-1 in StatefulSet web successful"
 *   FailedCreate     "create Pod web-1 in StatefulSet web failed error: pvc www-web-1 is being deleted"
 */
import type { KubeObject, OwnerReference } from '../../api/types.ts';
import { R } from '../resources.ts';
import type { Action } from '../runtime/types.ts';
import { event } from '../runtime/types.ts';

export function createClaim(set: KubeObject, pod: KubeObject, claim: KubeObject): Action[] {
  const [claimName, podName, setName] = [claim.metadata.name, pod.metadata.name, set.metadata.name];
  return [
    { type: 'create', resource: R.pvcs, object: claim, reason: `pod ${podName} needs claim ${claimName}` },
    event(
      set,
      'Normal',
      'SuccessfulCreate',
      `create Claim ${claimName} Pod ${podName} in StatefulSet ${setName} success`,
    ),
  ];
}

export function createPod(set: KubeObject, pod: KubeObject, why: string): Action[] {
  const [podName, setName] = [pod.metadata.name, set.metadata.name];
  return [
    { type: 'create', resource: R.pods, object: pod, reason: `${why} → created pod ${podName}` },
    event(set, 'Normal', 'SuccessfulCreate', `create Pod ${podName} in StatefulSet ${setName} successful`),
  ];
}

export function failedCreate(set: KubeObject, pod: KubeObject, error: string): Action[] {
  return [
    event(
      set,
      'Warning',
      'FailedCreate',
      `create Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${error}`,
    ),
  ];
}

export function deletePod(set: KubeObject, pod: KubeObject, why: string): Action[] {
  const [podName, setName] = [pod.metadata.name ?? '', set.metadata.name];
  return [
    {
      type: 'delete',
      resource: R.pods,
      namespace: pod.metadata.namespace,
      name: podName,
      uid: pod.metadata.uid,
      reason: `${why} → deleted pod ${podName}`,
    },
    event(set, 'Normal', 'SuccessfulDelete', `delete Pod ${podName} in StatefulSet ${setName} successful`),
  ];
}

export function updatePod(set: KubeObject, pod: KubeObject, why: string): Action[] {
  const [podName, setName] = [pod.metadata.name, set.metadata.name];
  return [
    { type: 'update', resource: R.pods, object: pod, reason: `${why} → updated pod ${podName}` },
    event(set, 'Normal', 'SuccessfulUpdate', `update Pod ${podName} in StatefulSet ${setName} successful`),
  ];
}

/** Claim owner changes are silent upstream (UpdatePodClaimForRetentionPolicy). */
export function updateClaimOwners(claim: KubeObject, ownerReferences: OwnerReference[], why: string): Action[] {
  const { ownerReferences: _old, ...rest } = claim.metadata;
  const metadata = ownerReferences.length ? { ...rest, ownerReferences } : rest;
  return [{ type: 'update', resource: R.pvcs, object: { ...claim, metadata }, reason: why }];
}
