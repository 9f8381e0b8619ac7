/**
 * Helpers shared by the utilities: busybox-style option parsing (combined
 * flags, `--`, options only before operands as with musl's getopt) and
 * reading inputs (files or stdin).
 */

import { strerror } from '../fs.ts';
import type { ProgramContext } from '../program.ts';

/** Parsed command line: flags seen, option values, operands. */
export interface Opts {
  readonly flags: ReadonlySet<string>;
  readonly values: ReadonlyMap<string, string>;
  readonly operands: readonly string[];
}

/**
 * Parses `args` (argv without argv[0]). `flags` lists boolean letters,
 * `withValue` letters that take an argument (`-n 5` or `-n5`). Unknown
 * letters print `cmd: invalid option -- 'z'` and give undefined.
 */
export function parseOpts(ctx: ProgramContext, flags: string, withValue = ''): Opts | undefined {
  const set = new Set<string>();
  const values = new Map<string, string>();
  const args = ctx.argv.slice(1);
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-' || /^-\d/.test(a)) break;
    for (let j = 1; j < a.length; j++) {
      const c = a[j] ?? '';
      if (withValue.includes(c)) {
        const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (v === undefined) return usage(ctx, `option requires an argument -- '${c}'`);
        values.set(c, v);
        break;
      }
      if (!flags.includes(c)) return usage(ctx, `invalid option -- '${c}'`);
      set.add(c);
    }
  }
  return { flags: set, values, operands: args.slice(i) };
}

function usage(ctx: ProgramContext, msg: string): undefined {
  ctx.stderr(`${ctx.argv[0] ?? ''}: ${msg}\n`);
  return undefined;
}

/** Prints `name: message` to stderr. */
export function fail(ctx: ProgramContext, message: string): void {
  ctx.stderr(`${name(ctx)}: ${message}\n`);
}

/** The program's name without its directory (`/bin/cat` → `cat`). */
export function name(ctx: ProgramContext): string {
  const a0 = ctx.argv[0] ?? '';
  return a0.slice(a0.lastIndexOf('/') + 1);
}

/**
 * The texts of the operands (stdin for none or `-`). Missing files print
 * `cmd: can't open 'x': No such file or directory` and are skipped;
 * `ok` is false if any failed.
 */
export function readInputs(
  ctx: ProgramContext,
  files: readonly string[],
): { texts: { file: string; text: string }[]; ok: boolean } {
  const texts: { file: string; text: string }[] = [];
  let ok = true;
  for (const file of files.length ? files : ['-']) {
    if (file === '-') {
      texts.push({ file, text: ctx.stdin.readAll() });
      continue;
    }
    const r = ctx.fs.read(ctx.resolve(file));
    if (r.ok) texts.push({ file, text: r.value });
    else {
      ok = false;
      fail(
        ctx,
        r.errno === 'EISDIR' ? `read error: ${strerror(r.errno)}` : `can't open '${file}': ${strerror(r.errno)}`,
      );
    }
  }
  return { texts, ok };
}

/** Splits text into lines without their newlines (a final newline ends the last line). */
export function lines(text: string): string[] {
  if (text === '') return [];
  const out = text.split('\n');
  if (out[out.length - 1] === '') out.pop();
  return out;
}

/** Interprets `\n`-style escapes (`echo -e`, `printf`); returns the text and whether `\c` stopped output. */
export function unescape(text: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const n = text[++i] ?? '';
    if (n === 'c') return { text: out, stop: true };
    if (n === '0' || /[1-7]/.test(n)) {
      const m = /^[0-7]{1,3}/.exec(text.slice(n === '0' ? i + 1 : i))?.[0] ?? '';
      out += String.fromCharCode(parseInt(m || '0', 8));
      i += (n === '0' ? 1 : 0) + m.length - 1;
      continue;
    }
    const map: Record<string, string> = {
      n: '\n',
      t: '\t',
      r: '\r',
      a: '\x07',
      b: '\b',
      e: '\x1b',
      f: '\f',
      v: '\v',
      '\\': '\\',
    };
    out += map[n] ?? `\\${n}`;
  }
  return { text: out, stop: false };
}
