/**
 * An object's one-word status, as `kubectl get` shows it (the pod STATUS
 * column follows kubectl's printPod: Terminating, Init:…, the waiting or
 * terminated reason of a container, else the phase), with the tone the UI
 * colours it in.
 */
import type { KubeObject } from '../../../core/api/types.ts';

export type Tone = 'ok' | 'warning' | 'danger' | 'pending' | 'info' | 'muted';

export interface StatusBadge {
  text: string;
  tone: Tone;
}

interface ContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: {
    waiting?: { reason?: string };
    running?: unknown;
    terminated?: { reason?: string; exitCode?: number; signal?: number };
  };
}

interface PodStatus {
  phase?: string;
  reason?: string;
  initContainerStatuses?: ContainerStatus[];
  containerStatuses?: ContainerStatus[];
}

const DANGER = /BackOff|Err|Error|Failed|OOMKilled|Invalid|Evicted|Unknown/;

export function podStatusText(pod: KubeObject): string {
  const st = (pod.status ?? {}) as PodStatus;
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  let reason = st.reason || st.phase || 'Pending';
  const inits = st.initContainerStatuses ?? [];
  const initCount = ((pod.spec as { initContainers?: unknown[] } | undefined)?.initContainers ?? []).length;
  for (const [i, c] of inits.entries()) {
    const t = c.state?.terminated;
    if (t && t.exitCode === 0) continue;
    if (t) return `Init:${t.reason || (t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode ?? 0}`)}`;
    const w = c.state?.waiting?.reason;
    if (w && w !== 'PodInitializing') return `Init:${w}`;
    return `Init:${i}/${initCount || inits.length}`;
  }
  let running = false;
  for (const c of [...(st.containerStatuses ?? [])].reverse()) {
    const waiting = c.state?.waiting?.reason;
    const terminated = c.state?.terminated;
    if (waiting) reason = waiting;
    else if (terminated)
      reason =
        terminated.reason || (terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`);
    else if (c.state?.running && c.ready) running = true;
  }
  if (reason === 'Completed' && running) reason = 'Running';
  return reason;
}

export function podBadge(pod: KubeObject): StatusBadge {
  const text = podStatusText(pod);
  const statuses = ((pod.status ?? {}) as PodStatus).containerStatuses ?? [];
  if (text === 'Running') return { text, tone: statuses.every((c) => c.ready) ? 'ok' : 'warning' };
  if (text === 'Terminating') return { text, tone: 'muted' };
  if (text === 'Succeeded' || text === 'Completed') return { text, tone: 'info' };
  if (DANGER.test(text)) return { text, tone: 'danger' };
  return { text, tone: 'pending' };
}

interface Condition {
  type: string;
  status: string;
  reason?: string;
}

const condition = (o: KubeObject, type: string): Condition | undefined =>
  ((o.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).find((c) => c.type === type);

/** `3/3`, ok when all are ready, pending otherwise. */
function readyOf(ready: number | undefined, desired: number | undefined): StatusBadge {
  const r = ready ?? 0;
  const d = desired ?? 0;
  return { text: `${r}/${d}`, tone: r >= d ? 'ok' : 'pending' };
}

const PHASE_TONES: Record<string, Tone> = {
  Bound: 'ok',
  Active: 'ok',
  Available: 'info',
  Released: 'muted',
  Pending: 'pending',
  Terminating: 'muted',
  Lost: 'danger',
  Failed: 'danger',
};

/** The status badge of any object, when its kind has one. */
export function statusBadge(o: KubeObject): StatusBadge | undefined {
  const st = (o.status ?? {}) as Record<string, number | string | undefined>;
  const spec = (o.spec ?? {}) as Record<string, unknown>;
  switch (o.kind) {
    case 'Pod':
      return podBadge(o);
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
      return readyOf(st.readyReplicas as number | undefined, (spec.replicas as number | undefined) ?? 1);
    case 'DaemonSet':
      return readyOf(st.numberReady as number | undefined, st.desiredNumberScheduled as number | undefined);
    case 'Node': {
      const ready = condition(o, 'Ready')?.status === 'True';
      const text = (ready ? 'Ready' : 'NotReady') + (spec.unschedulable ? ',SchedulingDisabled' : '');
      return { text, tone: ready ? (spec.unschedulable ? 'warning' : 'ok') : 'danger' };
    }
    case 'Job': {
      if (condition(o, 'Complete')?.status === 'True') return { text: 'Complete', tone: 'info' };
      if (condition(o, 'Failed')?.status === 'True') return { text: 'Failed', tone: 'danger' };
      return { text: 'Running', tone: 'pending' };
    }
    default: {
      const phase = typeof st.phase === 'string' ? st.phase : undefined;
      if (o.metadata.deletionTimestamp) return { text: 'Terminating', tone: 'muted' };
      return phase ? { text: phase, tone: PHASE_TONES[phase] ?? 'info' } : undefined;
    }
  }
}
