import { describe, expect, it } from 'vitest';
import type { ResourceType } from '../api/registry.ts';
import type { KubeObject } from '../api/types.ts';
import type { ReadView } from '../controllers/ingress/class.ts';
import { NGINX_404_BODY, NGINX_503_BODY, isIngressError, pathMatches, routeIngress } from './ingress.ts';
import type { IngressRoute } from './ingress.ts';

// A store as plain objects: the router only reads through get/list.
function viewOf(objects: KubeObject[]): ReadView {
  const of = (rt: ResourceType, ns?: string): KubeObject[] =>
    objects.filter((o) => o.kind === rt.kind && (!ns || !rt.namespaced || o.metadata.namespace === ns));
  return {
    list: (rt, ns) => of(rt, ns),
    get: (rt, ns, name) => of(rt, ns).find((o) => o.metadata.name === name),
  };
}

const nginxClass: KubeObject = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'IngressClass',
  metadata: { name: 'nginx' },
  spec: { controller: 'k8s.io/ingress-nginx' },
};
const otherClass: KubeObject = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'IngressClass',
  metadata: { name: 'traefik' },
  spec: { controller: 'traefik.io/ingress-controller' },
};

let clock = 0;
function ingress(name: string, spec: Record<string, unknown>, namespace = 'default'): KubeObject {
  clock++;
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace, creationTimestamp: `2026-01-01T00:00:${String(clock).padStart(2, '0')}Z` },
    spec: { ingressClassName: 'nginx', ...spec },
  };
}

function service(
  name: string,
  ports: { name?: string; port: number }[],
  ready = 1,
  namespace = 'default',
): KubeObject[] {
  const svc: KubeObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace },
    spec: { type: 'ClusterIP', ports: ports.map((p) => ({ ...p, protocol: 'TCP' })) },
  };
  const slice: KubeObject = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: `${name}-abcde`, namespace, labels: { 'kubernetes.io/service-name': name } },
    ports: ports.map((p) => ({ name: p.name ?? '', port: 8080, protocol: 'TCP' })),
    endpoints: Array.from({ length: Math.max(ready, 1) }, (_, i) => ({
      addresses: [`10.244.1.${i + 5}`],
      conditions: { ready: ready > 0 },
    })),
  };
  return [svc, slice];
}

const path = (p: string, pathType: string, svc: string, port: number | string = 80) => ({
  path: p,
  pathType,
  backend: { service: { name: svc, port: typeof port === 'number' ? { number: port } : { name: port } } },
});
const rule = (host: string | undefined, ...paths: ReturnType<typeof path>[]) => ({
  ...(host ? { host } : {}),
  http: { paths },
});

/** "svc:port" for a backend, "404"/"503" for nginx's own answers. */
function target(r: IngressRoute): string {
  return isIngressError(r) ? String(r.status) : `${r.service}:${r.port}`;
}

const services = [
  nginxClass,
  otherClass,
  ...service('web', [{ port: 80 }]),
  ...service('api', [{ name: 'http', port: 8080 }]),
  ...service('foo', [{ port: 80 }]),
  ...service('bar', [{ port: 80 }]),
  ...service('wild', [{ port: 80 }]),
  ...service('fallback', [{ port: 80 }]),
  ...service('down', [{ port: 80 }], 0),
];

