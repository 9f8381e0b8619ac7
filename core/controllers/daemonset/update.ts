/**
 * The DaemonSet update machinery (pkg/controller/daemon/update.go), pure:
 * constructHistory (the current ControllerRevision, renumbered or created;
 * old ones separated), cleanupHistory (revisionHistoryLimit), and the
 * RollingUpdate decision, which only names pods to delete and nodes to create
 * on; the controller turns those into actions.
 *
 * Worked example (3 nodes, maxUnavailable 1, maxSurge 0): every pass deletes
 * at most one old available pod; its node then has no pod until the old one is
 * gone, when the manage loop creates the new one; the next old pod goes only
 * once that one is available. With maxSurge 1 a new pod is created next to one
 * old pod, and the old pod is deleted when the new one becomes available.
 */
import type { KubeObject } from '../../api/types.ts';
import { isPodAvailable } from '../podutil.ts';
import {
  REVISION_HASH_LABEL,
  equalRevisions,
  newControllerRevision,
  nextRevision,
  revisionNumber,
  revisionsToPrune,
  templatePatch,
} from '../history/revisions.ts';
import { isPodUpdated, specOf } from './util.ts';

export interface History {
  /** The current revision as it will be once `writes` are applied. */
  current: KubeObject;
  old: KubeObject[];
  /** Creates/updates/deletes of revisions (and pods relabelled by dedup). */
  create?: KubeObject;
  updates: KubeObject[];
  deletes: KubeObject[];
  relabel: KubeObject[];
  /** A different revision holds the name: bump status.collisionCount and try again. */
  collision: boolean;
}

/**
 * constructHistory: revisions whose data equals the DaemonSet's template patch
 * are current (duplicates are collapsed onto the newest, relabelling pods);
 * the current one gets max(old revisions)+1 when it is behind, which is how
 * `rollout undo` to an older template gives it a new number.
 */
export function constructHistory(
  ds: KubeObject,
  revisions: KubeObject[],
  pods: KubeObject[],
  lookup: (name: string) => KubeObject | undefined,
): History {
  const data = templatePatch(ds);
  const updates: KubeObject[] = [];
  const labelled = revisions.map((r) => {
    if (r.metadata.labels?.[REVISION_HASH_LABEL] !== undefined) return r;
    const fixed = {
      ...r,
      metadata: { ...r.metadata, labels: { ...r.metadata.labels, [REVISION_HASH_LABEL]: r.metadata.name ?? '' } },
    };
    updates.push(fixed);
    return fixed;
  });
  const currents = equalRevisions(labelled, data);
  const old = labelled.filter((r) => !currents.includes(r));
  const revision = nextRevision(old);
  const base = { old, updates, deletes: [] as KubeObject[], relabel: [] as KubeObject[], collision: false };
  if (currents.length === 0) {
    const collisionCount = (ds.status as { collisionCount?: number } | undefined)?.collisionCount;
    const cr = newControllerRevision(ds, data, revision, collisionCount);
    const taken = lookup(cr.metadata.name ?? '');
    // snapshot: a different revision already holds the name (a hash collision).
    if (taken) return { ...base, current: taken, collision: true };
    return { ...base, current: cr, create: cr };
  }
  // dedupCurHistories: keep the newest, move pods onto its hash, delete the rest.
  let keep = currents[0]!;
  for (const r of currents) if (revisionNumber(r) >= revisionNumber(keep)) keep = r;
  const keepHash = keep.metadata.labels?.[REVISION_HASH_LABEL] ?? '';
  if (currents.length > 1) {
    for (const p of pods)
      if ((p.metadata.labels?.[REVISION_HASH_LABEL] ?? '') !== keepHash)
        base.relabel.push({
          ...p,
          metadata: { ...p.metadata, labels: { ...p.metadata.labels, [REVISION_HASH_LABEL]: keepHash } },
        });
    base.deletes.push(...currents.filter((r) => r !== keep));
  }
  if (revisionNumber(keep) < revision) {
    const bumped = { ...keep, revision };
    const i = updates.findIndex((u) => u.metadata.name === keep.metadata.name);
    if (i >= 0) updates[i] = bumped;
    else updates.push(bumped);
    keep = bumped;
  }
  return { ...base, current: keep };
}

/** cleanupHistory: old revisions beyond revisionHistoryLimit, oldest first, unless a pod still uses them. */
export function historyToDelete(ds: KubeObject, old: KubeObject[], pods: KubeObject[]): KubeObject[] {
  const live = new Set(pods.map((p) => p.metadata.labels?.[REVISION_HASH_LABEL]).filter((h) => h));
  return revisionsToPrune(old, specOf(ds).revisionHistoryLimit, (r) =>
    live.has(r.metadata.labels?.[REVISION_HASH_LABEL] ?? ''),
  );
}

/** What a rolling update pass wants: pods to delete by name, nodes to create a pod on. */
export interface UpdatePlan {
  deletePods: string[];
  createOn: string[];
}

