/**
 * DaemonSet controller: a pod on every node that should run one (nodeSelector,
 * required affinity, taints vs tolerations), pinned by node-name affinity and
 * placed by the scheduler; a ControllerRevision per template; RollingUpdate or
 * OnDelete; the status of `kubectl get ds`; orphans adopted (../claim.ts). Mirrors
 * pkg/controller/daemon (daemon_controller.go, update.go). Simplifications: no
 * expectations cache (a pass that creates or deletes pods skips the rolling
 * update, as unsatisfied expectations do), no slow-start batches; the template
 * generation falls back to the revision number (util.ts templateGeneration).
 */
import type { KubeObject } from '../../api/types.ts';
import { labelSelectorMatcher } from '../../api/selectors/index.ts';
import type { LabelSelector } from '../../api/selectors/index.ts';
import type { StoreEvent } from '../../store/store.ts';
import { deepEqual } from '../../util/json.ts';
import { REVISION_HASH_LABEL, revisionNumber, sortRevisions } from '../history/revisions.ts';
import { labelsOf } from '../labels.ts';
import { isPodAvailable, isPodReady, nodeNameOf, podConditions, podPhase } from '../podutil.ts';
import type { NameSource } from '../replicaset/controller.ts';
import { R } from '../resources.ts';
import type { Action, ClusterView, Controller } from '../runtime/types.ts';
import { controllerOf, event, keyOf, newControllerRef, ownerOfKind, self, splitKey } from '../runtime/types.ts';
import { claimActions, claimObjects } from '../claim.ts';
import { daemonSetStatus } from './status.ts';
import { constructHistory, historyToDelete, rollingUpdate } from './update.ts';
import type { History } from './update.ts';
import {
  allowsSurge,
  byCreationScheduledFirst,
  createPodTemplate,
  daemonPodPlacement,
  pinToNode,
  specOf,
  surgeCount,
  targetNodeName,
  templateGeneration,
  unavailableCount,
} from './util.ts';

const NAME = 'daemonset-controller';
const FAILED_DAEMON_POD = 'FailedDaemonPod';
const SUCCEEDED_DAEMON_POD = 'SucceededDaemonPod';
/** Upstream caps creations and deletions per sync (BurstReplicas). */
const BURST_REPLICAS = 250;
/** failedPodsBackoff: flowcontrol.NewBackOff(1s, 15min). */
const BACKOFF_INITIAL_MS = 1000;
const BACKOFF_MAX_MS = 15 * 60_000;

interface Backoff {
  delayMs: number;
  lastMs: number;
}

/** One pass's decisions, before they become actions. */
interface Plan {
  deletePods: string[];
  createOn: string[];
  events: Action[];
  requeueMs?: number;
}

export class DaemonSetController implements Controller {
  readonly name = NAME;
  readonly watches = [
    { resource: R.daemonSets, keys: self },
    { resource: R.pods, keys: (e: StoreEvent) => this.ownerOrMatching(e) },
    { resource: R.controllerRevisions, keys: (e: StoreEvent) => this.ownerOrMatching(e) },
    { resource: R.nodes, keys: (e: StoreEvent) => (nodeMatters(e) ? this.allDaemonSets() : []) },
  ];
  /** Failed daemon pods per DaemonSet and node are deleted with exponential backoff, as upstream. */
  private readonly backoff = new Map<string, Backoff>();

  constructor(
    private readonly names: NameSource,
    private readonly view: ClusterView,
  ) {}

  private allDaemonSets(): string[] {
    return this.view.list(R.daemonSets).map(keyOf);
  }

  /** The controlling DaemonSet, or for an orphan every DaemonSet whose selector matches it (may adopt it). */
  private ownerOrMatching(e: StoreEvent): string[] {
    const keys = new Set(owner(e));
    for (const o of [e.object, e.old]) {
      if (!o || controllerOf(o)) continue;
      for (const d of this.view.list(R.daemonSets, o.metadata.namespace))
        if (selectorOf(d)(labelsOf(o))) keys.add(keyOf(d));
    }
    return [...keys];
  }

