/**
 * The faults menu's model: one row per control-plane component and per node,
 * with its state and the faults that can be injected or undone from there.
 */
import type { Fault, FaultState } from '../../../core/protocol/index.ts';

export type ComponentState = 'running' | 'stopped' | 'down';

export interface FaultAction {
  /** Catalogue key of the button label (`dock.faults.stop`…). */
  label: 'stop' | 'start' | 'fail' | 'recover';
  fault: Fault;
  /** Actions that break something get the danger style. */
  breaks: boolean;
  disabled?: boolean;
}

export interface FaultRow {
  id: string;
  /** Catalogue key of the row's name, with the node as its parameter. */
  label: 'scheduler' | 'controllerManager' | 'kubelet';
  node?: string;
  state: ComponentState;
  actions: FaultAction[];
}

function componentRow(component: 'scheduler' | 'controller-manager', state: 'running' | 'stopped'): FaultRow {
  const running = state === 'running';
  return {
    id: component,
    label: component === 'scheduler' ? 'scheduler' : 'controllerManager',
    state,
    actions: [
      { label: running ? 'stop' : 'start', fault: { action: running ? 'stop' : 'start', component }, breaks: running },
    ],
  };
}

function nodeRow(node: string, state: ComponentState): FaultRow {
  const kubelet: FaultAction =
    state === 'stopped'
      ? { label: 'start', fault: { action: 'start', component: 'kubelet', node }, breaks: false }
      : {
          label: 'stop',
          fault: { action: 'stop', component: 'kubelet', node },
          breaks: true,
          disabled: state === 'down',
        };
  const machine: FaultAction =
    state === 'down'
      ? { label: 'recover', fault: { action: 'recover', component: 'node', node }, breaks: false }
      : { label: 'fail', fault: { action: 'fail', component: 'node', node }, breaks: true };
  return { id: `node/${node}`, label: 'kubelet', node, state, actions: [kubelet, machine] };
}

export function faultRows(f: FaultState): FaultRow[] {
  const nodes = Object.keys(f.nodes).sort();
  return [
    componentRow('scheduler', f.scheduler),
    componentRow('controller-manager', f['controller-manager']),
    ...nodes.map((n) => nodeRow(n, f.nodes[n] ?? 'running')),
  ];
}

/** How many things are broken right now (the menu button's badge). */
export function activeFaults(f: FaultState): number {
  return faultRows(f).filter((r) => r.state !== 'running').length;
}

/** Offered CPU load choices for a Service, in millicores (0 removes the load). */
const LOAD_STEPS: readonly number[] = [0, 250, 500, 1000, 2000, 4000];

/** The choices a row's select offers: LOAD_STEPS, plus the current load in order when it is another value (set by the lab API). */
export function loadChoices(cpuMillis: number): readonly number[] {
  return LOAD_STEPS.includes(cpuMillis) ? LOAD_STEPS : [...LOAD_STEPS, cpuMillis].sort((a, b) => a - b);
}

export interface LoadRow {
  /** `namespace/name` of the Service. */
  id: string;
  namespace: string;
  name: string;
  cpuMillis: number;
}

/**
 * One row per Service a learner may send load to (user namespaces, with a
 * selector: a Service without one has no pods to share the load), with the load
 * it gets now. Services with load come first.
 */
export function loadRows(
  services: readonly { metadata: { namespace?: string; name?: string }; spec?: unknown }[],
  loads: Readonly<Record<string, number>> = {},
): LoadRow[] {
  const rows: LoadRow[] = [];
  for (const s of services) {
    const namespace = s.metadata.namespace ?? 'default';
    const name = s.metadata.name ?? '';
    const selector = (s.spec as { selector?: Record<string, string> } | undefined)?.selector;
    if (namespace.startsWith('kube-') || !selector || Object.keys(selector).length === 0) continue;
    const id = `${namespace}/${name}`;
    rows.push({ id, namespace, name, cpuMillis: loads[id] ?? 0 });
  }
  return rows.sort((a, b) => Number(b.cpuMillis > 0) - Number(a.cpuMillis > 0) || a.id.localeCompare(b.id));
}

/** The fault that offers `cpuMillis` of load to the row's Service. */
export function loadFault(row: LoadRow, cpuMillis: number): Fault {
  return { action: 'load', component: 'service', namespace: row.namespace, name: row.name, cpuMillis };
}
