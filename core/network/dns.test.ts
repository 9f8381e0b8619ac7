import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { Store } from '../store/store.ts';
import { KEYS, NetworkCache } from './cache.ts';
import { Resolver, reverseName } from './dns.ts';

function svc(name: string, spec: Record<string, unknown>, namespace = 'default'): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec };
}

function slice(service: string, endpoints: unknown[], ports: unknown[] = [], namespace = 'default'): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: `${service}-abcde`, namespace, labels: { 'kubernetes.io/service-name': service } },
    addressType: 'IPv4',
    endpoints,
    ports,
  };
}

const ep = (ip: string, ready = true, hostname?: string) => ({
  addresses: [ip],
  conditions: { ready },
  ...(hostname ? { hostname } : {}),
});

function setup() {
  const store = new Store();
  store.put(
    KEYS.services,
    svc('httpd-svc', { clusterIP: '10.96.12.3', ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] }),
  );
  store.put(KEYS.services, svc('db', { clusterIP: '10.96.7.7', ports: [{ port: 5432 }] }, 'prod'));
  store.put(KEYS.services, svc('nginx', { clusterIP: 'None', ports: [{ name: 'web', port: 80, protocol: 'TCP' }] }));
  store.put(
    KEYS.slices,
    slice(
      'nginx',
      [ep('10.244.1.5', true, 'web-0'), ep('10.244.2.6', true, 'web-1'), ep('10.244.1.9', false, 'web-2')],
      [{ name: 'web', port: 80, protocol: 'TCP' }],
    ),
  );
  store.put(KEYS.services, svc('cern', { type: 'ExternalName', externalName: 'info.cern.ch' }));
  store.put(KEYS.services, svc('elsewhere', { type: 'ExternalName', externalName: 'db.prod.svc.cluster.local' }));
  const cache = new NetworkCache(store);
  return { store, cache, dns: new Resolver(cache) };
}

const addresses = (a: { records: { type: string; data: string }[] }) =>
  a.records.filter((r) => r.type === 'A').map((r) => r.data);

