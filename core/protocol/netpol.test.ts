import { describe, expect, it } from 'vitest';
import { ApiServer } from '../apiserver/server.ts';
import { Cluster } from '../cluster/cluster.ts';
import type { NetpolMatrixResult, NetpolOverlayResult, NetpolVerdictResult, RequestBody } from './messages.ts';
import { ClusterSession } from './session.ts';
import { parseRequest } from './validate.ts';

const pod = (name: string, tier: string, port: number, image = 'nginx') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels: {app: shop, tier: ${tier}}
spec:
  containers:
  - name: main
    image: ${image}
    ports: [{containerPort: ${port}}]
`;

/** A three-tier app: frontend → backend:8080 → db:5432, everything else denied (ingress). */
const THREE_TIER = [
  pod('frontend-1', 'frontend', 80),
  pod('frontend-2', 'frontend', 80),
  pod('backend-1', 'backend', 8080),
  pod('db-1', 'db', 6379, 'redis'),
  `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny-ingress}
spec:
  podSelector: {}
  policyTypes: [Ingress]
`,
  `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-frontend-to-backend}
spec:
  podSelector: {matchLabels: {tier: backend}}
  ingress:
  - from: [{podSelector: {matchLabels: {tier: frontend}}}]
    ports: [{port: 8080}]
`,
  `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-backend-to-db}
spec:
  podSelector: {matchLabels: {tier: db}}
  ingress:
  - from: [{podSelector: {matchLabels: {tier: backend}}}]
    ports: [{port: 6379}]
