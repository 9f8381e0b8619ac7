import { describe, expect, it } from 'vitest';
import { activeFaults, faultRows } from './faults.ts';

describe('faults menu', () => {
  const state = {
    scheduler: 'running' as const,
    'controller-manager': 'stopped' as const,
    nodes: { 'k8s-node2': 'down' as const, 'k8s-node1': 'stopped' as const, 'k8s-master': 'running' as const },
  };

  it('lists components then nodes, each with what can be done from its state', () => {
    const rows = faultRows(state);
    expect(rows.map((r) => [r.id, r.state, r.actions.map((a) => `${a.label}${a.disabled ? '(off)' : ''}`)])).toEqual([
      ['scheduler', 'running', ['stop']],
      ['controller-manager', 'stopped', ['start']],
      ['node/k8s-master', 'running', ['stop', 'fail']],
      ['node/k8s-node1', 'stopped', ['start', 'fail']],
      ['node/k8s-node2', 'down', ['stop(off)', 'recover']],
    ]);
    expect(rows[3]?.actions[0]?.fault).toEqual({ action: 'start', component: 'kubelet', node: 'k8s-node1' });
    expect(rows[4]?.actions[1]?.fault).toEqual({ action: 'recover', component: 'node', node: 'k8s-node2' });
    expect(rows[0]?.actions[0]).toMatchObject({ breaks: true, fault: { action: 'stop', component: 'scheduler' } });
  });

  it('counts what is broken', () => {
    expect(activeFaults(state)).toBe(3);
    expect(activeFaults({ scheduler: 'running', 'controller-manager': 'running', nodes: {} })).toBe(0);
  });
});