export interface UpdateInput {
  ds: KubeObject;
  hash: string;
  generation: string | undefined;
  /** Daemon pods by target node; every node that should run one is present (possibly empty). */
  nodeToPods: Map<string, KubeObject[]>;
  shouldRun: (nodeName: string) => boolean;
  desired: number;
  maxSurge: number;
  maxUnavailable: number;
  now: number;
}

/**
 * findUpdatedPodsOnNode: the one new and one old non-deleted pod of a node, or
 * ok=false when there are more of either (the manage loop prunes those first).
 */
export function updatedPodsOnNode(
  pods: KubeObject[],
  hash: string,
  generation: string | undefined,
): { newPod?: KubeObject; oldPod?: KubeObject; ok: boolean } {
  let newPod: KubeObject | undefined;
  let oldPod: KubeObject | undefined;
  for (const p of pods) {
    if (p.metadata.deletionTimestamp) continue;
    if (isPodUpdated(p, hash, generation)) {
      if (newPod) return { ok: false };
      newPod = p;
    } else {
      if (oldPod) return { ok: false };
      oldPod = p;
    }
  }
  return { newPod, oldPod, ok: true };
}

/** rollingUpdate: which old pods to delete (maxSurge 0) or which nodes get a surge pod (maxSurge > 0). */
export function rollingUpdate(input: UpdateInput): UpdatePlan {
  return input.maxSurge === 0 ? withoutSurge(input) : withSurge(input);
}

function available(input: UpdateInput, pod: KubeObject): boolean {
  return isPodAvailable(pod, specOf(input.ds).minReadySeconds ?? 0, input.now);
}

/**
 * Without surge: count nodes that are unavailable (no pod, both pods, an
 * unavailable new pod); old pods that are unavailable are replaced at once;
 * old available pods are deleted while fewer than maxUnavailable are down.
 */
function withoutSurge(input: UpdateInput): UpdatePlan {
  let numUnavailable = 0;
  const replacements: string[] = [];
  const candidates: string[] = [];
  for (const [, pods] of byNodeName(input.nodeToPods)) {
    const { newPod, oldPod, ok } = updatedPodsOnNode(pods, input.hash, input.generation);
    if (!ok || (!newPod && !oldPod) || (newPod && oldPod)) {
      numUnavailable++;
    } else if (newPod) {
      if (!available(input, newPod)) numUnavailable++;
    } else if (oldPod && !available(input, oldPod)) {
      replacements.push(oldPod.metadata.name ?? '');
      numUnavailable++;
    } else if (oldPod && numUnavailable < input.maxUnavailable) {
      candidates.push(oldPod.metadata.name ?? '');
    }
  }
  const remaining = Math.min(Math.max(input.maxUnavailable - numUnavailable, 0), candidates.length);
  return { deletePods: [...replacements, ...candidates.slice(0, remaining)], createOn: [] };
}

/**
 * With surge: a node whose old pod is unavailable gets a new pod at once; up to
 * maxSurge nodes with an available old pod get a new one beside it; an old pod
 * goes when the new pod on its node is available. Old pods on nodes that should
 * no longer run one go only while enough pods stay available elsewhere.
 */
function withSurge(input: UpdateInput): UpdatePlan {
  const deletePods: string[] = [];
  const shouldNotRun: string[] = [];
  const candidates: string[] = [];
  const allowed: string[] = [];
  let numSurge = 0;
  let numAvailable = 0;
  for (const [nodeName, pods] of byNodeName(input.nodeToPods)) {
    const { newPod, oldPod, ok } = updatedPodsOnNode(pods, input.hash, input.generation);
    if (!ok) {
      numSurge++;
      continue;
    }
    if (oldPod ? available(input, oldPod) : newPod && available(input, newPod)) numAvailable++;
    if (!oldPod) continue;
    if (!newPod) {
      if (!available(input, oldPod)) {
        if (!input.shouldRun(nodeName)) deletePods.push(oldPod.metadata.name ?? '');
        else allowed.push(nodeName);
      } else if (!input.shouldRun(nodeName)) {
        shouldNotRun.push(oldPod.metadata.name ?? '');
      } else if (numSurge < input.maxSurge) {
        candidates.push(nodeName);
      }
      continue;
    }
    if (!available(input, newPod)) {
      numSurge++;
      continue;
    }
    deletePods.push(oldPod.metadata.name ?? '');
  }
  const deletable = Math.min(numAvailable - input.desired, shouldNotRun.length);
  if (deletable > 0) deletePods.push(...shouldNotRun.slice(0, deletable));
  const remaining = Math.min(Math.max(input.maxSurge - numSurge, 0), candidates.length);
  return { deletePods, createOn: [...allowed, ...candidates.slice(0, remaining)] };
}

/** Nodes in name order (upstream walks a Go map, in no particular order; ours is stable). */
function byNodeName(nodeToPods: Map<string, KubeObject[]>): [string, KubeObject[]][] {
  return [...nodeToPods].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
