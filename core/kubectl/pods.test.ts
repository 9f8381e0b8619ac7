import { describe, expect, it } from 'vitest';
import type { StreamSink } from './types.ts';
import { chapterOne, lab } from './testkit.ts';

describe('kubectl logs, exec and delete', () => {
  it('prints logs of a pod or of a workload, with --tail', () => {
    const l = lab();
    l.k('run nginx --image=nginx');
    l.advance(20);
    const logs = l.k('logs nginx').stdout.split('\n');
    expect(logs[0]).toBe(
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
    );
    expect(l.k('logs nginx --tail=1').stdout).toMatch(
      /^2026\/11\/22 09:00:\d\d \[notice\] 1#1: start worker process 29\n$/,
    );
    l.k('apply -f nginx-deployment.yaml');
    l.advance(20);
    const fromDeploy = l.k('logs deploy/nginx-deployment --tail=1');
    expect(fromDeploy.stderr).toMatch(/^Found 3 pods, using pod\/nginx-deployment-cf4cd4db7-\w{5}\n$/);
    expect(fromDeploy.stdout).toContain('start worker process');
  });

  it('words log errors as kubectl logs does', () => {
    const l = lab();
    l.k('run nginx --image=nginx');
    l.advance(20);
    expect(l.k('logs nope').stderr).toBe(
      'error: error from server (NotFound): pods "nope" not found in namespace "default"\n',
    );
    expect(l.k('logs nginx -c nope').stderr).toBe('error: container nope is not valid for pod nginx\n');
    expect(l.k('logs nginx -p').stderr).toBe(
      'Error from server (BadRequest): previous terminated container "nginx" in pod "nginx" not found\n',
    );
  });

  it('execs a command and returns its output and exit code', () => {
    const l = lab();
    l.k('run nginx --image=nginx');
    l.k('run bb --image=busybox --restart=Never -- echo done');
    l.advance(20);
    expect(l.k('exec nginx -- ls /').stdout).toBe('dev\netc\nproc\nroot\ntmp\nusr\nvar\n');
    expect(l.k(['exec', 'nginx', '--', 'sh', '-c', 'exit 3'])).toEqual({
      stdout: '',
      stderr: 'command terminated with exit code 3\n',
      exitCode: 3,
    });
    expect(l.k('exec bb -- echo hi').stderr).toBe(
      'error: cannot exec into a container in a completed pod; current phase is Succeeded\n',
    );
    expect(l.k('exec nginx ls').stderr).toBe(
      "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
    );
  });

  it('streams output of a command that sleeps', () => {
    const l = lab();
    l.k('run nginx --image=nginx');
    l.advance(20);
    const late: string[] = [];
    let exit: number | undefined;
    const stream: StreamSink = { stdout: (t) => late.push(t), stderr: (t) => late.push(t), exit: (c) => (exit = c) };
    const r = l.k(['exec', 'nginx', '--', 'sh', '-c', 'echo one; sleep 2; echo two'], { stream });
    expect(r).toMatchObject({ stdout: 'one\n', pending: true });
    l.advance(3);
    expect(late).toEqual(['two\n']);
    expect(exit).toBe(0);
  });

  it('deletes by name, selector and --all, forced or not', () => {
    const l = chapterOne();
    l.k('create configmap a --from-literal=x=1');
    l.k('create configmap b --from-literal=x=1');
    expect(l.k('delete cm a --grace-period=0 --force')).toEqual({
      stdout: 'configmap "a" force deleted\n',
      stderr:
        'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
      exitCode: 0,
    });
    expect(l.k('delete pods -l app=none').stdout).toBe('No resources found\n');
    expect(l.k('delete deploy --all').stdout).toBe('deployment.apps "nginx-deployment" deleted\n');
    expect(l.k('delete cm b nope').stdout).toBe('configmap "b" deleted\n');
    expect(l.k('delete cm nope').stderr).toBe('Error from server (NotFound): configmaps "nope" not found\n');
    expect(l.k('delete pod').stderr).toBe('error: resource(s) were provided, but no name was specified\n');
  });
});
