import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import type { ContainerRun } from '../kubelet/containers.ts';
import { newContainerRun } from '../kubelet/containers.ts';
import { Store } from '../store/store.ts';
import { Rng } from '../util/rng.ts';
import { KEYS, NetworkCache } from './cache.ts';
import { Proxy, targetPort } from './proxy.ts';
import type { Connection } from './proxy.ts';
import type { IpPeer, Peer, PodPeer, Verdict } from './types.ts';

function pod(
  name: string,
  ip: string,
  node: string,
  ports: { name?: string; containerPort: number }[] = [],
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: { app: 'web' } },
    spec: { nodeName: node, containers: [{ name: 'c', image: 'nginx', ports }] },
    status: { podIP: ip },
  };
}

function running(servedPorts: number[]): ContainerRun[] {
  const c = newContainerRun({ name: 'c' }, false);
  c.state = 'running';
  c.served = servedPorts.map((port) => ({ port }));
  return [c];
}

const ALLOW: Verdict = {
  allowed: true,
  reason: 'allowed',
  ingress: { isolated: false, allowed: true, policies: [], matches: [], reason: '' },
  egress: { isolated: false, allowed: true, policies: [], matches: [], reason: '' },
};

function setup(opts: { deny?: (src: Peer, dst: PodPeer) => boolean } = {}) {
  const store = new Store();
  let now = 1_000_000;
  const node = (name: string, ip: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name },
    status: { addresses: [{ type: 'InternalIP', address: ip }] },
  });
  store.put(KEYS.nodes, node('k8s-node1', '192.168.56.11'));
  store.put(KEYS.nodes, node('k8s-node2', '192.168.56.12'));
  const pods = [
    pod('web-a', '10.244.1.2', 'k8s-node1', [{ name: 'http', containerPort: 80 }]),
    pod('web-b', '10.244.2.2', 'k8s-node2', [{ name: 'http', containerPort: 8080 }]),
  ];
  for (const p of pods) store.put(KEYS.pods, p);
  const runtimes = new Map<string, ContainerRun[] | undefined>([
    ['web-a', running([80])],
    ['web-b', running([8080])],
  ]);
  store.put(KEYS.services, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      type: 'NodePort',
      clusterIP: '10.96.0.50',
      ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080, protocol: 'TCP' }],
    },
    status: { loadBalancer: { ingress: [{ ip: '192.168.56.240' }] } },
  });
  store.put(KEYS.slices, {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'web-x', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
    endpoints: [
      { addresses: ['10.244.1.2'], conditions: { ready: true }, nodeName: 'k8s-node1' },
      { addresses: ['10.244.2.2'], conditions: { ready: true }, nodeName: 'k8s-node2' },
    ],
    ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
  });
  const cache = new NetworkCache(store);
  const proxy = new Proxy({
    cache,
    rng: new Rng(7),
    now: () => now,
    runtime: (p) => runtimes.get(p.metadata.name ?? ''),
    verdict: (src, dst) =>
      opts.deny?.(src, dst) ? { ...ALLOW, allowed: false, reason: `denied: ${dst.name}` } : ALLOW,
  });
  return { store, cache, proxy, runtimes, tick: (ms: number) => (now += ms) };
}

const client: IpPeer = { kind: 'ip', ip: '10.244.1.77' };
const podName = (c: Connection) => (c.kind === 'open' ? c.pod.metadata.name : c.kind);

