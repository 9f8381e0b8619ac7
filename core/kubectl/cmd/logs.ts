/**
 * `kubectl logs`: GET the pod (or a workload's pod), then its `/log` with
 * `container`, `previous`, `tailLines`, `timestamps`. `-f` prints what is
 * there; with a context stream it keeps following until the container ends.
 * `-l` prints each selected pod's log with the default `--tail=10`.
 */
import { resourcePath } from '../client.ts';
import type { Command, Env } from '../env.ts';
import { listObjects, must, resolveType } from '../env.ts';
import { statusError } from '../errors.ts';
import type { KubeObject, Status } from '../../api/types.ts';
import { CommandError, usageError } from '../types.ts';
import { containerFor, podFor } from './pods.ts';

export const logsCommand: Command = {
  name: 'logs',
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'previous', short: 'p', type: 'bool' },
    { name: 'tail', type: 'int' },
    { name: 'follow', short: 'f', type: 'bool' },
    { name: 'timestamps', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'since', type: 'string' },
    { name: 'all-containers', type: 'bool' },
    { name: 'prefix', type: 'bool' },
  ],
  run(env) {
    const args = env.flags.args;
    if (env.flags.has('selector')) {
      const pods = must(
        listObjects(env, resolveType(env, 'pods'), {
          namespace: env.namespace,
          labelSelector: env.flags.str('selector'),
        }),
      );
      if (pods.length === 0) env.out.err(`No resources found in ${env.namespace} namespace.\n`);
      for (const p of pods) printLog(env, p, containerFor(env, p, env.flags.str('container')), 10);
      return;
    }
    if (args.length === 0 || args.length > 2)
      throw usageError(
        `expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples`,
      );
    const pod = notFoundInNamespace(env, () => podFor(env, args[0] ?? ''));
    const container = containerFor(env, pod, env.flags.str('container') || (args[1] ?? ''));
    printLog(env, pod, container, -1);
  },
};

/** logs words a missing object as `error: error from server (NotFound): pods "x" not found in namespace "ns"`. */
function notFoundInNamespace<T>(env: Env, find: () => T): T {
  try {
    return find();
  } catch (e) {
    const m = e instanceof CommandError ? /^Error from server \(NotFound\): (.*)$/.exec(e.message) : null;
    if (!m) throw e;
    throw new CommandError(`error: error from server (NotFound): ${m[1] ?? ''} in namespace "${env.namespace}"`);
  }
}

function printLog(env: Env, pod: KubeObject, container: string, defaultTail: number): void {
  const tail = env.flags.int('tail', defaultTail);
  const since = env.flags.str('since');
  const query = {
    container,
    ...(env.flags.bool('previous') ? { previous: 'true' } : {}),
    ...(tail >= 0 ? { tailLines: String(tail) } : {}),
    ...(env.flags.bool('timestamps') ? { timestamps: 'true' } : {}),
    ...(since ? { sinceSeconds: String(seconds(since)) } : {}),
  };
  const path = resourcePath(resolveType(env, 'pods'), pod.metadata.namespace, pod.metadata.name, 'log');
  const stream = env.ctx.stream;
  if (env.flags.bool('follow') && stream && !env.flags.bool('previous'))
    return follow(env, path, { ...query, follow: 'true' });
  const reply = env.client.get<string>(path, query);
  if (!reply.ok) throw statusError(reply.status);
  env.out.out(reply.text);
}

/** Hand the streamed log to the context's stream; what exists now goes to stdout. */
function follow(env: Env, path: string, query: Record<string, string>): void {
  const res = env.ctx.server.handle({
    method: 'GET',
    path,
    query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]])),
    headers: { 'kubectl-command': env.commandPath },
  });
  const stream = env.ctx.stream;
  if (!stream) return;
  if (res.kind === 'plain') {
    if (res.status >= 300) throw statusError(JSON.parse(res.body) as Status);
    env.out.out(res.body);
    return;
  }
  let started = false;
  let ended = false;
  res.start(
    (chunk) => (started ? stream.stdout(chunk) : env.out.out(chunk)),
    () => {
      ended = true;
      if (started) stream.exit(0);
    },
  );
  started = true;
  if (!ended) env.pending = true;
}

/** `5s`, `2m`, `1h` → seconds. */
function seconds(text: string): number {
  const m = /^(\d+)(s|m|h)$/.exec(text);
  if (!m) throw usageError(`invalid argument "${text}" for "--since" flag: time: invalid duration "${text}"`);
  return Number(m[1]) * ({ s: 1, m: 60, h: 3600 }[m[2] as 's' | 'm' | 'h'] ?? 1);
}
