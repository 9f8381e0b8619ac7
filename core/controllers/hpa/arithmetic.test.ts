import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { isoSeconds } from '../../clock/clock.ts';
import type { PodMetrics } from './replicas.ts';
import { rawResourceReplicas, resourceReplicas } from './replicas.ts';
import { ScalingHistory, normalizeLegacy, normalizeWithBehavior, storeScaleEvent } from './normalize.ts';

const NOW = Date.parse('2026-11-22T10:00:00Z');

/** A Running pod that started `startedAgo` ms before NOW and became Ready `readyAgo` ms before NOW. */
function pod(name: string, opts: { request?: string; startedAgo?: number; readyAgo?: number; phase?: string } = {}) {
  const { request = '200m', startedAgo = 600_000, readyAgo = 590_000, phase = 'Running' } = opts;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { containers: [{ name: 'app', resources: { requests: { cpu: request } } }] },
    status: {
      phase,
      startTime: isoSeconds(NOW - startedAgo),
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: isoSeconds(NOW - readyAgo) }],
    },
  } as KubeObject;
}

function usage(values: Record<string, number>): PodMetrics {
  return new Map(Object.entries(values).map(([k, v]) => [k, { value: v, timestampMs: NOW - 5000, windowMs: 15_000 }]));
}

describe('resourceReplicas (GetResourceReplicas)', () => {
  it('scales on the average utilization of the ready pods', () => {
    // 3 pods at 200m requested use 300m, 500m, 700m: 1500m / 600m = 250 %, target 50 %: ceil(5 × 3) = 15.
    const pods = [pod('a'), pod('b'), pod('c')];
    const r = resourceReplicas(3, 50, 'cpu', pods, usage({ a: 300, b: 500, c: 700 }), '', NOW);
    expect(r).toEqual({ ok: true, value: { replicas: 15, utilization: 250, raw: 500 } });
  });

  it('keeps the count within the 10 % tolerance', () => {
    // 110m of 200m = 55 % against 50 %: ratio 1.1 is not above the tolerance.
    const r = resourceReplicas(2, 50, 'cpu', [pod('a'), pod('b')], usage({ a: 110, b: 110 }), '', NOW);
    expect(r.ok && r.value.replicas).toBe(2);
  });

  it('counts pods without metrics as 100 % on a scale-down', () => {
    // a, b at 20 % (ratio 0.4); c missing counts as 200m: 280m / 600m = 46 % → ratio 0.93: within tolerance.
    const pods = [pod('a'), pod('b'), pod('c')];
    const r = resourceReplicas(3, 50, 'cpu', pods, usage({ a: 40, b: 40 }), '', NOW);
    expect(r.ok && r.value).toEqual({ replicas: 3, utilization: 20, raw: 40 });
  });

  it('counts warming-up pods as 0 % on a scale-up', () => {
    // b became ready 10 s ago, inside its first 5 minutes: unready. a alone: 150 % → ratio 3;
    // with b at 0 %: 300m / 400m = 75 % → ratio 1.5 → ceil(1.5 × 2) = 3.
    const pods = [pod('a'), pod('b', { startedAgo: 20_000, readyAgo: 10_000 })];
    const r = resourceReplicas(2, 50, 'cpu', pods, usage({ a: 300, b: 300 }), '', NOW);
    expect(r.ok && r.value.replicas).toBe(3);
  });

  it('names the pod missing a request', () => {
    const r = resourceReplicas(
      1,
      50,
      'cpu',
      [{ ...pod('a'), spec: { containers: [{ name: 'app' }] } }],
      usage({ a: 5 }),
      '',
      NOW,
    );
    expect(r).toEqual({ ok: false, error: 'missing request for cpu in container app of Pod a' });
  });

  it('fails when every pod is pending', () => {
    const r = resourceReplicas(1, 50, 'cpu', [pod('a', { phase: 'Pending' })], usage({}), '', NOW);
    expect(r).toEqual({ ok: false, error: 'did not receive metrics for targeted pods (pods might be unready)' });
  });
});

describe('rawResourceReplicas (GetRawResourceReplicas)', () => {
  it('scales on the average value per pod', () => {
    // 2 pods average 300m against 100m: ceil(3 × 2) = 6.
    const r = rawResourceReplicas(2, 100, 'cpu', [pod('a'), pod('b')], usage({ a: 200, b: 400 }), NOW);
    expect(r).toEqual({ ok: true, value: { replicas: 6, usage: 300 } });
  });
});

describe('normalization', () => {
  it('legacy: scale-up at most max(2 × current, 4), scale-down after 300 s', () => {
    const h = new ScalingHistory();
    expect(normalizeLegacy(h, NOW, 1, 9, 1, 10)).toMatchObject({
      replicas: 4,
      limited: { status: true, verdict: ['ScaleUpLimit', expect.any(String)] },
    });
    // A recommendation exactly 300 s old still counts; 15 s later it does not.
    expect(normalizeLegacy(h, NOW + 300_000, 9, 1, 1, 10)).toMatchObject({
      replicas: 9,
      ableToScale: ['ScaleDownStabilized', expect.any(String)],
    });
    expect(normalizeLegacy(h, NOW + 315_000, 9, 1, 1, 10).replicas).toBe(1);
  });

  it('behavior: Percent policies over the period, selectPolicy Min', () => {
    const h = new ScalingHistory();
    const behavior = {
      scaleUp: {
        selectPolicy: 'Min' as const,
        policies: [
          { type: 'Percent' as const, value: 50, periodSeconds: 60 },
          { type: 'Pods' as const, value: 5, periodSeconds: 60 },
        ],
      },
    };
    // From 4: +50 % = 6, +5 = 9; Min picks 6.
    expect(normalizeWithBehavior(h, NOW, behavior, 4, 20, 1, 30).replicas).toBe(6);
    storeScaleEvent(h, behavior, NOW, 4, 6);
    // 15 s later the period still started at 4 replicas: the limit is still 6.
    expect(normalizeWithBehavior(h, NOW + 15_000, behavior, 6, 20, 1, 30)).toMatchObject({
      replicas: 6,
      limited: { status: true, verdict: ['ScaleUpLimit', expect.any(String)] },
    });
    // After the 60 s period: 6 + 50 % = 9.
    expect(normalizeWithBehavior(h, NOW + 60_000, behavior, 6, 20, 1, 30).replicas).toBe(9);
  });
});
