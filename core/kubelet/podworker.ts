/**
 * One pod on one node: sandbox, image pulls, container starts, restarts
 * with CrashLoopBackOff, probes, and graceful termination, played as stages
 * on the virtual clock (kwok-style: condition → delay → status patch).
 * Mirrors the observable behaviour of pkg/kubelet (pod_workers.go,
 * kuberuntime_manager.go); the delays are in delays.ts. Pulls are in pull.ts,
 * stopping a container (preStop, grace period, OOM) in lifecycle.ts, probes
 * in probes.ts.
 */
import type { KubeObject } from '../api/types.ts';
import type { Timer } from '../clock/clock.ts';
import { isoSeconds } from '../clock/clock.ts';
import type { ContainerRun, ContainerSpec, Handler, Probe } from './containers.ts';
import { containerStatus, fieldPath, newContainerRun } from './containers.ts';
import { commandLine, lookupImage, runsOwnProgram } from './images/catalogue.ts';
import type { ImageInfo } from './images/catalogue.ts';
import type { KubeletHost } from './host.ts';
import { buildPodStatus } from './status.ts';
import type { PodRuntimeView } from './status.ts';
import { ProbeRunner } from './probes.ts';
import { containerEnv, containerFs } from './environment.ts';
import { PodVolumes } from './volumes.ts';
import { lazyFs } from './volumedata.ts';
import { containerCommands, runHook } from './handlers.ts';
import { clearStopping, killContainer, watchMemory } from './lifecycle.ts';
import type { StopTarget } from './lifecycle.ts';
import { STAGE_DELAYS } from './delays.ts';

/** How often the eviction manager looks (pkg/kubelet/kubelet.go evictionMonitoringPeriod, 10 s). */
const EVICTION_MONITORING_MS = 10_000;
import { pullImage } from './pull.ts';
import type { PullTarget } from './pull.ts';

export class PodWorker {
  readonly uid: string;
  private init: ContainerRun[];
  private main: ContainerRun[];
  private sandboxReady = false;
  private podIP?: string;
  private readonly startTimeMs: number;
  private timers = new Set<Timer>();
  private terminal?: 'Succeeded' | 'Failed';
  private terminating = false;
  private mountRetryMs = 0;
  /** Set when the eviction manager evicted the pod: the status reason Evicted carries this message. */
  private evicted?: string;
  readonly volumes: PodVolumes;
  readonly probes: ProbeRunner;
  /** What pull.ts and lifecycle.ts need of this worker. */
  private readonly target: StopTarget & PullTarget;

  constructor(
    private pod: KubeObject,
    private readonly host: KubeletHost,
  ) {
    this.uid = pod.metadata.uid ?? '';
    const spec = pod.spec as { initContainers?: ContainerSpec[]; containers?: ContainerSpec[] };
    this.init = (spec.initContainers ?? []).map((c) => newContainerRun(c, true));
    this.main = (spec.containers ?? []).map((c) => newContainerRun(c, false));
    this.startTimeMs = host.now();
    this.volumes = new PodVolumes(host, pod, this.startTimeMs, (ms, task) => this.after(ms, task));
    this.probes = new ProbeRunner(
      host,
      () => this.pod,
      () => this.podIP ?? '',
      this.restartPolicy,
      {
        onReady: (c, ok) => this.onReadiness(c, ok),
        onStarted: (c) => this.onStarted(c),
        onFailed: (c, why, probe) => this.onProbeFailure(c, why, probe),
      },
    );
    this.probes.addContainers(this.containers);
    this.target = {
      host,
      pod: () => this.pod,
      podIP: () => this.podIP ?? '',
      after: (ms, task) => this.after(ms, task),
      exited: (c, code, reason) => this.exited(c, code, reason),
      changed: () => host.markDirty(this),
      create: (c) => this.create(c),
    };
    host.markDirty(this);
    this.after(STAGE_DELAYS.sandbox, () => this.startSandbox());
  }

  get name(): string {
    return `${this.pod.metadata.namespace}/${this.pod.metadata.name}`;
  }

  get containers(): ContainerRun[] {
    return [...this.init, ...this.main];
  }

  get ip(): string | undefined {
    return this.podIP;
  }

  /** The latest object from the API (labels, deletionTimestamp). */
  update(pod: KubeObject): void {
    this.pod = pod;
    this.volumes.podChanged(pod);
    if (pod.metadata.deletionTimestamp && !this.terminating) this.terminate();
  }

