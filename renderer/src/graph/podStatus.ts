/**
 * A pod's status as the graph shows it: the word kubectl prints in its
 * STATUS column (computed the way printPod in kubernetes/kubernetes
 * `pkg/printers/internalversion/printers.go` does: phase → init containers →
 * containers → deletion), and the status class that picks its colour and
 * glyph. Learners read these words to debug, so they stay kubectl's words.
 */
import type { KubeObject } from '../../../core/api/types.ts';
import { condition, num, obj, objs, optObj, str, type J } from './json.ts';
import type { StatusClass } from './types.ts';

export interface PodStatus {
  /** kubectl's STATUS word: Running, ContainerCreating, Init:0/1, CrashLoopBackOff, Terminating… */
  reason: string;
  /** Ready containers / all containers, as kubectl's READY column. */
  ready: number;
  total: number;
  restarts: number;
  status: StatusClass;
}

export function podStatus(pod: KubeObject): PodStatus {
  const spec = obj(pod, 'spec');
  const status = obj(pod, 'status');
  const phase = str(status, 'phase');
  const out = { reason: str(status, 'reason') || phase || 'Pending', ready: 0, total: 0, restarts: 0 };
  out.total = objs(spec, 'containers').length;
  const initializing = walkInit(status, objs(spec, 'initContainers').length, out);
  if (!initializing) walkContainers(status, out);
  if (pod.metadata.deletionTimestamp !== undefined) {
    if (str(status, 'reason') === 'NodeLost') out.reason = 'Unknown';
    else if (phase !== 'Succeeded' && phase !== 'Failed') out.reason = 'Terminating';
  }
  return { ...out, status: classify(out.reason, phase, condition(pod, 'Ready')) };
}

type Acc = { reason: string; ready: number; total: number; restarts: number };

/** Init containers in order; stops at the first not done. True while the pod is initialising. */
function walkInit(status: J, count: number, out: Acc): boolean {
  for (const [i, cs] of objs(status, 'initContainerStatuses').entries()) {
    out.restarts += num(cs, 'restartCount');
    const state = obj(cs, 'state');
    const terminated = optObj(state, 'terminated');
    const waiting = optObj(state, 'waiting');
    if (terminated && num(terminated, 'exitCode') === 0) continue;
    if (terminated) out.reason = `Init:${str(terminated, 'reason') || `ExitCode:${num(terminated, 'exitCode')}`}`;
    else if (waiting && str(waiting, 'reason') && str(waiting, 'reason') !== 'PodInitializing')
      out.reason = `Init:${str(waiting, 'reason')}`;
    else out.reason = `Init:${i}/${count}`;
    return true;
  }
  return false;
}

/** Main containers, last to first, so the first container's state wins. */
function walkContainers(status: J, out: Acc): void {
  const statuses = objs(status, 'containerStatuses');
  let running = false;
  for (let i = statuses.length - 1; i >= 0; i--) {
    const cs = statuses[i] ?? {};
    out.restarts += num(cs, 'restartCount');
    const state = obj(cs, 'state');
    const waiting = optObj(state, 'waiting');
    const terminated = optObj(state, 'terminated');
    if (waiting && str(waiting, 'reason')) out.reason = str(waiting, 'reason');
    else if (terminated) out.reason = str(terminated, 'reason') || `ExitCode:${num(terminated, 'exitCode')}`;
    else if (cs['ready'] === true && optObj(state, 'running')) {
      running = true;
      out.ready++;
    }
  }
  if (out.reason === 'Completed' && running) out.reason = condition({ status }, 'Ready') ? 'Running' : 'NotReady';
}

const PULL_ERRORS = new Set(['ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'ErrImageNeverPull']);
const CREATING = new Set(['ContainerCreating', 'PodInitializing', 'Pulling']);
const FAILED =
  /^(Failed|Error|OOMKilled|Evicted|ContainerCannotRun|CreateContainer\w*Error|RunContainerError|DeadlineExceeded|ExitCode:|Signal:|StartError)/;

/** kubectl's word (+ phase and the Ready condition) → the class that colours the pod. */
export function classify(reason: string, phase: string, ready: boolean | undefined): StatusClass {
  const word = reason.startsWith('Init:') ? reason.slice(5) : reason;
  if (reason === 'Terminating') return 'Terminating';
  if (word === 'CrashLoopBackOff') return 'CrashLoopBackOff';
  if (PULL_ERRORS.has(word)) return 'ImagePullBackOff';
  if (CREATING.has(word) || /^\d+\/\d+$/.test(word)) return 'ContainerCreating';
  if (reason === 'Completed' || reason === 'Succeeded') return 'Succeeded';
  if (FAILED.test(word)) return 'Failed';
  if (reason === 'NotReady') return 'NotReady';
  if (reason === 'Running') return ready === true ? 'Ready' : ready === false ? 'NotReady' : 'Running';
  if (reason === 'Pending' || reason === 'SchedulingGated') return 'Pending';
  return phase === 'Failed' ? 'Failed' : 'Unknown';
}

/** Statuses shown with a spinner-like ring: something is in progress (image pull, container start). */
export function inProgress(s: PodStatus): boolean {
  return s.status === 'ContainerCreating';
}
