/**
 * `kubectl describe` for HorizontalPodAutoscaler (autoscaling/v2),
 * PodDisruptionBudget, PriorityClass, ResourceQuota and LimitRange, after
 * describeHorizontalPodAutoscalerV2 (with printDirectionBehavior),
 * describePodDisruptionBudgetV1, describePriorityClass, describeQuota and
 * describeLimitRange in kubectl `pkg/describe/describe.go` (1.33). Upstream
 * prints a LimitRange item's resources in Go map order (random); here they are
 * sorted.
 */
import type { KubeObject } from '../api/types.ts';
import { formatRFC1123Z } from './duration.ts';
import { intOrString, num, obj, objs, optBool, optNum, optObj, optStr, str, strMap, strs, type J } from './json.ts';
import { formatLabelSelector, formatLabels } from './labels.ts';
import { canonicalQuantity, formatQuantity, parseQuantity } from './quantity.ts';
import {
  describeEvents,
  printAnnotationsMultiline,
  printLabelsMultiline,
  type PrefixWriter,
} from './describeWriter.ts';

const q = (v: unknown): string => (typeof v === 'string' ? canonicalQuantity(v) : v === undefined ? '0' : String(v));
/** Go's %q for a plain name. */
const quoted = (s: string): string => JSON.stringify(s);

export function describeHPABody(w: PrefixWriter, hpa: KubeObject, events: KubeObject[], nowMs: number): void {
  const spec = obj(hpa, 'spec');
  const status = obj(hpa, 'status');
  const ref = obj(spec, 'scaleTargetRef');
  w.write(0, `Name:\t${hpa.metadata.name ?? ''}\n`);
  w.write(0, `Namespace:\t${hpa.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', hpa.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', hpa.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${formatRFC1123Z(hpa.metadata.creationTimestamp)}\n`);
  w.write(0, `Reference:\t${str(ref, 'kind')}/${str(ref, 'name')}\n`);
  w.write(0, 'Metrics:\t( current / target )\n');
  const current = objs(status, 'currentMetrics');
  objs(spec, 'metrics').forEach((m, i) => writeMetric(w, m, current[i]));
  const min = optNum(spec, 'minReplicas');
  w.write(0, `Min replicas:\t${min === undefined ? '<unset>' : min}\n`);
  w.write(0, `Max replicas:\t${num(spec, 'maxReplicas')}\n`);
  const behavior = optObj(spec, 'behavior');
  if (behavior) {
    w.write(0, 'Behavior:\n');
    writeDirection(w, 'Scale Up', optObj(behavior, 'scaleUp'));
    writeDirection(w, 'Scale Down', optObj(behavior, 'scaleDown'));
  }
  w.write(0, `${str(ref, 'kind')} pods:\t`);
  w.write(0, `${num(status, 'currentReplicas')} current / ${num(status, 'desiredReplicas')} desired\n`);
  const conditions = objs(status, 'conditions');
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tReason\tMessage\n');
    w.write(1, '----\t------\t------\t-------\n');
    for (const c of conditions)
      w.write(1, `${str(c, 'type')}\t${str(c, 'status')}\t${str(c, 'reason')}\t${str(c, 'message')}\n`);
  }
  describeEvents(w, events, nowMs);
}

