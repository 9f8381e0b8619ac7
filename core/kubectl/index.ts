/**
 * The embedded kubectl: argv in, text out, exactly as kubectl 1.33 prints
 * for the same cluster state. It talks to the cluster only through
 * `ApiServer.handle` (exec goes through core/cluster/exec.ts, as the
 * WebSocket handler of the real server would). See README.md for what waits
 * and what does not.
 */
import { Client } from './client.ts';
import { ALL_COMMANDS, ROOT_HELP, unknownCommand } from './help.ts';
import { COMMANDS } from './commands.ts';
import { Discovery } from './discovery.ts';
import type { Env } from './env.ts';
import { Flags, GLOBAL_FLAGS, parseFlags } from './flags.ts';
import type { KubectlContext, KubectlResult } from './types.ts';
import { CommandError, Output } from './types.ts';

export type { KubectlContext, KubectlResult, StreamSink } from './types.ts';

/** Run one kubectl command line (without the leading `kubectl`). */
export function runKubectl(argv: string[], ctx: KubectlContext): KubectlResult {
  const out = new Output();
  const { command, rest } = splitCommand(argv);
  if (command === undefined || command === 'help') return done(out, 0, ROOT_HELP);
  const cmd = COMMANDS.find((c) => c.name === command);
  if (!cmd) {
    const message = ALL_COMMANDS.includes(command)
      ? `error: "kubectl ${command}" is not available in the KubeLab terminal`
      : unknownCommand(command);
    return fail(out, new CommandError(message));
  }
  const commandPath = `kubectl ${command}`;
  try {
    const flags = new Flags(parseFlags(rest, cmd.flags, commandPath));
    if (flags.bool('help')) {
      // Per-command help text is not bundled; point at the reference instead of running the command.
      return done(
        out,
        0,
        `Help for "${commandPath}": https://kubernetes.io/docs/reference/kubectl/generated/kubectl_${command}/\n`,
      );
    }
    const client = new Client(ctx.server, commandPath);
    const env: Env = {
      ctx,
      client,
      discovery: new Discovery(client),
      flags,
      out,
      namespace: flags.str('namespace') || ctx.namespace || 'default',
      commandPath,
    };
    cmd.run(env);
    const result = done(out, 0);
    if (env.newNamespace !== undefined) result.namespace = env.newNamespace;
    if (env.pending) result.pending = true;
    return result;
  } catch (e) {
    if (e instanceof CommandError) return fail(out, e);
    throw e;
  }
}

/** The command word, with global flags given before it moved after it. */
function splitCommand(argv: string[]): { command: string | undefined; rest: string[] } {
  const leading: string[] = [];
  let i = 0;
  while (i < argv.length && (argv[i] ?? '').startsWith('-')) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return { command: 'help', rest: [] };
    leading.push(arg);
    const spec = GLOBAL_FLAGS.find((f) => arg === `--${f.name}` || arg === `-${f.short ?? '\0'}`);
    if (spec && spec.type !== 'bool' && i + 1 < argv.length) leading.push(argv[++i] ?? '');
    i++;
  }
  return { command: argv[i], rest: [...argv.slice(i + 1), ...leading] };
}

function done(out: Output, exitCode: number, text = ''): KubectlResult {
  out.out(text);
  return { stdout: out.stdout, stderr: out.stderr, exitCode };
}

function fail(out: Output, e: CommandError): KubectlResult {
  out.err(e.message.endsWith('\n') ? e.message : `${e.message}\n`);
  return { stdout: out.stdout, stderr: out.stderr, exitCode: e.exitCode };
}
