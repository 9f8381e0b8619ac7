/**
 * Conversion between served versions of one kind, where their fields differ
 * (upstream's generated conversions in pkg/apis/<group>/<version>). Most kinds
 * need only a relabelled apiVersion; HorizontalPodAutoscaler autoscaling/v1 has
 * one CPU target where v2 has a list of metrics. Such kinds are stored in one
 * version (api.ts STORAGE_VERSION: HPAs as autoscaling/v2) and converted on the
 * way out, so a v1 client and a v2 client each see their own shape of the same
 * object. Pure; never changes its input.
 */
import type { KubeObject } from './types.ts';

type Obj = Record<string, unknown>;

const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);

/** `obj` as `apiVersion` (same kind) would show it. */
export function convert(o: KubeObject, apiVersion: string): KubeObject {
  if (o.apiVersion === apiVersion) return o;
  const relabelled = { ...o, apiVersion };
  if (o.kind !== 'HorizontalPodAutoscaler') return relabelled;
  if (apiVersion === 'autoscaling/v1') return hpaToV1(relabelled);
  if (o.apiVersion === 'autoscaling/v1') return hpaFromV1(relabelled);
  return relabelled;
}

const CPU = 'cpu';

/** v1 → v2: targetCPUUtilizationPercentage becomes a Resource cpu Utilization metric. */
function hpaFromV1(o: KubeObject): KubeObject {
  const { targetCPUUtilizationPercentage: target, ...spec } = obj(o.spec);
  const { currentCPUUtilizationPercentage: current, ...status } = obj(o.status);
  const out: KubeObject = {
    ...o,
    spec: {
      ...spec,
      // v2's defaulting: no target means 80 % CPU.
      metrics: [
        {
          type: 'Resource',
          resource: { name: CPU, target: { type: 'Utilization', averageUtilization: target ?? 80 } },
        },
      ],
    },
  };
  if (o.status !== undefined) {
    out.status = {
      ...status,
      ...(current !== undefined
        ? { currentMetrics: [{ type: 'Resource', resource: { name: CPU, current: { averageUtilization: current } } }] }
        : {}),
    };
  }
  return out;
}

/** v2 → v1: the first CPU Utilization metric is the target; the rest cannot be said in v1. */
function hpaToV1(o: KubeObject): KubeObject {
  const { metrics, behavior: _behavior, ...spec } = obj(o.spec);
  const { currentMetrics, conditions: _conditions, ...status } = obj(o.status);
  const cpu = (list: unknown) =>
    arr(list)
      .map((m) => obj(m.resource))
      .find((r) => r.name === CPU);
  const target = obj(cpu(metrics)?.target).averageUtilization;
  const current = obj(cpu(currentMetrics)?.current).averageUtilization;
  const out: KubeObject = {
    ...o,
    spec: { ...spec, ...(typeof target === 'number' ? { targetCPUUtilizationPercentage: target } : {}) },
  };
  if (o.status !== undefined)
    out.status = { ...status, ...(typeof current === 'number' ? { currentCPUUtilizationPercentage: current } : {}) };
  return out;
}
