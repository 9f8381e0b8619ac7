/**
 * Small utilities: echo, printf, sleep, true/false, yes, seq, hostname,
 * whoami, id, uname, env, printenv, pwd, basename, dirname. Output and exit
 * codes follow busybox.
 */

import { basename as baseOf, dirname as dirOf } from '../path.ts';
import { STEP, type Program, type ProgramBody, type ProgramContext } from '../program.ts';
import { fail, parseOpts, unescape } from './util.ts';

/** busybox echo: `-n`, `-e`, `-E` only as leading options; no escapes without `-e`. */
export const echo: Program = (ctx) => {
  const args = ctx.argv.slice(1);
  let newline = true;
  let escapes = false;
  while (args.length && /^-[neE]+$/.test(args[0] ?? '')) {
    const flags = args.shift() ?? '';
    if (flags.includes('n')) newline = false;
    if (flags.includes('e')) escapes = true;
    if (flags.includes('E')) escapes = false;
  }
  const text = args.join(' ');
  if (!escapes) {
    ctx.stdout(text + (newline ? '\n' : ''));
    return 0;
  }
  const u = unescape(text);
  ctx.stdout(u.text + (newline && !u.stop ? '\n' : ''));
  return 0;
};

/** `printf FORMAT [ARG…]`: %s %d %i %u %x %X %o %c %f %%, widths and flags; the format repeats while args remain. */
export const printf: Program = (ctx) => {
  const [format, ...args] = ctx.argv.slice(1);
  if (format === undefined) {
    fail(ctx, 'missing operand'); // busybox shows usage; the status is the same
    return 1;
  }
  let status = 0;
  let rest = args;
  do {
    const used = { n: 0 };
    const out = formatOnce(format, rest, used, () => (status = 1), ctx);
    ctx.stdout(out.text);
    if (out.stop) break;
    rest = rest.slice(used.n);
    if (used.n === 0) break;
  } while (rest.length > 0);
  return status;
};