/** One line of the Metrics block; `cur` is the status entry at the same index, if any. */
function writeMetric(w: PrefixWriter, m: J, cur: J | undefined): void {
  const type = str(m, 'type');
  const src = (key: string) => obj(m, key);
  const now = (key: string) => (cur && str(cur, 'type') === type ? optObj(cur, key) : undefined);
  switch (type) {
    case 'Resource':
    case 'ContainerResource': {
      const key = type === 'Resource' ? 'resource' : 'containerResource';
      const s = src(key);
      const target = obj(s, 'target');
      const c = now(key);
      const what =
        type === 'Resource'
          ? `resource ${str(s, 'name')} on pods`
          : `resource ${str(s, 'name')} of container "${str(s, 'container')}" on pods`;
      w.write(1, what);
      if (target['averageValue'] !== undefined) {
        w.write(0, `:\t${c ? q(obj(c, 'current')['averageValue']) : '<unknown>'} / ${q(target['averageValue'])}\n`);
        return;
      }
      const util = c ? optNum(obj(c, 'current'), 'averageUtilization') : undefined;
      const shown = util === undefined ? '<unknown>' : `${util}% (${q(obj(c, 'current')['averageValue'])})`;
      const want = optNum(target, 'averageUtilization');
      w.write(1, `(as a percentage of request):\t${shown} / ${want === undefined ? '<auto>' : `${want}%`}\n`);
      return;
    }
    case 'Pods': {
      const c = now('pods');
      const name = str(obj(src('pods'), 'metric'), 'name');
      const value = c ? q(obj(c, 'current')['averageValue']) : '<unknown>';
      w.write(1, `${quoted(name)} on pods:\t${value} / ${q(obj(src('pods'), 'target')['averageValue'])}\n`);
      return;
    }
    case 'Object': {
      const s = src('object');
      const target = obj(s, 'target');
      const c = now('object');
      const described = obj(s, 'describedObject');
      w.write(1, `"${str(obj(s, 'metric'), 'name')}" on ${str(described, 'kind')}/${str(described, 'name')} `);
      const average = str(target, 'type') === 'AverageValue';
      const field = average ? 'averageValue' : 'value';
      const value = c ? q(obj(c, 'current')[field]) : '<unknown>';
      w.write(0, `(target ${average ? 'average value' : 'value'}):\t${value} / ${q(target[field])}\n`);
      return;
    }
    case 'External': {
      const s = src('external');
      const target = obj(s, 'target');
      const c = now('external');
      const average = target['averageValue'] !== undefined;
      const field = average ? 'averageValue' : 'value';
      const value = c ? q(obj(c, 'current')[field]) : '<unknown>';
      const name = quoted(str(obj(s, 'metric'), 'name'));
      w.write(1, `${name} (target ${average ? 'average value' : 'value'}):\t${value} / ${q(target[field])}\n`);
      return;
    }
    default:
      w.write(1, `<unknown metric type ${quoted(type)}>\n`);
  }
}

function writeDirection(w: PrefixWriter, direction: string, rules: J | undefined): void {
  if (!rules) return;
  w.write(1, `${direction}:\n`);
  const window = optNum(rules, 'stabilizationWindowSeconds');
  if (window !== undefined) w.write(2, `Stabilization Window: ${window} seconds\n`);
  const policies = objs(rules, 'policies');
  if (policies.length === 0) return;
  w.write(2, `Select Policy: ${optStr(rules, 'selectPolicy') ?? 'Max'}\n`);
  w.write(2, 'Policies:\n');
  for (const p of policies)
    w.write(3, `- Type: ${str(p, 'type')}\tValue: ${num(p, 'value')}\tPeriod: ${num(p, 'periodSeconds')} seconds\n`);
}

export function describePDBBody(w: PrefixWriter, pdb: KubeObject, events: KubeObject[], nowMs: number): void {
  const spec = obj(pdb, 'spec');
  const status = obj(pdb, 'status');
  w.write(0, `Name:\t${pdb.metadata.name ?? ''}\n`);
  w.write(0, `Namespace:\t${pdb.metadata.namespace ?? ''}\n`);
  if (spec['minAvailable'] !== undefined) w.write(0, `Min available:\t${intOrString(spec, 'minAvailable')}\n`);
  else if (spec['maxUnavailable'] !== undefined)
    w.write(0, `Max unavailable:\t${intOrString(spec, 'maxUnavailable')}\n`);
  const selector = optObj(spec, 'selector');
  w.write(0, `Selector:\t${selector ? formatLabelSelector(selector) : '<unset>'}\n`);
  w.write(0, 'Status:\n');
  w.write(2, `Allowed disruptions:\t${num(status, 'disruptionsAllowed')}\n`);
  w.write(2, `Current:\t${num(status, 'currentHealthy')}\n`);
  w.write(2, `Desired:\t${num(status, 'desiredHealthy')}\n`);
  w.write(2, `Total:\t${num(status, 'expectedPods')}\n`);
  describeEvents(w, events, nowMs);
}

