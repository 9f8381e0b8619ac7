/**
 * The inspector's Summary tab as data: the key fields of an object by kind
 * (replicas, node, IPs, ports, images, selectors…), its conditions, labels
 * and owner. Field names are catalogue keys (`inspector.field.<key>`); the
 * values are Kubernetes data, shown as they are.
 */
import type { KubeObject } from '../../../core/api/types.ts';
import type { ObjectRef } from '../../../core/protocol/index.ts';

export interface Field {
  /** `inspector.field.<key>` names it. */
  key: string;
  value: string;
}

export interface ConditionRow {
  type: string;
  status: string;
  reason: string;
  message: string;
}

export interface Summary {
  fields: Field[];
  conditions: ConditionRow[];
  labels: [string, string][];
  owner?: ObjectRef;
}

type Json = Record<string, unknown>;
type Selector = {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
};
type Container = { name: string; image?: string };

const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/** `app=nginx,tier in (web,api)`, as kubectl prints a label selector. */
export function formatSelector(sel: Selector | Record<string, string> | undefined): string {
  if (!sel) return '';
  const s = sel as Selector;
  if (!('matchLabels' in s) && !('matchExpressions' in s)) return labelsText(sel as Record<string, string>);
  const parts = Object.entries(s.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of s.matchExpressions ?? []) {
    const op = e.operator.toLowerCase();
    parts.push(
      op === 'exists' ? e.key : op === 'doesnotexist' ? `!${e.key}` : `${e.key} ${op} (${(e.values ?? []).join(',')})`,
    );
  }
  return parts.join(',');
}

const labelsText = (m: Record<string, string>) =>
  Object.entries(m)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');

function images(podSpec: unknown): string {
  const spec = obj(podSpec);
  return [...arr<Container>(spec.initContainers), ...arr<Container>(spec.containers)]
    .map((c) => `${c.name}: ${c.image ?? ''}`)
    .join('\n');
}

const push = (fields: Field[], key: string, value: unknown) => {
  const v = str(value);
  if (v !== '') fields.push({ key, value: v });
};

function podFields(o: KubeObject, f: Field[]): void {
  const spec = obj(o.spec);
  const st = obj(o.status);
  const statuses = arr<{ ready?: boolean; restartCount?: number }>(st.containerStatuses);
  push(f, 'node', spec.nodeName);
  push(f, 'podIP', st.podIP);
  push(f, 'ready', `${statuses.filter((c) => c.ready).length}/${arr(spec.containers).length}`);
  push(
    f,
    'restarts',
    statuses.reduce((n, c) => n + (c.restartCount ?? 0), 0),
  );
  push(f, 'qosClass', st.qosClass);
  push(f, 'containers', images(spec));
  push(f, 'probes', probes(spec));
  push(f, 'lastState', lastStates(st));
}

type ProbeSpec = {
  exec?: { command?: string[] };
  httpGet?: { path?: string; port?: number | string };
  tcpSocket?: { port?: number | string };
  grpc?: { port?: number };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  failureThreshold?: number;
};

/** `web: readiness exec [cat /tmp/healthy] delay=10s period=5s #failure=3`, kubectl describe's probe line per container. */
function probes(podSpec: Json): string {
  const lines: string[] = [];
  for (const c of arr<Json>(podSpec.containers)) {
    for (const kind of ['liveness', 'readiness', 'startup']) {
      const p = c[`${kind}Probe`] as ProbeSpec | undefined;
      if (!p) continue;
      const how = p.exec
        ? `exec [${(p.exec.command ?? []).join(' ')}]`
        : p.httpGet
          ? `http-get :${str(p.httpGet.port)}${p.httpGet.path ?? '/'}`
          : p.tcpSocket
            ? `tcp-socket :${str(p.tcpSocket.port)}`
            : p.grpc
              ? `grpc :${str(p.grpc.port)}`
              : '';
      lines.push(
        `${str(c.name)}: ${kind} ${how} delay=${p.initialDelaySeconds ?? 0}s period=${p.periodSeconds ?? 10}s #failure=${p.failureThreshold ?? 3}`,
      );
    }
  }
  return lines.join('\n');
}

