/**
 * From the metrics' proposal to the replica count the HPA writes
 * (horizontal.go: normalizeDesiredReplicas[WithBehaviors]): min/max bounds,
 * scale rate limits and stabilization windows over a per-HPA history of
 * recommendations and scale events, kept in memory as upstream does.
 *
 * Without spec.behavior (the legacy rules): scale-down uses the highest
 * recommendation of the last 300 s, scale-up at most max(2 × current, 4).
 * Worked example: 1 replica at 250 % of a 50 % target proposes 5; the limit
 * max(2, 4) = 4 gives "New size: 4", ScalingLimited True ScaleUpLimit.
 * With spec.behavior: policies per period (Pods 4 / Percent 100 per 15 s by
 * default, selectPolicy Max) and stabilization windows up and down.
 */

/** --horizontal-pod-autoscaler-downscale-stabilization. */
export const DOWNSCALE_STABILIZATION_MS = 300_000;

export interface ScalingPolicy {
  type: 'Pods' | 'Percent';
  value: number;
  periodSeconds: number;
}

export interface ScalingRules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: 'Max' | 'Min' | 'Disabled';
  policies?: ScalingPolicy[];
}

export interface Behavior {
  scaleUp?: ScalingRules;
  scaleDown?: ScalingRules;
}

interface Recommendation {
  replicas: number;
  atMs: number;
}

interface ScaleEvent {
  change: number;
  atMs: number;
  outdated: boolean;
}

/** One HPA's memory: unstabilized recommendations and recent scale events. */
export class ScalingHistory {
  recommendations: Recommendation[] = [];
  up: ScaleEvent[] = [];
  down: ScaleEvent[] = [];
}

/** A condition the normalization decided: [reason, message]. */
export type Verdict = [reason: string, message: string];

export interface Normalized {
  replicas: number;
  ableToScale: Verdict;
  /** ScalingLimited: status True when the bounds or rates changed the recommendation. */
  limited: { status: boolean; verdict: Verdict };
}

const READY: Verdict = ['ReadyForNewScale', 'recommended size matches current size'];
const DOWN_STABILIZED: Verdict = [
  'ScaleDownStabilized',
  'recent recommendations were higher than current one, applying the highest recent recommendation',
];
const UP_STABILIZED: Verdict = [
  'ScaleUpStabilized',
  'recent recommendations were lower than current one, applying the lowest recent recommendation',
];
const WITHIN: Verdict = ['DesiredWithinRange', 'the desired count is within the acceptable range'];
const UP_LIMIT: Verdict = [
  'ScaleUpLimit',
  'the desired replica count is increasing faster than the maximum scale rate',
];
const DOWN_LIMIT: Verdict = [
  'ScaleDownLimit',
  'the desired replica count is decreasing faster than the maximum scale rate',
];
const TOO_MANY: Verdict = ['TooManyReplicas', 'the desired replica count is more than the maximum replica count'];
const TOO_FEW: Verdict = ['TooFewReplicas', 'the desired replica count is less than the minimum replica count'];

/** The defaults the API server fills into a given behavior (autoscaling/v2 defaults.go). */
const DEFAULT_UP: Required<ScalingRules> = {
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
};
const DEFAULT_DOWN: Required<ScalingRules> = {
  stabilizationWindowSeconds: DOWNSCALE_STABILIZATION_MS / 1000,
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
};

/** One direction's rules with the API server's defaults filled in. */
function rulesOf(behavior: Behavior, up: boolean): Required<ScalingRules> {
  return up ? { ...DEFAULT_UP, ...behavior.scaleUp } : { ...DEFAULT_DOWN, ...behavior.scaleDown };
}

export function recordInitialRecommendation(h: ScalingHistory, current: number, nowMs: number): void {
  if (h.recommendations.length === 0) h.recommendations.push({ replicas: current, atMs: nowMs });
}

/** normalizeDesiredReplicas: the legacy rules, when spec.behavior is not set. */
export function normalizeLegacy(
  h: ScalingHistory,
  nowMs: number,
  current: number,
  desired: number,
  min: number,
  max: number,
): Normalized {
  const stabilized = stabilizeLegacy(h, nowMs, desired);
  const ableToScale = stabilized !== desired ? DOWN_STABILIZED : READY;
  const scaleUpLimit = Math.max(2 * current, 4);
  const [ceiling, ceilingVerdict] = max > scaleUpLimit ? [scaleUpLimit, UP_LIMIT] : [max, TOO_MANY];
  let replicas = stabilized;
  let verdict = WITHIN;
  if (stabilized < min) [replicas, verdict] = [min, TOO_FEW];
  else if (stabilized > ceiling) [replicas, verdict] = [ceiling, ceilingVerdict];
  return { replicas, ableToScale, limited: { status: replicas !== stabilized, verdict } };
}

/** stabilizeRecommendation: the highest recommendation of the window; the oldest stale slot is reused. */
function stabilizeLegacy(h: ScalingHistory, nowMs: number, desired: number): number {
  const cutoff = nowMs - DOWNSCALE_STABILIZATION_MS;
  let highest = desired;
  let old = -1;
  h.recommendations.forEach((r, i) => {
    if (r.atMs < cutoff) old = i;
    else if (r.replicas > highest) highest = r.replicas;
  });
  putAt(h.recommendations, old, { replicas: desired, atMs: nowMs });
  return highest;
}

