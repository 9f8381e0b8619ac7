import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { podPrinter } from './pod.ts';

const NOW = Date.parse('2026-11-22T15:20:25Z');
const CREATED = '2026-11-22T15:10:25Z';

function pod(
  status: Record<string, unknown>,
  spec: Record<string, unknown> = {},
  meta: Record<string, unknown> = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', creationTimestamp: CREATED, ...meta },
    spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec },
    status,
  };
}

const running = { running: { startedAt: '2026-11-22T15:11:00Z' } };
const cells = (p: KubeObject) => podPrinter.cells(p, NOW);
const statusOf = (p: KubeObject) => cells(p)[2];
const cs = (extra: Record<string, unknown>) => ({ name: 'app', ready: false, restartCount: 0, ...extra });

describe('Pod Status cell (printPod)', () => {
  it('Pending without container statuses prints the phase', () => {
    expect(statusOf(pod({ phase: 'Pending' }))).toBe('Pending');
  });

  it('SchedulingGated wins over the phase', () => {
    const p = pod({
      phase: 'Pending',
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
    });
    expect(statusOf(p)).toBe('SchedulingGated');
  });

  it('ContainerCreating from the waiting reason', () => {
    const p = pod({
      phase: 'Pending',
      containerStatuses: [cs({ state: { waiting: { reason: 'ContainerCreating' } } })],
    });
    expect(statusOf(p)).toBe('ContainerCreating');
  });

  it('Running and ready', () => {
    const p = pod({ phase: 'Running', containerStatuses: [cs({ ready: true, state: running })] });
    expect(cells(p).slice(1, 3)).toEqual(['1/1', 'Running']);
  });

  it('CrashLoopBackOff with restarts and the time of the last one', () => {
    const p = pod({
      phase: 'Running',
      containerStatuses: [
        cs({
          restartCount: 5,
          state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 2m40s' } },
          lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: '2026-11-22T15:15:25Z' } },
        }),
      ],
    });
    expect(cells(p).slice(1, 4)).toEqual(['0/1', 'CrashLoopBackOff', '5 (5m ago)']);
  });

  it('Completed, Error, OOMKilled and ExitCode/Signal from terminated states', () => {
    const term = (t: Record<string, unknown>) =>
      pod({ phase: 'Failed', containerStatuses: [cs({ state: { terminated: t } })] });
    expect(
      statusOf(
        pod({
          phase: 'Succeeded',
          containerStatuses: [cs({ state: { terminated: { exitCode: 0, reason: 'Completed' } } })],
        }),
      ),
    ).toBe('Completed');
    expect(statusOf(term({ exitCode: 1, reason: 'Error' }))).toBe('Error');
    expect(statusOf(term({ exitCode: 137, reason: 'OOMKilled' }))).toBe('OOMKilled');
    expect(statusOf(term({ exitCode: 3 }))).toBe('ExitCode:3');
    expect(statusOf(term({ exitCode: 0, signal: 9 }))).toBe('Signal:9');
  });

  it('Completed next to a running container becomes Running or NotReady', () => {
    const statuses = [
      { name: 'a', ready: true, restartCount: 0, state: running },
      { name: 'b', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
    ];
    const spec = { containers: [{ name: 'a' }, { name: 'b' }] };
    const ready = pod(
      { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: statuses },
      spec,
    );
    const notReady = pod(
      { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }], containerStatuses: statuses },
      spec,
    );
    expect(cells(ready).slice(1, 3)).toEqual(['1/2', 'Running']);
    expect(statusOf(notReady)).toBe('NotReady');
  });

  it('Init:i/n while init containers run, Init:<reason> when one fails or waits', () => {
    const spec = { initContainers: [{ name: 'init-1' }, { name: 'init-2' }] };
    const init = (statuses: unknown[]) =>
      pod(
        {
          phase: 'Pending',
          initContainerStatuses: statuses,
          containerStatuses: [cs({ state: { waiting: { reason: 'PodInitializing' } } })],
        },
        spec,
      );
    const done = { name: 'init-1', restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } };
    expect(
      statusOf(
        init([
          { name: 'init-1', restartCount: 0, state: running },
          { name: 'init-2', state: { waiting: { reason: 'PodInitializing' } } },
        ]),
      ),
    ).toBe('Init:0/2');
    expect(statusOf(init([done, { name: 'init-2', restartCount: 0, state: running }]))).toBe('Init:1/2');
    expect(
      statusOf(init([done, { name: 'init-2', restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } } }])),
    ).toBe('Init:CrashLoopBackOff');
    expect(statusOf(init([{ name: 'init-1', restartCount: 0, state: { terminated: { exitCode: 2 } } }]))).toBe(
      'Init:ExitCode:2',
    );
    expect(
      statusOf(init([{ name: 'init-1', restartCount: 0, state: { terminated: { exitCode: 1, reason: 'Error' } } }])),
    ).toBe('Init:Error');
  });

  it('counts started sidecars (restartable init containers) in Ready', () => {
    const spec = { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }] };
    const p = pod(
      {
        phase: 'Running',
        conditions: [{ type: 'Initialized', status: 'True' }],
        initContainerStatuses: [{ name: 'proxy', started: true, ready: true, restartCount: 1, state: running }],
        containerStatuses: [cs({ ready: true, state: running })],
      },
      spec,
    );
    expect(cells(p).slice(1, 4)).toEqual(['2/2', 'Running', '1']);
  });

  it('Terminating once deleted, Unknown when the node was lost', () => {
    const deleted = { deletionTimestamp: '2026-11-22T15:20:00Z' };
    const p = pod({ phase: 'Running', containerStatuses: [cs({ ready: true, state: running })] }, {}, deleted);
    expect(statusOf(p)).toBe('Terminating');
    expect(statusOf(pod({ phase: 'Running', reason: 'NodeLost' }, {}, deleted))).toBe('Unknown');
    expect(statusOf(pod({ phase: 'Succeeded' }, {}, deleted))).toBe('Succeeded');
  });

  it('fills the wide cells and marks finished pods with a Completed row condition', () => {
    const p = pod(
      { phase: 'Succeeded', podIPs: [{ ip: '10.244.0.5' }] },
      { nodeName: 'node-1', readinessGates: [{ conditionType: 'x' }] },
    );
    expect(cells(p).slice(4)).toEqual(['10m', '10.244.0.5', 'node-1', '<none>', '0/1']);
    expect(podPrinter.conditions?.(p)).toEqual([
      { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
    ]);
    expect(cells(pod({ phase: 'Pending' })).slice(5, 9)).toEqual(['<none>', '<none>', '<none>', '<none>']);
  });
});