/** Why each restarted container last stopped: `liveness: Error (exit 137)`. */
function lastStates(status: Json): string {
  type Cs = { name?: string; lastState?: { terminated?: { reason?: string; exitCode?: number } } };
  return arr<Cs>(status.containerStatuses)
    .filter((c) => c.lastState?.terminated)
    .map((c) => {
      const t = c.lastState!.terminated!;
      return `${str(c.name)}: ${t.reason ?? 'Terminated'} (exit ${str(t.exitCode)})`;
    })
    .join('\n');
}

function hpaFields(o: KubeObject, f: Field[]): void {
  const spec = obj(o.spec);
  const st = obj(o.status);
  const target = obj(spec.scaleTargetRef);
  push(f, 'scaleTarget', `${str(target.kind)}/${str(target.name)}`);
  push(f, 'replicaRange', `${str(spec.minReplicas ?? 1)}–${str(spec.maxReplicas)}`);
  push(f, 'current', st.currentReplicas ?? 0);
  push(f, 'desired', st.desiredReplicas ?? 0);
  type Metric = { type?: string; resource?: { name?: string; target?: Json; current?: Json } };
  const current = arr<Metric>(st.currentMetrics);
  const metrics = arr<Metric>(spec.metrics).map((m, i) => {
    const r = m.resource ?? {};
    const want =
      r.target?.averageUtilization !== undefined ? `${str(r.target.averageUtilization)}%` : str(r.target?.averageValue);
    const cur = current[i]?.resource?.current;
    const now =
      cur?.averageUtilization !== undefined
        ? `${str(cur.averageUtilization)}%`
        : cur
          ? str(cur.averageValue)
          : '<unknown>';
    return `${str(r.name ?? m.type)}: ${now}/${want}`;
  });
  push(f, 'metrics', metrics.join('\n'));
  push(f, 'lastScale', st.lastScaleTime);
}

function pdbFields(o: KubeObject, f: Field[]): void {
  const spec = obj(o.spec);
  const st = obj(o.status);
  push(f, 'minAvailable', spec.minAvailable);
  push(f, 'maxUnavailable', spec.maxUnavailable);
  push(f, 'selector', formatSelector(spec.selector as Selector | undefined));
  push(f, 'healthy', `${str(st.currentHealthy ?? 0)}/${str(st.desiredHealthy ?? 0)}`);
  push(f, 'disruptionsAllowed', st.disruptionsAllowed ?? 0);
}

function workloadFields(o: KubeObject, f: Field[]): void {
  const spec = obj(o.spec);
  const st = obj(o.status);
  if (o.kind === 'DaemonSet') {
    push(f, 'desired', st.desiredNumberScheduled ?? 0);
    push(f, 'readyReplicas', st.numberReady ?? 0);
  } else {
    push(f, 'desired', spec.replicas ?? 1);
    push(f, 'current', st.replicas ?? 0);
    if (o.kind !== 'ReplicaSet') push(f, 'updated', st.updatedReplicas ?? 0);
    push(f, 'readyReplicas', st.readyReplicas ?? 0);
    if (o.kind === 'Deployment') push(f, 'available', st.availableReplicas ?? 0);
  }
  push(f, 'strategy', obj(spec.strategy ?? spec.updateStrategy).type);
  push(f, 'serviceName', spec.serviceName);
  push(f, 'selector', formatSelector(spec.selector as Selector | undefined));
  push(f, 'containers', images(obj(obj(spec.template).spec)));
}

function serviceFields(o: KubeObject, f: Field[]): void {
  const spec = obj(o.spec);
  type Port = { name?: string; port: number; protocol?: string; targetPort?: number | string; nodePort?: number };
  const ports = arr<Port>(spec.ports).map(
    (p) =>
      `${p.name ? `${p.name} ` : ''}${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'} → ${p.targetPort ?? p.port}`,
  );
  push(f, 'type', spec.type ?? 'ClusterIP');
  push(f, 'clusterIP', spec.clusterIP);
  push(f, 'ports', ports.join('\n'));
  push(f, 'selector', formatSelector(spec.selector as Record<string, string> | undefined));
}

