import { describe, expect, it } from 'vitest';
import { activeFaults, faultRows, loadChoices, loadFault, loadRows } from './faults.ts';

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

  it('offers load to Services with a selector outside kube-*, loaded ones first', () => {
    const svc = (namespace: string, name: string, selector?: Record<string, string>) => ({
      metadata: { namespace, name },
      spec: selector ? { selector } : {},
    });
    const rows = loadRows(
      [
        svc('default', 'web', { app: 'web' }),
        svc('default', 'kubernetes'),
        svc('kube-system', 'kube-dns', { 'k8s-app': 'kube-dns' }),
        svc('default', 'php-apache', { run: 'php-apache' }),
      ],
      { 'default/php-apache': 1000 },
    );
    expect(rows.map((r) => [r.id, r.cpuMillis])).toEqual([
      ['default/php-apache', 1000],
      ['default/web', 0],
    ]);
    expect(loadFault(rows[1]!, 500)).toEqual({
      action: 'load',
      component: 'service',
      namespace: 'default',
      name: 'web',
      cpuMillis: 500,
    });
  });

  it('offers the load steps, with a load set elsewhere in its place among them', () => {
    expect(loadChoices(500)).toEqual([0, 250, 500, 1000, 2000, 4000]);
    expect(loadChoices(750)).toEqual([0, 250, 500, 750, 1000, 2000, 4000]);
  });
});
