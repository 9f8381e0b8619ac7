/**
 * Simple commands: expand, redirect, then find what to run, in sh's order:
 * functions, shell builtins (cd, export, exit…), then programs (the
 * kubelet's image programs, our busybox-like utilities, script files).
 * Unknown names fail as busybox does: `sh: foo: not found`, status 127.
 */

import type { Command } from './ast.ts';
import { BUILTINS } from './commands/index.ts';
import { ExitSignal, ReturnSignal } from './errors.ts';
import { expandString, expandWords } from './expand.ts';
import type { Io } from './io.ts';
import { basename, dirname, resolvePath } from './path.ts';
import { runProgram, STEP, type Program, type ProgramContext, type Yield } from './program.ts';
import { applyRedirs } from './redirect.ts';
import type { Shell } from './shell.ts';
import { SPECIAL_BUILTINS } from './special.ts';

type Gen<T> = Generator<Yield, T, void>;
type Simple = Extract<Command, { kind: 'simple' }>;

/** Directories whose programs are our builtins (`/bin/sleep` is `sleep`). */
const BIN_DIRS = new Set(['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin']);

export function* runSimple(sh: Shell, cmd: Simple, io: Io): Gen<number> {
  yield STEP;
  const host = sh.host(io.stderr);
  sh.substStatus = undefined;
  const argv = yield* expandWords(cmd.words, host);
  const assigns: [string, string][] = [];
  for (const a of cmd.assigns) assigns.push([a.name, yield* expandString(a.value, host)]);
  if (sh.st.opts.xtrace) io.stderr.write(`+ ${[...assigns.map(([k, v]) => `${k}=${v}`), ...argv].join(' ')}\n`);
  const cmdIo = yield* applyRedirs(sh, cmd.redirs, io);
  const name = argv[0];
  if (name === undefined) {
    for (const [k, v] of assigns) sh.setVar(k, v);
    return sh.substStatus ?? 0;
  }
  return yield* runArgv(sh, argv, assigns, cmdIo);
}

/** Runs an expanded command line (also used by `exec` and `command`). */
export function* runArgv(
  sh: Shell,
  argv: readonly string[],
  assigns: readonly [string, string][],
  io: Io,
): Gen<number> {
  const name = lookupName(sh, argv[0] ?? '');
  const fn = sh.st.functions.get(name);
  if (fn) return yield* runFunction(sh, fn, argv, io);
  const special = SPECIAL_BUILTINS[name];
  if (special) {
    for (const [k, v] of assigns) sh.setVar(k, v); // POSIX: prefix assignments to special builtins persist
    return yield* special(sh, argv, io);
  }
  if (name === 'exec') return yield* exec(sh, argv.slice(1), io);
  if (name === 'env' && argv.length > 1) return yield* envCommand(sh, argv, assigns, io);
  const env = { ...sh.env(), ...Object.fromEntries(assigns) };
  const program = findProgram(sh, name);
  if (program) return yield* runProgram(program, programContext(sh, argv, env, io));
  const script = name.includes('/') ? sh.rt.fs.read(resolvePath(sh.st.cwd, name)) : undefined;
  if (script?.ok) return yield* runScript(sh, resolvePath(sh.st.cwd, name), script.value, argv, env, io);
  io.stderr.write(`sh: ${argv[0] ?? ''}: not found\n`);
  return 127;
}

/** `env [-i] [NAME=value…] [cmd args…]`: runs cmd with a changed environment; without cmd, prints it. */
function* envCommand(sh: Shell, argv: readonly string[], assigns: readonly [string, string][], io: Io): Gen<number> {
  let i = 1;
  const extra: [string, string][] = [...assigns];
  for (; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const m = /^([^=]+)=([\s\S]*)$/.exec(a);
    if (a === '-i' || a === '-') continue;
    if (!m?.[1]) break;
    extra.push([m[1], m[2] ?? '']);
  }
  if (i >= argv.length) {
    const env = { ...sh.env(), ...Object.fromEntries(extra) };
    return yield* runProgram(BUILTINS['env'] ?? (() => 0), programContext(sh, ['env'], env, io));
  }
  return yield* runArgv(sh, argv.slice(i), extra, io);
}

