/**
 * Taint eviction (pkg/controller/tainteviction/taint_eviction.go) for one
 * node: every pod that does not tolerate all of the node's NoExecute taints
 * is deleted at once; a pod tolerating them for a while (the smallest
 * tolerationSeconds of the tolerations used) is scheduled for deletion that
 * long after the controller first saw it tainted; tolerations without
 * tolerationSeconds keep it forever. Removing the taints (or the pod) cancels
 * a scheduled deletion ("Cancelling deletion of Pod …"). Before deleting, the
 * pod gets the DisruptionTarget condition (reason DeletionByTaintManager).
 * Like upstream's TimedWorkerQueue, scheduled deletions live in memory only.
 */
import type { KubeObject } from '../../api/types.ts';
import { isoSeconds } from '../../clock/clock.ts';
import { podConditions } from '../podutil.ts';
import { R } from '../resources.ts';
import type { Action } from '../runtime/types.ts';

export const REASON_EVICTION = 'TaintManagerEviction';
const DISRUPTION_TARGET = 'DisruptionTarget';
const DELETION_BY_TAINT_MANAGER = 'DeletionByTaintManager';

export interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** A scheduled deletion: when the controller first saw the pod tainted, and when it fires. */
interface Scheduled {
  createdAt: number;
  due: number;
  pod: KubeObject;
}

/** core/v1 Toleration.ToleratesTaint: an empty operator means Equal; an empty key with Exists matches every key. */
export function tolerates(tol: Toleration, taint: Taint): boolean {
  if (tol.effect && tol.effect !== taint.effect) return false;
  if (tol.key && tol.key !== taint.key) return false;
  if (tol.operator === 'Exists') return true;
  if (!tol.operator || tol.operator === 'Equal') return (tol.value ?? '') === (taint.value ?? '');
  return false;
}

/**
 * How long a pod may stay on a node with these NoExecute taints, in ms:
 * 0 when some taint is not tolerated (or a used toleration says <= 0 s),
 * -1 when every used toleration tolerates forever, else the smallest
 * tolerationSeconds (GetMatchingTolerations + getMinTolerationTime).
 */
export function tolerationMs(pod: KubeObject, taints: readonly Taint[]): number {
  const tolerations = (pod.spec as { tolerations?: Toleration[] } | undefined)?.tolerations ?? [];
  let min = Infinity;
  for (const taint of taints) {
    const used = tolerations.find((t) => tolerates(t, taint));
    if (!used) return 0;
    if (used.tolerationSeconds === undefined || used.tolerationSeconds === null) continue;
    if (used.tolerationSeconds <= 0) return 0;
    min = Math.min(min, used.tolerationSeconds * 1000);
  }
  return min === Infinity ? -1 : min;
}

export class TaintEvictionQueue {
  /** Scheduled deletions by pod uid. */
  private readonly scheduled = new Map<string, Scheduled>();

  /** Does a deletion wait for this pod (so its changes matter to the node)? */
  has(uid: string | undefined): boolean {
    return uid !== undefined && this.scheduled.has(uid);
  }

  /**
   * The actions for one node's pods given its NoExecute taints, and the time
   * of the next scheduled deletion (Infinity when none).
   */
  process(nodeName: string, taints: readonly Taint[], pods: readonly KubeObject[], now: number) {
    const out: Action[] = [];
    let wake = Infinity;
    const live = new Set<string>();
    for (const pod of pods) {
      const uid = pod.metadata.uid ?? '';
      live.add(uid);
      if (pod.metadata.deletionTimestamp) {
        this.scheduled.delete(uid);
        continue;
      }
      if (taints.length > 0 && markedForDeletion(pod)) {
        out.push(deletePod(pod, nodeName, taints));
        continue;
      }
      const due = this.dueTime(pod, uid, taints, now, out);
      if (due === undefined) continue;
      if (due <= now) {
        this.scheduled.delete(uid);
        out.push(...evict(pod, nodeName, taints, now));
      } else wake = Math.min(wake, due);
    }
    // A pod that left the node (deleted by someone else) had its deletion cancelled.
    for (const [uid, s] of this.scheduled)
      if (!live.has(uid) && s.pod.spec && (s.pod.spec as { nodeName?: string }).nodeName === nodeName) {
        this.scheduled.delete(uid);
        out.push(cancelEvent(s.pod));
      }
    return { actions: out, wake };
  }

  private dueTime(pod: KubeObject, uid: string, taints: readonly Taint[], now: number, out: Action[]) {
    const existing = this.scheduled.get(uid);
    const cancel = () => {
      if (!existing) return;
      this.scheduled.delete(uid);
      out.push(cancelEvent(pod));
    };
    if (taints.length === 0) return cancel();
    const ms = tolerationMs(pod, taints);
    if (ms === 0) return now;
    if (ms < 0) return cancel();
    const createdAt = existing?.createdAt ?? now;
    const due = createdAt + ms;
    if (existing?.due !== due) this.scheduled.set(uid, { createdAt, due, pod });
    return due;
  }
}

/** The first step of an eviction already happened: the pod carries DisruptionTarget from the taint manager. */
function markedForDeletion(pod: KubeObject): boolean {
  return podConditions(pod).some(
    (c) => c.type === DISRUPTION_TARGET && c.status === 'True' && c.reason === DELETION_BY_TAINT_MANAGER,
  );
}

function why(pod: KubeObject, nodeName: string, taints: readonly Taint[]): string {
  const text = taints.map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`).join(', ');
  return `node ${nodeName} has taint ${text} and pod ${pod.metadata.name} does not tolerate it (any longer)`;
}

/** First step of an eviction: the event and the DisruptionTarget condition; the delete follows next pass. */
function evict(pod: KubeObject, nodeName: string, taints: readonly Taint[], now: number): Action[] {
  const conditions = [
    ...podConditions(pod).filter((c) => c.type !== DISRUPTION_TARGET),
    {
      type: DISRUPTION_TARGET,
      status: 'True',
      reason: DELETION_BY_TAINT_MANAGER,
      message: 'Taint manager: deleting due to NoExecute taint',
      lastTransitionTime: isoSeconds(now),
      lastProbeTime: null,
    },
  ];
  return [
    {
      type: 'event',
      object: pod,
      eventType: 'Normal',
      reason: REASON_EVICTION,
      message: `Marking for deletion Pod ${pod.metadata.namespace}/${pod.metadata.name}`,
    },
    {
      type: 'update',
      resource: R.pods,
      subresource: 'status',
      object: { ...pod, status: { ...(pod.status as object), conditions } },
      reason: `${why(pod, nodeName, taints)} → DisruptionTarget (DeletionByTaintManager)`,
    },
  ];
}

function deletePod(pod: KubeObject, nodeName: string, taints: readonly Taint[]): Action {
  return {
    type: 'delete',
    resource: R.pods,
    namespace: pod.metadata.namespace,
    name: pod.metadata.name ?? '',
    uid: pod.metadata.uid,
    reason: `${why(pod, nodeName, taints)} → deleted (TaintManagerEviction)`,
  };
}

function cancelEvent(pod: KubeObject): Action {
  return {
    type: 'event',
    object: pod,
    eventType: 'Normal',
    reason: REASON_EVICTION,
    message: `Cancelling deletion of Pod ${pod.metadata.namespace}/${pod.metadata.name}`,
  };
}
