/**
 * Builtins that act on the shell itself (variables, cwd, control flow, jobs),
 * so they cannot be plain programs. Messages follow busybox ash.
 * `trap` is accepted and ignored: signals end the process directly.
 */

import { ExitSignal, LoopSignal, ReturnSignal, ShellError, ShellSyntaxError } from './errors.ts';
import { strerror } from './fs.ts';
import type { Io } from './io.ts';
import { resolvePath } from './path.ts';
import { parseScript } from './parser.ts';
import type { Yield } from './program.ts';
import { SIGNALS } from './runtime.ts';
import type { Shell } from './shell.ts';

type Gen<T> = Generator<Yield, T, void>;
/** A shell builtin. */
export type SpecialBuiltin = (sh: Shell, argv: readonly string[], io: Io) => Gen<number>;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function* exit(sh: Shell, argv: readonly string[]): Gen<number> {
  const code = argv[1] === undefined ? sh.st.status : Number.parseInt(argv[1], 10);
  if (Number.isNaN(code)) throw new ShellError(`exit: Illegal number: ${argv[1] ?? ''}`, 2, true);
  throw new ExitSignal(code & 255);
}

function* loopControl(sh: Shell, argv: readonly string[]): Gen<number> {
  const n = argv[1] === undefined ? 1 : Number.parseInt(argv[1], 10);
  if (!(n >= 1)) throw new ShellError(`${argv[0] ?? ''}: Illegal number: ${argv[1] ?? ''}`, 2, true);
  if (sh.loopDepth === 0) return 0; // ash ignores break/continue outside a loop
  throw new LoopSignal(argv[0] === 'break' ? 'break' : 'continue', Math.min(n, sh.loopDepth));
}

function* ret(sh: Shell, argv: readonly string[]): Gen<number> {
  throw new ReturnSignal(argv[1] === undefined ? sh.st.status : Number.parseInt(argv[1], 10) & 255);
}

function* cd(sh: Shell, argv: readonly string[], io: Io): Gen<number> {
  const arg = argv[1];
  const target =
    arg === undefined ? (sh.getVar('HOME') ?? '/') : arg === '-' ? (sh.getVar('OLDPWD') ?? sh.st.cwd) : arg;
  const path = resolvePath(sh.st.cwd, target);
  const stat = sh.rt.fs.stat(path);
  if (!stat.ok || stat.value.type !== 'dir') {
    io.stderr.write(`sh: cd: can't cd to ${target}: ${strerror(stat.ok ? 'ENOTDIR' : stat.errno)}\n`);
    return 2;
  }
  sh.setVar('OLDPWD', sh.st.cwd, true);
  sh.st.cwd = path;
  sh.setVar('PWD', path, true);
  if (arg === '-') io.stdout.write(`${path}\n`);
  return 0;
}

/** `export`/`readonly`/`local`: NAME or NAME=value; with no names, list. */
function declare(exported: boolean | undefined): SpecialBuiltin {
  return function* (sh, argv, io) {
    const names = argv.slice(1).filter((a) => !a.startsWith('-'));
    if (names.length === 0) {
      for (const [k, v] of [...sh.st.vars].sort(([a], [b]) => a.localeCompare(b))) {
        if (!exported || v.exported) io.stdout.write(`export ${k}='${v.value.replace(/'/g, `'"'"'`)}'\n`);
      }
      return 0;
    }
    for (const a of names) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a : a.slice(0, eq);
      if (!NAME.test(name)) throw new ShellError(`${argv[0] ?? ''}: ${name}: bad variable name`, 2, true);
      const value = eq < 0 ? (sh.getVar(name) ?? '') : a.slice(eq + 1);
      if (eq >= 0 || sh.st.vars.has(name) || exported) sh.setVar(name, value, exported || undefined);
    }
    return 0;
  };
}

function* unset(sh: Shell, argv: readonly string[]): Gen<number> {
  const fns = argv[1] === '-f';
  for (const name of argv.slice(1).filter((a) => !a.startsWith('-'))) {
    if (fns) sh.st.functions.delete(name);
    else sh.st.vars.delete(name);
  }
  return 0;
}

function* set(sh: Shell, argv: readonly string[], io: Io): Gen<number> {
  if (argv.length === 1) {
    for (const [k, v] of [...sh.st.vars].sort(([a], [b]) => a.localeCompare(b))) io.stdout.write(`${k}='${v.value}'\n`);
    return 0;
  }
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--') {
      i++;
      break;
    }
    if (a === '-o' || a === '+o') {
      i++; // `set -o pipefail` and friends: accepted, not modelled
      continue;
    }
    if (!/^[-+][a-z]+$/.test(a)) break;
    const on = a.startsWith('-');
    for (const f of a.slice(1)) {
      if (f === 'e') sh.st.opts.errexit = on;
      if (f === 'x') sh.st.opts.xtrace = on;
      if (f === 'u') sh.st.opts.nounset = on;
    }
  }
  if (i < argv.length || argv[i - 1] === '--') sh.st.positional = argv.slice(i);
  return 0;
}

function* shift(sh: Shell, argv: readonly string[]): Gen<number> {
  const n = argv[1] === undefined ? 1 : Number.parseInt(argv[1], 10);
  if (!(n >= 0) || n > sh.st.positional.length) throw new ShellError(`shift: can't shift that many`, 2, true);
  sh.st.positional = sh.st.positional.slice(n);
  return 0;
}

