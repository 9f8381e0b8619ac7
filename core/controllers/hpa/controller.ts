/**
 * HorizontalPodAutoscaler controller: every 15 s (virtual), reads the scale of
 * the target (Deployment, ReplicaSet, StatefulSet, ReplicationController), the
 * pods its selector matches and their resource usage, and writes the target's
 * spec.replicas (as the /scale subresource would) and the HPA's status.
 * Mirrors pkg/controller/podautoscaler/horizontal.go (replica arithmetic in
 * replicas.ts, bounds, rates and stabilization in normalize.ts).
 * Simplifications: Resource and ContainerResource metrics only (Pods, Object and
 * External fail as with no custom/external metrics API); no AmbiguousSelector
 * check; v1 objects keep no conditions (upstream keeps them in an annotation).
 */
import type { ResourceType } from '../../api/registry.ts';
import { RESOURCES } from '../../api/registry.ts';
import type { KubeObject } from '../../api/types.ts';
import { labelSelectorMatcher } from '../../api/selectors/index.ts';
import type { LabelSelector } from '../../api/selectors/index.ts';
import { isoSeconds } from '../../clock/clock.ts';
import { deepEqual } from '../../util/json.ts';
import { labelsOf } from '../labels.ts';
import { R } from '../resources.ts';
import type { Action, ClusterView, Controller } from '../runtime/types.ts';
import { event, self, splitKey } from '../runtime/types.ts';
import { computeMetrics } from './compute.ts';
import type { UsageSource } from './metrics.ts';
import type { Normalized } from './normalize.ts';
import {
  ScalingHistory,
  normalizeLegacy,
  normalizeWithBehavior,
  recordInitialRecommendation,
  storeScaleEvent,
} from './normalize.ts';
import type { HPASpec, HPAStatus, ScaleTargetRef } from './shape.ts';
import { setCondition, specOf, statusOf, storedStatus } from './shape.ts';

const NAME = 'horizontal-pod-autoscaler';
/** --horizontal-pod-autoscaler-sync-period. */
export const SYNC_PERIOD_MS = 15_000;
const SCALABLE = new Set(['deployments', 'replicasets', 'statefulsets', 'replicationcontrollers']);

/** What upstream keeps in memory per HPA: the resync timer and the scaling history. */
interface Memory {
  uid: string;
  nextSyncMs: number;
  history: ScalingHistory;
}

/** One sync's outcome before it becomes actions. */
interface Sync {
  hpa: KubeObject;
  spec: HPASpec;
  st: HPAStatus;
  now: number;
  out: Action[];
}

export class HorizontalPodAutoscalerController implements Controller {
  readonly name = NAME;
  readonly watches = [{ resource: R.hpas, keys: self }];
  private readonly memory = new Map<string, Memory>();

  constructor(private readonly usage: UsageSource) {}

  /** Level-triggered on a timer: an HPA is synced 15 s after it appears, then every 15 s. */
  reconcile(view: ClusterView, key: string): Action[] {
    const [namespace, name] = splitKey(key);
    const hpa = view.get(R.hpas, namespace, name);
    if (!hpa || hpa.metadata.deletionTimestamp) {
      this.memory.delete(key);
      return [];
    }
    const now = view.now();
    let mem = this.memory.get(key);
    if (!mem || mem.uid !== hpa.metadata.uid) {
      mem = { uid: hpa.metadata.uid ?? '', nextSyncMs: now + SYNC_PERIOD_MS, history: new ScalingHistory() };
      this.memory.set(key, mem);
    }
    if (now < mem.nextSyncMs) return [{ type: 'requeueAfter', ms: mem.nextSyncMs - now }];
    mem.nextSyncMs = now + SYNC_PERIOD_MS;
    const s: Sync = { hpa, spec: specOf(hpa), st: statusOf(hpa), now, out: [] };
    this.sync(view, s, mem.history);
    return [...s.out, ...this.statusUpdate(s), { type: 'requeueAfter', ms: SYNC_PERIOD_MS }];
  }

