/**
 * Disruption controller: for each PodDisruptionBudget, counts the pods its
 * selector picks and publishes status (expectedPods, desiredHealthy,
 * currentHealthy, disruptionsAllowed, disruptedPods, observedGeneration and
 * the DisruptionAllowed condition) that the eviction subresource consults.
 * Mirrors pkg/controller/disruption/disruption.go (trySync, updatePdbStatus);
 * arithmetic in budget.ts. Simplifications: the scale of a pod's controller is
 * read for Deployment/ReplicaSet/StatefulSet/ReplicationController only (others
 * count as unmanaged, without the UnmanagedPods event); no stale
 * DisruptionTarget condition cleanup on pods.
 */
import { isoSeconds } from '../../clock/clock.ts';
import type { LabelSelector } from '../../api/selectors/index.ts';
import { labelSelectorMatcher } from '../../api/selectors/index.ts';
import type { KubeObject } from '../../api/types.ts';
import type { StoreEvent } from '../../store/store.ts';
import { deepEqual } from '../../util/json.ts';
import { labelsOf } from '../labels.ts';
import { R } from '../resources.ts';
import type { Action, ClusterView, Controller } from '../runtime/types.ts';
import { controllerOf, event, keyOf, self, splitKey } from '../runtime/types.ts';
import type { Budget, IntOrString } from './budget.ts';
import { allowed, budgetFor, countHealthy, disruptedPods } from './budget.ts';

const NAME = 'disruption-controller';
const CONDITION = 'DisruptionAllowed';
const SUFFICIENT = 'SufficientPods';
const INSUFFICIENT = 'InsufficientPods';

interface PdbSpec {
  selector?: LabelSelector;
  minAvailable?: IntOrString;
  maxUnavailable?: IntOrString;
}

interface PdbStatus {
  observedGeneration?: number;
  disruptedPods?: Record<string, string>;
  disruptionsAllowed?: number;
  currentHealthy?: number;
  desiredHealthy?: number;
  expectedPods?: number;
  conditions?: Condition[];
}

