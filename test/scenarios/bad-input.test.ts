import { describe, expect, it } from 'vitest';
import { ApiServer } from '../../core/apiserver/server.ts';
import type { ApiRequest } from '../../core/apiserver/types.ts';
import { NGINX_DEPLOYMENT, TestCluster } from '../harness/testCluster.ts';

const hooks = {
  setClockMode: (mode: 'manual' | 'realtime', speed: number) => ({ mode, speed }),
  clockMode: () => ({ mode: 'manual' as const, speed: 1 }),
};

function request(
  server: ApiServer,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const [p, qs = ''] = path.split('?');
  const query: ApiRequest['query'] = {};
  for (const kv of qs.split('&').filter(Boolean)) {
    const [k, v = ''] = kv.split('=');
    (query[k!] ??= []).push(decodeURIComponent(v));
  }
  const res = server.handle({
    method,
    path: p!,
    query,
    headers: { 'content-type': 'application/json', ...headers },
    ...(text !== undefined ? { body: new TextEncoder().encode(text) } : {}),
  });
  if (res.kind !== 'plain') throw new Error('expected a plain response');
  return { status: res.status, body: JSON.parse(res.body) as Record<string, unknown> };
}

describe('bad input never crashes and never half-applies', () => {
  it('malformed YAML is reported with line and column', () => {
    const t = TestCluster.create();
    const report = t.tryApply('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   bad: indent\n');
    expect(report.ok).toBe(false);
    const err = report.parseErrors[0]!;
    expect([4, 5]).toContain(err.line);
    expect(err.column).toBeGreaterThan(0);
    expect(err.message).toContain(`yaml: line ${err.line}:`);
  });

  it('a YAML bomb is refused', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++)
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    const report = TestCluster.create().tryApply(
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n  ${lines.join('\n  ')}\n`,
    );
    expect(report.ok).toBe(false);
    expect(report.parseErrors[0]!.message).toMatch(/alias|Excessive/i);
  });

  it('one invalid document leaves the others unapplied', () => {
    const t = TestCluster.create();
    const bad = NGINX_DEPLOYMENT.replace('name: nginx-deployment', 'name: web').replace(
      '      labels:\n        app: nginx',
      '      labels:\n        app: other',
    );
    const report = t.tryApply(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: first\n---\n${bad}`);
    expect(report.ok).toBe(false);
    expect(report.results[0]!.error?.message).toBe(
      'Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`',
    );
    expect(t.get('configmap', 'first')).toBeUndefined();
  });

  it('unknown fields are a strict decoding error; wrong types are rejected', () => {
    const server = new ApiServer(TestCluster.create().cluster, hooks);
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', image: 'nginx', imagePullPolice: 'Always' }] },
    };
    const strict = request(server, 'POST', '/api/v1/namespaces/default/pods?fieldValidation=Strict', pod);
    expect(strict.status).toBe(400);
    expect(strict.body.message).toBe(
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolice"',
    );
    const deploy = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: '3' } };
    const typed = request(server, 'POST', '/apis/apps/v1/namespaces/default/deployments', deploy);
    expect(typed.status).toBe(400);
    expect(typed.body.message).toContain(
      'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
  });

  it('bad bodies, unknown paths and stale updates get Status errors', () => {
    const t = TestCluster.create();
    const server = new ApiServer(t.cluster, hooks);
    expect(request(server, 'POST', '/api/v1/namespaces/default/pods', '{not json').status).toBe(400);
    expect(request(server, 'GET', '/api/v1/namespaces/default/widgets').status).toBe(404);
    expect(request(server, 'GET', '/api/v1/namespaces/default/pods/nosuch').body).toMatchObject({
      kind: 'Status',
      reason: 'NotFound',
      message: 'pods "nosuch" not found',
      code: 404,
    });
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } };
    const created = request(server, 'POST', '/api/v1/namespaces/default/configmaps', cm);
    expect(created.status).toBe(201);
    expect(request(server, 'POST', '/api/v1/namespaces/default/configmaps', cm).body).toMatchObject({
      reason: 'AlreadyExists',
      code: 409,
    });
    const rv = (created.body.metadata as { resourceVersion: string }).resourceVersion;
    expect(
      request(server, 'PUT', '/api/v1/namespaces/default/configmaps/c', {
        ...cm,
        metadata: { name: 'c', resourceVersion: rv },
        data: { a: '2' },
      }).status,
    ).toBe(200);
    const stale = request(server, 'PUT', '/api/v1/namespaces/default/configmaps/c', {
      ...cm,
      metadata: { name: 'c', resourceVersion: rv },
      data: { a: '3' },
    });
    expect(stale.body).toMatchObject({
      reason: 'Conflict',
      code: 409,
      message:
        'Operation cannot be fulfilled on configmaps "c": the object has been modified; please apply your changes to the latest version and try again',
    });
  });

  it('objects over 1.5 MB are refused as etcd would', () => {
    const server = new ApiServer(TestCluster.create().cluster, hooks);
    const big = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'big' },
      data: { blob: 'x'.repeat(1_600_000) },
    };
    const r = request(server, 'POST', '/api/v1/namespaces/default/configmaps', big);
    expect(r.status).toBe(413);
    expect(request(server, 'GET', '/api/v1/namespaces/default/configmaps/big').status).toBe(404);
  });

  it('watch from a compacted revision answers 410 Gone in an ERROR event', () => {
    const t = TestCluster.create({ historyLimit: 50 }).apply(NGINX_DEPLOYMENT).advance(60);
    const server = new ApiServer(t.cluster, hooks);
    const res = server.handle({
      method: 'GET',
      path: '/api/v1/namespaces/default/pods',
      query: { watch: ['true'], resourceVersion: ['2'] },
      headers: {},
    });
    if (res.kind !== 'stream') throw new Error('expected a stream');
    const lines: string[] = [];
    let ended = false;
    res.start(
      (chunk) => lines.push(chunk),
      () => (ended = true),
    )();
    expect(ended).toBe(true);
    const event = JSON.parse(lines[0]!) as { type: string; object: { code: number; reason: string; message: string } };
    expect(event.type).toBe('ERROR');
    expect(event.object).toMatchObject({ code: 410, reason: 'Expired' });
    expect(event.object.message).toMatch(/^too old resource version: 2 \(\d+\)$/);
  });
});
