import { describe, expect, it } from 'vitest';
import type { StreamSink } from './types.ts';
import { chapterOne } from './testkit.ts';

describe('kubectl scale, set image and rollout', () => {
  it('runs chapter 1: scale, set image, history, undo', () => {
    const l = chapterOne();
    expect(l.k('scale deployment nginx-deployment --replicas=5').stdout).toBe(
      'deployment.apps/nginx-deployment scaled\n',
    );
    l.advance(30);
    expect(l.k('get pods --no-headers').stdout.trim().split('\n')).toHaveLength(5);
    expect(l.k('set image deployment/nginx-deployment nginx=nginx:1.16.1').stdout).toBe(
      'deployment.apps/nginx-deployment image updated\n',
    );
    l.advance(60);
    expect(l.k('rollout history deployment/nginx-deployment').stdout).toBe(
      'deployment.apps/nginx-deployment \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
    );
    expect(l.k('rollout undo deployment/nginx-deployment').stdout).toBe(
      'deployment.apps/nginx-deployment rolled back\n',
    );
    l.advance(60);
    expect(l.k('get rs').stdout).toBe(
      'NAME                         DESIRED   CURRENT   READY   AGE\nnginx-deployment-cf4cd4db7   5         5         5       3m\nnginx-deployment-cff86b44d   0         0         0       2m\n',
    );
    expect(l.k('rollout history deploy/nginx-deployment --revision=3').stdout).toBe(
      'deployment.apps/nginx-deployment with revision #3\nPod Template:\n  Labels:\tapp=nginx\n\tpod-template-hash=cf4cd4db7\n  Containers:\n   nginx:\n    Image:\tnginx:1.14.2\n    Port:\t80/TCP\n    Host Port:\t0/TCP\n    Environment:\t<none>\n    Mounts:\t<none>\n  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n\n',
    );
  });

  it('checks its preconditions with kubectl words', () => {
    const l = chapterOne();
    expect(l.k('scale deploy nginx-deployment').stderr).toBe('error: required flag(s) "replicas" not set\n');
    expect(l.k('scale deploy nginx-deployment --replicas=2 --current-replicas=5').stderr).toBe(
      'error: Expected replicas to be 5, was 3\n',
    );
    expect(l.k('set image deploy/nginx-deployment foo=bar').stderr).toBe(
      'error: unable to find container named "foo"\n',
    );
    expect(l.k('rollout undo deploy/nginx-deployment').stderr).toBe(
      'error: no rollout history found for deployment "nginx-deployment"\n',
    );
    expect(l.k('rollout undo deploy/nginx-deployment --to-revision=9').stderr).toBe(
      'error: unable to find specified revision 9 in history\n',
    );
  });

  it('pauses, resumes and restarts', () => {
    const l = chapterOne();
    expect(l.k('rollout pause deploy/nginx-deployment').stdout).toBe('deployment.apps/nginx-deployment paused\n');
    expect(l.k('rollout pause deploy/nginx-deployment').stderr).toBe(
      'error: deployments.apps "nginx-deployment" is already paused\n',
    );
    expect(l.k('rollout restart deploy/nginx-deployment').stderr).toBe(
      'error: deployments.apps "nginx-deployment" can\'t restart paused deployment (run rollout resume first)\n',
    );
    expect(l.k('rollout resume deploy/nginx-deployment').stdout).toBe('deployment.apps/nginx-deployment resumed\n');
    expect(l.k('rollout resume deploy/nginx-deployment').stderr).toBe(
      'error: deployments.apps "nginx-deployment" is not paused\n',
    );
    expect(l.k('rollout restart deploy/nginx-deployment').stdout).toBe('deployment.apps/nginx-deployment restarted\n');
    expect(l.k("get deploy nginx-deployment -o jsonpath='{.spec.template.metadata.annotations}'").stdout).toBe(
      '{"kubectl.kubernetes.io/restartedAt":"2026-11-22T09:00:30Z"}',
    );
  });

  it('reports rollout status now, and follows it on a stream until done', () => {
    const l = chapterOne();
    expect(l.k('rollout status deployment/nginx-deployment').stdout).toBe(
      'deployment "nginx-deployment" successfully rolled out\n',
    );
    l.k('set image deployment/nginx-deployment nginx=nginx:1.16.1');
    const seen: string[] = [];
    let exit: number | undefined;
    const stream: StreamSink = { stdout: (t) => seen.push(t), stderr: (t) => seen.push(t), exit: (c) => (exit = c) };
    const first = l.k('rollout status deployment/nginx-deployment', { stream });
    expect(first.pending).toBe(true);
    expect(first.stdout).toMatch(/^Waiting for deployment /);
    l.advance(120);
    expect(exit).toBe(0);
    expect(seen[seen.length - 1]).toBe('deployment "nginx-deployment" successfully rolled out\n');
    expect(new Set(seen).size).toBe(seen.length);
  });
});
