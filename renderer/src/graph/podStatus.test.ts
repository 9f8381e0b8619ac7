import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../core/api/types.ts';
import { lookOf } from './adapters.ts';
import { deployment, node, pod, podStatusFor } from './fixtures.ts';
import { classify, podStatus } from './podStatus.ts';

const withStatus = (status: Record<string, unknown>, extra: Partial<KubeObject['metadata']> = {}): KubeObject => {
  const p = pod('p');
  return { ...p, metadata: { ...p.metadata, ...extra }, status };
};

describe('pod status, as kubectl’s STATUS column', () => {
  it('Ready / NotReady / Running from phase Running and the Ready condition', () => {
    expect(podStatus(pod('a'))).toMatchObject({ reason: 'Running', status: 'Ready', ready: 1, total: 1 });
    expect(podStatus(pod('b', { state: 'NotReady' }))).toMatchObject({ reason: 'Running', status: 'NotReady' });
    expect(podStatus(withStatus({ phase: 'Running' })).status).toBe('Running');
  });

  it('waiting reasons win: ContainerCreating, CrashLoopBackOff, ImagePullBackOff / ErrImagePull', () => {
    expect(podStatus(pod('a', { state: 'ContainerCreating' }))).toMatchObject({
      reason: 'ContainerCreating',
      status: 'ContainerCreating',
    });
    expect(podStatus(pod('b', { state: 'CrashLoopBackOff' }))).toMatchObject({
      reason: 'CrashLoopBackOff',
      status: 'CrashLoopBackOff',
      restarts: 4,
    });
    expect(podStatus(pod('c', { state: 'ImagePullBackOff' })).status).toBe('ImagePullBackOff');
    expect(classify('ErrImagePull', 'Pending', false)).toBe('ImagePullBackOff');
  });

  it('Pending before scheduling; Init:0/1 counts as creating', () => {
    expect(podStatus(pod('a', { state: 'Pending' }))).toMatchObject({ reason: 'Pending', status: 'Pending' });
    const init = withStatus({
      phase: 'Pending',
      initContainerStatuses: [{ name: 'i', state: { waiting: { reason: 'PodInitializing' } } }],
    });
    init.spec = { containers: [{ name: 'main' }], initContainers: [{ name: 'i' }] };
    expect(podStatus(init)).toMatchObject({ reason: 'Init:0/1', status: 'ContainerCreating' });
  });

  it('Completed → Succeeded, Error and exit codes → Failed', () => {
    const done = (t: Record<string, unknown>) =>
      withStatus({ phase: 'Succeeded', containerStatuses: [{ name: 'main', state: { terminated: t } }] });
    expect(podStatus(done({ exitCode: 0, reason: 'Completed' }))).toMatchObject({
      reason: 'Completed',
      status: 'Succeeded',
    });
    expect(podStatus(done({ exitCode: 1, reason: 'Error' })).status).toBe('Failed');
    expect(podStatus(done({ exitCode: 2 }))).toMatchObject({ reason: 'ExitCode:2', status: 'Failed' });
  });

  it('Terminating once deleted; Unknown when the node was lost', () => {
    const deleted = { deletionTimestamp: '2026-01-01T00:00:00Z' };
    expect(podStatus(withStatus(podStatusFor('Ready'), deleted)).status).toBe('Terminating');
    expect(podStatus(withStatus({ phase: 'Running', reason: 'NodeLost' }, deleted))).toMatchObject({
      reason: 'Unknown',
      status: 'Unknown',
    });
  });
});

describe('per-kind looks', () => {
  it('pods: kubectl word and READY count, progress ring while creating', () => {
    expect(lookOf(pod('a'))).toEqual({ label: 'a', status: 'Ready', statusText: 'Running 1/1' });
    expect(lookOf(pod('b', { state: 'ContainerCreating' }))).toMatchObject({ progress: true });
    expect(lookOf(pod('c', { state: 'CrashLoopBackOff' }))).toMatchObject({
      statusText: 'CrashLoopBackOff 0/1',
      restarts: 4,
    });
  });

  it('nodes and deployments', () => {
    expect(lookOf(node('n', false))).toMatchObject({ status: 'NotReady', statusText: 'NotReady' });
    expect(lookOf(deployment('web', 3, 3))).toMatchObject({ status: 'Ready', statusText: '3/3', progress: false });
    expect(lookOf(deployment('web', 3, 1))).toMatchObject({ status: 'Pending', statusText: '1/3', progress: true });
  });
});

describe('labels', () => {
  it('cut long names in the middle, keeping the end that tells pods apart', async () => {
    const { shorten } = await import('./adapters.ts');
    expect(shorten('web-1')).toBe('web-1');
    expect(shorten('nginx-deployment-cf4cd4db7-m5bxb')).toBe('nginx-d…7-m5bxb');
    expect(shorten('nginx-deployment-cf4cd4db7-m5bxb')).toHaveLength(15);
  });
});