interface Condition {
  type: string;
  status: string;
  observedGeneration?: number;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export class DisruptionController implements Controller {
  readonly name = NAME;
  readonly watches;

  constructor(private readonly view: ClusterView) {
    const allInNamespace = (e: StoreEvent) =>
      this.view.list(R.podDisruptionBudgets, e.object.metadata.namespace).map(keyOf);
    this.watches = [
      { resource: R.podDisruptionBudgets, keys: self },
      { resource: R.pods, keys: (e: StoreEvent) => this.budgetsFor(e) },
      // A change of scale changes expectedPods of percentage and maxUnavailable budgets.
      ...[R.deployments, R.replicaSets, R.statefulSets, R.replicationControllers].map((resource) => ({
        resource,
        keys: allInNamespace,
      })),
    ];
  }

  private budgetsFor(e: StoreEvent): string[] {
    const keys: string[] = [];
    for (const pdb of this.view.list(R.podDisruptionBudgets, e.object.metadata.namespace)) {
      const selects = selectorOf(pdb);
      if (selects(labelsOf(e.object)) || (e.old && selects(labelsOf(e.old)))) keys.push(keyOf(pdb));
    }
    return keys;
  }

  reconcile(view: ClusterView, key: string): Action[] {
    const [namespace, name] = splitKey(key);
    const pdb = view.get(R.podDisruptionBudgets, namespace, name);
    if (!pdb || pdb.metadata.deletionTimestamp) return [];
    const spec = (pdb.spec ?? {}) as PdbSpec;
    const old = (pdb.status ?? {}) as PdbStatus;
    const now = view.now();
    const selects = selectorOf(pdb);
    const pods = view.list(R.pods, namespace).filter((p) => selects(labelsOf(p)));
    const budget = budgetFor(spec, pods.length, () => expectedScale(view, pods));
    const disrupted = disruptedPods(pods, old.disruptedPods, now);
    const currentHealthy = countHealthy(pods, disrupted.kept);
    const next = nextStatus(pdb, old, budget, currentHealthy, disrupted.kept, now);
    const actions: Action[] = disrupted.expired.map((p) =>
      event(
        p,
        'Warning',
        'NotDeleted',
        `Pod was expected by PDB ${namespace ?? ''}/${name} to be deleted but it wasn't`,
      ),
    );
    if (disrupted.recheckAt !== undefined) actions.push({ type: 'requeueAfter', ms: disrupted.recheckAt - now + 1 });
    if (deepEqual(old, next)) return actions;
    if (pods.length === 0) actions.push(event(pdb, 'Normal', 'NoPods', 'No matching pods found'));
    actions.push({
      type: 'update',
      resource: R.podDisruptionBudgets,
      subresource: 'status',
      object: { ...pdb, status: next },
      reason: `${currentHealthy} healthy of ${budget.expectedPods} expected, ${budget.desiredHealthy} desired → ${next.disruptionsAllowed ?? 0} disruptions allowed`,
    });
    return actions;
  }
}

/** The budget's pod matcher, built once per pass (policy/v1: a null selector selects nothing, an empty one every pod). */
function selectorOf(pdb: KubeObject): (labels: Record<string, string>) => boolean {
  const selector = (pdb.spec as PdbSpec | undefined)?.selector;
  return selector ? labelSelectorMatcher(selector) : () => false;
}

/**
 * getExpectedScale: the replicas of each distinct controller of the pods. A
 * ReplicaSet owned by a Deployment counts with the Deployment's replicas.
 */
function expectedScale(view: ClusterView, pods: KubeObject[]): number {
  const scales = new Map<string, number>();
  for (const pod of pods) {
    const found = controllerScale(view, pod);
    if (found) scales.set(found.uid, found.replicas);
  }
  let sum = 0;
  for (const n of scales.values()) sum += n;
  return sum;
}

function controllerScale(view: ClusterView, pod: KubeObject): { uid: string; replicas: number } | undefined {
  const ref = controllerOf(pod);
  const ns = pod.metadata.namespace;
  const replicas = (o: KubeObject) => (o.spec as { replicas?: number } | undefined)?.replicas ?? 1;
  if (!ref) return undefined;
  if (ref.kind === 'ReplicaSet') {
    const rs = view.get(R.replicaSets, ns, ref.name);
    if (!rs || rs.metadata.uid !== ref.uid) return undefined;
    const owner = controllerOf(rs);
    const d = owner?.kind === 'Deployment' ? view.get(R.deployments, ns, owner.name) : undefined;
    if (owner && d && d.metadata.uid === owner.uid) return { uid: owner.uid, replicas: replicas(d) };
    return { uid: ref.uid, replicas: replicas(rs) };
  }
  const rt =
    ref.kind === 'StatefulSet'
      ? R.statefulSets
      : ref.kind === 'ReplicationController'
        ? R.replicationControllers
        : undefined;
  const obj = rt && view.get(rt, ns, ref.name);
  return obj && obj.metadata.uid === ref.uid ? { uid: ref.uid, replicas: replicas(obj) } : undefined;
}

/** updatePdbStatus + UpdateDisruptionAllowedCondition (SetStatusCondition keeps the transition time). */
function nextStatus(
  pdb: KubeObject,
  old: PdbStatus,
  budget: Budget,
  currentHealthy: number,
  disrupted: Record<string, string>,
  now: number,
): PdbStatus {
  const disruptionsAllowed = allowed(budget, currentHealthy);
  const observedGeneration = pdb.metadata.generation ?? 1;
  return {
    observedGeneration,
    ...(Object.keys(disrupted).length ? { disruptedPods: disrupted } : {}),
    disruptionsAllowed,
    currentHealthy,
    desiredHealthy: budget.desiredHealthy,
    expectedPods: budget.expectedPods,
    conditions: [allowedCondition(old.conditions, disruptionsAllowed > 0, observedGeneration, now)],
  };
}

export function allowedCondition(
  conditions: Condition[] | undefined,
  ok: boolean,
  observedGeneration: number,
  now: number,
): Condition {
  const status = ok ? 'True' : 'False';
  const prev = conditions?.find((c) => c.type === CONDITION);
  return {
    type: CONDITION,
    status,
    observedGeneration,
    lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : isoSeconds(now),
    reason: ok ? SUFFICIENT : INSUFFICIENT,
    message: '',
  };
}