`,
].join('---\n');

function setup(yaml = THREE_TIER) {
  const cluster = new Cluster({ seed: 1 });
  const server = new ApiServer(
    cluster,
    { setClockMode: (mode, speed) => ({ mode, speed }), clockMode: () => ({ mode: 'manual', speed: 1 }) },
    '127.0.0.1:6443',
  );
  const session = new ClusterSession(cluster, server);
  const applied = session.handle({ type: 'apply', yaml });
  if (!applied.ok || !(applied.result as { ok: boolean }).ok) throw new Error('apply failed');
  cluster.advance(30);
  return { cluster, session };
}

/** Send `body` as the UI does: checked first, then answered. */
function ask<T>(session: ClusterSession, body: RequestBody): T {
  const parsed = parseRequest({ id: 1, ...body });
  if (!parsed.ok) throw new Error(parsed.status.message);
  const r = session.handle(parsed.request as Parameters<ClusterSession['handle']>[0]);
  if (!r.ok) throw new Error(r.status.message);
  return r.result as T;
}

const backend = { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'backend-1' };

describe('netpol requests', () => {
  it('answers one connection with the verdict and names both ends', () => {
    const { session } = setup();
    const ok = ask<NetpolVerdictResult>(session, {
      type: 'netpolVerdict',
      from: { kind: 'pod', namespace: 'default', name: 'frontend-1' },
      to: { kind: 'pod', namespace: 'default', name: 'backend-1' },
      port: 8080,
    });
    expect(ok).toMatchObject({
      from: 'default/frontend-1',
      to: 'default/backend-1',
      port: 8080,
      portFrom: 'request',
      protocol: 'TCP',
    });
    expect(ok.verdict.allowed).toBe(true);
    expect(ok.verdict.ingress.matches.map((m) => m.policy)).toEqual(['default/allow-frontend-to-backend']);

    const wrongPort = ask<NetpolVerdictResult>(session, {
      type: 'netpolVerdict',
      from: { kind: 'pod', namespace: 'default', name: 'frontend-1' },
      to: { kind: 'pod', namespace: 'default', name: 'backend-1' },
      port: 9090,
    });
    expect(wrongPort.verdict.allowed).toBe(false);
    expect(wrongPort.verdict.ingress.policies).toEqual(
      expect.arrayContaining(['default/default-deny-ingress', 'default/allow-frontend-to-backend']),
    );
  });

  it('takes a pod’s IP for the pod, and any other address as itself', () => {
    const { cluster, session } = setup();
    const fe = cluster.api.store.get('/pods', 'default', 'frontend-1')!;
    const ip = (fe.status as { podIP: string }).podIP;
    const byIp = ask<NetpolVerdictResult>(session, {
      type: 'netpolVerdict',
      from: { kind: 'ip', ip },
      to: { kind: 'pod', namespace: 'default', name: 'backend-1' },
      port: 8080,
    });
    expect(byIp).toMatchObject({ from: 'default/frontend-1', verdict: { allowed: true } });
    const noPort = ask<NetpolVerdictResult>(session, {
      type: 'netpolVerdict',
      from: { kind: 'ip', ip },
      to: { kind: 'pod', namespace: 'default', name: 'backend-1' },
    });
    expect(noPort).toMatchObject({ port: 8080, portFrom: 'containerPort', verdict: { allowed: true } });
    const outside = ask<NetpolVerdictResult>(session, {
      type: 'netpolVerdict',
      from: { kind: 'ip', ip: '203.0.113.9' },
      to: { kind: 'pod', namespace: 'default', name: 'backend-1' },
      port: 8080,
    });
    expect(outside).toMatchObject({ from: '203.0.113.9', verdict: { allowed: false } });
  });

  it('draws the overlay of one pod: who may reach it, whom it may reach, on each destination’s first port', () => {
    const { session } = setup();
    const o = ask<NetpolOverlayResult>(session, { type: 'netpolOverlay', pod: backend });
    expect(o.pod).toEqual({ namespace: 'default', name: 'backend-1' });
    expect(o.ingressPolicies.sort()).toEqual(['default/allow-frontend-to-backend', 'default/default-deny-ingress']);
    expect(o.egressPolicies).toEqual([]);
    const into = Object.fromEntries(o.ingress.map((e) => [e.name, e]));
    expect(Object.keys(into).sort()).toEqual(['db-1', 'frontend-1', 'frontend-2']);
    expect(into['frontend-1']).toMatchObject({ allowed: true, port: 8080, portFrom: 'containerPort' });
    expect(into['frontend-1']!.policies).toEqual(['default/allow-frontend-to-backend']);
    expect(into['db-1']).toMatchObject({ allowed: false, port: 8080 });
    expect(into['db-1']!.policies).toContain('default/default-deny-ingress');
    const out = Object.fromEntries(o.egress.map((e) => [e.name, e]));
    expect(out['db-1']).toMatchObject({ allowed: true, port: 6379, portFrom: 'containerPort' });
    expect(out['frontend-1']).toMatchObject({ allowed: false, port: 80 });

    const given = ask<NetpolOverlayResult>(session, { type: 'netpolOverlay', pod: backend, port: 5432 });
    expect(given.egress.every((e) => e.port === 5432 && e.portFrom === 'request' && !e.allowed)).toBe(true);
  });

  it('follows live changes: deleting a policy opens the path at the next request', () => {
    const { session } = setup();
    const before = ask<NetpolOverlayResult>(session, { type: 'netpolOverlay', pod: backend });
    expect(before.egress.find((e) => e.name === 'frontend-1')?.allowed).toBe(false);
    session.handle({
      type: 'delete',
      ref: {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        namespace: 'default',
        name: 'default-deny-ingress',
      },
    });
    const after = ask<NetpolOverlayResult>(session, { type: 'netpolOverlay', pod: backend });
    expect(after.egress.find((e) => e.name === 'frontend-1')?.allowed).toBe(true);
  });

  it('builds the pod matrix row by source, column by destination', () => {
    const { session } = setup();
    const m = ask<NetpolMatrixResult>(session, { type: 'netpolMatrix', groupBy: 'pod', namespace: 'default' });
    const names = m.groups.map((g) => g.label);
    expect(names).toEqual(['backend-1', 'db-1', 'frontend-1', 'frontend-2']);
    expect(m.total).toBe(4);
    const cell = (from: string, to: string) => m.cells[names.indexOf(from)]![names.indexOf(to)];
    expect(cell('frontend-1', 'backend-1')).toBe('allowed');
    expect(cell('backend-1', 'db-1')).toBe('allowed');
    expect(cell('frontend-1', 'db-1')).toBe('denied');
    expect(cell('db-1', 'frontend-2')).toBe('denied');
    expect(m.allowedPairs).toBeUndefined();
  });

  it('groups the matrix by a label, and marks cells where only some pairs may connect', () => {
    const { session } = setup(
      THREE_TIER +
        '---\n' +
        pod('frontend-3', 'frontend', 80).replace('tier: frontend', 'tier: frontend, canary: "true"') +
        // Only the canary frontend may reach the db.
        `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: canary-to-db}