describe('routeIngress', () => {
  const view = viewOf([
    ...services,
    ingress('site', {
      rules: [
        rule(
          'foo.com',
          path('/', 'Prefix', 'web'),
          path('/api', 'Prefix', 'api', 'http'),
          path('/exact', 'Exact', 'foo'),
        ),
        rule('*.foo.com', path('/', 'Prefix', 'wild')),
      ],
    }),
    // Another Ingress adds paths to the same host: rules are merged.
    ingress('more', {
      rules: [
        rule(
          'foo.com',
          path('/api/v2', 'Prefix', 'bar'),
          path('/exact', 'Prefix', 'bar'),
          path('/down', 'Prefix', 'down'),
        ),
      ],
    }),
    ingress('loose', { rules: [rule('bar.com', path('/app', 'ImplementationSpecific', 'bar'))] }),
    ingress('hosted-default', {
      defaultBackend: { service: { name: 'fallback', port: { number: 80 } } },
      rules: [rule('def.com', path('/x', 'Exact', 'foo'))],
    }),
    ingress('foreign', { ingressClassName: 'traefik', rules: [rule('traefik.com', path('/', 'Prefix', 'web'))] }),
    ingress('catchall', { rules: [rule(undefined, path('/shop', 'Prefix', 'bar'))] }),
  ]);
  const to = (host: string, p: string) => target(routeIngress(view, { host, path: p }));

  const cases: [string, string, string][] = [
    ['foo.com', '/', 'web:80'],
    ['foo.com', '/anything', 'web:80'],
    ['FOO.com:8080', '/', 'web:80'], // case and port in the Host header are ignored
    ['foo.com', '/api', 'api:8080'], // port by name resolves to the Service's number
    ['foo.com', '/api/', 'api:8080'],
    ['foo.com', '/api/users', 'api:8080'],
    ['foo.com', '/apix', 'web:80'], // element-wise: /api does not match /apix
    ['foo.com', '/api/v2', 'bar:80'], // longest match wins, across Ingresses
    ['foo.com', '/api/v2/items', 'bar:80'],
    ['foo.com', '/api/v20', 'api:8080'],
    ['foo.com', '/exact', 'foo:80'], // Exact beats Prefix on equal length
    ['foo.com', '/exact/sub', 'bar:80'], // Exact does not match below it; Prefix does
    ['foo.com', '/exact?x=1', 'foo:80'], // the query string is not part of the path
    ['foo.com', '/down', '503'], // Service without ready endpoints
    ['a.foo.com', '/', 'wild:80'], // wildcard: one label
    ['a.b.foo.com', '/', '404'], // …not two: catch-all has nothing at /
    ['bar.com', '/app/x', 'bar:80'], // ImplementationSpecific behaves as Prefix
    ['bar.com', '/', '404'], // host server without a root and no defaultBackend
    ['def.com', '/x', 'foo:80'],
    ['def.com', '/y', 'fallback:80'], // the host's Ingress defaultBackend
    ['traefik.com', '/', '404'], // another class's Ingress is not served
    ['unknown.org', '/shop/cart', 'bar:80'], // rules without host serve any host
    ['192.168.56.200', '/shop', 'bar:80'],
    ['unknown.org', '/', '404'],
  ];
  it.each(cases)('%s%s → %s', (host, p, want) => {
    expect(to(host, p)).toBe(want);
  });

  it('reports the rule that matched', () => {
    const r = routeIngress(view, { host: 'foo.com', path: '/api/v2/x' });
    expect(r).toEqual({
      namespace: 'default',
      service: 'bar',
      port: 80,
      ingress: 'default/more',
      rule: { host: 'foo.com', path: '/api/v2', pathType: 'Prefix' },
    });
  });

  it('answers with nginx pages and says why', () => {
    const r404 = routeIngress(view, { host: 'unknown.org', path: '/' });
    expect(r404).toMatchObject({ status: 404, body: NGINX_404_BODY });
    const r503 = routeIngress(view, { host: 'foo.com', path: '/down' });
    expect(r503).toMatchObject({ status: 503, body: NGINX_503_BODY, reason: 'service "down" has no ready endpoints' });
    expect(NGINX_404_BODY).toContain('<center><h1>404 Not Found</h1></center>');
    expect(NGINX_503_BODY).toContain('<title>503 Service Temporarily Unavailable</title>');
  });
});

