/**
 * Starting a shell: `sh [-eux] -c 'script' [arg0 [args…]]`, `sh file [args…]`,
 * or `sh` reading its script from stdin (`kubectl exec -i … -- sh`). Each
 * runs in a fresh shell environment seeded from the exported environment.
 */

import type { List } from './ast.ts';
import { ExitSignal, ReturnSignal, ShellSyntaxError } from './errors.ts';
import type { Io } from './io.ts';
import { basename, resolvePath } from './path.ts';
import { parseScript } from './parser.ts';
import type { Yield } from './program.ts';
import type { Runtime, ShellInvocation, ThreadClock } from './runtime.ts';
import { Shell, type ShellState } from './shell.ts';
import { runArgv } from './simple.ts';

export type { ShellInvocation };

type Gen<T> = Generator<Yield, T, void>;

const SHELL_NAMES = new Set(['sh', 'bash', 'ash', 'dash']);

/** Whether argv[0] names a shell (`sh`, `/bin/sh`, `bash`, `/bin/bash`, `ash`…). */
export function isShellName(name: string): boolean {
  return SHELL_NAMES.has(basename(name));
}

interface ScriptSource {
  text: string;
  arg0: string;
  args: string[];
  opts: ShellState['opts'];
}

/** Runs `sh …` as invoked by `argv`; returns the shell's exit status. */
export function* runShellArgv(rt: Runtime, clock: ThreadClock, inv: ShellInvocation, io: Io): Gen<number> {
  const src = scriptSource(rt, inv, io);
  if (typeof src === 'number') return src;
  return yield* runText(rt, clock, src, inv, io);
}

/** Reads options and where the script comes from; a number is an early exit status. */
function scriptSource(rt: Runtime, inv: ShellInvocation, io: Io): ScriptSource | number {
  const opts = { errexit: false, xtrace: false, nounset: false };
  let command = false;
  let i = 1;
  for (; i < inv.argv.length; i++) {
    const a = inv.argv[i] ?? '';
    if (a === '--' || a === '-') {
      i++;
      break;
    }
    if (!/^[-+][a-zA-Z]+$/.test(a)) break;
    const on = a.startsWith('-');
    for (const f of a.slice(1)) {
      if (f === 'c') command = true;
      else if (f === 'e') opts.errexit = on;
      else if (f === 'x') opts.xtrace = on;
      else if (f === 'u') opts.nounset = on;
    }
  }
  const rest = inv.argv.slice(i);
  if (command) {
    const text = rest[0];
    if (text === undefined) {
      io.stderr.write('sh: -c requires an argument\n');
      return 2;
    }
    return { text, arg0: rest[1] ?? inv.argv[0] ?? 'sh', args: rest.slice(2), opts };
  }
  const file = rest[0];
  if (file === undefined) return { text: io.stdin.readAll(), arg0: inv.argv[0] ?? 'sh', args: [], opts };
  const read = rt.fs.read(resolvePath(inv.cwd, file));
  if (!read.ok) {
    io.stderr.write(`sh: can't open '${file}': No such file or directory\n`);
    return 2;
  }
  return { text: read.value, arg0: file, args: rest.slice(1), opts };
}

function* runText(rt: Runtime, clock: ThreadClock, src: ScriptSource, inv: ShellInvocation, io: Io): Gen<number> {
  let list: List;
  try {
    list = parseScript(src.text);
  } catch (e) {
    if (!(e instanceof ShellSyntaxError)) throw e;
    io.stderr.write(`sh: ${e.message}\n`);
    return 2;
  }
  const sh = new Shell(rt, clock, initialState(src, inv));
  try {
    return yield* sh.runList(list, io);
  } catch (e) {
    if (e instanceof ExitSignal || e instanceof ReturnSignal) return e.code;
    throw e;
  }
}

function initialState(src: ScriptSource, inv: ShellInvocation): ShellState {
  const vars = new Map(Object.entries(inv.env).map(([k, v]) => [k, { value: v, exported: true }]));
  vars.set('PWD', { value: inv.cwd, exported: true });
  return {
    vars,
    positional: src.args,
    arg0: src.arg0,
    status: 0,
    cwd: inv.cwd,
    functions: new Map(),
    opts: src.opts,
    pid: inv.pid,
    lastBg: undefined,
  };
}

/**
 * Runs a non-shell argv (`["sleep","3600"]`, `["nginx","-g","daemon off;"]`)
 * as the shell would run that one command, without parsing anything.
 */
export function* runCommandArgv(rt: Runtime, clock: ThreadClock, inv: ShellInvocation, io: Io): Gen<number> {
  const src: ScriptSource = { text: '', arg0: 'sh', args: [], opts: { errexit: false, xtrace: false, nounset: false } };
  const sh = new Shell(rt, clock, initialState(src, inv));
  try {
    return yield* runArgv(sh, inv.argv, [], io);
  } catch (e) {
    if (e instanceof ExitSignal || e instanceof ReturnSignal) return e.code;
    throw e;
  }
}
