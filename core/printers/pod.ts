/**
 * The Pod row: Ready, Status, Restarts, Age and the wide IP / Node columns.
 * Mirrors printPod in kubernetes/kubernetes
 * `pkg/printers/internalversion/printers.go`, step by step, because learners
 * read these words (Init:0/1, CrashLoopBackOff, Terminating) to debug.
 */
import type { KubeObject } from '../api/types.ts';
import { humanDuration, parseTime, translateTimestampSince } from './duration.ts';
import { num, obj, objs, optBool, optObj, str, type J } from './json.ts';
import { ageCol, col, nameCol, type Printer, type TableRowCondition } from './types.ts';

/** The restart tally: how many restarts, and when the latest one ended. */
interface Restarts {
  count: number;
  lastMs: number | undefined;
}

/** The state of a pod row computed by walking its container statuses. */
interface PodState {
  reason: string;
  ready: number;
  total: number;
  restarts: Restarts;
}

export const podPrinter: Printer = {
  columns: [
    nameCol(),
    col('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
    col('Status', 'The aggregate status of the containers in this pod.'),
    col(
      'Restarts',
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    ),
    ageCol(),
    col('IP', 'IP address allocated to the pod. Routable at least within the cluster.', { wide: true }),
    col('Node', 'NodeName indicates in which node this pod is scheduled.', { wide: true }),
    col('Nominated Node', 'nominatedNodeName is set only when this pod preempts other pods on the node.', {
      wide: true,
    }),
    col('Readiness Gates', 'If specified, all readiness gates will be evaluated for pod readiness.', { wide: true }),
  ],
  cells(pod, nowMs) {
    const state = podState(pod);
    const status = obj(pod, 'status');
    const spec = obj(pod, 'spec');
    return [
      pod.metadata.name ?? '',
      `${state.ready}/${state.total}`,
      state.reason,
      restartsCell(state.restarts, nowMs),
      translateTimestampSince(pod.metadata.creationTimestamp, nowMs),
      str(objs(status, 'podIPs')[0], 'ip') || '<none>',
      str(spec, 'nodeName') || '<none>',
      str(status, 'nominatedNodeName') || '<none>',
      readinessGatesCell(pod),
    ];
  },
  conditions: podRowConditions,
};

/** Finished pods carry a `Completed` row condition, as upstream sets it. */
function podRowConditions(pod: KubeObject): TableRowCondition[] | undefined {
  const phase = str(obj(pod, 'status'), 'phase');
  if (phase === 'Succeeded') {
    return [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }];
  }
  if (phase === 'Failed') {
    return [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];
  }
  return undefined;
}

/** `"3"`, or `"3 (5m ago)"` when a container's last termination time is known. */
function restartsCell(r: Restarts, nowMs: number): string {
  if (r.count !== 0 && r.lastMs !== undefined) return `${r.count} (${humanDuration(nowMs - r.lastMs)} ago)`;
  return String(r.count);
}

/** The pod's Status cell alone, for callers (UI badges) that need just that word. */
export function podStatusReason(pod: KubeObject): string {
  return podState(pod).reason;
}

/** Walk the pod as printPod does: phase → init containers → containers → deletion. */
export function podState(pod: KubeObject): PodState {
  const spec = obj(pod, 'spec');
  const status = obj(pod, 'status');
  const phase = str(status, 'phase');
  let reason = str(status, 'reason') || phase;
  for (const c of objs(status, 'conditions')) {
    if (str(c, 'type') === 'PodScheduled' && str(c, 'reason') === 'SchedulingGated') reason = 'SchedulingGated';
  }
  const initSpecs = objs(spec, 'initContainers');
  const sidecars = new Set(initSpecs.filter(isRestartable).map((c) => str(c, 'name')));
  const state: PodState = {
    reason,
    ready: 0,
    total: objs(spec, 'containers').length + sidecars.size,
    restarts: { count: 0, lastMs: undefined },
  };
  const sidecarRestarts: Restarts = { count: 0, lastMs: undefined };
  const initializing = walkInitContainers(status, initSpecs.length, sidecars, state, sidecarRestarts);
  if (!initializing || hasCondition(status, 'Initialized')) {
    // Once initialised, only sidecar restarts still count next to the main containers.
    state.restarts = sidecarRestarts;
    walkContainers(status, state);
  }
  applyDeletion(pod, phase, state);
  return state;
}

