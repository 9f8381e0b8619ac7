import { describe, expect, it } from 'vitest';
import { resourceByKind, type ResourceType } from '../api/registry.ts';
import type { KubeObject } from '../api/types.ts';
import { tableFor } from './table.ts';

const NOW = Date.parse('2026-11-22T15:20:25Z');
const CREATED = '2026-11-22T15:15:25Z';

function rt(apiVersion: string, kind: string): ResourceType {
  const r = resourceByKind(apiVersion, kind);
  if (!r) throw new Error(`no resource ${apiVersion} ${kind}`);
  return r;
}

const meta = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  namespace: 'default',
  uid: `uid-${name}`,
  resourceVersion: '42',
  creationTimestamp: CREATED,
  ...extra,
});

/** Column names, with `(w)` for wide ones, as the brief and kubectl-wire §5.4 list them. */
const columnNames = (r: ResourceType) =>
  tableFor(r, [], NOW).columnDefinitions.map((c) => (c.priority === 1 ? `${c.name}(w)` : c.name));

const row = (r: ResourceType, o: Record<string, unknown>) => tableFor(r, [o as KubeObject], NOW).rows[0]?.cells;

describe('column sets', () => {
  it('Pod', () => {
    expect(columnNames(rt('v1', 'Pod'))).toEqual([
      'Name',
      'Ready',
      'Status',
      'Restarts',
      'Age',
      'IP(w)',
      'Node(w)',
      'Nominated Node(w)',
      'Readiness Gates(w)',
    ]);
  });
  it('Deployment', () => {
    expect(columnNames(rt('apps/v1', 'Deployment'))).toEqual([
      'Name',
      'Ready',
      'Up-to-date',
      'Available',
      'Age',
      'Containers(w)',
      'Images(w)',
      'Selector(w)',
    ]);
  });
  it('Service', () => {
    expect(columnNames(rt('v1', 'Service'))).toEqual([
      'Name',
      'Type',
      'Cluster-IP',
      'External-IP',
      'Port(s)',
      'Age',
      'Selector(w)',
    ]);
  });
  it('Node', () => {
    expect(columnNames(rt('v1', 'Node'))).toEqual([
      'Name',
      'Status',
      'Roles',
      'Age',
      'Version',
      'Internal-IP(w)',
      'External-IP(w)',
      'OS-Image(w)',
      'Kernel-Version(w)',
      'Container-Runtime(w)',
    ]);
  });
  it('the Name column is the one kubectl prefixes with kind/', () => {
    const defs = tableFor(rt('v1', 'Pod'), [], NOW).columnDefinitions;
    expect(defs[0]).toMatchObject({ name: 'Name', type: 'string', format: 'name', priority: 0 });
    expect(defs.filter((d) => d.format === 'name')).toHaveLength(1);
  });
  it('a few more kinds from printers.go', () => {
    expect(columnNames(rt('v1', 'Endpoints'))).toEqual(['Name', 'Endpoints', 'Age']);
    expect(columnNames(rt('discovery.k8s.io/v1', 'EndpointSlice'))).toEqual([
      'Name',
      'AddressType',
      'Ports',
      'Endpoints',
      'Age',
    ]);
    expect(columnNames(rt('coordination.k8s.io/v1', 'Lease'))).toEqual(['Name', 'Holder', 'Age']);
    expect(columnNames(rt('v1', 'ResourceQuota'))).toEqual(['Name', 'Request', 'Limit', 'Age']);
    expect(columnNames(rt('v1', 'ServiceAccount'))).toEqual(['Name', 'Secrets', 'Age']);
    expect(columnNames(rt('networking.k8s.io/v1', 'IngressClass'))).toEqual([
      'Name',
      'Controller',
      'Parameters',
      'Age',
    ]);
    expect(columnNames(rt('batch/v1', 'CronJob'))).toEqual([
      'Name',
      'Schedule',
      'Timezone',
      'Suspend',
      'Active',
      'Last Schedule',
      'Age',
      'Containers(w)',
      'Images(w)',
      'Selector(w)',
    ]);
    expect(columnNames(rt('events.k8s.io/v1', 'Event'))).toEqual(columnNames(rt('v1', 'Event')));
  });
  it('kinds without a printer get Name and a date-typed Created At', () => {
    for (const r of [
      rt('rbac.authorization.k8s.io/v1', 'Role'),
      rt('rbac.authorization.k8s.io/v1', 'ClusterRole'),
      rt('v1', 'LimitRange'),
    ]) {
      const t = tableFor(r, [{ apiVersion: r.apiVersion, kind: r.kind, metadata: meta('x') }], NOW);
      expect(t.columnDefinitions.map((c) => [c.name, c.type])).toEqual([
        ['Name', 'string'],
        ['Created At', 'date'],
      ]);
      expect(t.rows[0]?.cells).toEqual(['x', CREATED]);
    }
  });
});

