/**
 * The HPA object as the controller sees it: one autoscaling/v2 view of the
 * spec whichever version stored it (v1's targetCPUUtilizationPercentage is a
 * cpu Utilization metric, 80 % when unset), conditions set as upstream's
 * setCondition does, and the status written back in the stored version's shape.
 */
import type { KubeObject } from '../../api/types.ts';
import { isoSeconds } from '../../clock/clock.ts';
import type { Behavior } from './normalize.ts';

export interface MetricTarget {
  type?: string;
  averageUtilization?: number;
  averageValue?: string | number;
  value?: string | number;
}

export interface MetricSpec {
  type: string;
  resource?: { name: string; target: MetricTarget };
  containerResource?: { name: string; container: string; target: MetricTarget };
  pods?: { metric: { name: string } };
  object?: { metric: { name: string }; describedObject?: { kind?: string; name?: string } };
  external?: { metric: { name: string } };
}

export interface ScaleTargetRef {
  apiVersion?: string;
  kind: string;
  name: string;
}

export interface HPASpec {
  scaleTargetRef: ScaleTargetRef;
  minReplicas: number;
  maxReplicas: number;
  metrics: MetricSpec[];
  behavior?: Behavior;
}

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export interface HPAStatus {
  currentReplicas: number;
  desiredReplicas: number;
  lastScaleTime?: string;
  currentMetrics?: Record<string, unknown>[];
  conditions?: Condition[];
}

const DEFAULT_CPU_UTILIZATION = 80;

export const isV1 = (hpa: KubeObject): boolean => hpa.apiVersion === 'autoscaling/v1';

export function specOf(hpa: KubeObject): HPASpec {
  const s = (hpa.spec ?? {}) as Record<string, unknown>;
  const cpu = (percent: number): MetricSpec[] => [
    { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: percent } } },
  ];
  const metrics = isV1(hpa)
    ? cpu((s.targetCPUUtilizationPercentage as number | undefined) ?? DEFAULT_CPU_UTILIZATION)
    : Array.isArray(s.metrics) && s.metrics.length > 0
      ? (s.metrics as MetricSpec[])
      : cpu(DEFAULT_CPU_UTILIZATION);
  return {
    scaleTargetRef: (s.scaleTargetRef ?? { kind: '', name: '' }) as ScaleTargetRef,
    minReplicas: (s.minReplicas as number | undefined) ?? 1,
    maxReplicas: (s.maxReplicas as number | undefined) ?? 0,
    metrics,
    ...(!isV1(hpa) && s.behavior ? { behavior: s.behavior as Behavior } : {}),
  };
}

/** The v2 status of a stored object (v1 objects keep no conditions or metric list in status). */
export function statusOf(hpa: KubeObject): HPAStatus {
  const s = (hpa.status ?? {}) as Partial<HPAStatus>;
  return {
    currentReplicas: s.currentReplicas ?? 0,
    desiredReplicas: s.desiredReplicas ?? 0,
    ...(s.lastScaleTime ? { lastScaleTime: s.lastScaleTime } : {}),
    ...(isV1(hpa) ? {} : { conditions: s.conditions ?? [] }),
  };
}

/** setConditionInList: a new status moves lastTransitionTime; reason and message always follow. */
export function setCondition(
  st: HPAStatus,
  nowMs: number,
  type: string,
  status: 'True' | 'False',
  reason: string,
  message: string,
): void {
  const list = [...(st.conditions ?? [])];
  const i = list.findIndex((c) => c.type === type);
  const old = list[i];
  const lastTransitionTime = old && old.status === status ? old.lastTransitionTime : isoSeconds(nowMs);
  const next = { type, status, lastTransitionTime, reason, message };
  if (i >= 0) list[i] = next;
  else list.push(next);
  st.conditions = list;
}

/**
 * The status as stored: v2 omits an empty metric list and a zero currentReplicas
 * (omitempty); v1 reports the cpu utilization as currentCPUUtilizationPercentage.
 */
export function storedStatus(hpa: KubeObject, st: HPAStatus): Record<string, unknown> {
  if (isV1(hpa)) {
    const cpu = st.currentMetrics?.find(
      (m) => m.type === 'Resource' && (m.resource as { name?: string } | undefined)?.name === 'cpu',
    );
    const util = (cpu?.resource as { current?: { averageUtilization?: number } } | undefined)?.current
      ?.averageUtilization;
    return {
      ...(st.lastScaleTime ? { lastScaleTime: st.lastScaleTime } : {}),
      currentReplicas: st.currentReplicas,
      desiredReplicas: st.desiredReplicas,
      ...(util !== undefined ? { currentCPUUtilizationPercentage: util } : {}),
    };
  }
  return {
    ...(st.lastScaleTime ? { lastScaleTime: st.lastScaleTime } : {}),
    ...(st.currentReplicas ? { currentReplicas: st.currentReplicas } : {}),
    desiredReplicas: st.desiredReplicas,
    ...(st.currentMetrics?.length ? { currentMetrics: st.currentMetrics } : {}),
    ...(st.conditions?.length ? { conditions: st.conditions } : {}),
  };
}

/** resource.NewMilliQuantity(v, DecimalSI).String(): `250m`, `1`, `12M`. */
export function milliQuantity(milli: number): string {
  if (milli === 0) return '0';
  if (milli % 1000 !== 0) return `${milli}m`;
  let v = milli / 1000;
  let i = 0;
  const suffixes = ['', 'k', 'M', 'G', 'T', 'P', 'E'];
  while (v % 1000 === 0 && i < suffixes.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v}${suffixes[i]}`;
}