/** Init containers in order; stops at the first one not done. Returns whether the pod is still initialising. */
function walkInitContainers(
  status: J,
  initCount: number,
  sidecars: Set<string>,
  state: PodState,
  sidecarRestarts: Restarts,
): boolean {
  const statuses = objs(status, 'initContainerStatuses');
  for (const [i, cs] of statuses.entries()) {
    tally(state.restarts, cs);
    const isSidecar = sidecars.has(str(cs, 'name'));
    if (isSidecar) tally(sidecarRestarts, cs);
    const { terminated, waiting } = containerState(cs);
    if (terminated && num(terminated, 'exitCode') === 0) continue;
    if (isSidecar && optBool(cs, 'started') === true) {
      if (optBool(cs, 'ready') === true) state.ready++;
      continue;
    }
    if (terminated) {
      state.reason = `Init:${terminatedReason(terminated)}`;
    } else if (waiting && str(waiting, 'reason') !== '' && str(waiting, 'reason') !== 'PodInitializing') {
      state.reason = `Init:${str(waiting, 'reason')}`;
    } else {
      state.reason = `Init:${i}/${initCount}`;
    }
    return true;
  }
  return false;
}

/** Main containers, last to first, so the first container's state wins the Status cell. */
function walkContainers(status: J, state: PodState): void {
  const statuses = objs(status, 'containerStatuses');
  let hasRunning = false;
  for (let i = statuses.length - 1; i >= 0; i--) {
    const cs = statuses[i] ?? {};
    tally(state.restarts, cs);
    const { terminated, waiting, running } = containerState(cs);
    if (waiting && str(waiting, 'reason') !== '') {
      state.reason = str(waiting, 'reason');
    } else if (terminated) {
      state.reason = terminatedReason(terminated);
    } else if (optBool(cs, 'ready') === true && running) {
      hasRunning = true;
      state.ready++;
    }
  }
  // A finished container next to a running one: the pod still runs.
  if (state.reason === 'Completed' && hasRunning) {
    state.reason = hasCondition(status, 'Ready') ? 'Running' : 'NotReady';
  }
}

function applyDeletion(pod: KubeObject, phase: string, state: PodState): void {
  if (pod.metadata.deletionTimestamp === undefined) return;
  if (str(obj(pod, 'status'), 'reason') === 'NodeLost') state.reason = 'Unknown';
  else if (phase !== 'Succeeded' && phase !== 'Failed') state.reason = 'Terminating';
}

/** A terminated state's word: its reason, else `Signal:N`, else `ExitCode:N`. */
function terminatedReason(t: J): string {
  const reason = str(t, 'reason');
  if (reason !== '') return reason;
  const signal = num(t, 'signal');
  return signal !== 0 ? `Signal:${signal}` : `ExitCode:${num(t, 'exitCode')}`;
}

function containerState(cs: J): { terminated?: J; waiting?: J; running?: J } {
  const state = obj(cs, 'state');
  return {
    terminated: optObj(state, 'terminated'),
    waiting: optObj(state, 'waiting'),
    running: optObj(state, 'running'),
  };
}

/** Add a container's restarts and keep the latest `lastState.terminated.finishedAt`. */
function tally(r: Restarts, cs: J): void {
  r.count += num(cs, 'restartCount');
  const finished = parseTime(str(obj(obj(cs, 'lastState'), 'terminated'), 'finishedAt'));
  if (finished !== undefined && (r.lastMs === undefined || finished > r.lastMs)) r.lastMs = finished;
}

/** A restartable init container (sidecar) has `restartPolicy: Always`. */
const isRestartable = (c: J): boolean => str(c, 'restartPolicy') === 'Always';

function hasCondition(status: J, type: string): boolean {
  const c = objs(status, 'conditions').find((x) => str(x, 'type') === type);
  return c !== undefined && str(c, 'status') === 'True';
}

/** `<none>`, or `trueGates/allGates`. */
function readinessGatesCell(pod: KubeObject): string {
  const gates = objs(obj(pod, 'spec'), 'readinessGates');
  if (gates.length === 0) return '<none>';
  const conditions = objs(obj(pod, 'status'), 'conditions');
  const passed = gates.filter((g) => {
    const c = conditions.find((x) => str(x, 'type') === str(g, 'conditionType'));
    return c !== undefined && str(c, 'status') === 'True';
  }).length;
  return `${passed}/${gates.length}`;
}
