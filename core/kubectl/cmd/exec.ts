/**
 * `kubectl exec POD [-c C] [-i] -- CMD…`: GET the pod (kubectl refuses
 * completed pods itself), then run the command through core/cluster/exec.ts,
 * the same engine the server's exec WebSocket uses. Output that arrives
 * after the call returns (a command that sleeps) goes to the context's
 * stream; without one the command is stopped and what it printed is returned.
 */
import { exec } from '../../cluster/exec.ts';
import type { Command } from '../env.ts';
import { statusMessage } from '../errors.ts';
import { CommandError, usageError } from '../types.ts';
import { containerFor, podFor } from './pods.ts';

export const execCommand: Command = {
  name: 'exec',
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'filename', short: 'f', type: 'strings' },
  ],
  run(env) {
    const [target, ...extra] = env.flags.args;
    if (!target)
      throw usageError(
        `expected 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]'.\nPOD or TYPE/NAME is a required argument for the exec command\nSee 'kubectl exec -h' for help and examples`,
      );
    if (!env.flags.parsed.dash && extra.length)
      throw usageError(
        `exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples`,
      );
    const command = [...extra, ...env.flags.parsed.dashArgs];
    if (command.length === 0) throw usageError('you must specify at least one command for the container');
    const pod = podFor(env, target);
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    if (phase === 'Succeeded' || phase === 'Failed')
      throw usageError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
    const container = containerFor(env, pod, env.flags.str('container'));
    let exitCode: number | undefined;
    let late = false;
    const stream = env.ctx.stream;
    const started = exec(
      env.client.server.cluster,
      {
        namespace: pod.metadata.namespace ?? env.namespace,
        pod: pod.metadata.name ?? '',
        container,
        command,
        ...(env.flags.bool('stdin') ? { stdin: env.ctx.stdin ?? '' } : {}),
      },
      {
        stdout: (t) => (late ? stream?.stdout(t) : env.out.out(t)),
        stderr: (t) => (late ? stream?.stderr(t) : env.out.err(t)),
        exit: (code) => {
          exitCode = code;
          if (late && stream) {
            if (code !== 0) stream.stderr(`command terminated with exit code ${code}\n`);
            stream.exit(code);
          }
        },
      },
    );
    if (!started.ok) throw new CommandError(statusMessage(started.status));
    if (exitCode === undefined) {
      if (stream) {
        late = true;
        env.pending = true;
      } else started.cancel();
      return;
    }
    if (exitCode !== 0) throw new CommandError(`command terminated with exit code ${exitCode}`, exitCode);
  },
};