/** normalizeDesiredReplicasWithBehaviors. */
export function normalizeWithBehavior(
  h: ScalingHistory,
  nowMs: number,
  behavior: Behavior,
  current: number,
  desired: number,
  min: number,
  max: number,
): Normalized {
  const up = rulesOf(behavior, true);
  const down = rulesOf(behavior, false);
  const [stabilized, stabilizedVerdict] = stabilizeWithBehavior(h, nowMs, up, down, current, desired);
  const ableToScale = stabilized !== desired ? stabilizedVerdict : READY;
  let replicas = stabilized;
  let verdict = WITHIN;
  if (stabilized > current) {
    const limit = Math.max(scaleUpLimit(h, nowMs, current, up), current);
    const [ceiling, why] = max > limit ? [limit, UP_LIMIT] : [max, TOO_MANY];
    if (stabilized > ceiling) [replicas, verdict] = [ceiling, why];
  } else if (stabilized < current) {
    const limit = Math.min(scaleDownLimit(h, nowMs, current, down), current);
    const [floor, why] = min < limit ? [limit, DOWN_LIMIT] : [min, TOO_FEW];
    if (stabilized < floor) [replicas, verdict] = [floor, why];
  }
  return { replicas, ableToScale, limited: { status: replicas !== stabilized, verdict } };
}

/** stabilizeRecommendationWithBehaviors: clamp between the lowest (up) and highest (down) recent recommendations. */
function stabilizeWithBehavior(
  h: ScalingHistory,
  nowMs: number,
  up: Required<ScalingRules>,
  down: Required<ScalingRules>,
  current: number,
  desired: number,
): [number, Verdict] {
  const upCutoff = nowMs - up.stabilizationWindowSeconds * 1000;
  const downCutoff = nowMs - down.stabilizationWindowSeconds * 1000;
  let upRec = desired;
  let downRec = desired;
  let old = -1;
  h.recommendations.forEach((r, i) => {
    if (r.atMs > upCutoff) upRec = Math.min(r.replicas, upRec);
    if (r.atMs > downCutoff) downRec = Math.max(r.replicas, downRec);
    if (r.atMs < upCutoff && r.atMs < downCutoff) old = i;
  });
  const replicas = Math.min(Math.max(current, upRec), downRec);
  putAt(h.recommendations, old, { replicas: desired, atMs: nowMs });
  return [replicas, desired >= current ? UP_STABILIZED : DOWN_STABILIZED];
}

/** storeScaleEvent: remember a change for the rate policies (only when spec.behavior is set). */
export function storeScaleEvent(
  h: ScalingHistory,
  behavior: Behavior,
  nowMs: number,
  prev: number,
  next: number,
): void {
  const isUp = next > prev;
  const rules = rulesOf(behavior, isUp);
  const events = isUp ? h.up : h.down;
  const cutoff = nowMs - Math.max(0, ...rules.policies.map((p) => p.periodSeconds)) * 1000;
  let old = -1;
  events.forEach((e, i) => {
    if (e.atMs < cutoff) e.outdated = true;
    if (e.outdated) old = i;
  });
  putAt(events, old, { change: Math.abs(next - prev), atMs: nowMs, outdated: false });
}

/** Upstream's history slices reuse a stale slot (index `old`) before growing. */
function putAt<T>(list: T[], old: number, item: T): void {
  if (old >= 0) list[old] = item;
  else list.push(item);
}

function changedInPeriod(events: ScaleEvent[], periodSeconds: number, nowMs: number): number {
  const cutoff = nowMs - periodSeconds * 1000;
  return events.filter((e) => e.atMs > cutoff).reduce((sum, e) => sum + e.change, 0);
}

/** periodStartReplicas: the replica count at the start of the policy's period. */
function periodStartReplicas(h: ScalingHistory, p: ScalingPolicy, nowMs: number, current: number): number {
  return current - changedInPeriod(h.up, p.periodSeconds, nowMs) + changedInPeriod(h.down, p.periodSeconds, nowMs);
}

/** calculateScaleUpLimitWithScalingRules: the most replicas the policies allow now. */
function scaleUpLimit(h: ScalingHistory, nowMs: number, current: number, rules: Required<ScalingRules>): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const pick = rules.selectPolicy === 'Min' ? Math.min : Math.max;
  let result = rules.selectPolicy === 'Min' ? Infinity : -Infinity;
  for (const p of rules.policies) {
    const start = periodStartReplicas(h, p, nowMs, current);
    const proposed = p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100));
    result = pick(result, proposed);
  }
  return result;
}

/** calculateScaleDownLimitWithBehaviors: the fewest replicas the policies allow now. */
function scaleDownLimit(h: ScalingHistory, nowMs: number, current: number, rules: Required<ScalingRules>): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const pick = rules.selectPolicy === 'Min' ? Math.max : Math.min;
  let result = rules.selectPolicy === 'Min' ? -Infinity : Infinity;
  for (const p of rules.policies) {
    const start = periodStartReplicas(h, p, nowMs, current);
    const proposed = p.type === 'Pods' ? start - p.value : Math.trunc(start * (1 - p.value / 100));
    result = pick(result, proposed);
  }
  return result;
}
