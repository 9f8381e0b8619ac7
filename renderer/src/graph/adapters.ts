/**
 * Per-kind view adapters: how one object looks in the graph (label, status
 * class, kubectl's word for its state, progress). Kubernetes knowledge lives
 * here and in podStatus.ts, never in components.
 */
import type { KubeObject } from '../../../core/api/types.ts';
import { condition, num, obj, str } from './json.ts';
import { inProgress, podStatus } from './podStatus.ts';
import type { StatusClass } from './types.ts';

export interface Look {
  label: string;
  status?: StatusClass;
  statusText?: string;
  /** A long action is under way (image pull, rollout): drawn with a spinner-like ring. */
  progress?: boolean;
  /** Pods: container restarts so far (kubectl's RESTARTS). */
  restarts?: number;
}

type Adapter = (o: KubeObject) => Look;

/** Short glyphs drawn inside each kind's shape (and in the legend). */
export const KIND_GLYPH: Readonly<Record<string, string>> = {
  Deployment: 'deploy',
  ReplicaSet: 'rs',
  StatefulSet: 'sts',
  DaemonSet: 'ds',
  Job: 'job',
  CronJob: 'cj',
  HorizontalPodAutoscaler: 'hpa',
  PodDisruptionBudget: 'pdb',
  ReplicationController: 'rc',
  Service: 'svc',
  Ingress: 'ing',
  NetworkPolicy: 'netpol',
  PersistentVolumeClaim: 'pvc',
  PersistentVolume: 'pv',
  StorageClass: 'sc',
  ConfigMap: 'cm',
  Secret: 'secret',
};

const name = (o: KubeObject) => o.metadata.name ?? '';

/** `ready/desired` controllers: Ready when all are, otherwise a rollout is in progress. */
function replicas(o: KubeObject, desired: number, ready: number, updated = desired): Look {
  const text = `${ready}/${desired}`;
  const failed = objsReason(o, 'Progressing') === 'ProgressDeadlineExceeded';
  if (failed) return { label: name(o), status: 'Failed', statusText: `${text} ProgressDeadlineExceeded` };
  if (desired === 0) return { label: name(o), statusText: text };
  const done = ready >= desired && updated >= desired;
  return { label: name(o), status: done ? 'Ready' : 'Pending', statusText: text, progress: !done };
}

function objsReason(o: KubeObject, type: string): string {
  const conds = obj(o, 'status')['conditions'];
  if (!Array.isArray(conds)) return '';
  const c: unknown = conds.find((x: unknown) => str(x, 'type') === type);
  return str(c, 'reason');
}

const desiredOf = (o: KubeObject) => {
  const v = obj(o, 'spec')['replicas'];
  return typeof v === 'number' ? v : 1;
};