function formatOnce(
  format: string,
  args: readonly string[],
  used: { n: number },
  onError: () => void,
  ctx: ProgramContext,
): { text: string; stop: boolean } {
  const next = (): string => args[used.n++] ?? '';
  let stop = false;
  const text = format.replace(
    /%([-+ 0#]*)(\d*)(?:\.(\d+))?([sdiuxXocfgeb%])|\\c[\s\S]*|\\(?:[0-7]{1,3}|.)/g,
    (m, flags: string, width: string, prec: string | undefined, conv: string | undefined) => {
      if (m.startsWith('\\')) {
        const u = unescape(m);
        if (u.stop) stop = true;
        return u.text;
      }
      if (conv === '%') return '%';
      return pad(convert(conv ?? 's', next(), prec, onError, ctx), flags, width);
    },
  );
  return { text, stop };
}

function convert(
  conv: string,
  arg: string,
  prec: string | undefined,
  onError: () => void,
  ctx: ProgramContext,
): string {
  if (conv === 's') return prec === undefined ? arg : arg.slice(0, Number(prec));
  if (conv === 'b') return unescape(arg).text;
  if (conv === 'c') return arg.slice(0, 1);
  const num = parseNumberArg(arg);
  if (Number.isNaN(num)) {
    ctx.stderr(`printf: invalid number '${arg}'\n`);
    onError();
    return '0';
  }
  if (conv === 'f' || conv === 'g' || conv === 'e')
    return conv === 'f' ? num.toFixed(prec === undefined ? 6 : Number(prec)) : String(num);
  const int = Math.trunc(num);
  if (conv === 'x') return int.toString(16);
  if (conv === 'X') return int.toString(16).toUpperCase();
  if (conv === 'o') return int.toString(8);
  return String(int);
}

function parseNumberArg(arg: string): number {
  if (arg === '') return 0;
  if (/^'./.test(arg) || /^"./.test(arg)) return arg.codePointAt(1) ?? 0;
  if (/^[-+]?0[xX][0-9a-fA-F]+$/.test(arg)) return parseInt(arg, 16);
  return /^\s*[-+]?(\d+\.?\d*|\.\d+)\s*$/.test(arg) ? Number(arg) : Number.NaN;
}

function pad(text: string, flags: string, width: string): string {
  const w = Number(width || 0);
  if (text.length >= w) return text;
  if (flags.includes('-')) return text.padEnd(w);
  if (flags.includes('0') && /^-?\d/.test(text)) {
    const neg = text.startsWith('-');
    return (neg ? '-' : '') + text.slice(neg ? 1 : 0).padStart(w - (neg ? 1 : 0), '0');
  }
  return text.padStart(w);
}

/** Parses a sleep duration: seconds with an optional s/m/h/d suffix, fractions allowed, or `inf`/`infinity`. */
export function parseDuration(s: string): number | undefined {
  if (/^inf(inity)?$/i.test(s)) return Infinity;
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(s);
  if (!m?.[1]) return undefined;
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] ?? ''] ?? 1;
  return Number(m[1]) * unit * 1000;
}

/** `sleep N…`: the durations add up; sub-millisecond remainders round up so time always passes. */
export const sleep: Program = (ctx) => {
  const args = ctx.argv.slice(1);
  if (args.length === 0) {
    fail(ctx, 'missing operand');
    return 1;
  }
  let total = 0;
  for (const a of args) {
    const ms = parseDuration(a);
    if (ms === undefined) {
      fail(ctx, `invalid number '${a}'`);
      return 1;
    }
    total += ms;
  }
  return sleepFor(total);
};

function* sleepFor(ms: number): ProgramBody {
  if (ms > 0) yield { sleepMs: Number.isFinite(ms) ? Math.ceil(ms) : Infinity };
  return 0;
}

/** `yes [STRING]`: repeats forever in chunks (one CPU step each) until its pipe breaks or it is killed. */
export const yes: Program = (ctx) => {
  const line = (ctx.argv.length > 1 ? ctx.argv.slice(1).join(' ') : 'y') + '\n';
  const chunk = line.repeat(64);
  return (function* (): ProgramBody {
    for (;;) {
      ctx.stdout(chunk);
      yield STEP;
    }
  })();
};

/** `seq [-s SEP] [FIRST [INC]] LAST` */
export const seq: Program = (ctx) => {
  const o = parseOpts(ctx, 'w', 's');
  if (!o) return 1;
  const nums = o.operands.map(Number);
  if (nums.length === 0 || nums.length > 3 || nums.some(Number.isNaN)) {
    const bad = o.operands.find((a) => Number.isNaN(Number(a)));
    fail(ctx, bad === undefined ? 'missing operand' : `invalid number '${bad}'`);
    return 1;
  }
  const [first, inc, last] =
    nums.length === 1
      ? [1, 1, nums[0] ?? 1]
      : nums.length === 2
        ? [nums[0] ?? 1, 1, nums[1] ?? 1]
        : [nums[0] ?? 1, nums[1] ?? 1, nums[2] ?? 1];
  const out: string[] = [];
  for (let v = first; inc > 0 ? v <= last : inc < 0 ? v >= last : false; v += inc) out.push(String(v));
  if (out.length) ctx.stdout(out.join(o.values.get('s') ?? '\n') + '\n');
  return 0;
};

export const trueCmd: Program = () => 0;
export const falseCmd: Program = () => 1;

export const hostname: Program = (ctx) => {
  ctx.stdout(`${ctx.hostname}\n`);
  return 0;
};

export const whoami: Program = (ctx) => {
  ctx.stdout('root\n');
  return 0;
};

export const id: Program = (ctx) => {
  ctx.stdout('uid=0(root) gid=0(root) groups=0(root),10(wheel)\n');
  return 0;
};

/** `uname [-asnrmo]`: a Linux x86_64 node named after the pod. */
export const uname: Program = (ctx) => {
  const o = parseOpts(ctx, 'asnrvmpio');
  if (!o) return 1;
  const f = o.flags.has('a') ? new Set(['s', 'n', 'r', 'v', 'm', 'o']) : o.flags.size ? o.flags : new Set(['s']);
  const fields: [string, string][] = [
    ['s', 'Linux'],
    ['n', ctx.hostname],
    ['r', '6.1.0'],
    ['v', '#1 SMP'],
    ['m', 'x86_64'],
    ['o', 'GNU/Linux'],
  ];
  ctx.stdout(
    fields
      .filter(([k]) => f.has(k))
      .map(([, v]) => v)
      .join(' ') + '\n',
  );
  return 0;
};

/** `env` with no command prints the environment (a command after it is run by the shell). */
export const env: Program = (ctx) => {
  for (const [k, v] of Object.entries(ctx.env)) ctx.stdout(`${k}=${v}\n`);
  return 0;
};

export const printenv: Program = (ctx) => {
  const names = ctx.argv.slice(1);
  if (names.length === 0) return env(ctx);
  let status = 0;
  for (const n of names) {
    const v = ctx.env[n];
    if (v === undefined) status = 1;
    else ctx.stdout(`${v}\n`);
  }
  return status;
};

export const pwd: Program = (ctx) => {
  ctx.stdout(`${ctx.cwd}\n`);
  return 0;
};

export const basename: Program = (ctx) => {
  const [path, suffix] = ctx.argv.slice(1);
  if (path === undefined) {
    fail(ctx, 'missing operand');
    return 1;
  }
  let b = baseOf(path.startsWith('/') ? path : `/${path}`);
  if (suffix && b !== suffix && b.endsWith(suffix)) b = b.slice(0, -suffix.length);
  ctx.stdout(`${b}\n`);
  return 0;
};

export const dirname: Program = (ctx) => {
  const path = ctx.argv[1];
  if (path === undefined) {
    fail(ctx, 'missing operand');
    return 1;
  }
  const trimmed = path.replace(/\/+$/, '') || '/';
  const d = !trimmed.includes('/')
    ? '.'
    : dirOf(trimmed.startsWith('/') ? trimmed : `/${trimmed}`).slice(trimmed.startsWith('/') ? 0 : 1) || '/';
  ctx.stdout(`${d}\n`);
  return 0;
};
