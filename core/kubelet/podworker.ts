/**
 * One pod on one node: sandbox, image pulls, container starts, restarts
 * with CrashLoopBackOff, probes, and graceful termination, played as stages
 * on the virtual clock (kwok-style: condition → delay → status patch).
 * Mirrors the observable behaviour of pkg/kubelet (pod_workers.go,
 * kuberuntime_manager.go); the delays are in STAGE_DELAYS below.
 */
import type { KubeObject } from '../api/types.ts';
import type { Timer } from '../clock/clock.ts';
import { isoSeconds } from '../clock/clock.ts';
import type { ContainerRun, ContainerSpec } from './containers.ts';
import { newContainerRun } from './containers.ts';
import { imageExists, lookupImage, parseImage } from './images/catalogue.ts';
import type { ImageInfo } from './images/catalogue.ts';
import type { KubeletHost } from './host.ts';
import { buildPodStatus } from './status.ts';
import type { PodRuntimeView } from './status.ts';
import { ProbeRunner } from './probes.ts';
import { containerEnv, containerFs, lazyFs, missingVolumeSource } from './environment.ts';

/** Virtual delays of each stage, in ms. */
export const STAGE_DELAYS = {
  sandbox: 1000,
  create: 300,
  pullBase: 800,
  /** Bytes per ms of simulated registry bandwidth (≈ 40 MB/s). */
  pullBytesPerMs: 40_000,
  backoffInitial: 10_000,
  backoffMax: 300_000,
  /** A container that ran this long without crashing resets its back-off. */
  backoffReset: 600_000,
  stop: 200,
};

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
  readonly probes: ProbeRunner;

  constructor(
    private pod: KubeObject,
    private readonly host: KubeletHost,
  ) {
    this.uid = pod.metadata.uid ?? '';
    const spec = pod.spec as { initContainers?: ContainerSpec[]; containers?: ContainerSpec[] };
    this.init = (spec.initContainers ?? []).map((c) => newContainerRun(c, true));
    this.main = (spec.containers ?? []).map((c) => newContainerRun(c, false));
    this.startTimeMs = host.now();
    this.probes = new ProbeRunner(
      host,
      () => this.pod,
      () => this.podIP ?? '',
      (c, ok) => this.onReadiness(c, ok),
      (c, msg) => this.onLivenessFailure(c, msg),
      (c) => this.onStarted(c),
    );
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
    if (pod.metadata.deletionTimestamp && !this.terminating) this.terminate();
  }

  status(previous: KubeObject): Record<string, unknown> {
    const prevStatus = (previous.status ?? {}) as { conditions?: PodRuntimeView['previous']; qosClass?: string };
    const scheduled = prevStatus.conditions?.find((c) => c.type === 'PodScheduled');
    return buildPodStatus(
      {
        restartPolicy: (this.pod.spec as { restartPolicy?: string }).restartPolicy ?? 'Always',
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
  }

  /** Stop everything at once (node failure): no status, no deletion. */
  halt(): void {
    this.timers.forEach((t) => t.cancel());
    this.probes.stopAll(this.containers);
    for (const c of this.containers) c.wake?.cancel();
  }

  // --- stages ----------------------------------------------------------------

  private startSandbox(): void {
    if (this.terminating) return;
    const missing = missingVolumeSource(this.host, this.pod);
    if (missing) {
      // MountVolume retries with back-off; the pod stays ContainerCreating until the object exists.
      this.host.event(
        this.pod,
        'Warning',
        'FailedMount',
        `MountVolume.SetUp failed for volume "${missing.volume}" : ${missing.message}`,
      );
      this.mountRetryMs = Math.min(STAGE_DELAYS.backoffMax / 2, this.mountRetryMs ? this.mountRetryMs * 2 : 500);
      this.after(this.mountRetryMs, () => this.startSandbox());
      return;
    }
    this.sandboxReady = true;
    this.podIP = (this.pod.spec as { hostNetwork?: boolean }).hostNetwork
      ? this.host.nodeIP
      : this.host.allocatePodIP(this.uid);
    this.host.markDirty(this);
    this.next();
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
    const image = c.spec.image ?? '';
    c.waitingReason = c.init ? 'PodInitializing' : 'ContainerCreating';
    if (c.init) c.waitingReason = 'PodInitializing';
    const policy = c.spec.imagePullPolicy ?? 'IfNotPresent';
    const present = this.host.hasImage(image);
    const field = this.fieldPath(c);
    if (!validImageReference(image)) {
      c.waitingReason = 'InvalidImageName';
      c.waitingMessage = `Failed to apply default image tag "${image}": couldn't parse image name "${image}": invalid reference format`;
      this.host.event(this.pod, 'Warning', 'InspectFailed', c.waitingMessage, field);
      this.host.event(this.pod, 'Warning', 'Failed', 'Error: InvalidImageName', field);
      this.host.markDirty(this);
      return;
    }
    if (!present && policy === 'Never') {
      c.waitingReason = 'ErrImageNeverPull';
      c.waitingMessage = `Container image "${image}" is not present with pull policy of Never`;
      this.host.event(this.pod, 'Warning', 'ErrImageNeverPull', c.waitingMessage, field);
      this.host.event(this.pod, 'Warning', 'Failed', 'Error: ErrImageNeverPull', field);
      this.host.markDirty(this);
      return;
    }
    if (!imageExists(image)) return this.pullFailed(c);
    if (present && policy !== 'Always') {
      this.host.event(this.pod, 'Normal', 'Pulled', `Container image "${image}" already present on machine`, field);
      this.after(STAGE_DELAYS.create, () => this.create(c));
      return;
    }
    this.host.event(this.pod, 'Normal', 'Pulling', `Pulling image "${image}"`, field);
    const info = lookupImage(image);
    const ms = STAGE_DELAYS.pullBase + Math.round(info.sizeBytes / STAGE_DELAYS.pullBytesPerMs);
    this.after(ms, () => {
      this.host.addImage(image);
      const secs = `${(ms / 1000).toFixed(3).replace(/0+$/, '').replace(/\.$/, '')}s`;
      this.host.event(
        this.pod,
        'Normal',
        'Pulled',
        `Successfully pulled image "${image}" in ${secs} (${secs} including waiting). Image size: ${info.sizeBytes} bytes.`,
        field,
      );
      this.after(STAGE_DELAYS.create, () => this.create(c));
    });
  }

  private pullFailed(c: ContainerRun): void {
    const image = c.spec.image ?? '';
    const { ref } = parseImage(image);
    const field = this.fieldPath(c);
    this.host.event(this.pod, 'Normal', 'Pulling', `Pulling image "${image}"`, field);
    this.after(STAGE_DELAYS.pullBase, () => {
      const msg = `failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
      this.host.event(
        this.pod,
        'Warning',
        'Failed',
        `Failed to pull image "${image}": rpc error: code = NotFound desc = ${msg}`,
        field,
      );
      this.host.event(this.pod, 'Warning', 'Failed', 'Error: ErrImagePull', field);
      c.waitingReason = 'ErrImagePull';
      c.waitingMessage = `rpc error: code = NotFound desc = ${msg}`;
      c.pullFailures++;
      this.host.markDirty(this);
      const backoff = Math.min(STAGE_DELAYS.backoffMax, STAGE_DELAYS.backoffInitial * 2 ** (c.pullFailures - 1));
      this.after(1000, () => {
        c.waitingReason = 'ImagePullBackOff';
        c.waitingMessage = `Back-off pulling image "${image}": ErrImagePull: ${msg}`;
        this.host.event(this.pod, 'Normal', 'BackOff', `Back-off pulling image "${image}"`, field);
        this.host.event(this.pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', field);
        this.host.markDirty(this);
      });
      this.after(backoff, () => this.pull(c));
    });
  }

  private create(c: ContainerRun): void {
    if (this.terminating) return;
    const info = lookupImage(c.spec.image ?? '');
    const missing = this.host.checkConfigRefs(this.pod, c.spec);
    if (missing) {
      c.waitingReason = 'CreateContainerConfigError';
      c.waitingMessage = missing;
      this.host.event(this.pod, 'Warning', 'Failed', `Error: ${missing}`, this.fieldPath(c));
      this.host.markDirty(this);
      this.after(STAGE_DELAYS.backoffInitial, () => this.create(c));
      return;
    }
    c.waitingMessage = undefined;
    c.containerID = `containerd://${this.host.randomHex(64)}`;
    c.imageID = `${info.ref.split(':')[0]}@sha256:${this.host.imageDigest(info.ref)}`;
    this.host.event(this.pod, 'Normal', 'Created', `Created container: ${c.spec.name}`, this.fieldPath(c));
    this.start(c, info);
  }

  private start(c: ContainerRun, info: ImageInfo): void {
    const now = this.host.now();
    const podIP = this.podIP ?? '';
    c.fs = c.fs ?? lazyFs(() => containerFs(this.host, this.pod, c.spec, info, podIP));
    const argv = [...(c.spec.command ?? info.entrypoint), ...(c.spec.args ?? (c.spec.command ? [] : info.cmd))];
    c.state = 'running';
    c.startedAtMs = now;
    c.started = !c.spec.startupProbe;
    c.ready = !c.spec.readinessProbe && !c.init;
    if (c.init && c.spec.restartPolicy === 'Always') c.ready = !c.spec.readinessProbe;
    c.logs = [];
    this.host.event(this.pod, 'Normal', 'Started', `Started container ${c.spec.name}`, this.fieldPath(c));
    c.process = this.host.startProcess({
      argv: argv.length ? argv : ['/lab-unknown-image'],
      env: containerEnv(this.host, this.pod, c.spec, info, this.podIP ?? ''),
      cwd: c.spec.workingDir ?? '/',
      fs: c.fs,
      hostname: this.pod.metadata.name ?? '',
      nowMs: now,
      commands: info.programs,
      ignoreSigterm: !(argv[0] && info.programs[argv[0]]),
      onStdout: (text, t) => appendLog(c, 'stdout', text, t),
      onStderr: (text, t) => appendLog(c, 'stderr', text, t),
    });
    this.probes.startAll(c, info);
    this.host.markDirty(this);
    this.drive(c);
    if (c.state === 'running') this.next();
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
    this.probes.stop(c);
    c.terminated = {
      exitCode,
      reason: reason ?? (exitCode === 0 ? 'Completed' : 'Error'),
      startedAt: isoSeconds(c.startedAtMs ?? now),
      finishedAt: isoSeconds(now),
      containerID: c.containerID ?? '',
    };
    c.state = 'terminated';
    c.process = undefined;
    c.ready = false;
    this.host.markDirty(this);
    if (this.terminating) return this.maybeFinishTermination();
    if (this.shouldRestart(c, exitCode)) return this.scheduleRestart(c, now);
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
    const policy = (this.pod.spec as { restartPolicy?: string }).restartPolicy ?? 'Always';
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
      c.waitingReason = 'CrashLoopBackOff';
      c.waitingMessage = `back-off ${Math.round(delay / 1000) >= 60 ? `${Math.round(delay / 60000)}m0s` : `${Math.round(delay / 1000)}s`} restarting failed container=${c.spec.name} pod=${this.pod.metadata.name}_${this.pod.metadata.namespace}(${this.uid})`;
      this.host.event(
        this.pod,
        'Warning',
        'BackOff',
        `Back-off restarting failed container ${c.spec.name} in pod ${this.pod.metadata.name}_${this.pod.metadata.namespace}(${this.uid})`,
        this.fieldPath(c),
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
    this.host.event(
      this.pod,
      'Normal',
      'Pulled',
      `Container image "${c.spec.image}" already present on machine`,
      this.fieldPath(c),
    );
    this.after(STAGE_DELAYS.create, () => this.create(c));
  }

  private finish(phase: 'Succeeded' | 'Failed'): void {
    this.terminal = phase;
    this.probes.stopAll(this.containers);
    this.host.markDirty(this);
    this.host.podFinished(this);
  }

  // --- termination -------------------------------------------------------------

  private terminate(): void {
    this.terminating = true;
    const running = this.containers.filter((c) => c.state === 'running' && c.process);
    for (const c of running) {
      this.host.event(this.pod, 'Normal', 'Killing', `Stopping container ${c.spec.name}`, this.fieldPath(c));
      this.probes.stop(c);
      c.wake?.cancel();
      const r = c.process!.kill('SIGTERM', this.host.now());
      if (r.state === 'exited') this.after(STAGE_DELAYS.stop, () => this.exited(c, r.exitCode));
    }
    const grace = this.pod.metadata.deletionGracePeriodSeconds ?? 30;
    // Whatever still runs when the grace period ends is killed.
    this.after(grace * 1000, () => {
      for (const c of this.containers) {
        if (c.state !== 'running' || !c.process) continue;
        c.process.kill('SIGKILL', this.host.now());
        this.exited(c, 137);
      }
    });
    this.maybeFinishTermination();
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
    this.host.markDirty(this);
    // A sidecar that passed its startup probe lets the next container start.
    this.next();
  }

  private onLivenessFailure(c: ContainerRun, message: string): void {
    if (c.state !== 'running' || !c.process) return;
    this.host.event(
      this.pod,
      'Normal',
      'Killing',
      `Container ${c.spec.name} failed ${message}, will be restarted`,
      this.fieldPath(c),
    );
    c.wake?.cancel();
    c.process.kill('SIGKILL', this.host.now());
    this.exited(c, 137, 'Error');
  }

  // --- helpers -----------------------------------------------------------------

  private fieldPath(c: ContainerRun): string {
    return `spec.${c.init ? 'initContainers' : 'containers'}{${c.spec.name}}`;
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

/** The distribution reference grammar (docker/distribution reference.go), simplified: lowercase repository path, optional registry, tag and digest. */
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REFERENCE = new RegExp(
  `^(?:[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::[0-9]+)?/)?${COMPONENT}(?:/${COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$`,
);

export function validImageReference(image: string): boolean {
  return REFERENCE.test(image);
}

function appendLog(c: ContainerRun, stream: 'stdout' | 'stderr', text: string, timeMs: number): void {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) c.logs.push({ timeMs, stream, text: line });
  if (c.logs.length > 5000) c.logs.splice(0, c.logs.length - 5000);
}