spec:
  podSelector: {matchLabels: {tier: db}}
  ingress:
  - from: [{podSelector: {matchLabels: {canary: "true"}}}]
`,
    );
    const m = ask<NetpolMatrixResult>(session, {
      type: 'netpolMatrix',
      groupBy: 'label',
      labelKey: 'tier',
      namespace: 'default',
    });
    const names = m.groups.map((g) => g.label);
    expect(names).toEqual(['tier=backend', 'tier=db', 'tier=frontend']);
    const i = (n: string) => names.indexOf(n);
    expect(m.cells[i('tier=frontend')]![i('tier=backend')]).toBe('allowed');
    expect(m.cells[i('tier=frontend')]![i('tier=db')]).toBe('partial');
    expect(m.allowedPairs![i('tier=frontend')]![i('tier=db')]).toBe(1);
    expect(m.groups[i('tier=frontend')]!.pods).toHaveLength(3);
  });

  it('caps the rows and says how many there are', () => {
    const { session } = setup();
    const m = ask<NetpolMatrixResult>(session, { type: 'netpolMatrix', groupBy: 'pod', limit: 2 });
    expect(m.groups).toHaveLength(2);
    expect(m.cells).toHaveLength(2);
    expect(m.cells[0]).toHaveLength(2);
    expect(m.total).toBe(4);
  });

  it('answers an unknown pod with NotFound', () => {
    const { session } = setup();
    const r = session.handle({ type: 'netpolOverlay', pod: { ...backend, name: 'nope' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.status).toMatchObject({ reason: 'NotFound', message: 'pods "nope" not found' });
    const v = session.handle({
      type: 'netpolVerdict',
      from: { kind: 'pod', namespace: 'default', name: 'ghost' },
      to: { kind: 'ip', ip: '10.0.0.1' },
      port: 80,
    });
    expect(!v.ok && v.status.reason).toBe('NotFound');
  });
});

describe('netpol request checks', () => {
  it.each([
    [{ type: 'netpolVerdict', from: { kind: 'pod', name: 'a' }, to: { kind: 'ip', ip: '1.2.3.4' }, port: 80 }, 'from'],
    [{ type: 'netpolVerdict', from: { kind: 'ip', ip: '1.2.3' }, to: { kind: 'ip', ip: '1.2.3.4' }, port: 80 }, 'from'],
    [{ type: 'netpolVerdict', from: { kind: 'ip', ip: '1.2.3.4' }, to: { kind: 'ip', ip: '::1' }, port: 0 }, 'port'],
    [{ type: 'netpolVerdict', from: { kind: 'ip', ip: '1.2.3.4' }, to: { kind: 'svc' }, port: 80 }, 'to'],
    [
      {
        type: 'netpolVerdict',
        from: { kind: 'ip', ip: '1.2.3.4' },
        to: { kind: 'ip', ip: '::1' },
        port: 80,
        protocol: 'ICMP',
      },
      'protocol',
    ],
    [{ type: 'netpolMatrix', groupBy: 'node' }, 'groupBy'],
    [{ type: 'netpolMatrix', groupBy: 'pod', port: 70000 }, 'port'],
    [{ type: 'netpolMatrix', groupBy: 'pod', limit: 0 }, 'limit'],
    [{ type: 'netpolOverlay', pod: { kind: 'Pod', name: 'x' } }, 'pod'],
    [{ type: 'netpolOverlay', pod: backend, port: 1.5 }, 'port'],
  ])('refuses %j (field %s)', (body, field) => {
    const r = parseRequest({ id: 1, ...body });
    expect(!r.ok && r.status.message).toBe(`${body.type}: invalid field "${field}"`);
  });

  it('needs a label key to group by label', () => {
    const r = parseRequest({ id: 1, type: 'netpolMatrix', groupBy: 'label' });
    expect(!r.ok && r.status.message).toBe('netpolMatrix: groupBy "label" needs a labelKey');
  });
});
