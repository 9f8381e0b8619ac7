/**
 * An object's one-word status, as `kubectl get` shows it (for pods, the
 * graph's podStatus: kubectl's printPod), with the tone the UI colours it in.
 */
import type { KubeObject } from '../../../core/api/types.ts';
import { podStatus } from '../graph/podStatus.ts';

export type Tone = 'ok' | 'warning' | 'danger' | 'pending' | 'info' | 'muted';

export interface StatusBadge {
  text: string;
  tone: Tone;
}

const DANGER = /BackOff|Err|Error|Failed|OOMKilled|Invalid|Evicted|Unknown/;

/** kubectl's STATUS word for a pod; one implementation, shared with the graph. */
export function podStatusText(pod: KubeObject): string {
  return podStatus(pod).reason;
}

export function podBadge(pod: KubeObject): StatusBadge {
  const s = podStatus(pod);
  const text = s.reason;
  if (text === 'Running') return { text, tone: s.ready === s.total ? 'ok' : 'warning' };
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