function nodeFields(o: KubeObject, f: Field[]): void {
  const st = obj(o.status);
  const labels = o.metadata.labels ?? {};
  const roles = Object.keys(labels)
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length));
  const cap = obj(st.capacity);
  type Taint = { key: string; value?: string; effect: string };
  push(f, 'roles', roles.join(',') || '<none>');
  push(
    f,
    'internalIP',
    arr<{ type: string; address: string }>(st.addresses).find((a) => a.type === 'InternalIP')?.address,
  );
  push(f, 'kubeletVersion', obj(st.nodeInfo).kubeletVersion);
  push(
    f,
    'capacity',
    [cap.cpu && `cpu ${str(cap.cpu)}`, cap.memory && `memory ${str(cap.memory)}`, cap.pods && `pods ${str(cap.pods)}`]
      .filter(Boolean)
      .join(', '),
  );
  push(
    f,
    'taints',
    arr<Taint>(obj(o.spec).taints)
      .map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`)
      .join('\n'),
  );
}

function storageFields(o: KubeObject, f: Field[]): void {
  const spec = obj(o.spec);
  const st = obj(o.status);
  push(f, 'phase', st.phase);
  push(f, 'storageClass', spec.storageClassName);
  push(
    f,
    'capacity',
    obj(st.capacity).storage ?? obj(spec.capacity).storage ?? obj(obj(spec.resources).requests).storage,
  );
  push(f, 'accessModes', arr<string>(spec.accessModes).join(','));
  push(f, 'volume', spec.volumeName);
  const claim = obj(spec.claimRef);
  if (claim.name) push(f, 'claim', `${str(claim.namespace)}/${str(claim.name)}`);
  push(f, 'reclaimPolicy', spec.persistentVolumeReclaimPolicy);
}

function kindFields(o: KubeObject, f: Field[]): void {
  const spec = obj(o.spec);
  const st = obj(o.status);
  switch (o.kind) {
    case 'Pod':
      return podFields(o, f);
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
      return workloadFields(o, f);
    case 'Service':
      return serviceFields(o, f);
    case 'Node':
      return nodeFields(o, f);
    case 'PersistentVolumeClaim':
    case 'PersistentVolume':
      return storageFields(o, f);
    case 'ConfigMap':
    case 'Secret':
      push(f, 'keys', [...Object.keys(obj(o.data)), ...Object.keys(obj(o.binaryData))].sort().join(', ') || '<none>');
      return push(f, 'type', o.type);
    case 'Job':
      push(f, 'completions', `${str(st.succeeded ?? 0)}/${str(spec.completions ?? 1)}`);
      push(f, 'failed', st.failed);
      return push(f, 'containers', images(obj(obj(spec.template).spec)));
    case 'CronJob':
      push(f, 'schedule', spec.schedule);
      push(f, 'suspend', spec.suspend ?? false);
      return push(f, 'lastSchedule', st.lastScheduleTime);
    case 'Namespace':
      return push(f, 'phase', st.phase);
    case 'HorizontalPodAutoscaler':
      return hpaFields(o, f);
    case 'PodDisruptionBudget':
      return pdbFields(o, f);
    case 'NetworkPolicy':
      push(f, 'podSelector', formatSelector(spec.podSelector as Selector) || '<all pods>');
      return push(f, 'policyTypes', arr<string>(spec.policyTypes).join(','));
  }
}

export function summarize(o: KubeObject): Summary {
  const fields: Field[] = [];
  push(fields, 'namespace', o.metadata.namespace);
  kindFields(o, fields);
  const conditions = arr<Json>(obj(o.status).conditions).map((c) => ({
    type: str(c.type),
    status: str(c.status),
    reason: str(c.reason),
    message: str(c.message),
  }));
  const owners = o.metadata.ownerReferences ?? [];
  const owner = owners.find((r) => r.controller) ?? owners[0];
  return {
    fields,
    conditions,
    labels: Object.entries(o.metadata.labels ?? {}),
    ...(owner
      ? {
          owner: {
            apiVersion: owner.apiVersion,
            kind: owner.kind,
            name: owner.name,
            ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
          },
        }
      : {}),
  };
}
