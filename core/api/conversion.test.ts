import { describe, expect, it } from 'vitest';
import type { KubeObject } from './types.ts';
import { convert } from './conversion.ts';

const V1: KubeObject = {
  apiVersion: 'autoscaling/v1',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'php-apache', namespace: 'default' },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' },
    minReplicas: 1,
    maxReplicas: 10,
    targetCPUUtilizationPercentage: 50,
  },
  status: { currentReplicas: 1, desiredReplicas: 1, currentCPUUtilizationPercentage: 0 },
};

describe('version conversion', () => {
  it('shows an autoscaling/v1 HPA to a v2 client with its CPU target as a metric', () => {
    const v2 = convert(V1, 'autoscaling/v2');
    expect(v2.apiVersion).toBe('autoscaling/v2');
    expect(v2.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' },
      minReplicas: 1,
      maxReplicas: 10,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } },
      ],
    });
    expect(v2.status).toEqual({
      currentReplicas: 1,
      desiredReplicas: 1,
      currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 0 } } }],
    });
  });

  it('round-trips v1 → v2 → v1, and relabels kinds that need nothing more', () => {
    expect(convert(convert(V1, 'autoscaling/v2'), 'autoscaling/v1')).toEqual(V1);
    const rs: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: {} };
    expect(convert(rs, 'apps/v1')).toBe(rs);
    expect(convert(rs, 'extensions/v1beta1')).toEqual({ ...rs, apiVersion: 'extensions/v1beta1' });
  });
});
