/** The kubelet's process starter: the container shell on virtual time. */
import type { ProcessHandle, StartOptions } from './process.ts';
import { startProcess } from './shell/index.ts';

export function startShellProcess(opts: StartOptions): ProcessHandle {
  const p = startProcess({
    argv: opts.argv,
    env: opts.env,
    cwd: opts.cwd,
    fs: opts.fs,
    nowMs: opts.nowMs,
    hostname: opts.hostname,
    commands: opts.commands,
    pid: 1,
    ignoreSigterm: opts.ignoreSigterm,
    ...(opts.stdin !== undefined ? { stdin: opts.stdin } : {}),
    onStdout: opts.onStdout,
    onStderr: opts.onStderr,
  });
  return { run: (now) => p.run(now), kill: (signal, now) => p.kill(signal, now) };
}