const ADAPTERS: Record<string, Adapter> = {
  Pod(o) {
    const s = podStatus(o);
    const look: Look = { label: name(o), status: s.status, statusText: `${s.reason} ${s.ready}/${s.total}` };
    if (inProgress(s)) look.progress = true;
    if (s.restarts) look.restarts = s.restarts;
    return look;
  },
  Node(o) {
    const ready = condition(o, 'Ready');
    const word = ready === true ? 'Ready' : ready === false ? 'NotReady' : 'Unknown';
    const cordoned = obj(o, 'spec')['unschedulable'] === true ? ',SchedulingDisabled' : '';
    const status = ready === true ? 'Ready' : ready === false ? 'NotReady' : 'Unknown';
    // The box's title says the node's state at a glance (a failed node reads "NotReady").
    return { label: `${name(o)} · ${word}${cordoned}`, status, statusText: word + cordoned };
  },
  Deployment: (o) =>
    replicas(o, desiredOf(o), num(obj(o, 'status'), 'readyReplicas'), num(obj(o, 'status'), 'updatedReplicas')),
  ReplicaSet: (o) => replicas(o, desiredOf(o), num(obj(o, 'status'), 'readyReplicas')),
  StatefulSet: (o) => replicas(o, desiredOf(o), num(obj(o, 'status'), 'readyReplicas')),
  ReplicationController: (o) => replicas(o, desiredOf(o), num(obj(o, 'status'), 'readyReplicas')),
  DaemonSet: (o) => replicas(o, num(obj(o, 'status'), 'desiredNumberScheduled'), num(obj(o, 'status'), 'numberReady')),
  Job(o) {
    const s = obj(o, 'status');
    const completions = obj(o, 'spec')['completions'];
    const text = `${num(s, 'succeeded')}/${typeof completions === 'number' ? completions : 1}`;
    if (condition(o, 'Complete')) return { label: name(o), status: 'Succeeded', statusText: `Complete ${text}` };
    if (condition(o, 'Failed')) return { label: name(o), status: 'Failed', statusText: `Failed ${text}` };
    return { label: name(o), status: 'Running', statusText: `Running ${text}`, progress: num(s, 'active') > 0 };
  },
  CronJob(o) {
    const spec = obj(o, 'spec');
    const active = obj(o, 'status')['active'];
    const running = Array.isArray(active) && active.length > 0;
    const text = spec['suspend'] === true ? `${str(spec, 'schedule')} (suspended)` : str(spec, 'schedule');
    return { label: name(o), statusText: text, ...(running ? { progress: true } : {}) };
  },
  HorizontalPodAutoscaler(o) {
    const s = obj(o, 'status');
    const spec = obj(o, 'spec');
    const text = `${num(s, 'currentReplicas')}→${num(s, 'desiredReplicas')} (${num(spec, 'minReplicas') || 1}..${num(spec, 'maxReplicas')})`;
    const active = condition(o, 'ScalingActive');
    if (active === false)
      return { label: name(o), status: 'Failed', statusText: `${text} ${objsReason(o, 'ScalingActive')}` };
    const scaling = num(s, 'currentReplicas') !== num(s, 'desiredReplicas');
    return {
      label: name(o),
      status: scaling ? 'Pending' : 'Ready',
      statusText: text,
      ...(scaling ? { progress: true } : {}),
    };
  },
  PodDisruptionBudget(o) {
    const s = obj(o, 'status');
    const allowed = num(s, 'disruptionsAllowed');
    const text = `${num(s, 'currentHealthy')}/${num(s, 'desiredHealthy')} healthy, ${allowed} disruptions allowed`;
    return { label: name(o), status: allowed > 0 ? 'Ready' : 'NotReady', statusText: text };
  },
  Service(o) {
    const spec = obj(o, 'spec');
    return { label: name(o), statusText: `${str(spec, 'type') || 'ClusterIP'} ${str(spec, 'clusterIP')}`.trim() };
  },
  PersistentVolumeClaim: (o) => phaseLook(o, { Bound: 'Ready', Pending: 'Pending', Lost: 'Failed' }),
  PersistentVolume: (o) =>
    phaseLook(o, { Bound: 'Ready', Available: 'Ready', Released: 'NotReady', Failed: 'Failed', Pending: 'Pending' }),
};

function phaseLook(o: KubeObject, classes: Record<string, StatusClass>): Look {
  const phase = str(obj(o, 'status'), 'phase') || 'Pending';
  return { label: name(o), status: classes[phase] ?? 'Unknown', statusText: phase };
}

export function lookOf(o: KubeObject): Look {
  const adapter = ADAPTERS[o.kind];
  const look = adapter ? adapter(o) : { label: name(o) };
  // Node boxes have room for their title; other labels are cut to their cell (hover shows the name).
  if (o.kind === 'Node') return look;
  // A restarting pod says so under its name (kubectl's RESTARTS), where a learner watching a probe looks.
  const label = shorten(look.label) + (look.restarts ? ` ↻${look.restarts}` : '');
  return { ...look, label };
}

const MAX_LABEL = 15;

/** `nginx-deployment-cf4cd4db7-m5bxb` → `nginx-d…7-m5bxb`: the start, and the end that tells pods apart. */
export function shorten(label: string): string {
  if (label.length <= MAX_LABEL) return label;
  const tail = Math.floor((MAX_LABEL - 1) / 2);
  return `${label.slice(0, MAX_LABEL - 1 - tail)}…${label.slice(-tail)}`;
}