  status(previous: KubeObject): Record<string, unknown> {
    const prevStatus = (previous.status ?? {}) as { conditions?: PodRuntimeView['previous']; qosClass?: string };
    const scheduled = prevStatus.conditions?.find((c) => c.type === 'PodScheduled');
    const status = buildPodStatus(
      {
        restartPolicy: this.restartPolicy,
        sandboxReady: this.sandboxReady,
        hostIP: this.host.nodeIP,
        ...(this.podIP ? { podIP: this.podIP } : {}),
        startTimeMs: this.startTimeMs,
        init: this.init,
        main: this.main,
        previous: prevStatus.conditions ?? [],
        ...(scheduled ? { scheduledAt: scheduled.lastTransitionTime } : {}),
        ...(prevStatus.qosClass ? { qosClass: prevStatus.qosClass } : {}),
        ...(this.terminal ? { terminal: this.terminal } : {}),
      },
      this.host.now(),
    );
    return this.evicted ? evictedStatus(status, this.evicted, prevStatus.conditions ?? [], this.host.now()) : status;
  }

  /** Stop everything at once (node failure): no status, no deletion. */
  halt(): void {
    this.timers.forEach((t) => t.cancel());
    this.probes.stopAll();
    for (const c of this.containers) c.wake?.cancel();
  }

  // --- stages ----------------------------------------------------------------

  private startSandbox(): void {
    if (this.terminating) return;
    const missing = this.volumes.setUp();
    if (missing) {
      // MountVolume retries with back-off; the pod stays ContainerCreating until the object exists.
      const message = missing.message.startsWith('Unable to attach or mount volumes')
        ? missing.message
        : `MountVolume.SetUp failed for volume "${missing.volume}" : ${missing.message}`;
      this.host.event(this.pod, 'Warning', 'FailedMount', message);
      this.mountRetryMs = Math.min(STAGE_DELAYS.backoffMax / 2, this.mountRetryMs ? this.mountRetryMs * 2 : 500);
      this.after(this.mountRetryMs, () => this.startSandbox());
      return;
    }
    this.sandboxReady = true;
    this.podIP = (this.pod.spec as { hostNetwork?: boolean }).hostNetwork
      ? this.host.nodeIP
      : this.host.allocatePodIP(this.uid);
    this.host.markDirty(this);
    if (this.volumes.limited.length) this.after(EVICTION_MONITORING_MS, () => this.housekeeping());
    this.next();
  }

  /**
   * The eviction manager's local-storage check (eviction_manager.go emptyDirLimitEviction), every
   * monitoring period: an emptyDir over its sizeLimit gets the pod evicted: containers killed at
   * once, phase Failed, reason Evicted, an Evicted event. Not restarted; a controller replaces it.
   */
  private housekeeping(): void {
    if (this.terminating || this.terminal) return;
    const message = this.volumes.overLimit();
    if (!message) return void this.after(EVICTION_MONITORING_MS, () => this.housekeeping());
    this.evicted = message;
    this.host.event(this.pod, 'Warning', 'Evicted', message);
    this.probes.stopAll();
    for (const c of this.containers)
      if (c.state === 'running') killContainer(this.target, c, 0, `Stopping container ${c.spec.name}`);
    this.finishEviction();
  }

  private finishEviction(): void {
    if (this.terminal || this.containers.some((c) => c.state === 'running')) return;
    this.finish('Failed');
  }

  /** Start the next container that should run: init containers in order, then all main ones. */
  private next(): void {
    if (this.terminating || this.terminal) return;
    for (const c of this.init) {
      const sidecar = c.spec.restartPolicy === 'Always';
      if (
        c.state === 'waiting' &&
        !c.lastTerminated &&
        c.waitingReason !== 'CrashLoopBackOff' &&
        c.waitingReason !== 'ImagePullBackOff' &&
        !c.process
      ) {
        this.pull(c);
        return;
      }
      if (sidecar ? !c.started : !(c.state === 'terminated' && c.terminated?.exitCode === 0)) return;
    }
    for (const c of this.main)
      if (c.state === 'waiting' && c.waitingReason === 'PodInitializing') c.waitingReason = 'ContainerCreating';
    for (const c of this.main)
      if (c.state === 'waiting' && c.waitingReason === 'ContainerCreating' && !c.containerID) this.pull(c);
  }

  private pull(c: ContainerRun): void {
    pullImage(this.target, c);
  }