  reconcile(view: ClusterView, key: string): Action[] {
    const [namespace, name] = splitKey(key);
    const ds = view.get(R.daemonSets, namespace, name);
    if (!ds || ds.metadata.deletionTimestamp) return [];
    const nodes = [...view.list(R.nodes)].sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
    const matches = selectorOf(ds);
    const pods = claimObjects(ds, view.list(R.pods, namespace), matches);
    const revisionClaim = claimObjects(ds, view.list(R.controllerRevisions, namespace), matches);
    const owned = pods.owned;
    const revisions = sortRevisions(revisionClaim.owned);
    const history = constructHistory(ds, revisions, owned, (n) => view.get(R.controllerRevisions, namespace, n));
    if (history.collision) return [collisionBump(ds)];

    const actions: Action[] = [
      ...claimActions(ds, R.pods, pods),
      ...claimActions(ds, R.controllerRevisions, revisionClaim),
      ...historyActions(name, history),
    ];

    const hash = history.current.metadata.labels?.[REVISION_HASH_LABEL] ?? '';
    const generation = templateGeneration(ds, revisionNumber(history.current));
    const now = view.now();
    // getNodesToDaemonPods: deleted pods that have finished are of no more concern.
    const live = owned.filter((p) => !(p.metadata.deletionTimestamp && isTerminal(p)));
    const nodeToPods = new Map<string, KubeObject[]>();
    for (const p of live) {
      const node = targetNodeName(p);
      if (node === undefined) continue;
      const onNode = nodeToPods.get(node);
      if (onNode) onNode.push(p);
      else nodeToPods.set(node, [p]);
    }
    const shouldRun = daemonPodPlacement(ds);
    const placement = new Map(nodes.map((n) => [n.metadata.name ?? '', shouldRun(n)]));

    let plan = this.manage(ds, nodes, nodeToPods, placement, hash, now);
    const managed = plan.deletePods.length + plan.createOn.length > 0;
    if (!managed && specOf(ds).updateStrategy?.type === 'RollingUpdate') {
      const desired = nodes.filter((n) => placement.get(n.metadata.name ?? '')?.[0]).length;
      for (const n of nodes) {
        const nodeName = n.metadata.name ?? '';
        if (placement.get(nodeName)?.[0] && !nodeToPods.has(nodeName)) nodeToPods.set(nodeName, []);
      }
      let maxUnavailable = unavailableCount(ds, desired);
      const maxSurge = surgeCount(ds, desired);
      // An impossible configuration (both 0) accepts one unavailable pod.
      if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
      const update = rollingUpdate({
        ds,
        hash,
        generation,
        nodeToPods,
        shouldRun: (n) => placement.get(n)?.[0] ?? false,
        desired,
        maxSurge,
        maxUnavailable,
        now,
      });
      plan = { ...plan, ...update };
    }
    actions.push(...plan.events, ...this.syncNodes(ds, plan, owned, hash, generation));

    for (const r of historyToDelete(ds, history.old, owned))
      actions.push(
        deleteRevision(r, `more than revisionHistoryLimit ${specOf(ds).revisionHistoryLimit ?? 10} old revisions`),
      );

    const status = daemonSetStatus({
      ds,
      nodes,
      nodeToPods,
      shouldRun: (n) => placement.get(n.metadata.name ?? '')?.[0] ?? false,
      hash,
      generation,
      now,
    });
    if (!deepEqual(ds.status ?? {}, status))
      actions.push({
        type: 'update',
        resource: R.daemonSets,
        subresource: 'status',
        object: { ...ds, status },
        reason: `status: ${String(status.desiredNumberScheduled)} desired, ${String(status.currentNumberScheduled)} scheduled, ${String(status.numberReady)} ready`,
      });
    const wait = [plan.requeueMs, untilAvailable(live, specOf(ds).minReadySeconds ?? 0, now)].filter(
      (ms): ms is number => ms !== undefined,
    );
    if (wait.length) actions.push({ type: 'requeueAfter', ms: Math.max(Math.min(...wait), 1) });
    return actions;
  }