export function describePriorityClassBody(w: PrefixWriter, pc: KubeObject, events: KubeObject[], nowMs: number): void {
  w.write(0, `Name:\t${pc.metadata.name ?? ''}\n`);
  w.write(0, `Value:\t${num(pc, 'value')}\n`);
  w.write(0, `GlobalDefault:\t${String(optBool(pc, 'globalDefault') ?? false)}\n`);
  w.write(0, `PreemptionPolicy:\t${str(pc, 'preemptionPolicy')}\n`);
  w.write(0, `Description:\t${str(pc, 'description')}\n`);
  w.write(0, `Annotations:\t${formatLabels(pc.metadata.annotations ?? {})}\n`);
  describeEvents(w, events, nowMs);
}

const SCOPE_HELP: Record<string, string> = {
  Terminating:
    'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating:
    'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort:
    'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort:
    'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

export function describeResourceQuotaBody(w: PrefixWriter, rq: KubeObject): void {
  w.write(0, `Name:\t${rq.metadata.name ?? ''}\n`);
  w.write(0, `Namespace:\t${rq.metadata.namespace ?? ''}\n`);
  const scopes = [...strs(obj(rq, 'spec'), 'scopes')].sort();
  if (scopes.length > 0) {
    w.write(0, `Scopes:\t${scopes.join(', ')}\n`);
    for (const s of scopes) if (SCOPE_HELP[s]) w.write(0, ` * ${SCOPE_HELP[s]}\n`);
  }
  w.write(0, 'Resource\tUsed\tHard\n');
  w.write(0, '--------\t----\t----\n');
  const hard = strMap(obj(rq, 'status'), 'hard');
  const used = strMap(obj(rq, 'status'), 'used');
  for (const r of Object.keys(hard).sort())
    w.write(0, `${r}\t${usedIn(used[r] ?? '0', hard[r] ?? '0')}\t${q(hard[r])}\n`);
}

/** Used is re-expressed in the hard limit's format when they differ (its integer Value, as upstream). */
function usedIn(used: string, hard: string): string {
  const u = parseQuantity(used);
  const h = parseQuantity(hard);
  if (!u || !h || u.format === h.format) return q(used);
  return formatQuantity({ milli: Math.ceil(u.milli / 1000) * 1000, format: h.format });
}

export function describeLimitRangeBody(w: PrefixWriter, lr: KubeObject): void {
  w.write(0, `Name:\t${lr.metadata.name ?? ''}\n`);
  w.write(0, `Namespace:\t${lr.metadata.namespace ?? ''}\n`);
  describeLimitRanges(w, [lr], '');
}

/** The LimitRange table: its header, then each range's rows (describe limitrange, and describe namespace with prefix ' '). */
export function describeLimitRanges(w: PrefixWriter, ranges: KubeObject[], prefix: string): void {
  w.write(0, `${prefix}Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n`);
  w.write(0, `${prefix}----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n`);
  for (const lr of ranges) describeLimitRangeSpec(w, lr, prefix);
}

/** describeLimitRangeSpec: one row per limit item and resource; `-` where a column has no value. */
function describeLimitRangeSpec(w: PrefixWriter, lr: KubeObject, prefix: string): void {
  for (const item of objs(obj(lr, 'spec'), 'limits')) {
    const cols = ['min', 'max', 'defaultRequest', 'default', 'maxLimitRequestRatio'].map((k) => strMap(item, k));
    const names = [...new Set(cols.flatMap((c) => Object.keys(c)))].sort();
    for (const name of names) {
      const cells = cols.map((c) => (c[name] === undefined ? '-' : q(c[name])));
      w.write(0, `${prefix}${str(item, 'type')}\t${name}\t${cells.join('\t')}\n`);
    }
  }
}
