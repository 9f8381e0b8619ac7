import { describe, expect, it } from 'vitest';
import { deployment, endpointSlice, englishT, node, objectMap, pod, replicaSet, service, simple } from './fixtures.ts';
import { GraphMapper, toElements, UNSCHEDULED } from './mapping.ts';
import type { Elements, GraphEdge, GraphNode, MapOptions } from './types.ts';
import { ALL_NAMESPACES, USER_NAMESPACES } from './types.ts';

const opts = (o: Partial<MapOptions> = {}): MapOptions => ({
  view: 'all',
  namespace: USER_NAMESPACES,
  hiddenKinds: new Set(),
  collapsed: new Set(),
  ...o,
});

const nodesOf = (els: Elements) => [...els.values()].filter((e): e is GraphNode => e.group === 'nodes');
const edgesOf = (els: Elements) => [...els.values()].filter((e): e is GraphEdge => e.group === 'edges');
const edge = (els: Elements, type: string, source: string, target: string) =>
  els.get(`${type}:${source}>${target}`) as GraphEdge | undefined;

const WEB = [
  node('node1'),
  node('node2'),
  deployment('web', 2),
  replicaSet('web-7d9f', 'web', 2),
  pod('web-7d9f-a', { rs: 'web-7d9f', node: 'node1', labels: { app: 'web' } }),
  pod('web-7d9f-b', { rs: 'web-7d9f', node: 'node2', labels: { app: 'web' }, state: 'NotReady' }),
  service('web', { app: 'web' }),
];