  private create(c: ContainerRun): void {
    if (this.terminating || this.evicted) return;
    const info = lookupImage(c.spec.image ?? '');
    const missing = this.host.checkConfigRefs(this.pod, c.spec);
    if (missing) {
      c.waitingReason = 'CreateContainerConfigError';
      c.waitingMessage = missing;
      this.host.event(this.pod, 'Warning', 'Failed', `Error: ${missing}`, fieldPath(c));
      this.host.markDirty(this);
      this.after(STAGE_DELAYS.backoffInitial, () => this.create(c));
      return;
    }
    c.waitingMessage = undefined;
    c.containerID = `containerd://${this.host.randomHex(64)}`;
    c.imageID = `${info.ref.split(':')[0]}@sha256:${this.host.imageDigest(info.ref)}`;
    this.host.event(this.pod, 'Normal', 'Created', `Created container: ${c.spec.name}`, fieldPath(c));
    this.start(c, info);
  }

  private start(c: ContainerRun, info: ImageInfo): void {
    const now = this.host.now();
    const podIP = this.podIP ?? '';
    // Env vars and subPath copies are fixed now; mounted volumes are live (volumes.ts).
    c.env = containerEnv(this.host, this.pod, c.spec, info, podIP);
    // A subPath is resolved (and an API-backed one copied) now; other mounts when the filesystem is
    // first used, so the many containers that never touch theirs hold no mount state.
    const env = c.env;
    const fixed = c.spec.volumeMounts?.some((m) => m.subPath || m.subPathExpr !== undefined);
    const early = fixed ? this.volumes.mountsFor(c.spec, env) : undefined;
    // Every container gets a fresh writable layer; volumes are what survives a restart.
    c.fs = lazyFs(() => containerFs(this.host, this.pod, info, podIP, early ?? this.volumes.mountsFor(c.spec, env)));
    const argv = commandLine(info, c.spec);
    c.held = undefined;
    c.image = info;
    // The image's server listens only when its own program runs (not under a `command: [sleep, …]`).
    c.served = !c.spec.command || runsOwnProgram(info, argv) ? (info.portsFor?.(argv) ?? info.ports) : [];
    c.state = 'running';
    c.startedAtMs = now;
    c.started = !c.spec.startupProbe;
    c.ready = c.started && !c.spec.readinessProbe && (!c.init || c.spec.restartPolicy === 'Always');
    c.logs = [];
    this.host.event(this.pod, 'Normal', 'Started', `Started container ${c.spec.name}`, fieldPath(c));
    c.process = this.host.startProcess({
      argv: argv.length ? argv : ['/lab-unknown-image'],
      env: c.env,
      cwd: c.spec.workingDir ?? '/',
      fs: c.fs,
      hostname: this.pod.metadata.name ?? '',
      nowMs: now,
      commands: containerCommands(this.host, this.pod, info),
      ignoreSigterm: !(argv[0] && info.programs[argv[0]]),
      onStdout: (text, t) => appendLog(c, 'stdout', text, t),
      onStderr: (text, t) => appendLog(c, 'stderr', text, t),
    });
    watchMemory(this.target, c, argv);
    this.host.markDirty(this);
    this.drive(c);
    if (c.state !== 'running') return;
    const postStart = c.spec.lifecycle?.postStart;
    if (postStart) return this.postStart(c, postStart);
    this.probes.containerStarted(c);
    this.next();
  }

  /**
   * The postStart hook runs right after the start; the container counts as created only when it
   * returns. A failure is a FailedPostStartHook event and the container is killed.
   */
  private postStart(c: ContainerRun, hook: Handler): void {
    c.postStarting = true;
    c.waitingReason = 'ContainerCreating';
    const id = c.containerID;
    runHook(this.host, this.pod, this.podIP ?? '', c, hook, (error) => {
      if (c.containerID !== id || c.state !== 'running') return;
      this.host.markDirty(this);
      if (!error) {
        c.postStarting = false;
        this.probes.containerStarted(c);
        return this.next();
      }
      this.host.event(this.pod, 'Warning', 'FailedPostStartHook', error, fieldPath(c));
      c.waitingReason = 'PostStartHookError';
      c.waitingMessage = error;
      killContainer(this.target, c, this.graceSeconds(), 'FailedPostStartHook');
    });
  }

  /** Run the process until it sleeps or exits; wake it on the clock. */
  private drive(c: ContainerRun): void {
    if (!c.process || c.state !== 'running') return;
    const r = c.process.run(this.host.now());
    if (r.state === 'exited') return this.exited(c, r.exitCode);
    if (r.wakeAtMs !== Infinity) c.wake = this.at(r.wakeAtMs, () => this.drive(c));
  }

