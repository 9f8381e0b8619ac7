/**
 * Pod status as the kubelet reports it (pkg/kubelet/status/generate.go,
 * kubelet_pods.go getPhase): phase from container states and restartPolicy,
 * the five conditions, container statuses, IPs and start time.
 */
import { isoSeconds } from '../clock/clock.ts';
import type { ContainerRun } from './containers.ts';
import { containerStatus } from './containers.ts';

interface Condition {
  type: string;
  status: string;
  lastProbeTime: null;
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

export interface PodRuntimeView {
  restartPolicy: string;
  sandboxReady: boolean;
  hostIP: string;
  podIP?: string;
  startTimeMs: number;
  init: ContainerRun[];
  main: ContainerRun[];
  /** Previous status conditions, to keep transition times. */
  previous: Condition[];
  scheduledAt?: string;
  qosClass?: string;
  terminal?: 'Succeeded' | 'Failed';
}

export function podPhaseOf(v: PodRuntimeView): string {
  if (v.terminal) return v.terminal;
  const initDone = v.init.every((c) =>
    c.spec.restartPolicy === 'Always' ? c.started : c.state === 'terminated' && c.terminated?.exitCode === 0,
  );
  if (!initDone) {
    const failedInit = v.init.some((c) => c.state === 'terminated' && c.terminated?.exitCode !== 0);
    return failedInit && v.restartPolicy === 'Never' ? 'Failed' : 'Pending';
  }
  const m = v.main;
  const running = m.filter((c) => c.state === 'running' && !c.postStarting).length;
  const waiting = m.filter((c) => c.state === 'waiting' || c.postStarting).length;
  const stopped = m.filter((c) => c.state === 'terminated');
  const succeeded = stopped.filter((c) => c.terminated?.exitCode === 0).length;
  const failed = stopped.length - succeeded;
  // A container waiting to restart after it ran counts as running (getPhase).
  const restarting = m.filter((c) => (c.state === 'waiting' || c.postStarting) && c.lastTerminated).length;
  if (waiting - restarting > 0) return 'Pending';
  if (running + restarting > 0) return 'Running';
  if (stopped.length === m.length && m.length > 0) {
    if (v.restartPolicy === 'Always') return 'Running';
    if (failed > 0) return v.restartPolicy === 'OnFailure' ? 'Running' : 'Failed';
    return 'Succeeded';
  }
  return 'Pending';
}

export function buildPodStatus(v: PodRuntimeView, nowMs: number): Record<string, unknown> {
  const now = isoSeconds(nowMs);
  const phase = podPhaseOf(v);
  const notReady = v.main.filter((c) => !c.ready).map((c) => c.spec.name);
  const initPending = v.init
    .filter(
      (c) =>
        !(c.state === 'terminated' && c.terminated?.exitCode === 0) &&
        !(c.spec.restartPolicy === 'Always' && c.started),
    )
    .map((c) => c.spec.name);
  const terminalPhase = phase === 'Succeeded' || phase === 'Failed';
  const cond = (type: string, ok: boolean, reason?: string, message?: string): Condition => {
    const status = ok ? 'True' : 'False';
    const prev = v.previous.find((c) => c.type === type);
    return {
      type,
      status,
      lastProbeTime: null,
      lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : now,
      ...(ok ? {} : reason ? { reason, message } : {}),
    };
  };
  const readyReason = terminalPhase ? 'PodCompleted' : 'ContainersNotReady';
  const readyMessage = terminalPhase ? undefined : `containers with unready status: [${notReady.join(' ')}]`;
  const conditions = [
    cond('PodReadyToStartContainers', v.sandboxReady && !terminalPhase),
    cond(
      'Initialized',
      initPending.length === 0,
      terminalPhase ? 'PodCompleted' : 'ContainersNotInitialized',
      terminalPhase ? undefined : `containers with incomplete status: [${initPending.join(' ')}]`,
    ),
    cond('Ready', notReady.length === 0 && !terminalPhase, readyReason, readyMessage),
    cond('ContainersReady', notReady.length === 0 && !terminalPhase, readyReason, readyMessage),
    {
      ...cond('PodScheduled', true),
      lastTransitionTime: v.previous.find((c) => c.type === 'PodScheduled')?.lastTransitionTime ?? v.scheduledAt ?? now,
    },
  ].map((c) =>
    c.reason && c.message === undefined
      ? {
          type: c.type,
          status: c.status,
          lastProbeTime: null,
          lastTransitionTime: c.lastTransitionTime,
          reason: c.reason,
        }
      : c,
  );
  return {
    phase,
    conditions,
    hostIP: v.hostIP,
    hostIPs: [{ ip: v.hostIP }],
    ...(v.podIP ? { podIP: v.podIP, podIPs: [{ ip: v.podIP }] } : {}),
    startTime: isoSeconds(v.startTimeMs),
    ...(v.init.length ? { initContainerStatuses: v.init.map((c) => containerStatus(c)) } : {}),
    containerStatuses: v.main.map((c) => containerStatus(c)),
    ...(v.qosClass ? { qosClass: v.qosClass } : {}),
  };
}