describe('kube-proxy routing', () => {
  it('balances a ClusterIP over the ready endpoints, resolving a named targetPort per pod', () => {
    const { proxy } = setup();
    const seen = new Map<string, number>();
    for (let i = 0; i < 40; i++) {
      const c = proxy.connect(client, '10.96.0.50', 80);
      expect(c.kind).toBe('open');
      if (c.kind !== 'open') continue;
      expect(c.target.port).toBe(c.pod.metadata.name === 'web-a' ? 80 : 8080);
      seen.set(c.pod.metadata.name!, (seen.get(c.pod.metadata.name!) ?? 0) + 1);
      expect(c.service).toBe('default/web');
    }
    expect([...seen.keys()].sort()).toEqual(['web-a', 'web-b']);
  });

  it('is deterministic for a seed', () => {
    const a = setup().proxy;
    const b = setup().proxy;
    const run = (p: Proxy) => Array.from({ length: 10 }, () => podName(p.connect(client, '10.96.0.50', 80)));
    expect(run(a)).toEqual(run(b));
  });

  it('NodePort on any node, the load-balancer IP, and refusals for other node ports', () => {
    const { proxy } = setup();
    expect(proxy.connect(client, '192.168.56.12', 30080).kind).toBe('open');
    expect(proxy.connect(client, '192.168.56.240', 80).kind).toBe('open');
    expect(proxy.connect(client, '192.168.56.11', 30081)).toMatchObject({ kind: 'refused' });
    expect(proxy.connect(client, '10.96.0.50', 81)).toMatchObject({ kind: 'timeout' });
  });

  it('externalTrafficPolicy Local keeps NodePort traffic on the node it arrived at', () => {
    const { store, proxy } = setup();
    const svc = store.get(KEYS.services, 'default', 'web')!;
    store.put(KEYS.services, { ...svc, spec: { ...(svc.spec as object), externalTrafficPolicy: 'Local' } });
    for (let i = 0; i < 10; i++) expect(podName(proxy.connect(client, '192.168.56.12', 30080))).toBe('web-b');
  });

  it('refuses a Service without ready endpoints (REJECT)', () => {
    const { store, proxy } = setup();
    const s = store.get(KEYS.slices, 'default', 'web-x')!;
    store.put(KEYS.slices, {
      ...s,
      endpoints: (s.endpoints as { conditions: object }[]).map((e) => ({ ...e, conditions: { ready: false } })),
    });
    expect(proxy.connect(client, '10.96.0.50', 80)).toMatchObject({
      kind: 'refused',
      reason: 'service default/web has no ready endpoints (kube-proxy REJECT)',
    });
  });

  it('sessionAffinity ClientIP pins a client until timeoutSeconds pass', () => {
    const { store, proxy, tick } = setup();
    const svc = store.get(KEYS.services, 'default', 'web')!;
    store.put(KEYS.services, {
      ...svc,
      spec: {
        ...(svc.spec as object),
        sessionAffinity: 'ClientIP',
        sessionAffinityConfig: { clientIP: { timeoutSeconds: 10 } },
      },
    });
    const first = podName(proxy.connect(client, '10.96.0.50', 80));
    for (let i = 0; i < 20; i++) expect(podName(proxy.connect(client, '10.96.0.50', 80))).toBe(first);
    const others = new Set<string | undefined>();
    for (let i = 0; i < 20; i++) {
      tick(11_000);
      others.add(podName(proxy.connect(client, '10.96.0.50', 80)));
    }
    expect(others.size).toBe(2);
  });

  it('a pod IP: open when a container serves the port, refused otherwise, silent when its node is down', () => {
    const { proxy, runtimes } = setup();
    expect(proxy.connect(client, '10.244.1.2', 80).kind).toBe('open');
    expect(proxy.connect(client, '10.244.1.2', 81)).toMatchObject({ kind: 'refused' });
    runtimes.set('web-a', undefined);
    expect(proxy.connect(client, '10.244.1.2', 80)).toMatchObject({ kind: 'timeout' });
    expect(proxy.connect(client, '10.244.9.9', 80)).toMatchObject({ kind: 'timeout' });
  });

  it('drops what NetworkPolicy denies (the client times out) and says why', () => {
    const { proxy } = setup({ deny: (_src, dst) => dst.name === 'web-b' });
    expect(proxy.connect(client, '10.244.2.2', 8080)).toMatchObject({ kind: 'timeout', reason: 'denied: web-b' });
    expect(proxy.connect(client, '10.244.1.2', 80).kind).toBe('open');
  });

  it('reaches the outside sites, pings pods and nodes but not ClusterIPs', () => {
    const { proxy } = setup();
    expect(proxy.connect(client, '188.184.67.127', 80)).toMatchObject({ kind: 'outside', host: 'info.cern.ch' });
    expect(proxy.pingable(client, '10.244.1.2')).toBe(true);
    expect(proxy.pingable(client, '192.168.56.11')).toBe(true);
    expect(proxy.pingable(client, '10.96.0.50')).toBe(false);
  });

  it('targetPort: numbers, numeric strings and names', () => {
    const p = pod('x', '1.2.3.4', 'n', [{ name: 'metrics', containerPort: 9090 }]);
    expect(targetPort({ port: 80 }, p)).toBe(80);
    expect(targetPort({ port: 80, targetPort: 8080 }, p)).toBe(8080);
    expect(targetPort({ port: 80, targetPort: '81' }, p)).toBe(81);
    expect(targetPort({ port: 80, targetPort: 'metrics' }, p)).toBe(9090);
    expect(targetPort({ port: 80, targetPort: 'nope' }, p)).toBe(0);
  });
});
