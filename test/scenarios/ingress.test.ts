/**
 * LoadBalancer Services and Ingress, as the course sets them up on its
 * VirtualBox cluster with MetalLB and ingress-nginx: Services of type
 * LoadBalancer get addresses from 192.168.56.240–250 (EXTERNAL-IP `<pending>`
 * when the pool is spent), and Ingresses of the default `nginx` class get the
 * controller's address and route requests to ready endpoints.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../core/api/types.ts';
import { INGRESS_ADDRESS } from '../../core/controllers/ingress/class.ts';
import { NGINX_404_BODY, NGINX_503_BODY, routeIngress } from '../../core/network/ingress.ts';
import { Cluster } from '../../core/cluster/cluster.ts';
import { TestCluster } from '../harness/testCluster.ts';
import { startLab, table } from '../harness/lab.ts';

const HTTPD = (name: string, replicas = 2) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
      - name: httpd
        image: httpd
        ports: [{containerPort: 80}]
---
apiVersion: v1
kind: Service
metadata:
  name: ${name}-svc
spec:
  selector: {app: ${name}}
  ports: [{name: http, port: 80, targetPort: 80}]
`;

const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  tls:
  - hosts: [www.example.com]
    secretName: example-tls
  rules:
  - host: www.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend: {service: {name: httpd-svc, port: {number: 80}}}
      - path: /api
        pathType: Prefix
        backend: {service: {name: api-svc, port: {name: http}}}
`;

const LB = (name: string, extra = '') => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  type: LoadBalancer
  selector: {app: httpd}
  ports: [{port: 80, targetPort: 80}]${extra}
`;

const lbIP = (svc: KubeObject | undefined): string | undefined =>
  (svc?.status as { loadBalancer?: { ingress?: { ip: string }[] } } | undefined)?.loadBalancer?.ingress?.[0]?.ip;

describe('Ingress with ingress-nginx', () => {
  it('the nginx IngressClass exists and is the default; a new Ingress gets it', () => {
    const t = TestCluster.create();
    const ic = t.get('ingressclass', 'nginx', '');
    expect(ic?.metadata.annotations).toEqual({ 'ingressclass.kubernetes.io/is-default-class': 'true' });
    expect((ic?.spec as { controller: string }).controller).toBe('k8s.io/ingress-nginx');
    t.apply(INGRESS);
    expect((t.get('ingress', 'web')?.spec as { ingressClassName?: string }).ingressClassName).toBe('nginx');
  });

  it('publishes the address at the next status sync, with Sync events and the missing-Secret warning', () => {
    // One second in, so the status sync (every 60 s of virtual time) is 59 s away.
    const t = TestCluster.create().advance(1).apply(HTTPD('httpd')).apply(HTTPD('api')).apply(INGRESS);
    t.cluster.settle();
    const ing = () => t.get('ingress', 'web');
    expect(ing()?.status).toEqual({});
    expect(t.events(ing())).toEqual([
      'Sync: Scheduled for sync',
      'SecretNotFound: Error getting SSL certificate "default/example-tls": local SSL certificate default/example-tls was not found. Using default certificate',
    ]);
    t.advance(60);
    expect(ing()?.status).toEqual({ loadBalancer: { ingress: [{ ip: INGRESS_ADDRESS }] } });
    // The status write is a new version of the Ingress: ingress-nginx syncs it again (x2).
    const sync = t.list('events').find((e) => e.reason === 'Sync');
    expect(sync?.count).toBe(2);
    expect(sync?.source).toEqual({ component: 'nginx-ingress-controller' });
    t.expectIdempotent('nginx-ingress-controller');
  });

  it('routes to ready endpoints, 503 before they are ready, 404 for unknown hosts', () => {
    const t = TestCluster.create().apply(HTTPD('httpd')).apply(INGRESS);
    const view = t.cluster.view;
    expect(routeIngress(view, { host: 'www.example.com', path: '/' })).toMatchObject({
      status: 503,
      body: NGINX_503_BODY,
    });
    t.advance(30);
    expect(routeIngress(view, { host: 'www.example.com', path: '/index.html' })).toEqual({
      namespace: 'default',
      service: 'httpd-svc',
      port: 80,
      ingress: 'default/web',
      rule: { host: 'www.example.com', path: '/', pathType: 'Prefix' },
    });
    // api-svc does not exist yet.
    expect(routeIngress(view, { host: 'www.example.com', path: '/api/x' })).toMatchObject({ status: 503 });
    t.apply(HTTPD('api')).advance(30);
    expect(routeIngress(view, { host: 'www.example.com', path: '/api/x' })).toMatchObject({
      service: 'api-svc',
      port: 80,
    });
    expect(routeIngress(view, { host: 'other.example.com', path: '/' })).toMatchObject({
      status: 404,
      body: NGINX_404_BODY,
    });
  });

  it('an Ingress of another class gets no address and no events', () => {
    const t = TestCluster.create()
      .apply(
        `apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: traefik}
spec: {controller: traefik.io/ingress-controller}
`,
      )
      .apply(INGRESS.replace('spec:\n  tls:', 'spec:\n  ingressClassName: traefik\n  tls:'))
      .advance(120);
    const ing = t.get('ingress', 'web');
    expect(ing?.status).toEqual({});
    expect(t.events(ing)).toEqual([]);
  });

  it('two default classes: creating an Ingress without a class is forbidden', () => {
    const t = TestCluster.create().apply(`apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: other
  annotations: {ingressclass.kubernetes.io/is-default-class: "true"}
spec: {controller: example.com/other}
`);
    const report = t.tryApply(INGRESS);
    expect(report.results[0]?.error?.message).toBe(
      'ingresses.networking.k8s.io "web" is forbidden: Internal error occurred: 2 default IngressClasses were found, only 1 allowed',
    );
  });

  it('kubectl get and describe show the Ingress', () => {
    const l = startLab(HTTPD('httpd') + '---\n' + INGRESS, 'web.yaml');
    l.advance(60);
    expect(table(l, 'get ingress')).toEqual([
      { NAME: 'web', CLASS: 'nginx', HOSTS: 'www.example.com', ADDRESS: INGRESS_ADDRESS, PORTS: '80, 443', AGE: '60s' },
    ]);
    expect(table(l, 'get ingressclass')).toEqual([
      { NAME: 'nginx', CONTROLLER: 'k8s.io/ingress-nginx', PARAMETERS: '<none>', AGE: '60s' },
    ]);
  });

  it('a restored snapshot keeps the class; an old one without it gets it back', () => {
    const t = TestCluster.create();
    const snap = t.cluster.snapshot();
    const old = { ...snap, objects: snap.objects.filter((o) => o.object.kind !== 'IngressClass') };
    for (const s of [snap, old]) {
      const c = new Cluster({ seed: 1, restore: s });
      expect(c.api.store.list('networking.k8s.io/ingressclasses').map((o) => o.metadata.name)).toEqual(['nginx']);
    }
  });
});

describe('Services of type LoadBalancer', () => {
  it('get the lowest free pool address, with the service controller events', () => {
    const t = TestCluster.create().apply(LB('a')).apply(LB('b'));
    t.cluster.settle();
    expect(lbIP(t.get('svc', 'a'))).toBe('192.168.56.240');
    expect(lbIP(t.get('svc', 'b'))).toBe('192.168.56.241');
    const a = t.get('svc', 'a');
    expect((a?.status as { loadBalancer: unknown }).loadBalancer).toEqual({
      ingress: [{ ip: '192.168.56.240', ipMode: 'VIP' }],
    });
    expect(a?.metadata.finalizers).toEqual(['service.kubernetes.io/load-balancer-cleanup']);
    expect(t.events(a)).toEqual([
      'EnsuringLoadBalancer: Ensuring load balancer',
      'EnsuredLoadBalancer: Ensured load balancer',
    ]);
    t.expectIdempotent('service-controller');
  });

  it('honour spec.loadBalancerIP when it is free, and say why when it is not', () => {
    const t = TestCluster.create().apply(LB('asked', '\n  loadBalancerIP: 192.168.56.245'));
    t.cluster.settle();
    expect(lbIP(t.get('svc', 'asked'))).toBe('192.168.56.245');
    t.apply(LB('same', '\n  loadBalancerIP: 192.168.56.245')).apply(LB('outside', '\n  loadBalancerIP: 10.0.0.5'));
    t.cluster.settle();
    expect(lbIP(t.get('svc', 'same'))).toBeUndefined();
    expect(t.events(t.get('svc', 'same'))).toContain(
      'SyncLoadBalancerFailed: Error syncing load balancer: failed to ensure load balancer: requested IP "192.168.56.245" is already in use by service default/asked',
    );
    expect(t.events(t.get('svc', 'outside'))).toContain(
      'SyncLoadBalancerFailed: Error syncing load balancer: failed to ensure load balancer: requested IP "10.0.0.5" is not in the address pool 192.168.56.240-192.168.56.250',
    );
    t.expectIdempotent('service-controller');
  });

  it('pool exhausted: EXTERNAL-IP stays <pending> with a warning until an address is released', () => {
    const manifests = Array.from({ length: 12 }, (_, i) => LB(`lb-${i}`)).join('---\n');
    const l = startLab(manifests, 'lbs.yaml');
    l.advance(1);
    const rows = table(l, 'get svc');
    const ext = (name: string) => rows.find((r) => r.NAME === name)?.['EXTERNAL-IP'];
    expect(ext('lb-0')).toBe('192.168.56.240');
    expect(ext('lb-10')).toBe('192.168.56.250');
    expect(ext('lb-11')).toBe('<pending>');
    expect(l.k('describe svc lb-11').stdout).toContain(
      'Warning  SyncLoadBalancerFailed  1s    service-controller  Error syncing load balancer: failed to ensure load balancer: no available IPs in the address pool 192.168.56.240-192.168.56.250',
    );
    expect(l.k('delete svc lb-3').exitCode).toBe(0);
    l.advance(1);
    const after = table(l, 'get svc');
    expect(after.find((r) => r.NAME === 'lb-11')?.['EXTERNAL-IP']).toBe('192.168.56.243');
    expect(after.find((r) => r.NAME === 'lb-3')).toBeUndefined();
  });

  it('changing the type releases the address; loadBalancerClass is left to its own controller', () => {
    const t = TestCluster.create().apply(LB('web'));
    t.cluster.settle();
    expect(lbIP(t.get('svc', 'web'))).toBe('192.168.56.240');
    // apply, as a learner would: the API server drops the LoadBalancer-only fields.
    t.apply(LB('web').replace('type: LoadBalancer', 'type: ClusterIP'));
    t.cluster.settle();
    const web = t.get('svc', 'web');
    expect(web?.status).toEqual({ loadBalancer: {} });
    expect(web?.metadata.finalizers).toBeUndefined();
    expect(t.events(web).slice(-2)).toEqual([
      'DeletingLoadBalancer: Deleting load balancer',
      'DeletedLoadBalancer: Deleted load balancer',
    ]);
    t.apply(LB('classy', '\n  loadBalancerClass: example.com/lb')).apply(LB('next'));
    t.cluster.settle();
    expect(lbIP(t.get('svc', 'classy'))).toBeUndefined();
    expect(t.get('svc', 'classy')?.metadata.finalizers).toBeUndefined();
    expect(lbIP(t.get('svc', 'next'))).toBe('192.168.56.240');
    t.expectIdempotent('service-controller');
  });

  it('deleting a LoadBalancer Service waits for the controller, then frees the address', () => {
    const t = TestCluster.create().apply(LB('web'));
    t.cluster.settle();
    t.delete('svc', 'web');
    t.cluster.settle();
    expect(t.get('svc', 'web')).toBeUndefined();
    t.apply(LB('again'));
    t.cluster.settle();
    expect(lbIP(t.get('svc', 'again'))).toBe('192.168.56.240');
  });
});