describe('graph mapping: objects → elements', () => {
  it('puts pods inside their cluster Node boxes and keys everything with keyOf', () => {
    const els = toElements(objectMap(WEB), opts(), englishT);
    expect(els.get('/Pod/default/web-7d9f-a')).toMatchObject({ data: { parent: '/Node//node1', label: 'web-7d9f-a' } });
    expect(els.get('/Node//node1')).toMatchObject({
      data: { kind: 'Node', status: 'Ready' },
      classes: 'kind-Node status-Ready',
    });
    // Parents come before their children, as Cytoscape needs.
    const ids = [...els.keys()];
    expect(ids.indexOf('/Node//node1')).toBeLessThan(ids.indexOf('/Pod/default/web-7d9f-a'));
  });

  it('draws Deployment → ReplicaSet → Pod owner edges with their reason', () => {
    const els = toElements(objectMap(WEB), opts(), englishT);
    expect(edge(els, 'owner', 'apps/Deployment/default/web', 'apps/ReplicaSet/default/web-7d9f')?.data.reason).toBe(
      'owns (controller)',
    );
    expect(edge(els, 'owner', 'apps/ReplicaSet/default/web-7d9f', '/Pod/default/web-7d9f-b')).toBeDefined();
  });

  it('draws Service → Pod selector edges, solid only for ready endpoints', () => {
    const els = toElements(objectMap(WEB), opts(), englishT);
    const ready = edge(els, 'selector', '/Service/default/web', '/Pod/default/web-7d9f-a')!;
    const notReady = edge(els, 'selector', '/Service/default/web', '/Pod/default/web-7d9f-b')!;
    expect(ready.data.reason).toBe('selector app=web matched (ready endpoint)');
    expect(ready.classes).toBe('edge-selector');
    expect(notReady.classes).toBe('edge-selector notready');
    expect(notReady.data.reason).toMatch(/not ready: it gets no traffic/);
  });

  it('lets the EndpointSlice decide readiness when there is one', () => {
    const slice = endpointSlice('web', [
      { name: 'web-7d9f-a', ready: false },
      { name: 'web-7d9f-b', ready: true },
    ]);
    const els = toElements(objectMap([...WEB, slice]), opts(), englishT);
    expect(edge(els, 'selector', '/Service/default/web', '/Pod/default/web-7d9f-a')!.classes).toContain('notready');
    expect(edge(els, 'selector', '/Service/default/web', '/Pod/default/web-7d9f-b')!.classes).toBe('edge-selector');
    expect(els.has('discovery.k8s.io/EndpointSlice/default/web-abcde')).toBe(false);
  });

  it('draws a Service that selects nothing as a dangling edge to a "no pods" placeholder', () => {
    const els = toElements(objectMap([node('node1'), service('api', { app: 'api' })]), opts(), englishT);
    const placeholder = els.get('missing:selector:/Service/default/api') as GraphNode;
    expect(placeholder.classes).toContain('missing');
    expect(placeholder.data.detail).toBe('No pod in namespace default matches selector app=api');
    expect(edge(els, 'selector', '/Service/default/api', 'missing:selector:/Service/default/api')!.classes).toContain(
      'dangling',
    );
  });

  it('draws nothing for a Service without a selector (the kubernetes Service)', () => {
    const els = toElements(objectMap([service('kubernetes', undefined)]), opts(), englishT);
    expect(edgesOf(els)).toEqual([]);
    expect(nodesOf(els).map((n) => n.data.id)).toEqual(['/Service/default/kubernetes']);
  });

  it('draws Pod → PVC → PV → StorageClass with claimName, volumeName and storageClassName', () => {
    const objects = [
      pod('db-0', { spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] } }),
      simple('v1', 'PersistentVolumeClaim', 'data', 'default', {
        spec: { volumeName: 'pv-1', storageClassName: 'standard' },
        status: { phase: 'Bound' },
      }),
      simple('v1', 'PersistentVolume', 'pv-1', undefined, {
        spec: { storageClassName: 'standard' },
        status: { phase: 'Bound' },
      }),
      simple('storage.k8s.io/v1', 'StorageClass', 'standard'),
    ];
    const els = toElements(objectMap(objects), opts({ view: 'storage' }), englishT);
    expect(edge(els, 'volume', '/Pod/default/db-0', '/PersistentVolumeClaim/default/data')?.data.reason).toBe(
      'claimName=data',
    );
    expect(edge(els, 'storage', '/PersistentVolumeClaim/default/data', '/PersistentVolume//pv-1')?.data.reason).toBe(
      'volumeName=pv-1',
    );
    expect(edge(els, 'storage', '/PersistentVolume//pv-1', 'storage.k8s.io/StorageClass//standard')?.data.reason).toBe(
      'storageClassName=standard',
    );
    expect(els.get('/PersistentVolumeClaim/default/data')).toMatchObject({
      data: { status: 'Ready', statusText: 'Bound' },
    });
  });

  it('draws a missing PVC as a dangling edge with its explanation', () => {
    const p = pod('db-0', { spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] } });
    const els = toElements(objectMap([p]), opts({ view: 'storage' }), englishT);
    const e = edge(els, 'volume', '/Pod/default/db-0', 'missing:/PersistentVolumeClaim/default/data')!;
    expect(e.classes).toBe('edge-volume dangling');
    expect(e.data.reason).toBe('claimName=data — PersistentVolumeClaim "data" not found in namespace default');
    expect(els.get('missing:/PersistentVolumeClaim/default/data')).toMatchObject({
      data: { label: 'data', kind: 'PersistentVolumeClaim' },
      classes: 'kind-PersistentVolumeClaim missing',
    });
  });

  it('merges a pod’s references to one ConfigMap/Secret into one edge, and skips optional missing ones', () => {
    const p = pod('app', {
      spec: {
        volumes: [
          { name: 'config', configMap: { name: 'app-config' } },
          { name: 'extra', configMap: { name: 'extra', optional: true } },
          { name: 'kube-api-access-x', projected: { sources: [{ configMap: { name: 'kube-root-ca.crt' } }] } },
        ],
        containers: [
          {
            name: 'main',
            envFrom: [{ configMapRef: { name: 'app-config' } }],
            env: [{ name: 'PASS', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }],
          },
        ],
      },
    });
    const cm = simple('v1', 'ConfigMap', 'app-config', 'default');
    const els = toElements(objectMap([p, cm]), opts({ view: 'storage' }), englishT);
    expect(edge(els, 'config', '/Pod/default/app', '/ConfigMap/default/app-config')?.data.reason).toBe(
      'mounted as volume "config"; envFrom in container "main"',
    );
    expect(edge(els, 'config', '/Pod/default/app', 'missing:/Secret/default/db')?.data.reason).toBe(
      'env PASS from key "password" — Secret "db" not found in namespace default',
    );
    expect(els.has('missing:/ConfigMap/default/extra')).toBe(false);
    expect([...els.keys()].some((k) => k.includes('kube-root-ca.crt'))).toBe(false);
  });

  it('draws NetworkPolicy → the pods it selects', () => {
    const np = simple('networking.k8s.io/v1', 'NetworkPolicy', 'deny', 'default', {
      spec: { podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] } },
    });
    const els = toElements(objectMap([...WEB, np]), opts({ view: 'network' }), englishT);
    const e = edge(els, 'policy', 'networking.k8s.io/NetworkPolicy/default/deny', '/Pod/default/web-7d9f-a');
    expect(e?.data.reason).toBe('podSelector app in (web,api) matched');
  });

  it('draws generic owner edges (Job → Pod, CronJob → Job)', () => {
    const job = simple('batch/v1', 'Job', 'backup-1', 'default', {
      metadata: {
        name: 'backup-1',
        namespace: 'default',
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'backup', uid: 'u', controller: true }],
      },
    });
    const cron = simple('batch/v1', 'CronJob', 'backup', 'default', { spec: { schedule: '*/5 * * * *' } });
    const p = pod('backup-1-x', { labels: {} });
    p.metadata.ownerReferences = [
      { apiVersion: 'batch/v1', kind: 'Job', name: 'backup-1', uid: 'u2', controller: true },
    ];
    const els = toElements(objectMap([cron, job, p]), opts(), englishT);
    expect(edge(els, 'owner', 'batch/CronJob/default/backup', 'batch/Job/default/backup-1')).toBeDefined();
    expect(edge(els, 'owner', 'batch/Job/default/backup-1', '/Pod/default/backup-1-x')).toBeDefined();
  });

  it('draws HPA → its scale target, PDB → the pods it protects, StatefulSet → its headless Service', () => {
    const hpa = simple('autoscaling/v2', 'HorizontalPodAutoscaler', 'web', 'default', {
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        minReplicas: 1,
        maxReplicas: 5,
      },
      status: { currentReplicas: 2, desiredReplicas: 4 },
    });
    const pdb = simple('policy/v1', 'PodDisruptionBudget', 'web-pdb', 'default', {
      spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } },
      status: { currentHealthy: 2, desiredHealthy: 1, disruptionsAllowed: 1 },
    });
    const sts = simple('apps/v1', 'StatefulSet', 'db', 'default', { spec: { serviceName: 'db', replicas: 1 } });
    const els = toElements(objectMap([...WEB, hpa, pdb, sts]), opts(), englishT);
    const scale = edge(els, 'scale', 'autoscaling/HorizontalPodAutoscaler/default/web', 'apps/Deployment/default/web');
    expect(scale?.data.reason).toBe('scaleTargetRef: scales Deployment web');
    expect(els.get('autoscaling/HorizontalPodAutoscaler/default/web')).toMatchObject({
      data: { statusText: '2→4 (1..5)', status: 'Pending' },
    });
    const budget = edge(els, 'budget', 'policy/PodDisruptionBudget/default/web-pdb', '/Pod/default/web-7d9f-a');
    expect(budget?.data.reason).toMatch(/PodDisruptionBudget selector app=web matched/);
    expect(els.get('policy/PodDisruptionBudget/default/web-pdb')).toMatchObject({ data: { status: 'Ready' } });
    // The Service "db" does not exist yet: the reference dangles and says so.
    const dangling = edge(els, 'route', 'apps/StatefulSet/default/db', 'missing:/Service/default/db');
    expect(dangling?.classes).toContain('dangling');
    expect(dangling?.data.reason).toMatch(/serviceName=db.*db-0\.db/);
  });

  it('writes a restarting pod’s restart count under its name', () => {
    const p = pod('crashy', { node: 'node1', state: 'CrashLoopBackOff' });
    const els = toElements(objectMap([node('node1'), p]), opts(), englishT);
    expect(els.get('/Pod/default/crashy')).toMatchObject({ data: { label: 'crashy ↻4', restarts: 4 } });
  });

  it('puts unscheduled pods in a "not scheduled" box', () => {
    const els = toElements(objectMap([node('node1'), pod('p', { state: 'Pending' })]), opts(), englishT);
    expect(els.get(UNSCHEDULED)).toMatchObject({ data: { label: 'Not scheduled yet' } });
    expect(els.get('/Pod/default/p')).toMatchObject({ data: { parent: UNSCHEDULED, status: 'Pending' } });
  });
});