  /**
   * manage/podsShouldBeOnNode: create on nodes that should run a pod and have
   * none; delete failed and succeeded pods (failed ones with backoff), excess
   * pods (all but the oldest, or with surge all but one old and one new), pods
   * on nodes that may not keep them, and unscheduled pods for vanished nodes.
   */
  private manage(
    ds: KubeObject,
    nodes: KubeObject[],
    nodeToPods: Map<string, KubeObject[]>,
    placement: Map<string, [boolean, boolean]>,
    hash: string,
    now: number,
  ): Plan {
    const plan: Plan = { deletePods: [], createOn: [], events: [] };
    const surge = allowsSurge(ds);
    for (const node of nodes) {
      const nodeName = node.metadata.name ?? '';
      const [shouldRun, shouldContinue] = placement.get(nodeName) ?? [false, false];
      const pods = nodeToPods.get(nodeName);
      if (shouldRun && !pods) {
        plan.createOn.push(nodeName);
        continue;
      }
      if (!pods) continue;
      if (!shouldContinue) {
        for (const p of pods) if (!p.metadata.deletionTimestamp) plan.deletePods.push(p.metadata.name ?? '');
        continue;
      }
      const running: KubeObject[] = [];
      for (const p of pods) {
        if (p.metadata.deletionTimestamp) continue;
        const phase = podPhase(p);
        const podRef = `${p.metadata.namespace ?? 'default'}/${p.metadata.name ?? ''}`;
        if (phase === 'Failed') {
          const wait = this.backoffWait(ds, nodeName, now);
          if (wait > 0) {
            plan.requeueMs = Math.min(plan.requeueMs ?? wait, wait);
            continue;
          }
          plan.events.push(
            event(
              ds,
              'Warning',
              FAILED_DAEMON_POD,
              `Found failed daemon pod ${podRef} on node ${nodeName}, will try to kill it`,
            ),
          );
          plan.deletePods.push(p.metadata.name ?? '');
        } else if (phase === 'Succeeded') {
          plan.events.push(
            event(
              ds,
              'Normal',
              SUCCEEDED_DAEMON_POD,
              `Found succeeded daemon pod ${podRef} on node ${nodeName}, will try to delete it`,
            ),
          );
          plan.deletePods.push(p.metadata.name ?? '');
        } else running.push(p);
      }
      running.sort(byCreationScheduledFirst);
      if (!surge) {
        plan.deletePods.push(...running.slice(1).map((p) => p.metadata.name ?? ''));
        continue;
      }
      if (running.length <= 1) {
        if (running.length === 0 && shouldRun) plan.createOn.push(nodeName);
        continue;
      }
      // With surge, an old and a new pod may share a node until the new one is available.
      let oldestNew: KubeObject | undefined;
      let oldestOld: KubeObject | undefined;
      for (const p of running) {
        const isNew = p.metadata.labels?.[REVISION_HASH_LABEL] === hash;
        if (isNew && !oldestNew) oldestNew = p;
        else if (!isNew && !oldestOld) oldestOld = p;
        else plan.deletePods.push(p.metadata.name ?? '');
      }
      if (oldestNew && oldestOld) {
        const minReady = specOf(ds).minReadySeconds ?? 0;
        if (!isPodReady(oldestOld) || isPodAvailable(oldestNew, minReady, now))
          plan.deletePods.push(oldestOld.metadata.name ?? '');
      }
    }
    // getUnscheduledPodsWithoutNode: pending pods pinned to a node that no longer exists.
    const known = new Set(nodes.map((n) => n.metadata.name ?? ''));
    for (const [nodeName, pods] of nodeToPods)
      if (!known.has(nodeName))
        for (const p of pods)
          if (!nodeNameOf(p) && !p.metadata.deletionTimestamp) plan.deletePods.push(p.metadata.name ?? '');
    return plan;
  }

  /** failedPodsBackoff: 0 when a failed pod on this node may be deleted now (and the next wait doubles). */
  private backoffWait(ds: KubeObject, nodeName: string, now: number): number {
    const key = `${ds.metadata.uid ?? ''}/${nodeName}`;
    // failedPodsBackoff.GC: forget entries idle for twice the longest delay.
    for (const [k, b] of this.backoff) if (now - b.lastMs > 2 * BACKOFF_MAX_MS) this.backoff.delete(k);
    const entry = this.backoff.get(key);
    if (entry && now - entry.lastMs < entry.delayMs) return entry.lastMs + entry.delayMs - now;
    this.backoff.set(key, {
      delayMs: entry ? Math.min(entry.delayMs * 2, BACKOFF_MAX_MS) : BACKOFF_INITIAL_MS,
      lastMs: now,
    });
    return 0;
  }

