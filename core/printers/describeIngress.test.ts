import { describe as suite, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { describe } from './describe.ts';
import { NOW, rt } from './describe.fixtures.ts';
import { tableFor } from './table.ts';

const ING = rt('networking.k8s.io/v1', 'Ingress');

const ingress = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'web', namespace: 'default', uid: 'u1', creationTimestamp: '2026-11-22T15:00:00Z' },
  spec,
  status: { loadBalancer: { ingress: [{ ip: '192.168.56.200' }] } },
});

const httpd: KubeObject = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'httpd-svc', namespace: 'default' },
  spec: { ports: [{ name: 'http', port: 80 }] },
};
const slice: KubeObject = {
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: 'httpd-svc-x2k4p', namespace: 'default', labels: { 'kubernetes.io/service-name': 'httpd-svc' } },
  ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
  endpoints: [
    { addresses: ['10.244.1.5'], conditions: { ready: true } },
    { addresses: ['10.244.2.6'], conditions: { ready: true } },
  ],
};
const backend = (name: string, port: Record<string, unknown>) => ({ service: { name, port } });
const related = { events: [], services: [httpd], endpointSlices: [slice] };

suite('describe ingress', () => {
  it('rules with backends, endpoints and a missing Service (kubectl 1.33 layout)', () => {
    const ing = ingress({
      ingressClassName: 'nginx',
      tls: [{ hosts: ['www.example.com'], secretName: 'example-tls' }],
      rules: [
        {
          host: 'www.example.com',
          http: {
            paths: [
              { path: '/', pathType: 'Prefix', backend: backend('httpd-svc', { number: 80 }) },
              { path: '/api', pathType: 'Prefix', backend: backend('api-svc', { name: 'http' }) },
            ],
          },
        },
      ],
    });
    expect(describe(ING, ing, related, NOW)).toBe(`Name:             web
Labels:           <none>
Namespace:        default
Address:          192.168.56.200
Ingress Class:    nginx
Default backend:  <default>
TLS:
  example-tls terminates www.example.com
Rules:
  Host             Path  Backends
  ----             ----  --------
  www.example.com  
                   /      httpd-svc:80 (10.244.1.5:80,10.244.2.6:80)
                   /api   api-svc:http (<error: services "api-svc" not found>)
Annotations:       <none>
Events:            <none>
`);
  });

  it('only a default backend: the catch-all row', () => {
    const out = describe(ING, ingress({ defaultBackend: backend('httpd-svc', { name: 'http' }) }), related, NOW);
    expect(out).toContain('Ingress Class:    <none>\nDefault backend:  httpd-svc:http (10.244.1.5:80,10.244.2.6:80)\n');
    expect(out).toContain('  *           *     httpd-svc:http (10.244.1.5:80,10.244.2.6:80)\n');
  });

  it('a rule without host shows *; no ready endpoints shows ()', () => {
    const notReady = { ...slice, endpoints: [{ addresses: ['10.244.1.5'], conditions: { ready: false } }] };
    const ing = ingress({
      rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend('httpd-svc', { number: 80 }) }] } }],
    });
    const out = describe(ING, ing, { ...related, endpointSlices: [notReady] }, NOW);
    expect(out).toContain('\n  *           \n              /   httpd-svc:80 ()\nAnnotations:  <none>\n');
  });
});

suite('describe ingressclass', () => {
  it('controller and parameters', () => {
    const ic: KubeObject = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'nginx', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } },
      spec: {
        controller: 'k8s.io/ingress-nginx',
        parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb' },
      },
    };
    expect(describe(rt('networking.k8s.io/v1', 'IngressClass'), ic, { events: [] }, NOW)).toBe(`Name:         nginx
Labels:       <none>
Annotations:  ingressclass.kubernetes.io/is-default-class: true
Controller:   k8s.io/ingress-nginx
Parameters:
  APIGroup:  k8s.example.com
  Kind:      IngressParameters
  Name:      external-lb
Events:      <none>
`);
  });
});

suite('get svc of type LoadBalancer', () => {
  const svc = (status: Record<string, unknown>): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default', creationTimestamp: '2026-11-22T15:19:25Z' },
    spec: { type: 'LoadBalancer', clusterIPs: ['10.96.4.7'], ports: [{ port: 80, nodePort: 31234, protocol: 'TCP' }] },
    status,
  });
  const cells = (o: KubeObject) => tableFor(rt('v1', 'Service'), [o], NOW).rows[0]?.cells;
  it('EXTERNAL-IP is <pending> until status has an address, then the address', () => {
    expect(cells(svc({ loadBalancer: {} }))?.slice(0, 5)).toEqual([
      'web',
      'LoadBalancer',
      '10.96.4.7',
      '<pending>',
      '80:31234/TCP',
    ]);
    const ready = svc({ loadBalancer: { ingress: [{ ip: '192.168.56.240', ipMode: 'VIP' }] } });
    expect(cells(ready)?.[3]).toBe('192.168.56.240');
  });
  it('describe shows the address with its mode', () => {
    const ready = svc({ loadBalancer: { ingress: [{ ip: '192.168.56.240', ipMode: 'VIP' }] } });
    expect(describe(rt('v1', 'Service'), ready, { events: [] }, NOW)).toContain(
      'LoadBalancer Ingress:  192.168.56.240 (VIP)\n',
    );
  });
});
