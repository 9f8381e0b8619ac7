import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../core/api/types.ts';
import type { MatrixGroup, NetpolOverlayResult, OverlayEdge } from '../../../core/protocol/index.ts';
import { catalogues } from '../lib/i18n/catalogues/index.ts';
import { pairsOf, parsePort, podOptions, podRef, step } from './matrixView.ts';
import { networkSummary, overlayCounts, overlayLayer, touchesPolicies } from './overlay.ts';

/** English, as the UI's t() words it (its module needs Svelte's runes, so tests fill placeholders here). */
const t = (key: string, params: Record<string, string | number> = {}) =>
  (catalogues.en[key] ?? key).replace(/\{(\w+)\}/g, (m, k: string) => String(params[k] ?? m));

const edge = (name: string, allowed: boolean, extra: Partial<OverlayEdge> = {}): OverlayEdge => ({
  namespace: 'default',
  name,
  port: 8080,
  protocol: 'TCP',
  portFrom: 'containerPort',
  allowed,
  reason: allowed ? 'allowed by allow-fe' : 'denied: default-deny selects backend-1 for ingress',
  policies: allowed ? ['default/allow-fe'] : ['default/default-deny'],
  ...extra,
});

const RESULT: NetpolOverlayResult = {
  pod: { namespace: 'default', name: 'backend-1' },
  ingressPolicies: ['default/allow-fe', 'default/default-deny'],
  egressPolicies: [],
  ingress: [edge('frontend-1', true), edge('db-1', false)],
  egress: [edge('db-1', true, { port: 5432, policies: [] }), edge('frontend-1', false, { port: 80 })],
};

describe('the policy overlay', () => {
  it('draws one edge per other pod and direction, with its verdict and its words', () => {
    const layer = overlayLayer(RESULT, t);
    expect(layer.focus).toBe('/Pod/default/backend-1');
    expect(layer.edges.map((e) => [e.source, e.target, e.allowed])).toEqual([
      ['/Pod/default/frontend-1', '/Pod/default/backend-1', true],
      ['/Pod/default/db-1', '/Pod/default/backend-1', false],
      ['/Pod/default/backend-1', '/Pod/default/db-1', true],
      ['/Pod/default/backend-1', '/Pod/default/frontend-1', false],
    ]);
    expect(new Set(layer.edges.map((e) => e.id)).size).toBe(4);
    expect(layer.edges[0]).toMatchObject({
      title: 'Connection allowed',
      lines: [
        'frontend-1 → backend-1 on 8080/TCP (the destination’s first container port)',
        'allowed by allow-fe',
        'Policies: default/allow-fe',
      ],
    });
    expect(layer.edges[2]!.lines[2]).toBe('No policy applies');
  });

  it('counts who may connect, and sums the pod up for the Why tab', () => {
    expect(overlayCounts(RESULT)).toEqual({ in: 1, inTotal: 2, out: 1, outTotal: 2 });
    expect(networkSummary(RESULT)).toEqual({
      isolated: true,
      ingressPolicies: ['default/allow-fe', 'default/default-deny'],
      egressPolicies: [],
      reach: { count: 1, total: 2, port: 8080, from: ['frontend-1'] },
    });
    expect(networkSummary({ ...RESULT, ingressPolicies: [] }).isolated).toBe(false);
  });

  it('asks again only for changes that can change a verdict', () => {
    expect(touchesPolicies(['/Pod/default/web-1'])).toBe(true);
    expect(touchesPolicies(['networking.k8s.io/NetworkPolicy/default/deny'])).toBe(true);
    expect(touchesPolicies(['/Namespace//shop'])).toBe(true);
    expect(touchesPolicies(['/Event/default/x', 'apps/Deployment/default/web'])).toBe(false);
  });
});

describe('the connectivity matrix', () => {
  it('moves the focus with the keys and stays inside the grid', () => {
    expect(step({ row: 0, col: 0 }, { key: 'ArrowUp' }, 3, 3)).toEqual({ row: 0, col: 0 });
    expect(step({ row: 0, col: 0 }, { key: 'ArrowDown' }, 3, 3)).toEqual({ row: 1, col: 0 });
    expect(step({ row: 1, col: 2 }, { key: 'ArrowRight' }, 3, 3)).toEqual({ row: 1, col: 2 });
    expect(step({ row: 1, col: 1 }, { key: 'Home' }, 3, 3)).toEqual({ row: 1, col: 0 });
    expect(step({ row: 1, col: 1 }, { key: 'End', ctrlKey: true }, 3, 3)).toEqual({ row: 2, col: 2 });
    expect(step({ row: 0, col: 0 }, { key: 'a' }, 3, 3)).toBeUndefined();
    expect(step({ row: 0, col: 0 }, { key: 'ArrowDown' }, 0, 0)).toBeUndefined();
  });

  it('reads the port box: empty is "each destination’s first port", anything else must be a port', () => {
    expect(parsePort('')).toBeUndefined();
    expect(parsePort(' 8080 ')).toBe(8080);
    expect(parsePort('0')).toBe('invalid');
    expect(parsePort('65536')).toBe('invalid');
    expect(parsePort('http')).toBe('invalid');
  });

  it('offers running pods, named with their namespace when several are shown', () => {
    const pod = (ns: string, name: string, phase = 'Running'): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { namespace: ns, name },
      status: { phase },
    });
    const pods = [pod('default', 'web'), pod('shop', 'db'), pod('default', 'job-x', 'Succeeded')];
    expect(podOptions(pods)).toEqual([
      { value: 'default/web', label: 'default/web' },
      { value: 'shop/db', label: 'shop/db' },
    ]);
    expect(podOptions(pods, 'default')).toEqual([{ value: 'default/web', label: 'web' }]);
    expect(podRef('shop/db')).toEqual({ kind: 'pod', namespace: 'shop', name: 'db' });
  });

  it('lists the first pod pairs behind a group cell', () => {
    const g = (pods: string[]): MatrixGroup => ({ id: pods.join(), label: '', namespace: 'default', pods });
    expect(pairsOf(g(['a', 'b']), g(['x', 'y']), 3)).toEqual([
      ['a', 'x'],
      ['a', 'y'],
      ['b', 'x'],
    ]);
  });
});
