/**
 * Stopping a container as kuberuntime_container.go killContainer does: the
 * Killing event, the preStop hook (bounded by the grace period; a failure is
 * a FailedPreStopHook event), then the image's stop signal with what is left
 * of the grace period (at least 2 s), then SIGKILL at the deadline. Programs
 * with a handler (nginx, httpd, redis…) exit on the signal with the image's
 * clean exit code; a shell as PID 1 ignores SIGTERM and dies of SIGKILL (137).
 * Also the memory limit: a program whose demand is over `limits.memory` is
 * OOM-killed shortly after it starts (exit 137, reason OOMKilled).
 */
import type { KubeObject } from '../api/types.ts';
import type { Timer } from '../clock/clock.ts';
import type { ContainerRun } from './containers.ts';
import { fieldPath } from './containers.ts';
import { runHook } from './handlers.ts';
import type { KubeletHost } from './host.ts';
import { quantityValue } from '../scheduler/index.ts';

/** kuberuntime's minimumGracePeriodInSeconds. */
const MIN_GRACE_SECONDS = 2;
/** The runtime reports a container that exited on its stop signal this long after the signal. */
const STOP_REPORT_MS = 200;
/** How long a memory hog takes to reach its allocation and meet the cgroup limit. */
const OOM_AFTER_MS = 300;

/** What stopping needs from the pod worker. */
export interface StopTarget {
  readonly host: KubeletHost;
  pod(): KubeObject;
  podIP(): string;
  /** The container's process ended: record it (exit code, reason). */
  exited(c: ContainerRun, exitCode: number, reason?: string): void;
  after(ms: number, task: () => void): Timer;
}

/**
 * Stop a running container within `graceSeconds`, recording `Killing: message`.
 * A container already stopping keeps its first deadline.
 */
export function killContainer(t: StopTarget, c: ContainerRun, graceSeconds: number, message: string): void {
  if (c.state !== 'running' || !c.process) return;
  t.host.event(t.pod(), 'Normal', 'Killing', message, fieldPath(c));
  if (c.stopping) return;
  const start = t.host.now();
  const stopping = { timers: [] as Timer[] };
  c.stopping = stopping;
  const preStop = c.spec.lifecycle?.preStop;
  if (!preStop || graceSeconds <= 0 || c.postStarting) return signal(t, c, graceSeconds);
  let settled = false;
  const proceed = () => {
    if (settled) return;
    settled = true;
    // gracePeriod -= whole seconds the hook took, never below the minimum.
    signal(t, c, graceSeconds - Math.floor((t.host.now() - start) / 1000));
  };
  const cancel = runHook(t.host, t.pod(), t.podIP(), c, preStop, (error) => {
    if (error) t.host.event(t.pod(), 'Warning', 'FailedPreStopHook', error, fieldPath(c));
    proceed();
  });
  stopping.timers.push(
    t.after(graceSeconds * 1000, () => {
      cancel();
      proceed();
    }),
  );
}

/** The stop signal, then SIGKILL when the remaining grace runs out. */
function signal(t: StopTarget, c: ContainerRun, remainingSeconds: number): void {
  if (c.state !== 'running' || !c.process) return;
  const grace = Math.max(MIN_GRACE_SECONDS, remainingSeconds);
  const r = c.process.kill('SIGTERM', t.host.now());
  if (r.state === 'exited') {
    c.wake?.cancel();
    const code = c.image?.stopExitCode ?? r.exitCode;
    c.stopping?.timers.push(t.after(STOP_REPORT_MS, () => c.state === 'running' && t.exited(c, code)));
    return;
  }
  c.stopping?.timers.push(
    t.after(grace * 1000, () => {
      if (c.state !== 'running' || !c.process) return;
      c.process.kill('SIGKILL', t.host.now());
      t.exited(c, 137);
    }),
  );
}

/** Cancel whatever a stop still had scheduled (the container ended on its own). */
export function clearStopping(c: ContainerRun): void {
  for (const timer of c.stopping?.timers ?? []) timer.cancel();
  c.stopping = undefined;
}

/** Arm the OOM killer when the program's memory demand is over the container's limit. */
export function watchMemory(t: StopTarget, c: ContainerRun, argv: readonly string[]): Timer | undefined {
  const limit = c.spec.resources?.limits?.['memory'];
  const demand = c.image?.usage?.(argv).memBytes ?? 0;
  const bytes = limit === undefined ? undefined : quantityValue(limit);
  if (bytes === undefined || demand <= bytes) return undefined;
  const id = c.containerID;
  return t.after(OOM_AFTER_MS, () => {
    if (c.state !== 'running' || !c.process || c.containerID !== id) return;
    c.process.kill('SIGKILL', t.host.now());
    t.exited(c, 137, 'OOMKilled');
  });
}