  /** syncNodes: create pinned pods on the nodes, delete the named pods, with their events. */
  private syncNodes(ds: KubeObject, plan: Plan, owned: KubeObject[], hash: string, generation: string): Action[] {
    const out: Action[] = [];
    const dsName = ds.metadata.name ?? '';
    const template = createPodTemplate(ds, hash, generation);
    for (const nodeName of plan.createOn.slice(0, BURST_REPLICAS)) {
      const pod = this.newPod(ds, template, nodeName);
      out.push({
        type: 'create',
        resource: R.pods,
        object: pod,
        reason: `node ${nodeName} should run a pod of DaemonSet ${dsName} → created pod ${pod.metadata.name}`,
      });
      out.push(event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`));
    }
    const byName = new Map(owned.map((p) => [p.metadata.name ?? '', p]));
    for (const podName of [...new Set(plan.deletePods)].slice(0, BURST_REPLICAS)) {
      const p = byName.get(podName);
      out.push({
        type: 'delete',
        resource: R.pods,
        namespace: ds.metadata.namespace,
        name: podName,
        uid: p?.metadata.uid,
        reason: `DaemonSet ${dsName}: pod ${podName} on ${p ? (targetNodeName(p) ?? '?') : '?'} must go`,
      });
      out.push(event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${podName}`));
    }
    return out;
  }

  private newPod(ds: KubeObject, template: ReturnType<typeof createPodTemplate>, nodeName: string): KubeObject {
    const namespace = ds.metadata.namespace ?? 'default';
    const prefix = `${ds.metadata.name}-`;
    const meta = template.metadata ?? {};
    const spec = { ...(template.spec ?? {}) };
    spec.affinity = pinToNode(spec.affinity, nodeName);
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        ...(meta.labels ? { labels: { ...meta.labels } } : {}),
        ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
        ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
        name: this.names.podName(namespace, prefix),
        generateName: prefix,
        namespace,
        ownerReferences: [newControllerRef(ds, 'apps/v1', 'DaemonSet')],
      },
      spec,
    };
  }
}

const owner = ownerOfKind('DaemonSet');

function selectorOf(ds: KubeObject): (labels: Record<string, string>) => boolean {
  return labelSelectorMatcher(specOf(ds).selector as LabelSelector | undefined);
}

/** Node changes that can change placement: added, deleted, labels, spec (taints), condition statuses. */
function nodeMatters(e: StoreEvent): boolean {
  if (e.type !== 'MODIFIED' || !e.old) return true;
  const brief = (n: KubeObject) => ({
    labels: n.metadata.labels ?? {},
    spec: n.spec ?? {},
    conditions: ((n.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).map(
      (c) => `${c.type}=${c.status}`,
    ),
  });
  return !deepEqual(brief(e.old), brief(e.object));
}

function isTerminal(pod: KubeObject): boolean {
  const phase = podPhase(pod);
  return phase === 'Failed' || phase === 'Succeeded';
}

/** The wait until the next ready daemon pod becomes available (minReadySeconds), if any. */
function untilAvailable(pods: KubeObject[], minReadySeconds: number, now: number): number | undefined {
  if (!minReadySeconds) return undefined;
  let wait: number | undefined;
  for (const p of pods) {
    const ready = podConditions(p).find((c) => c.type === 'Ready' && c.status === 'True');
    if (!ready || p.metadata.deletionTimestamp) continue;
    const at = Date.parse(ready.lastTransitionTime ?? '') + minReadySeconds * 1000;
    if (at > now) wait = Math.min(wait ?? at - now, at - now);
  }
  return wait;
}

/** constructHistory's writes: the new revision, renumbered or relabelled ones, pods moved off duplicates. */
function historyActions(dsName: string, history: History): Action[] {
  const out: Action[] = [];
  if (history.create)
    out.push({
      type: 'create',
      resource: R.controllerRevisions,
      object: history.create,
      reason: `template of ${dsName} has no revision yet → revision ${String(history.create['revision'])}`,
    });
  for (const r of history.updates)
    out.push({
      type: 'update',
      resource: R.controllerRevisions,
      object: r,
      reason: `revision ${r.metadata.name} is current again → revision ${String(r['revision'])}`,
    });
  for (const p of history.relabel)
    out.push({ type: 'update', resource: R.pods, object: p, reason: 'relabel onto the kept duplicate revision' });
  for (const r of history.deletes) out.push(deleteRevision(r, 'duplicate of the current revision'));
  return out;
}

function collisionBump(ds: KubeObject): Action {
  const status = (ds.status ?? {}) as Record<string, unknown>;
  const collisionCount = ((status.collisionCount as number | undefined) ?? 0) + 1;
  return {
    type: 'update',
    resource: R.daemonSets,
    subresource: 'status',
    object: { ...ds, status: { ...status, collisionCount } },
    reason: `revision name of ${ds.metadata.name} taken by another template → collisionCount ${collisionCount}`,
  };
}

function deleteRevision(r: KubeObject, why: string): Action {
  return {
    type: 'delete',
    resource: R.controllerRevisions,
    namespace: r.metadata.namespace,
    name: r.metadata.name ?? '',
    uid: r.metadata.uid,
    reason: `revision ${String(r['revision'])}: ${why}`,
  };
}
