/**
 * The StatefulSet's current and update ControllerRevisions
 * (stateful_set_control.go getStatefulSetRevisions, truncateHistory), built on
 * the shared history module. Each revision stores the pod template as a
 * replace patch; the pods carry the revision's name in `controller-revision-hash`.
 *
 * Example: web at revision 1 (web-6bc8ffc8d5) gets a new image → revision 2 is
 * created and becomes the update revision; the current revision stays
 * web-6bc8ffc8d5 until every pod runs revision 2. Setting the old image back
 * does not create revision 3's data anew: web-6bc8ffc8d5 is renumbered to 3.
 */
import type { KubeObject } from '../../api/types.ts';
import { deepEqual } from '../../util/json.ts';
import {
  equalRevisions,
  newControllerRevision,
  nextRevision,
  revisionNumber,
  revisionsOf,
  templatePatch,
} from '../history/revisions.ts';
import { R } from '../resources.ts';
import type { Action, ClusterView } from '../runtime/types.ts';
import type { StatefulSetSpec } from './identity.ts';
import { revisionOfPod, specOf } from './identity.ts';

export interface SetStatus {
  observedGeneration?: number;
  replicas?: number;
  readyReplicas?: number;
  currentReplicas?: number;
  updatedReplicas?: number;
  availableReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
  collisionCount?: number;
}

export interface Revisions {
  all: KubeObject[];
  current: KubeObject;
  update: KubeObject;
  collisionCount: number;
}

export function statusOf(set: KubeObject): SetStatus {
  return (set.status ?? {}) as SetStatus;
}

/**
 * The revisions of `set`, or the one write that must happen first: create the
 * update revision, renumber an equal older one (a rollback), or count a hash
 * collision in status.collisionCount so the next name differs.
 */
export function resolveRevisions(view: ClusterView, set: KubeObject): Revisions | Action[] {
  const all = revisionsOf(view, set);
  const status = statusOf(set);
  const collisionCount = status.collisionCount ?? 0;
  const data = templatePatch(set);
  const equal = equalRevisions(all, data).at(-1);
  const latest = all.at(-1);
  let update: KubeObject;
  if (equal && equal === latest) update = equal;
  else if (equal) return [renumber(equal, nextRevision(all))];
  else {
    const fresh = statefulSetRevision(set, data, nextRevision(all), collisionCount);
    const taken = view.get(R.controllerRevisions, set.metadata.namespace, fresh.metadata.name ?? '');
    if (!taken) return [create(set, fresh)];
    if (!deepEqual(taken['data'], data)) return [collision(set, collisionCount + 1, fresh)];
    update = taken;
  }
  const current = all.find((r) => r.metadata.name === status.currentRevision) ?? update;
  return { all, current, update, collisionCount };
}

/** The pod template a revision restores (ApplyRevision of the replace patch). */
export function templateOf(revision: KubeObject): NonNullable<StatefulSetSpec['template']> {
  const template = (revision['data'] as { spec?: { template?: Record<string, unknown> } } | undefined)?.spec?.template;
  const { $patch: _replace, ...rest } = template ?? {};
  return rest as NonNullable<StatefulSetSpec['template']>;
}

/**
 * truncateHistory: revisions that are neither current, update nor worn by a pod
 * are history; keep revisionHistoryLimit of them, delete the oldest others.
 */
export function truncateHistory(set: KubeObject, pods: KubeObject[], revs: Revisions): Action[] {
  const live = new Set([revs.current.metadata.name, revs.update.metadata.name, ...pods.map(revisionOfPod)]);
  const history = revs.all.filter((r) => !live.has(r.metadata.name));
  const limit = specOf(set).revisionHistoryLimit ?? 10;
  if (limit < 0 || history.length <= limit) return [];
  return history.slice(0, history.length - limit).map((r) => ({
    type: 'delete' as const,
    resource: R.controllerRevisions,
    namespace: r.metadata.namespace,
    name: r.metadata.name ?? '',
    uid: r.metadata.uid,
    reason: `revisionHistoryLimit ${limit}: old revision ${revisionNumber(r)} of ${set.metadata.name} removed`,
  }));
}

/** stateful_set_utils.go newRevision: the history snapshot, carrying the set's annotations as upstream copies them. */
function statefulSetRevision(set: KubeObject, data: unknown, revision: number, collisionCount: number): KubeObject {
  return newControllerRevision(set, data, revision, collisionCount);
}

function create(set: KubeObject, cr: KubeObject): Action {
  return {
    type: 'create',
    resource: R.controllerRevisions,
    object: cr,
    reason: `pod template of ${set.metadata.name} changed → revision ${revisionNumber(cr)} is ${cr.metadata.name}`,
  };
}

function renumber(cr: KubeObject, revision: number): Action {
  return {
    type: 'update',
    resource: R.controllerRevisions,
    object: { ...cr, revision },
    reason: `template matches ${cr.metadata.name} again → it becomes revision ${revision}`,
  };
}

function collision(set: KubeObject, collisionCount: number, cr: KubeObject): Action {
  return {
    type: 'update',
    resource: R.statefulSets,
    subresource: 'status',
    object: { ...set, status: { ...statusOf(set), collisionCount } },
    reason: `revision name ${cr.metadata.name} is taken by other data → collisionCount ${collisionCount}`,
  };
}
