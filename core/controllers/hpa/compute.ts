/**
 * computeReplicasForMetrics (horizontal.go): one proposal per metric of the
 * spec, the highest wins; a metric that fails gives the ScalingActive=False
 * condition and events with upstream's wrapped error messages, e.g.
 * "failed to get cpu utilization: missing request for cpu in container
 * php-apache of Pod php-apache-xxx".
 */
import type { KubeObject } from '../../api/types.ts';
import { milliValue } from '../../scheduler/index.ts';
import type { UsageSource } from './metrics.ts';
import { resourceMetrics } from './metrics.ts';
import { rawResourceReplicas, resourceReplicas } from './replicas.ts';
import type { HPASpec, MetricSpec, MetricTarget } from './shape.ts';
import { milliQuantity } from './shape.ts';

type EventTuple = [type: 'Normal' | 'Warning', reason: string, message: string];

export interface MetricsOutcome {
  /** -1 when no usable proposal. */
  replicas: number;
  metric: string;
  statuses: Record<string, unknown>[] | undefined;
  condition: { status: 'True' | 'False'; reason: string; message: string };
  events: EventTuple[];
  error?: string;
}

type Proposal =
  | { ok: true; replicas: number; metric: string; status: Record<string, unknown> }
  | { ok: false; reason: string; inner: string; error: string };

const UNABLE = 'the HPA was unable to compute the replica count';
const NO_CUSTOM_METRICS = 'the server could not find the requested resource';

export function computeMetrics(
  usage: UsageSource,
  spec: HPASpec,
  pods: KubeObject[] | undefined,
  current: number,
  nowMs: number,
): MetricsOutcome {
  if (!pods) {
    return {
      replicas: -1,
      metric: '',
      statuses: undefined,
      condition: {
        status: 'False',
        reason: 'InvalidSelector',
        message: "the HPA target's scale is missing a selector",
      },
      events: [['Warning', 'SelectorRequired', 'selector is required']],
      error: 'selector is required',
    };
  }
  const events: EventTuple[] = [];
  const statuses: Record<string, unknown>[] = [];
  let replicas = 0;
  let metric = '';
  let invalid = 0;
  let first: Extract<Proposal, { ok: false }> | undefined;
  for (const m of spec.metrics) {
    const p = proposal(usage, m, pods, current, nowMs);
    if (!p.ok) {
      events.push(['Warning', p.reason, p.inner]);
      statuses.push({ type: '' });
      first ??= p;
      invalid++;
      continue;
    }
    statuses.push(p.status);
    if (replicas === 0 || p.replicas > replicas) [replicas, metric] = [p.replicas, p.metric];
  }
  const error = first
    ? `invalid metrics (${invalid} invalid out of ${spec.metrics.length}), first error is: ${first.error}`
    : undefined;
  if (first && (invalid >= spec.metrics.length || replicas < current)) {
    const condition = { status: 'False' as const, reason: first.reason, message: `${UNABLE}: ${first.inner}` };
    return { replicas: -1, metric: '', statuses, condition, events, ...(error ? { error } : {}) };
  }
  const message = `the HPA was able to successfully calculate a replica count from ${metric}`;
  return {
    replicas,
    metric,
    statuses,
    condition: { status: 'True', reason: 'ValidMetricFound', message },
    events,
    ...(error ? { error } : {}),
  };
}

