/**
 * Container state the kubelet keeps per pod, and how it renders into
 * `status.containerStatuses` (pkg/kubelet/kubelet_pods.go convertToAPIContainerStatuses).
 */
import { isoSeconds } from '../clock/clock.ts';
import type { Timer } from '../clock/clock.ts';
import type { ProcessHandle } from './process.ts';
import type { FileSystem } from './shell/fs.ts';
import type { ImageInfo, ServedPort } from './images/entry.ts';

export interface ContainerSpec {
  name: string;
  image?: string;
  imagePullPolicy?: string;
  command?: string[];
  args?: string[];
  workingDir?: string;
  env?: { name: string; value?: string; valueFrom?: Record<string, unknown> }[];
  ports?: { containerPort: number; name?: string; protocol?: string }[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  restartPolicy?: string;
  lifecycle?: { postStart?: Handler; preStop?: Handler };
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean; subPath?: string; subPathExpr?: string }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

/** A lifecycle hook or a probe's action. */
export interface Handler {
  exec?: { command?: string[] };
  httpGet?: { path?: string; port: number | string; host?: string; scheme?: string };
  tcpSocket?: { port: number | string; host?: string };
  grpc?: { port: number; service?: string };
  sleep?: { seconds: number };
}

export interface Probe extends Handler {
  terminationGracePeriodSeconds?: number;
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
}

export interface LogLine {
  timeMs: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface Terminated {
  exitCode: number;
  reason: string;
  startedAt: string;
  finishedAt: string;
  containerID: string;
  message?: string;
  signal?: number;
}

export interface ContainerRun {
  spec: ContainerSpec;
  init: boolean;
  state: 'waiting' | 'running' | 'terminated';
  waitingReason: string;
  waitingMessage?: string;
  restartCount: number;
  startedAtMs?: number;
  terminated?: Terminated;
  lastTerminated?: Terminated;
  containerID?: string;
  imageID?: string;
  process?: ProcessHandle;
  fs?: FileSystem;
  wake?: Timer;
  logs: LogLine[];
  previousLogs: LogLine[];
  ready: boolean;
  started: boolean;
  backoffMs: number;
  pullFailures: number;
  /** What the running container is: its image, environment (built once per start) and listening ports. */
  image?: ImageInfo;
  env?: Record<string, string>;
  served: ServedPort[];
  /** The postStart hook is running: the status still says ContainerCreating (SyncPod waits for the hook). */
  postStarting?: boolean;
  /** Killed by a failed liveness/startup probe: started again whatever its exit code (restartPolicy not Never). */
  restartAfterKill?: boolean;
  /** The status the API keeps showing while a probe-killed container is restarted. */
  held?: Record<string, unknown>;
  /** Set while the kubelet is stopping it (preStop, then the stop signal, then SIGKILL at the deadline). */
  stopping?: { timers: Timer[] };
}

/** The container's `involvedObject.fieldPath` in its events: `spec.containers{web}`. */
export function fieldPath(c: ContainerRun): string {
  return `spec.${c.init ? 'initContainers' : 'containers'}{${c.spec.name}}`;
}

export function newContainerRun(spec: ContainerSpec, init: boolean): ContainerRun {
  return {
    spec,
    init,
    state: 'waiting',
    waitingReason: init ? 'PodInitializing' : 'ContainerCreating',
    restartCount: 0,
    logs: [],
    previousLogs: [],
    ready: false,
    started: false,
    backoffMs: 0,
    pullFailures: 0,
    served: [],
  };
}

const terminatedJson = (t: Terminated) => ({
  exitCode: t.exitCode,
  ...(t.signal ? { signal: t.signal } : {}),
  reason: t.reason,
  ...(t.message ? { message: t.message } : {}),
  startedAt: t.startedAt,
  finishedAt: t.finishedAt,
  containerID: t.containerID,
});

export function containerStatus(c: ContainerRun): Record<string, unknown> {
  if (c.held) return c.held;
  let state: Record<string, unknown>;
  if (c.state === 'running' && !c.postStarting) state = { running: { startedAt: isoSeconds(c.startedAtMs ?? 0) } };
  else if (c.state === 'terminated' && c.terminated) state = { terminated: terminatedJson(c.terminated) };
  else state = { waiting: { reason: c.waitingReason, ...(c.waitingMessage ? { message: c.waitingMessage } : {}) } };
  return {
    name: c.spec.name,
    state,
    lastState: c.lastTerminated ? { terminated: terminatedJson(c.lastTerminated) } : {},
    ready: c.ready,
    restartCount: c.restartCount,
    image: c.spec.image ?? '',
    imageID: c.imageID ?? '',
    ...(c.containerID ? { containerID: c.containerID } : {}),
    started: c.started,
    ...(c.spec.volumeMounts?.length
      ? {
          volumeMounts: c.spec.volumeMounts.map((m) => ({
            name: m.name,
            mountPath: m.mountPath,
            ...(m.readOnly ? { readOnly: true } : {}),
          })),
        }
      : {}),
  };
}