  /** reconcileAutoscaler: target scale → metrics → normalized replica count → rescale. */
  private sync(view: ClusterView, s: Sync, history: ScalingHistory): void {
    const { hpa, spec, st, now } = s;
    const target = scaleTarget(view, hpa.metadata.namespace, spec.scaleTargetRef);
    if (!target.ok) {
      s.out.push(event(hpa, 'Warning', 'FailedGetScale', target.error));
      const msg = `the HPA controller was unable to get the target's current scale: ${target.error}`;
      setCondition(st, now, 'AbleToScale', 'False', 'FailedGetScale', msg);
      return;
    }
    setCondition(
      st,
      now,
      'AbleToScale',
      'True',
      'SucceededGetScale',
      "the HPA controller was able to get the target's current scale",
    );
    const current = (target.obj.spec as { replicas?: number } | undefined)?.replicas ?? 1;
    recordInitialRecommendation(history, current, now);
    const decision = this.decide(view, s, target.obj, current, history);
    if (!decision) return;
    const { desired, reason } = decision;
    const rescale = desired !== current;
    if (rescale) {
      s.out.push({
        type: 'update',
        resource: target.rt,
        object: { ...target.obj, spec: { ...(target.obj.spec as object), replicas: desired } },
        reason: `hpa ${hpa.metadata.name}: scale ${target.rt.kind.toLowerCase()} ${target.obj.metadata.name} from ${current} to ${desired} (${reason})`,
      });
      const msg = `the HPA controller was able to update the target scale to ${desired}`;
      setCondition(st, now, 'AbleToScale', 'True', 'SucceededRescale', msg);
      s.out.push(event(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${reason}`));
      if (spec.behavior) storeScaleEvent(history, spec.behavior, now, current, desired);
      st.lastScaleTime = isoSeconds(now);
    }
    st.currentReplicas = current;
    st.desiredReplicas = rescale ? desired : current;
  }

  /** The replica count to scale to and why, or undefined when the metrics failed (status already set). */
  private decide(
    view: ClusterView,
    s: Sync,
    target: KubeObject,
    current: number,
    history: ScalingHistory,
  ): { desired: number; reason: string } | undefined {
    const { hpa, spec, st, now } = s;
    if (current === 0 && spec.minReplicas !== 0) {
      const msg = 'scaling is disabled since the replica count of the target is zero';
      setCondition(st, now, 'ScalingActive', 'False', 'ScalingDisabled', msg);
      st.currentMetrics = [];
      return { desired: 0, reason: '' };
    }
    if (current > spec.maxReplicas) {
      st.currentMetrics = [];
      return { desired: spec.maxReplicas, reason: 'Current number of replicas above Spec.MaxReplicas' };
    }
    if (current < spec.minReplicas) {
      st.currentMetrics = [];
      return { desired: spec.minReplicas, reason: 'Current number of replicas below Spec.MinReplicas' };
    }
    const pods = selectedPods(view, hpa.metadata.namespace, target);
    const m = computeMetrics(this.usage, spec, pods, current, now);
    s.out.push(...m.events.map(([type, reason, message]) => event(hpa, type, reason, message)));
    st.currentMetrics = m.statuses;
    setCondition(st, now, 'ScalingActive', m.condition.status, m.condition.reason, m.condition.message);
    if (m.replicas < 0) {
      s.out.push(event(hpa, 'Warning', 'FailedComputeMetricsReplicas', m.error ?? ''));
      st.currentReplicas = current;
      return undefined;
    }
    const proposed = Math.max(m.replicas, 0);
    const reason =
      proposed > current ? `${m.metric} above target` : proposed < current ? 'All metrics below target' : '';
    const n: Normalized = spec.behavior
      ? normalizeWithBehavior(history, now, spec.behavior, current, proposed, spec.minReplicas, spec.maxReplicas)
      : normalizeLegacy(history, now, current, proposed, spec.minReplicas, spec.maxReplicas);
    setCondition(st, now, 'AbleToScale', 'True', ...n.ableToScale);
    setCondition(st, now, 'ScalingLimited', n.limited.status ? 'True' : 'False', ...n.limited.verdict);
    return { desired: n.replicas, reason };
  }

  /** updateStatusIfNeeded: one write when the status changed. */
  private statusUpdate(s: Sync): Action[] {
    const next = storedStatus(s.hpa, s.st);
    if (deepEqual(s.hpa.status ?? {}, next)) return [];
    const rt = RESOURCES.find((r) => r.apiVersion === s.hpa.apiVersion && r.kind === s.hpa.kind) ?? R.hpas;
    return [
      {
        type: 'update',
        resource: rt,
        subresource: 'status',
        object: { ...s.hpa, status: next },
        reason: `status: ${s.st.currentReplicas} current, ${s.st.desiredReplicas} desired replicas`,
      },
    ];
  }
}

/** The scale target through the RESTMapper's rule: any version of the reference's group and kind. */
function scaleTarget(
  view: ClusterView,
  namespace: string | undefined,
  ref: ScaleTargetRef,
): { ok: true; rt: ResourceType; obj: KubeObject } | { ok: false; error: string } {
  const apiVersion = ref.apiVersion ?? '';
  const group = apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '';
  const rt = RESOURCES.find((r) => r.group === group && r.kind === ref.kind);
  if (!rt) return { ok: false, error: `no matches for kind "${ref.kind}" in group "${group}"` };
  if (!SCALABLE.has(rt.plural)) return { ok: false, error: 'the server could not find the requested resource' };
  const obj = view.get(rt, namespace, ref.name);
  if (!obj) return { ok: false, error: `${rt.group ? `${rt.plural}.${rt.group}` : rt.plural} "${ref.name}" not found` };
  return { ok: true, rt, obj };
}

/** The pods the target's scale selector matches (an RC's selector is a plain map). */
function selectedPods(view: ClusterView, namespace: string | undefined, target: KubeObject): KubeObject[] | undefined {
  const raw = (target.spec as { selector?: unknown } | undefined)?.selector;
  const selector: LabelSelector | undefined =
    target.kind === 'ReplicationController' ? { matchLabels: raw as Record<string, string> } : (raw as LabelSelector);
  const empty =
    !selector ||
    (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0);
  if (empty) return undefined;
  const matches = labelSelectorMatcher(selector);
  return view.list(R.pods, namespace).filter((p) => matches(labelsOf(p)));
}