describe('cluster DNS (CoreDNS kubernetes plugin)', () => {
  it('answers a Service by every name the search path makes', () => {
    const { dns } = setup();
    for (const name of [
      'httpd-svc',
      'httpd-svc.default',
      'httpd-svc.default.svc',
      'httpd-svc.default.svc.cluster.local',
    ])
      expect(addresses(dns.resolve(name, 'default')), name).toEqual(['10.96.12.3']);
    expect(dns.resolve('httpd-svc', 'default').name).toBe('httpd-svc.default.svc.cluster.local');
    expect(dns.resolve('httpd-svc.default.svc.cluster.local.', 'prod').rcode).toBe('NOERROR');
  });

  it('needs the namespace from elsewhere, and says NXDOMAIN for unknown names', () => {
    const { dns } = setup();
    expect(dns.resolve('db', 'default').rcode).toBe('NXDOMAIN');
    expect(addresses(dns.resolve('db.prod', 'default'))).toEqual(['10.96.7.7']);
    expect(dns.resolve('nope', 'default')).toEqual({
      rcode: 'NXDOMAIN',
      name: 'nope.default.svc.cluster.local',
      records: [],
    });
    expect(dns.query('nope.default.svc.cluster.local').rcode).toBe('NXDOMAIN');
    expect(dns.query('example.invalid').rcode).toBe('NXDOMAIN');
  });

  it('ndots:5 tries the search domains first for short names, the name itself first for long ones', () => {
    const { dns } = setup();
    expect(dns.candidates('web', 'default')).toEqual([
      'web.default.svc.cluster.local',
      'web.svc.cluster.local',
      'web.cluster.local',
      'web',
    ]);
    expect(dns.candidates('a.b.c.d.e.f', 'default')[0]).toBe('a.b.c.d.e.f');
    expect(dns.candidates('x.y.', 'default')).toEqual(['x.y']);
    expect(addresses(dns.resolve('info.cern.ch', 'default'))).toEqual(['188.184.67.127']);
  });

  it('headless: the ready endpoints; StatefulSet pods by hostname and by dashed IP', () => {
    const { dns } = setup();
    expect(addresses(dns.resolve('nginx', 'default')).sort()).toEqual(['10.244.1.5', '10.244.2.6']);
    expect(addresses(dns.resolve('web-0.nginx', 'default'))).toEqual(['10.244.1.5']);
    expect(addresses(dns.query('10-244-2-6.nginx.default.svc.cluster.local'))).toEqual(['10.244.2.6']);
    expect(dns.resolve('web-2.nginx', 'default').rcode).toBe('NXDOMAIN');
    expect(dns.resolve('web-0.httpd-svc', 'default').rcode).toBe('NXDOMAIN');
  });

  it('publishNotReadyAddresses publishes the unready pods too', () => {
    const { store, dns } = setup();
    store.put(
      KEYS.services,
      svc('nginx', { clusterIP: 'None', publishNotReadyAddresses: true, ports: [{ name: 'web', port: 80 }] }),
    );
    expect(addresses(dns.resolve('web-2.nginx', 'default'))).toEqual(['10.244.1.9']);
  });

  it('follows the store: a new Service answers, a deleted one stops', () => {
    const { store, dns } = setup();
    store.put(KEYS.services, svc('late', { clusterIP: '10.96.1.1', ports: [{ port: 80 }] }));
    expect(addresses(dns.resolve('late', 'default'))).toEqual(['10.96.1.1']);
    store.remove(KEYS.services, 'default', 'late');
    expect(dns.resolve('late', 'default').rcode).toBe('NXDOMAIN');
    store.remove(KEYS.slices, 'default', 'nginx-abcde');
    expect(dns.resolve('nginx', 'default')).toMatchObject({ rcode: 'NOERROR', records: [] });
  });

  it('ExternalName is a CNAME, chased to the target', () => {
    const { dns } = setup();
    expect(dns.resolve('cern', 'default').records).toEqual([
      { name: 'cern.default.svc.cluster.local', type: 'CNAME', ttl: 30, data: 'info.cern.ch' },
      { name: 'info.cern.ch', type: 'A', ttl: 30, data: '188.184.67.127' },
    ]);
    expect(addresses(dns.resolve('elsewhere', 'default'))).toEqual(['10.96.7.7']);
    expect(dns.resolve('cern', 'default', 'CNAME').records).toHaveLength(1);
  });

  it('SRV for named ports: the Service, or each endpoint of a headless one', () => {
    const { dns } = setup();
    const srv = dns.query('_http._tcp.httpd-svc.default.svc.cluster.local', 'SRV');
    expect(srv.records).toEqual([
      {
        name: '_http._tcp.httpd-svc.default.svc.cluster.local',
        type: 'SRV',
        ttl: 30,
        data: 'httpd-svc.default.svc.cluster.local',
        srv: { priority: 0, weight: 100, port: 8080 },
      },
    ]);
    const web = dns.query('_web._tcp.nginx.default.svc.cluster.local', 'SRV');
    expect(web.records.map((r) => r.data)).toEqual([
      'web-0.nginx.default.svc.cluster.local',
      'web-1.nginx.default.svc.cluster.local',
    ]);
    expect(dns.query('_nope._tcp.httpd-svc.default.svc.cluster.local', 'SRV').rcode).toBe('NXDOMAIN');
    expect(dns.query('_http._udp.httpd-svc.default.svc.cluster.local', 'SRV').rcode).toBe('NXDOMAIN');
  });

  it('pod A records a-b-c-d.ns.pod.cluster.local, PTR of ClusterIPs, no AAAA', () => {
    const { dns } = setup();
    expect(addresses(dns.query('10-244-1-5.default.pod.cluster.local'))).toEqual(['10.244.1.5']);
    expect(dns.query('10-244-1-999.default.pod.cluster.local').rcode).toBe('NXDOMAIN');
    expect(dns.query(reverseName('10.96.12.3'), 'PTR').records[0]?.data).toBe('httpd-svc.default.svc.cluster.local');
    expect(dns.query(reverseName('10.1.2.3'), 'PTR').rcode).toBe('NXDOMAIN');
    expect(dns.resolve('httpd-svc', 'default', 'AAAA')).toMatchObject({ rcode: 'NOERROR', records: [] });
  });
});
