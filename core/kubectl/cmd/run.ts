/**
 * `kubectl run NAME --image=IMG [--restart=Never] [-- args]`: one POST of
 * the pod kubectl builds (`run=NAME` label, `fieldManager=kubectl-run`), or
 * just print it with `--dry-run=client -o yaml`. Interactive runs (`-i`,
 * `-t`, `--rm`) need a terminal attached to the container, which the
 * embedded kubectl does not have: use `kubectl exec` instead.
 */
import type { Command } from '../env.ts';
import { usageError } from '../types.ts';
import { submit } from './create.ts';
import { podObject } from './generators.ts';

export const runCommand: Command = {
  name: 'run',
  flags: [
    { name: 'image', type: 'string' },
    { name: 'restart', type: 'string' },
    { name: 'port', type: 'int' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'env', type: 'strings' },
    { name: 'command', type: 'bool' },
    { name: 'dry-run', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'rm', type: 'bool' },
    { name: 'image-pull-policy', type: 'string' },
  ],
  run(env) {
    const name = env.flags.args[0];
    if (!name) throw usageError(`NAME is required for run\nSee 'kubectl run -h' for help and examples`);
    if (!env.flags.str('image')) throw usageError('required flag(s) "image" not set');
    const restart = env.flags.str('restart', 'Always');
    if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw usageError(`invalid restart policy: ${restart}`);
    if (env.flags.bool('stdin') || env.flags.bool('tty') || env.flags.bool('rm')) {
      throw usageError(
        'interactive sessions (-i, -t, --rm) are not available in the KubeLab terminal; create the pod, then use kubectl exec',
      );
    }
    const labels: Record<string, string> = {};
    for (const pair of (env.flags.str('labels') || `run=${name}`).split(',')) {
      const eq = pair.indexOf('=');
      if (eq <= 0) throw usageError(`invalid label spec: ${pair}`);
      labels[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
    const args = [...env.flags.args.slice(1), ...env.flags.parsed.dashArgs];
    const pod = podObject({
      name,
      image: env.flags.str('image'),
      restart,
      labels,
      port: env.flags.has('port') ? env.flags.int('port', 0) : undefined,
      env: env.flags.strs('env'),
      args,
      command: env.flags.bool('command'),
    });
    const policy = env.flags.str('image-pull-policy');
    if (policy) ((pod.spec as { containers: Record<string, unknown>[] }).containers[0] ?? {}).imagePullPolicy = policy;
    submit(env, { object: pod }, 'kubectl-run');
  },
};