function* evalBuiltin(sh: Shell, argv: readonly string[], io: Io): Gen<number> {
  return yield* runText(sh, argv.slice(1).join(' '), io);
}

function* source(sh: Shell, argv: readonly string[], io: Io): Gen<number> {
  const file = argv[1];
  if (file === undefined) throw new ShellError('.: .: Not enough arguments', 2, true);
  const text = sh.rt.fs.read(resolvePath(sh.st.cwd, file));
  if (!text.ok) throw new ShellError(`.: can't open '${file}': ${strerror(text.errno)}`, 2, true);
  try {
    return yield* runText(sh, text.value, io);
  } catch (e) {
    if (e instanceof ReturnSignal) return e.code;
    throw e;
  }
}

function* runText(sh: Shell, text: string, io: Io): Gen<number> {
  try {
    return yield* sh.runList(parseScript(text), io);
  } catch (e) {
    if (e instanceof ShellSyntaxError) throw new ShellError(e.message, 2, true);
    throw e;
  }
}

/** `read [-r] [-p prompt] [name…]`: one line of stdin split on IFS; status 1 at end of input. */
function* read(sh: Shell, argv: readonly string[], io: Io): Gen<number> {
  let raw = false;
  const names: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '-r') raw = true;
    else if (a === '-p') io.stderr.write(argv[++i] ?? '');
    else names.push(a);
  }
  if (names.length === 0) names.push('REPLY');
  let line = io.stdin.readLine();
  if (line === undefined) {
    names.forEach((n) => sh.setVar(n, ''));
    return 1;
  }
  if (!raw) line = line.replace(/\\(.)/g, '$1');
  assignFields(sh, names, line);
  return 0;
}

function assignFields(sh: Shell, names: readonly string[], line: string): void {
  const ifs = sh.getVar('IFS') ?? ' \t\n';
  const isSep = (c: string): boolean => ifs.includes(c);
  let rest = ifs === '' ? line : line.replace(/^[ \t\n]+/, '');
  names.forEach((name, i) => {
    if (i === names.length - 1 || ifs === '') {
      sh.setVar(name, i === names.length - 1 ? rest.replace(/[ \t\n]+$/, '') : '');
      rest = '';
      return;
    }
    let j = 0;
    while (j < rest.length && !isSep(rest[j] ?? '')) j++;
    sh.setVar(name, rest.slice(0, j));
    rest = rest.slice(j + 1).replace(/^[ \t\n]+/, '');
  });
}

/** `wait [pid…]`: blocks until the jobs end; the status is the last one's (127 for an unknown pid). */
function* wait(sh: Shell, argv: readonly string[]): Gen<number> {
  const pids = argv.length > 1 ? argv.slice(1).map(Number) : sh.rt.runningJobs();
  if (pids.length === 0) return 0;
  yield { join: pids };
  const last = pids[pids.length - 1] ?? 0;
  return argv.length > 1 ? (sh.rt.jobStatus(last) ?? 127) : 0;
}

/** `kill [-SIG|-s SIG|-l] pid…` for background jobs and the shell itself. */
function* kill(sh: Shell, argv: readonly string[], io: Io): Gen<number> {
  let signal = SIGNALS.TERM ?? 15;
  let i = 1;
  const a = argv[1] ?? '';
  if (a === '-l') {
    io.stdout.write(`${Object.keys(SIGNALS).join(' ')}\n`);
    return 0;
  }
  if (a === '-s') {
    signal = parseSignal(argv[2] ?? '');
    i = 3;
  } else if (a.startsWith('-')) {
    signal = parseSignal(a.slice(1));
    i = 2;
  }
  if (Number.isNaN(signal)) throw new ShellError(`kill: bad signal name '${a}'`, 1, false);
  let status = 0;
  for (const p of argv.slice(i)) {
    const pid = Number(p);
    if (pid === sh.st.pid) throw new ExitSignal(128 + signal);
    if (!sh.rt.killJob(pid, signal)) {
      io.stderr.write(`sh: kill: can't kill pid ${p}: No such process\n`);
      status = 1;
    }
  }
  return status;
}

function parseSignal(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  return SIGNALS[s.toUpperCase().replace(/^SIG/, '')] ?? Number.NaN;
}

function* nestedShell(sh: Shell, argv: readonly string[], io: Io): Gen<number> {
  return yield* sh.rt.runShell(sh.clock, { argv, env: sh.env(), cwd: sh.st.cwd, pid: sh.st.pid }, io);
}

function* ignore(): Gen<number> {
  return 0;
}

/** The shell's own builtins, by name. */
export const SPECIAL_BUILTINS: Readonly<Record<string, SpecialBuiltin>> = {
  exit,
  break: loopControl,
  continue: loopControl,
  return: ret,
  cd,
  export: declare(true),
  readonly: declare(undefined),
  local: declare(undefined),
  unset,
  set,
  shift,
  eval: evalBuiltin,
  '.': source,
  source,
  read,
  wait,
  kill,
  trap: ignore,
  sh: nestedShell,
  bash: nestedShell,
  ash: nestedShell,
};