/** computeReplicasForMetric: one metric's proposal and status, or its failure in upstream's words. */
function proposal(usage: UsageSource, m: MetricSpec, pods: KubeObject[], current: number, nowMs: number): Proposal {
  switch (m.type) {
    case 'Resource':
    case 'ContainerResource': {
      const isContainer = m.type === 'ContainerResource';
      const src = isContainer ? m.containerResource : m.resource;
      const name = src?.name ?? '';
      const container = isContainer ? (m.containerResource?.container ?? '') : '';
      const r = resourceProposal(usage, src?.target ?? {}, name, container, isContainer, pods, current, nowMs);
      const reason = isContainer ? 'FailedGetContainerResourceMetric' : 'FailedGetResourceMetric';
      const outer = isContainer
        ? `failed to get ${container} container metric value`
        : `failed to get ${name} resource metric value`;
      if (!r.ok) return { ok: false, reason, inner: r.error, error: `${outer}: ${r.error}` };
      const field = isContainer ? 'containerResource' : 'resource';
      const status = { type: m.type, [field]: { name, ...(isContainer ? { container } : {}), current: r.current } };
      return { ok: true, replicas: r.replicas, metric: r.metric, status };
    }
    case 'Pods': {
      const inner = `unable to get metric ${m.pods?.metric.name ?? ''}: unable to fetch metrics from custom metrics API: ${NO_CUSTOM_METRICS} (get pods.custom.metrics.k8s.io *)`;
      return { ok: false, reason: 'FailedGetPodsMetric', inner, error: `failed to get pods metric value: ${inner}` };
    }
    case 'Object': {
      const d = m.object?.describedObject;
      const inner = `unable to get metric ${m.object?.metric.name ?? ''}: ${d?.kind ?? ''} on ${d?.name ?? ''}: unable to fetch metrics from custom metrics API: ${NO_CUSTOM_METRICS}`;
      return {
        ok: false,
        reason: 'FailedGetObjectMetric',
        inner,
        error: `failed to get object metric value: ${inner}`,
      };
    }
    case 'External': {
      const metricName = m.external?.metric.name ?? '';
      const inner = `unable to get external metric ${metricName}: unable to fetch metrics from external metrics API: ${NO_CUSTOM_METRICS}`;
      return {
        ok: false,
        reason: 'FailedGetExternalMetric',
        inner,
        error: `failed to get external metric ${metricName}: ${inner}`,
      };
    }
    default: {
      const inner = `unknown metric source type "${m.type}"`;
      return { ok: false, reason: 'InvalidMetricSourceType', inner, error: inner };
    }
  }
}

/** computeStatusForResourceMetricGeneric: Utilization or AverageValue of cpu or memory. */
function resourceProposal(
  usage: UsageSource,
  target: MetricTarget,
  resource: string,
  container: string,
  isContainer: boolean,
  pods: KubeObject[],
  current: number,
  nowMs: number,
): { ok: true; replicas: number; metric: string; current: Record<string, unknown> } | { ok: false; error: string } {
  const fetch = () => {
    const f = resourceMetrics(usage, pods, resource, container, nowMs);
    return f.ok ? f : { ok: false as const, error: `unable to get metrics for resource ${resource}: ${f.error}` };
  };
  if (target.averageValue !== undefined) {
    const f = fetch();
    const r = f.ok
      ? rawResourceReplicas(current, milliValue(String(target.averageValue)) ?? 0, resource, pods, f.value, nowMs)
      : f;
    if (!r.ok) return { ok: false, error: `failed to get ${resource} usage: ${r.error}` };
    return {
      ok: true,
      replicas: r.value.replicas,
      metric: `${resource} resource`,
      current: { averageValue: milliQuantity(r.value.usage) },
    };
  }
  if (target.averageUtilization === undefined) {
    return {
      ok: false,
      error:
        'invalid resource metric source: neither an average utilization target nor an average value (usage) target was set',
    };
  }
  const f = fetch();
  const r = f.ok ? resourceReplicas(current, target.averageUtilization, resource, pods, f.value, container, nowMs) : f;
  if (!r.ok) return { ok: false, error: `failed to get ${resource} utilization: ${r.error}` };
  return {
    ok: true,
    replicas: r.value.replicas,
    metric: `${resource}${isContainer ? ' container' : ''} resource utilization (percentage of request)`,
    current: { averageUtilization: r.value.utilization, averageValue: milliQuantity(r.value.raw) },
  };
}