describe('graph mapping: filters and collapse', () => {
  it('shows only the view’s kinds', () => {
    const objects = objectMap([...WEB, simple('v1', 'ConfigMap', 'c', 'default')]);
    const kinds = (view: MapOptions['view']) =>
      [...new Set(nodesOf(toElements(objects, opts({ view }), englishT)).map((n) => n.data.kind))].sort();
    expect(kinds('workloads')).toEqual(['Deployment', 'Node', 'Pod', 'ReplicaSet']);
    expect(kinds('network')).toEqual(['Node', 'Pod', 'Service']);
    expect(kinds('storage')).toEqual(['ConfigMap', 'Node', 'Pod']);
  });

  it('filters by namespace (system namespaces hidden by default) and by kind', () => {
    const objects = objectMap([...WEB, pod('coredns', { ns: 'kube-system' }), pod('x', { ns: 'team' })]);
    const ids = (o: Partial<MapOptions>) => [...toElements(objects, opts(o), englishT).keys()];
    expect(ids({})).not.toContain('/Pod/kube-system/coredns');
    expect(ids({ namespace: ALL_NAMESPACES })).toContain('/Pod/kube-system/coredns');
    expect(ids({ namespace: 'team' }).filter((k) => k.startsWith('/Pod/'))).toEqual(['/Pod/team/x']);
    const noRs = ids({ hiddenKinds: new Set(['ReplicaSet']) });
    expect(noRs.some((k) => k.includes('ReplicaSet'))).toBe(false);
  });

  it('collapses a Deployment to one node: its ReplicaSets and pods fold in, selector edges follow', () => {
    const els = toElements(objectMap(WEB), opts({ collapsed: new Set(['apps/Deployment/default/web']) }), englishT);
    expect(els.has('/Pod/default/web-7d9f-a')).toBe(false);
    expect(els.has('apps/ReplicaSet/default/web-7d9f')).toBe(false);
    expect(els.get('apps/Deployment/default/web')).toMatchObject({
      data: { label: 'web (2 pods)' },
      classes: 'kind-Deployment collapsed status-Ready',
    });
    expect(edge(els, 'selector', '/Service/default/web', 'apps/Deployment/default/web')?.data.reason).toBe(
      'selector app=web matched 2 pods',
    );
    expect(edgesOf(els).every((e) => els.has(e.data.source) && els.has(e.data.target))).toBe(true);
  });
});