  private exited(c: ContainerRun, exitCode: number, reason?: string): void {
    const now = this.host.now();
    c.wake?.cancel();
    clearStopping(c);
    c.postStarting = false;
    if (c.waitingReason === 'PostStartHookError') c.waitingMessage = undefined;
    const forced = c.restartAfterKill;
    c.restartAfterKill = false;
    // A probe kill and the restart happen in one SyncPod: the API keeps the last status until then.
    if (forced) c.held = containerStatus(c);
    c.terminated = {
      exitCode,
      reason: reason ?? (exitCode === 0 ? 'Completed' : 'Error'),
      startedAt: isoSeconds(c.startedAtMs ?? now),
      finishedAt: isoSeconds(now),
      containerID: c.containerID ?? '',
    };
    c.state = 'terminated';
    c.process = undefined;
    if (!forced) c.ready = false;
    this.host.markDirty(this);
    if (this.terminating) return this.maybeFinishTermination();
    if (this.evicted) return this.finishEviction();
    if (forced || this.shouldRestart(c, exitCode)) return this.scheduleRestart(c, now);
    if (c.init && exitCode !== 0) return this.finish('Failed');
    if (
      !c.init &&
      this.main.every((m) => m.state === 'terminated' && !this.shouldRestart(m, m.terminated?.exitCode ?? 0))
    ) {
      return this.finish(this.main.some((m) => m.terminated?.exitCode !== 0) ? 'Failed' : 'Succeeded');
    }
    this.next();
  }

  private shouldRestart(c: ContainerRun, exitCode: number): boolean {
    if (c.init && c.spec.restartPolicy === 'Always') return true;
    const policy = this.restartPolicy;
    if (c.init) return exitCode !== 0 && policy !== 'Never';
    return policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
  }

  /** CrashLoopBackOff: restart at once the first time, then after 10 s, 20 s, … up to 5 min. */
  private scheduleRestart(c: ContainerRun, now: number): void {
    const ranFor = now - (c.startedAtMs ?? now);
    if (ranFor >= STAGE_DELAYS.backoffReset) c.backoffMs = 0;
    const delay = c.backoffMs;
    c.backoffMs = c.backoffMs === 0 ? STAGE_DELAYS.backoffInitial : Math.min(STAGE_DELAYS.backoffMax, c.backoffMs * 2);
    const restart = () => {
      c.lastTerminated = c.terminated;
      c.terminated = undefined;
      c.previousLogs = c.logs;
      c.restartCount++;
      c.state = 'waiting';
      c.waitingReason = 'ContainerCreating';
      this.recreate(c);
    };
    if (delay === 0) return void this.after(STAGE_DELAYS.create, restart);
    this.after(STAGE_DELAYS.create, () => {
      if (c.state !== 'terminated' || this.terminating) return;
      c.lastTerminated = c.terminated;
      c.terminated = undefined;
      c.state = 'waiting';
      c.held = undefined;
      c.ready = false;
      c.waitingReason = 'CrashLoopBackOff';
      c.waitingMessage = `back-off ${Math.round(delay / 1000) >= 60 ? `${Math.round(delay / 60000)}m0s` : `${Math.round(delay / 1000)}s`} restarting failed container=${c.spec.name} pod=${this.pod.metadata.name}_${this.pod.metadata.namespace}(${this.uid})`;
      this.host.event(
        this.pod,
        'Warning',
        'BackOff',
        `Back-off restarting failed container ${c.spec.name} in pod ${this.pod.metadata.name}_${this.pod.metadata.namespace}(${this.uid})`,
        fieldPath(c),
      );
      this.host.markDirty(this);
      this.after(delay, () => {
        if (this.terminating) return;
        c.previousLogs = c.logs;
        c.restartCount++;
        c.waitingReason = 'ContainerCreating';
        c.waitingMessage = undefined;
        this.recreate(c);
      });
    });
  }

  /** A restart: the image is on the node already, so the container is created again after the usual delay. */
  private recreate(c: ContainerRun): void {
    // imagePullPolicy Always (the default for :latest) pulls again on every start.
    if ((c.spec.imagePullPolicy ?? 'IfNotPresent') === 'Always') return this.pull(c);
    this.host.event(
      this.pod,
      'Normal',
      'Pulled',
      `Container image "${c.spec.image}" already present on machine`,
      fieldPath(c),
    );
    this.after(STAGE_DELAYS.create, () => this.create(c));
  }