describe('Table envelope and row objects', () => {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta('nginx', { labels: { run: 'nginx' }, managedFields: [] }),
    spec: { containers: [] },
    status: { phase: 'Pending' },
  } as KubeObject;
  it('defaults rows to PartialObjectMetadata and leaves resourceVersion to the caller', () => {
    const t = tableFor(rt('v1', 'Pod'), [pod], NOW);
    expect(t).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: {} });
    expect(t.rows[0]?.object).toEqual({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { ...pod.metadata },
    });
  });
  it('honours includeObject and noHeaders', () => {
    expect(tableFor(rt('v1', 'Pod'), [pod], NOW, { includeObject: 'Object' }).rows[0]?.object).toBe(pod);
    expect(tableFor(rt('v1', 'Pod'), [pod], NOW, { includeObject: 'None' }).rows[0]?.object).toBeNull();
    expect(tableFor(rt('v1', 'Pod'), [pod], NOW, { noHeaders: true }).columnDefinitions).toEqual([]);
  });
});

describe('cells', () => {
  it('Deployment: ready/desired, numbers, containers, images and selector text', () => {
    const d = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta('web'),
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'nginx' } },
        template: {
          spec: {
            containers: [
              { name: 'nginx', image: 'nginx:1.27' },
              { name: 'log', image: 'busybox' },
            ],
          },
        },
      },
      status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    };
    expect(row(rt('apps/v1', 'Deployment'), d)).toEqual([
      'web',
      '2/3',
      3,
      2,
      '5m',
      'nginx,log',
      'nginx:1.27,busybox',
      'app=nginx',
    ]);
  });

  it('ReplicaSet selector with expressions', () => {
    const rs = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: meta('web-1'),
      spec: {
        replicas: 1,
        selector: {
          matchLabels: { app: 'web' },
          matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe', 'api'] }],
        },
        template: { spec: { containers: [] } },
      },
      status: { replicas: 1, readyReplicas: 1 },
    };
    expect(row(rt('apps/v1', 'ReplicaSet'), rs)?.at(-1)).toBe('app=web,tier in (api,fe)');
  });

  it('Service: ports with node ports, cluster IP, external IP rules', () => {
    const svc = (spec: Record<string, unknown>, status: Record<string, unknown> = {}) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta('web'),
      spec,
      status,
    });
    const np = svc({
      type: 'NodePort',
      clusterIPs: ['10.96.0.20'],
      selector: { app: 'web' },
      ports: [
        { port: 80, nodePort: 30080, protocol: 'TCP' },
        { port: 53, protocol: 'UDP' },
      ],
    });
    expect(row(rt('v1', 'Service'), np)).toEqual([
      'web',
      'NodePort',
      '10.96.0.20',
      '<none>',
      '80:30080/TCP,53/UDP',
      '5m',
      'app=web',
    ]);
    const lb = svc({
      type: 'LoadBalancer',
      clusterIPs: ['10.96.0.21'],
      ports: [{ port: 80, protocol: 'TCP', nodePort: 31000 }],
    });
    expect(row(rt('v1', 'Service'), lb)?.[3]).toBe('<pending>');
    const lbReady = svc({ type: 'LoadBalancer', ports: [] }, { loadBalancer: { ingress: [{ ip: '172.18.255.200' }] } });
    expect(row(rt('v1', 'Service'), lbReady)?.slice(2, 5)).toEqual(['<none>', '172.18.255.200', '<none>']);
    const ext = svc({ type: 'ExternalName', externalName: 'db.example.com' });
    expect(row(rt('v1', 'Service'), ext)?.[3]).toBe('db.example.com');
    expect(row(rt('v1', 'Service'), svc({ type: 'ClusterIP', externalIPs: ['1.2.3.4'] }))?.[3]).toBe('1.2.3.4');
  });

  it('Node: Ready/NotReady/Unknown, SchedulingDisabled and roles', () => {
    const node = (labels: Record<string, string>, conditions: unknown[], unschedulable = false) => ({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n1', creationTimestamp: CREATED, labels },
      spec: { unschedulable },
      status: {
        conditions,
        nodeInfo: { kubeletVersion: 'v1.33.1' },
        addresses: [{ type: 'InternalIP', address: '172.18.0.2' }],
      },
    });
    const ready = [
      { type: 'MemoryPressure', status: 'False' },
      { type: 'Ready', status: 'True' },
    ];
    expect(row(rt('v1', 'Node'), node({ 'node-role.kubernetes.io/control-plane': '' }, ready))).toEqual([
      'n1',
      'Ready',
      'control-plane',
      '5m',
      'v1.33.1',
      '172.18.0.2',
      '<none>',
      '<unknown>',
      '<unknown>',
      '<unknown>',
    ]);
    expect(row(rt('v1', 'Node'), node({}, [{ type: 'Ready', status: 'False' }], true))?.slice(1, 3)).toEqual([
      'NotReady,SchedulingDisabled',
      '<none>',
    ]);
    expect(
      row(rt('v1', 'Node'), node({ 'kubernetes.io/role': 'worker', 'node-role.kubernetes.io/infra': '' }, []))?.slice(
        1,
        3,
      ),
    ).toEqual(['Unknown', 'infra,worker']);
  });

  it('Job: status precedence, completions and duration', () => {
    const job = (
      status: Record<string, unknown>,
      spec: Record<string, unknown> = {},
      extra: Record<string, unknown> = {},
    ) => ({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: meta('pi', extra),
      spec: { template: { spec: { containers: [] } }, ...spec },
      status,
    });
    const r = rt('batch/v1', 'Job');
    expect(
      row(
        r,
        job(
          {
            startTime: '2026-11-22T15:16:25Z',
            succeeded: 1,
            completionTime: '2026-11-22T15:16:40Z',
            conditions: [{ type: 'Complete', status: 'True' }],
          },
          { completions: 1 },
        ),
      )?.slice(1, 4),
    ).toEqual(['Complete', '1/1', '15s']);
    expect(row(r, job({ startTime: '2026-11-22T15:16:25Z', active: 1 }))?.slice(1, 4)).toEqual([
      'Running',
      '0/1',
      '4m',
    ]);
    expect(row(r, job({}, { parallelism: 3 }))?.slice(1, 4)).toEqual(['Running', '0/1 of 3', '']);
    expect(row(r, job({ conditions: [{ type: 'Failed', status: 'True' }] }))?.[1]).toBe('Failed');
    expect(row(r, job({ conditions: [{ type: 'Suspended', status: 'True' }] }))?.[1]).toBe('Suspended');
    expect(row(r, job({}, {}, { deletionTimestamp: '2026-11-22T15:20:00Z' }))?.[1]).toBe('Terminating');
  });

  it('CronJob: suspend, active and last schedule', () => {
    const cj = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: meta('hello'),
      spec: {
        schedule: '*/1 * * * *',
        suspend: false,
        jobTemplate: { spec: { template: { spec: { containers: [{ name: 'hello', image: 'busybox' }] } } } },
      },
      status: { active: [{ name: 'hello-1' }], lastScheduleTime: '2026-11-22T15:20:00Z' },
    };
    expect(row(rt('batch/v1', 'CronJob'), cj)).toEqual([
      'hello',
      '*/1 * * * *',
      '<none>',
      'False',
      1,
      '25s',
      '5m',
      'hello',
      'busybox',
      '<none>',
    ]);
  });

  it('Event: last seen, object and count, for core and events.k8s.io events', () => {
    const core = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: meta('web.1'),
      type: 'Warning',
      reason: 'BackOff',
      involvedObject: { kind: 'Pod', name: 'web', fieldPath: 'spec.containers{app}' },
      source: { component: 'kubelet', host: 'node-1' },
      message: 'Back-off restarting failed container\n',
      firstTimestamp: '2026-11-22T15:15:25Z',
      lastTimestamp: '2026-11-22T15:19:25Z',
      count: 3,
    };
    expect(row(rt('v1', 'Event'), core)).toEqual([
      '60s',
      'Warning',
      'BackOff',
      'pod/web',
      'spec.containers{app}',
      'kubelet, node-1',
      'Back-off restarting failed container',
      '5m',
      3,
      'web.1',
    ]);
    const v1 = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: meta('web.2'),
      type: 'Normal',
      reason: 'Scheduled',
      regarding: { kind: 'Pod', name: 'web' },
      note: 'Successfully assigned default/web to node-1',
      reportingController: 'default-scheduler',
      eventTime: '2026-11-22T15:19:55.000000Z',
    };
    expect(row(rt('events.k8s.io/v1', 'Event'), v1)).toEqual([
      '30s',
      'Normal',
      'Scheduled',
      'pod/web',
      '',
      'default-scheduler',
      'Successfully assigned default/web to node-1',
      '30s',
      1,
      'web.2',
    ]);
  });

  it('ConfigMap, Secret and PVC counts and states', () => {
    expect(
      row(rt('v1', 'ConfigMap'), {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: meta('cfg'),
        data: { a: '1', b: '2' },
        binaryData: { c: 'AA==' },
      }),
    ).toEqual(['cfg', 3, '5m']);
    expect(
      row(rt('v1', 'Secret'), {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: meta('s'),
        type: 'Opaque',
        data: { a: 'MQ==' },
      }),
    ).toEqual(['s', 'Opaque', 1, '5m']);
    const pvc = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: meta('data'),
      spec: { storageClassName: 'standard', volumeName: 'pvc-1' },
      status: { phase: 'Bound', capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'] },
    };
    expect(row(rt('v1', 'PersistentVolumeClaim'), pvc)).toEqual([
      'data',
      'Bound',
      'pvc-1',
      '1Gi',
      'RWO',
      'standard',
      '<unset>',
      '5m',
      '<unset>',
    ]);
  });
});
