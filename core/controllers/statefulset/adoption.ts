/**
 * Which pods and revisions belong to a StatefulSet (stateful_set.go
 * getPodsForStatefulSet and adoptOrphanRevisions, through upstream's
 * ControllerRefManager): orphans the selector matches are adopted (pods only
 * when named `<set>-<ordinal>`), owned pods that no longer match are released.
 * This is what lets `kubectl delete sts web --cascade=orphan` followed by
 * re-creating the set pick the same pods up again.
 */
import { labelSelectorMatcher } from '../../api/selectors/index.ts';
import type { KubeObject } from '../../api/types.ts';
import type { ResourceType } from '../../api/registry.ts';
import { labelsOf } from '../labels.ts';
import { R } from '../resources.ts';
import type { Action, ClusterView } from '../runtime/types.ts';
import { controllerOf, newControllerRef } from '../runtime/types.ts';
import { isMemberOf, specOf } from './identity.ts';

/** The set's pods: controlled by it, selected by it, and named `<set>-<ordinal>`. */
export function membersOf(view: ClusterView, set: KubeObject): KubeObject[] {
  const uid = set.metadata.uid ?? '';
  const selects = labelSelectorMatcher(specOf(set).selector);
  return view.ownedBy(R.pods, uid).filter((p) => controllerOf(p)?.uid === uid && belongs(set, p, selects));
}

/** Adoptions and releases to make before anything else, or none. */
export function claimOrphansAndStrays(view: ClusterView, set: KubeObject): Action[] {
  if (set.metadata.deletionTimestamp) return [];
  const ns = set.metadata.namespace;
  const selects = labelSelectorMatcher(specOf(set).selector);
  const orphan = (o: KubeObject) => !controllerOf(o) && !o.metadata.deletionTimestamp && selects(labelsOf(o));
  const uid = set.metadata.uid ?? '';
  const strays = view
    .ownedBy(R.pods, uid)
    .filter((p) => controllerOf(p)?.uid === uid && !p.metadata.deletionTimestamp && !belongs(set, p, selects));
  return [
    ...view
      .list(R.controllerRevisions, ns)
      .filter(orphan)
      .map((r) => adopt(set, R.controllerRevisions, r)),
    ...view
      .list(R.pods, ns)
      .filter((p) => orphan(p) && isMemberOf(set, p))
      .map((p) => adopt(set, R.pods, p)),
    ...strays.map((p) => release(set, p)),
  ];
}

/** Keys of the sets an orphan pod could be adopted by. */
export function adoptersOf(view: ClusterView, pod: KubeObject): KubeObject[] {
  if (controllerOf(pod)) return [];
  return view.list(R.statefulSets, pod.metadata.namespace).filter((set) => belongs(set, pod));
}

function belongs(set: KubeObject, pod: KubeObject, selects = labelSelectorMatcher(specOf(set).selector)): boolean {
  return selects(labelsOf(pod)) && isMemberOf(set, pod);
}

function adopt(set: KubeObject, rt: ResourceType, obj: KubeObject): Action {
  const ownerReferences = [...(obj.metadata.ownerReferences ?? []), newControllerRef(set, 'apps/v1', 'StatefulSet')];
  return {
    type: 'update',
    resource: rt,
    object: { ...obj, metadata: { ...obj.metadata, ownerReferences } },
    reason: `orphan ${obj.kind} ${obj.metadata.name} matches the selector of ${set.metadata.name} → adopted`,
  };
}

function release(set: KubeObject, pod: KubeObject): Action {
  const ownerReferences = (pod.metadata.ownerReferences ?? []).filter((r) => r.uid !== set.metadata.uid);
  const { ownerReferences: _old, ...rest } = pod.metadata;
  return {
    type: 'update',
    resource: R.pods,
    object: { ...pod, metadata: ownerReferences.length ? { ...rest, ownerReferences } : rest },
    reason: `pod ${pod.metadata.name} no longer matches the selector of ${set.metadata.name} → released`,
  };
}