  private finish(phase: 'Succeeded' | 'Failed'): void {
    this.terminal = phase;
    this.probes.stopAll();
    this.host.markDirty(this);
    this.host.podFinished(this);
  }

  // --- termination -------------------------------------------------------------

  /** Graceful deletion: every running container is stopped within the pod's grace period (killPodWithSyncResult). */
  private terminate(): void {
    this.terminating = true;
    this.probes.podDeleting();
    for (const c of this.containers) c.held = undefined;
    const grace = this.pod.metadata.deletionGracePeriodSeconds ?? this.graceSeconds();
    for (const c of this.containers.filter((x) => x.state === 'running' && x.process))
      killContainer(this.target, c, grace, `Stopping container ${c.spec.name}`);
    this.maybeFinishTermination();
  }

  private graceSeconds(probe?: Probe): number {
    return (
      probe?.terminationGracePeriodSeconds ??
      (this.pod.spec as { terminationGracePeriodSeconds?: number }).terminationGracePeriodSeconds ??
      30
    );
  }

  private maybeFinishTermination(): void {
    if (this.containers.some((c) => c.state === 'running')) return;
    for (const c of this.containers) {
      if (c.state === 'waiting') {
        c.state = 'terminated';
        c.terminated = {
          exitCode: 0,
          reason: 'ContainerStatusUnknown',
          startedAt: isoSeconds(this.host.now()),
          finishedAt: isoSeconds(this.host.now()),
          containerID: '',
        };
      }
    }
    this.host.markDirty(this);
    this.after(STAGE_DELAYS.stop, () => this.host.podTerminated(this));
  }

  // --- probes --------------------------------------------------------------------

  private onReadiness(c: ContainerRun, ok: boolean): void {
    if (c.ready !== ok) {
      c.ready = ok;
      this.host.markDirty(this);
    }
  }

  private onStarted(c: ContainerRun): void {
    c.started = true;
    if (!c.spec.readinessProbe) c.ready = !c.init || c.spec.restartPolicy === 'Always';
    this.host.markDirty(this);
    // A sidecar that passed its startup probe lets the next container start.
    this.next();
  }

  /** computePodActions: a failed liveness or startup probe kills the container, restarted unless restartPolicy is Never. */
  private onProbeFailure(c: ContainerRun, why: string, probe: Probe): void {
    if (c.state !== 'running' || !c.process || this.terminating) return;
    const restart = this.restartPolicy !== 'Never';
    c.restartAfterKill = restart;
    const message = `Container ${c.spec.name} failed ${why}${restart ? ', will be restarted' : ''}`;
    killContainer(this.target, c, this.graceSeconds(probe), message);
  }

  // --- helpers -----------------------------------------------------------------

  private get restartPolicy(): string {
    return (this.pod.spec as { restartPolicy?: string }).restartPolicy ?? 'Always';
  }

  private after(ms: number, task: () => void): Timer {
    const t: Timer = this.host.clock.after(ms, () => {
      this.timers.delete(t);
      task();
    });
    this.timers.add(t);
    return t;
  }

  private at(ms: number, task: () => void): Timer {
    return this.after(Math.max(0, ms - this.host.now()), task);
  }
}

/** The eviction manager's pod status: Failed, reason Evicted, and the DisruptionTarget condition. */
function evictedStatus(
  status: Record<string, unknown>,
  message: string,
  previous: { type: string; status: string; lastTransitionTime?: string }[],
  nowMs: number,
): Record<string, unknown> {
  const conditions = (status.conditions as { type: string }[]).filter((c) => c.type !== 'DisruptionTarget');
  const prev = previous.find((c) => c.type === 'DisruptionTarget' && c.status === 'True');
  const disruption = {
    type: 'DisruptionTarget',
    status: 'True',
    lastProbeTime: null,
    lastTransitionTime: prev?.lastTransitionTime ?? isoSeconds(nowMs),
    reason: 'TerminationByKubelet',
    message,
  };
  return { ...status, phase: 'Failed', reason: 'Evicted', message, conditions: [disruption, ...conditions] };
}

function appendLog(c: ContainerRun, stream: 'stdout' | 'stderr', text: string, timeMs: number): void {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) c.logs.push({ timeMs, stream, text: line });
  if (c.logs.length > 5000) c.logs.splice(0, c.logs.length - 5000);
}
