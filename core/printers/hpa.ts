/**
 * The HorizontalPodAutoscaler row, including the Targets cell
 * (`cpu: 45%/80%`), from formatHPAMetrics in upstream printers.go. Both
 * autoscaling/v2 objects and v1 objects (targetCPUUtilizationPercentage)
 * print through it, as the server converts both to one internal type.
 */
import type { KubeObject } from '../api/types.ts';
import { translateTimestampSince } from './duration.ts';
import { num, obj, objs, optNum, optObj, str, type J } from './json.ts';
import { ageCol, col, nameCol, type Printer } from './types.ts';

const MAX_METRICS = 2;
const DEFAULT_CPU_PERCENT = 80;

export const hpaPrinter: Printer = {
  columns: [
    nameCol(),
    col('Reference', 'scaleTargetRef points to the target resource to scale.'),
    col('Targets', 'metrics contains the specifications for which to use to calculate the desired replica count.'),
    col('MinPods', 'minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.'),
    col('MaxPods', 'maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up.'),
    col('Replicas', 'currentReplicas is current number of replicas of pods managed by this autoscaler.'),
    ageCol(),
  ],
  cells(o, nowMs) {
    const spec = obj(o, 'spec');
    const ref = obj(spec, 'scaleTargetRef');
    const min = optNum(spec, 'minReplicas');
    return [
      o.metadata.name ?? '',
      `${str(ref, 'kind')}/${str(ref, 'name')}`,
      formatMetrics(o),
      min === undefined ? '<unset>' : String(min),
      num(spec, 'maxReplicas'),
      num(obj(o, 'status'), 'currentReplicas'),
      translateTimestampSince(o.metadata.creationTimestamp, nowMs),
    ];
  },
};

/** `<none>`, or up to two `name: current/target` entries and `+ N more...`. */
function formatMetrics(o: KubeObject): string {
  // Printed in the version the client asked for (stored as v2, converted for v1 readers):
  // the shape (spec.metrics or not) says which fields it has.
  const entries = Array.isArray(obj(o, 'spec').metrics) ? v2Metrics(o) : v1Metrics(o);
  if (entries === undefined) return '<none>';
  const shown = entries.slice(0, MAX_METRICS).join(', ');
  return entries.length > MAX_METRICS ? `${shown} + ${entries.length - MAX_METRICS} more...` : shown;
}

/** A v1 object converts to one cpu Utilization metric; the server defaults its target to 80 %. */
function v1Metrics(o: KubeObject): string[] {
  const target = optNum(obj(o, 'spec'), 'targetCPUUtilizationPercentage') ?? DEFAULT_CPU_PERCENT;
  const current = optNum(obj(o, 'status'), 'currentCPUUtilizationPercentage');
  return [`cpu: ${current === undefined ? '<unknown>' : `${current}%`}/${target}%`];
}

function v2Metrics(o: KubeObject): string[] | undefined {
  const specs = objs(obj(o, 'spec'), 'metrics');
  if (specs.length === 0) return undefined;
  const statuses = objs(obj(o, 'status'), 'currentMetrics');
  return specs.map((m, i) => formatOne(m, statuses[i]));
}

/** One metric, by source type, as formatHPAMetrics prints it. */
function formatOne(m: J, st: J | undefined): string {
  switch (str(m, 'type')) {
    case 'Resource':
    case 'ContainerResource':
      return resourceMetric(m, st);
    case 'Pods': {
      const cur = optObj(st, 'pods');
      const current = cur ? str(obj(cur, 'current'), 'averageValue') : '<unknown>';
      return `${current}/${str(obj(obj(m, 'pods'), 'target'), 'averageValue')}`;
    }
    case 'Object':
    case 'External':
      return valueMetric(m, st);
    default:
      return '<unknown type>';
  }
}

function resourceMetric(m: J, st: J | undefined): string {
  const field = str(m, 'type') === 'Resource' ? 'resource' : 'containerResource';
  const source = obj(m, field);
  const target = obj(source, 'target');
  const cur = optObj(st, field);
  const resource = str(source, 'name');
  if (str(target, 'averageValue') !== '') {
    const current = cur ? str(obj(cur, 'current'), 'averageValue') : '<unknown>';
    return `${resource}: ${current}/${str(target, 'averageValue')}`;
  }
  const util = cur ? optNum(obj(cur, 'current'), 'averageUtilization') : undefined;
  const want = optNum(target, 'averageUtilization');
  return `${resource}: ${util === undefined ? '<unknown>' : `${util}%`}/${want === undefined ? '<auto>' : `${want}%`}`;
}

/** Object and External metrics: average value `(avg)` or plain value. */
function valueMetric(m: J, st: J | undefined): string {
  const field = str(m, 'type') === 'Object' ? 'object' : 'external';
  const target = obj(obj(m, field), 'target');
  const cur = optObj(st, field);
  if (str(target, 'averageValue') !== '') {
    const current =
      cur && str(obj(cur, 'current'), 'averageValue') !== '' ? str(obj(cur, 'current'), 'averageValue') : '<unknown>';
    return `${current}/${str(target, 'averageValue')} (avg)`;
  }
  const current = cur ? str(obj(cur, 'current'), 'value') || '0' : '<unknown>';
  return `${current}/${str(target, 'value') || '0'}`;
}