describe('GraphMapper memoization', () => {
  it('returns the very same element objects for unchanged objects, new ones for changed', () => {
    const m = new GraphMapper(englishT);
    const objects = objectMap(WEB);
    const a = m.map(objects, opts()).elements;
    const changed = pod('web-7d9f-b', { rs: 'web-7d9f', node: 'node2', labels: { app: 'web' }, state: 'Ready' });
    const next = new Map(objects).set('/Pod/default/web-7d9f-b', changed);
    const b = m.map(next, opts()).elements;
    expect(b.get('/Pod/default/web-7d9f-a')).toBe(a.get('/Pod/default/web-7d9f-a'));
    expect(b.get('/Service/default/web')).toBe(a.get('/Service/default/web'));
    expect(b.get('/Pod/default/web-7d9f-b')).not.toBe(a.get('/Pod/default/web-7d9f-b'));
    expect(b.get('/Pod/default/web-7d9f-b')).toMatchObject({ data: { status: 'Ready' } });
    expect(b.get('selector:/Service/default/web>/Pod/default/web-7d9f-b')!.classes).toBe('edge-selector');
  });

  it('reports workloads (0 → the empty state) and namespaces', () => {
    const m = new GraphMapper(englishT);
    expect(m.map(objectMap([node('n')]), opts()).workloads).toBe(0);
    const r = m.map(objectMap([...WEB, pod('x', { ns: 'team' })]), opts());
    expect(r.workloads).toBe(5);
    expect(r.namespaces).toEqual(['default', 'team']);
  });
});