function* runFunction(sh: Shell, body: Command, argv: readonly string[], io: Io): Gen<number> {
  const saved = sh.st.positional;
  sh.st.positional = argv.slice(1);
  try {
    return yield* sh.runCommand(body, io);
  } catch (e) {
    if (e instanceof ReturnSignal) return e.code;
    throw e;
  } finally {
    sh.st.positional = saved;
  }
}

/**
 * `/bin/sleep` is our `sleep` unless the filesystem holds a real file there
 * (a script from a ConfigMap, say): paths in the usual bin directories map
 * to their basename.
 */
function lookupName(sh: Shell, name: string): string {
  // An image program named by its path (/docker-entrypoint.sh) needs no filesystem lookup.
  if (!name.includes('/') || Object.hasOwn(sh.rt.commands, name)) return name;
  const path = resolvePath(sh.st.cwd, name);
  if (sh.rt.fs.exists(path) || !BIN_DIRS.has(dirname(path))) return name;
  return basename(path);
}

/** Finds a program by name: the kubelet's hooks (by name, then basename), then builtins. */
export function findProgram(sh: Shell, name: string): Program | undefined {
  const hooks = sh.rt.commands;
  if (Object.hasOwn(hooks, name)) return hooks[name];
  if (name.includes('/')) {
    const base = basename(name);
    return Object.hasOwn(hooks, base) ? hooks[base] : undefined;
  }
  return Object.hasOwn(BUILTINS, name) ? BUILTINS[name] : undefined;
}

/** The interpreter a script names with `#!` (`#!/usr/bin/env bash` → bash); sh without one. */
function interpreterOf(text: string): string {
  const m = /^#!\s*(\S+)(?:[ \t]+(\S+))?/.exec(text);
  if (!m?.[1]) return 'sh';
  const first = basename(m[1]);
  return first === 'env' && m[2] ? basename(m[2]) : first;
}

/**
 * A file run as a command: shell scripts (no `#!`, or `#!` naming a shell)
 * run in a fresh shell; another interpreter (`#!/usr/bin/env python3`) runs
 * if the kubelet hooked it, else the kernel's ENOENT reads as "not found".
 */
function* runScript(
  sh: Shell,
  path: string,
  text: string,
  argv: readonly string[],
  env: Record<string, string>,
  io: Io,
): Gen<number> {
  const interp = interpreterOf(text);
  if (['sh', 'bash', 'ash', 'dash'].includes(interp)) {
    return yield* sh.rt.runShell(
      sh.clock,
      { argv: ['sh', path, ...argv.slice(1)], env, cwd: sh.st.cwd, pid: sh.st.pid },
      io,
    );
  }
  const hook = sh.rt.commands[interp];
  if (hook) return yield* runProgram(hook, programContext(sh, [interp, path, ...argv.slice(1)], env, io));
  io.stderr.write(`sh: ${argv[0] ?? ''}: not found\n`);
  return 127;
}

/** The context a program runs with. */
export function programContext(
  sh: Shell,
  argv: readonly string[],
  env: Record<string, string>,
  io: Io,
): ProgramContext {
  const cwd = sh.st.cwd;
  return {
    argv,
    env,
    cwd,
    fs: sh.rt.fs,
    hostname: sh.rt.hostname,
    pid: sh.st.pid,
    stdin: io.stdin,
    now: () => sh.now(),
    stdout: (t) => io.stdout.write(t),
    stderr: (t) => io.stderr.write(t),
    resolve: (p) => resolvePath(cwd, p),
  };
}

/**
 * `exec cmd args`: runs the command, then the shell is gone (its status is the
 * command's). `exec >file` without a command (permanent redirection) is not
 * modelled and does nothing.
 */
function* exec(sh: Shell, argv: readonly string[], io: Io): Gen<number> {
  if (argv.length === 0) return 0;
  const status = yield* runArgv(sh, argv, [], io);
  throw new ExitSignal(status);
}