describe('routeIngress: default backends, duplicates, missing pieces', () => {
  it('an Ingress with only a defaultBackend catches everything else', () => {
    const view = viewOf([
      ...services,
      ingress('rules', { rules: [rule('foo.com', path('/', 'Prefix', 'web'))] }),
      ingress('default', { defaultBackend: { service: { name: 'fallback', port: { number: 80 } } } }),
    ]);
    expect(target(routeIngress(view, { host: 'foo.com', path: '/x' }))).toBe('web:80');
    expect(target(routeIngress(view, { host: 'other.com', path: '/x' }))).toBe('fallback:80');
    expect(routeIngress(view, { host: 'other.com', path: '/' })).toMatchObject({ ingress: 'default/default' });
  });

  it('the oldest Ingress wins a duplicate host and path', () => {
    const view = viewOf([
      ...services,
      ingress('first', { rules: [rule('dup.com', path('/', 'Prefix', 'foo'))] }),
      ingress('second', { rules: [rule('dup.com', path('/', 'Prefix', 'bar'))] }),
    ]);
    expect(target(routeIngress(view, { host: 'dup.com', path: '/' }))).toBe('foo:80');
  });

  it('missing Service, missing port and non-Service backends give 503', () => {
    const view = viewOf([
      ...services,
      ingress('broken', {
        rules: [
          rule(
            'broken.com',
            path('/nosvc', 'Prefix', 'nothere'),
            path('/noport', 'Prefix', 'web', 9999),
            path('/noname', 'Prefix', 'web', 'grpc'),
          ),
        ],
      }),
    ]);
    const at = (p: string) => routeIngress(view, { host: 'broken.com', path: p });
    expect(at('/nosvc')).toMatchObject({ status: 503, reason: 'service "nothere" not found' });
    expect(at('/noport')).toMatchObject({ status: 503, reason: 'service "web" has no port 9999' });
    expect(at('/noname')).toMatchObject({ status: 503, reason: 'service "web" has no port grpc' });
  });

  it('backends live in the Ingress namespace; no Ingresses at all is a 404', () => {
    const view = viewOf([
      nginxClass,
      ...service('web', [{ port: 80 }], 1, 'shop'),
      ingress('shop', { rules: [rule('shop.com', path('/', 'Prefix', 'web'))] }, 'shop'),
    ]);
    expect(routeIngress(view, { host: 'shop.com', path: '' })).toMatchObject({ namespace: 'shop', service: 'web' });
    expect(routeIngress(viewOf([nginxClass]), { host: 'x', path: '/' })).toMatchObject({ status: 404 });
  });

  it('the legacy class annotation still selects nginx; no class at all is ignored', () => {
    const legacy = ingress('legacy', { rules: [rule('old.com', path('/', 'Prefix', 'web'))] });
    delete (legacy.spec as Record<string, unknown>)['ingressClassName'];
    const none = ingress('none', { rules: [rule('none.com', path('/', 'Prefix', 'web'))] });
    delete (none.spec as Record<string, unknown>)['ingressClassName'];
    legacy.metadata.annotations = { 'kubernetes.io/ingress.class': 'nginx' };
    const view = viewOf([...services, legacy, none]);
    expect(target(routeIngress(view, { host: 'old.com', path: '/' }))).toBe('web:80');
    expect(target(routeIngress(view, { host: 'none.com', path: '/' }))).toBe('404');
  });
});

describe('pathMatches (the networking/v1 examples table)', () => {
  const table: [string, string, string, boolean][] = [
    ['Prefix', '/', '/anything', true],
    ['Exact', '/foo', '/foo', true],
    ['Exact', '/foo', '/bar', false],
    ['Exact', '/foo', '/foo/', false],
    ['Exact', '/foo/', '/foo', false],
    ['Prefix', '/foo', '/foo', true],
    ['Prefix', '/foo', '/foo/', true],
    ['Prefix', '/foo/', '/foo', true],
    ['Prefix', '/foo/', '/foo/', true],
    ['Prefix', '/aaa/bb', '/aaa/bbb', false],
    ['Prefix', '/aaa/bbb', '/aaa/bbb', true],
    ['Prefix', '/aaa/bbb/', '/aaa/bbb', true],
    ['Prefix', '/aaa/bbb', '/aaa/bbb/', true],
    ['Prefix', '/aaa/bbb', '/aaa/bbb/ccc', true],
    ['Prefix', '/aaa/bbb', '/aaa/bbbxyz', false],
  ];
  it.each(table)('%s %s vs %s → %s', (type, rulePath, req, want) => {
    expect(pathMatches(type, rulePath, req)).toBe(want);
  });
});
