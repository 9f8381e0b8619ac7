/**
 * File utilities over the container FileSystem: cat, touch, rm, mkdir,
 * rmdir, ls, cp, mv, chmod/chown (accepted; modes are not modelled).
 * Messages are busybox's (`rm: can't remove 'x': No such file or directory`).
 */

import { strerror, type FileSystem } from '../fs.ts';
import { basename, joinPath } from '../path.ts';
import type { Program, ProgramContext } from '../program.ts';
import { formatLsTime } from './date.ts';
import { fail, parseOpts, readInputs } from './util.ts';

export const cat: Program = (ctx) => {
  const o = parseOpts(ctx, 'nbvetsu');
  if (!o) return 1;
  const { texts, ok } = readInputs(ctx, o.operands);
  for (const t of texts) ctx.stdout(t.text);
  return ok ? 0 : 1;
};

export const touch: Program = (ctx) => {
  const o = parseOpts(ctx, 'cam');
  if (!o) return 1;
  let status = 0;
  for (const f of o.operands) {
    const path = ctx.resolve(f);
    if (o.flags.has('c') && !ctx.fs.exists(path)) continue;
    const r = ctx.fs.touch(path, ctx.now());
    if (!r.ok) {
      fail(ctx, `${f}: ${strerror(r.errno)}`);
      status = 1;
    }
  }
  return status;
};

export const rm: Program = (ctx) => {
  const o = parseOpts(ctx, 'rRfiv');
  if (!o) return 1;
  const recursive = o.flags.has('r') || o.flags.has('R');
  const force = o.flags.has('f');
  let status = 0;
  for (const f of o.operands) {
    const path = ctx.resolve(f);
    if (!ctx.fs.exists(path)) {
      if (!force) {
        fail(ctx, `can't remove '${f}': No such file or directory`);
        status = 1;
      }
      continue;
    }
    if (ctx.fs.isDir(path) && !recursive) {
      fail(ctx, `'${f}' is a directory`);
      status = 1;
      continue;
    }
    const r = ctx.fs.remove(path, { recursive });
    if (!r.ok) {
      fail(ctx, `can't remove '${f}': ${strerror(r.errno)}`);
      status = 1;
    }
  }
  return status;
};

export const mkdir: Program = (ctx) => {
  const o = parseOpts(ctx, 'pv', 'm');
  if (!o) return 1;
  let status = 0;
  for (const d of o.operands) {
    const r = ctx.fs.mkdir(ctx.resolve(d), ctx.now(), { parents: o.flags.has('p') });
    if (!r.ok) {
      fail(ctx, `can't create directory '${d}': ${strerror(r.errno)}`);
      status = 1;
    }
  }
  return status;
};

export const rmdir: Program = (ctx) => {
  const o = parseOpts(ctx, 'p');
  if (!o) return 1;
  let status = 0;
  for (const d of o.operands) {
    const path = ctx.resolve(d);
    const r = ctx.fs.isDir(path)
      ? ctx.fs.remove(path)
      : { ok: false as const, errno: ctx.fs.exists(path) ? ('ENOTDIR' as const) : ('ENOENT' as const) };
    if (!r.ok) {
      fail(ctx, `'${d}': ${strerror(r.errno)}`);
      status = 1;
    }
  }
  return status;
};

/** Modes and owners are not modelled: accept and succeed when the file exists. */
export const chmodLike: Program = (ctx) => {
  const o = parseOpts(ctx, 'Rvcf');
  if (!o) return 1;
  let status = 0;
  for (const f of o.operands.slice(1)) {
    if (!ctx.fs.exists(ctx.resolve(f))) {
      fail(ctx, `${f}: No such file or directory`);
      status = 1;
    }
  }
  return status;
};

/** `ls [-1alAdR] [FILE…]`: one name per line (stdout is never a terminal here). */
export const ls: Program = (ctx) => {
  const o = parseOpts(ctx, '1alAdRhCFtrS');
  if (!o) return 1;
  const operands = o.operands.length ? o.operands : ['.'];
  let status = 0;
  const files: string[] = [];
  const dirs: string[] = [];
  for (const f of operands) {
    const st = ctx.fs.stat(ctx.resolve(f));
    if (!st.ok) {
      fail(ctx, `${f}: ${strerror(st.errno)}`);
      status = 1;
    } else if (st.value.type === 'dir' && !o.flags.has('d')) dirs.push(f);
    else files.push(f);
  }
  const long = o.flags.has('l');
  const out: string[] = files.map((f) => (long ? longLine(ctx, ctx.resolve(f), f) : f));
  const headers = operands.length > 1;
  dirs.forEach((d, i) => {
    if (headers) out.push(`${i > 0 || files.length ? '\n' : ''}${d}:`);
    out.push(...listDir(ctx, d, o.flags));
  });
  if (out.length) ctx.stdout(out.join('\n') + '\n');
  return status;
};

function listDir(ctx: ProgramContext, d: string, flags: ReadonlySet<string>): string[] {
  const path = ctx.resolve(d);
  const names = ctx.fs.list(path);
  if (!names.ok) return [];
  let entries = names.value.filter((n) => flags.has('a') || flags.has('A') || !n.startsWith('.'));
  if (flags.has('a')) entries = ['.', '..', ...entries];
  if (!flags.has('l')) return entries;
  const blocks = entries.reduce((sum, n) => sum + blocksOf(ctx.fs, joinPath(path, n)), 0);
  return [
    `total ${blocks}`,
    ...entries.map((n) => longLine(ctx, n === '.' || n === '..' ? ctx.resolve(`${d}/${n}`) : joinPath(path, n), n)),
  ];
}

function blocksOf(fs: FileSystem, path: string): number {
  const st = fs.stat(path);
  return st.ok ? Math.ceil(st.value.size / 4096) * 4 : 0;
}

/** busybox `ls -l`: "%-10s %4lu %-8s %-8s %9u Mmm dd HH:MM name". */
function longLine(ctx: ProgramContext, path: string, label: string): string {
  const st = ctx.fs.stat(path);
  if (!st.ok) return label;
  const dir = st.value.type === 'dir';
  const mode = dir ? 'drwxr-xr-x' : '-rw-r--r--';
  const links = dir ? 2 : 1;
  return `${mode.padEnd(10)} ${String(links).padStart(4)} ${'root'.padEnd(8)} ${'root'.padEnd(8)} ${String(st.value.size).padStart(9)} ${formatLsTime(st.value.mtimeMs, ctx.now())} ${label}`;
}

/** Copies a file or (recursively) a directory; returns an errno text on failure. */
function copyTree(ctx: ProgramContext, from: string, to: string): string | undefined {
  const fs = ctx.fs;
  if (!fs.isDir(from)) {
    const data = fs.read(from);
    if (!data.ok) return strerror(data.errno);
    const w = fs.write(to, data.value, ctx.now());
    return w.ok ? undefined : strerror(w.errno);
  }
  if (!fs.isDir(to)) {
    const m = fs.mkdir(to, ctx.now());
    if (!m.ok) return strerror(m.errno);
  }
  const names = fs.list(from);
  for (const n of names.ok ? names.value : []) {
    const e = copyTree(ctx, joinPath(from, n), joinPath(to, n));
    if (e) return e;
  }
  return undefined;
}

/** Shared by cp and mv: where each source goes (into DEST if it is a directory). */
function transfer(ctx: ProgramContext, flags: string, move: boolean): number {
  const o = parseOpts(ctx, flags);
  if (!o) return 1;
  const ops = o.operands;
  const dest = ops[ops.length - 1];
  if (ops.length < 2 || dest === undefined) {
    fail(ctx, 'missing operand');
    return 1;
  }
  const destPath = ctx.resolve(dest);
  const intoDir = ctx.fs.isDir(destPath);
  let status = 0;
  for (const src of ops.slice(0, -1)) {
    const from = ctx.resolve(src);
    const to = intoDir ? joinPath(destPath, basename(from)) : destPath;
    const error = moveOrCopy(ctx, src, from, to, move, o.flags);
    if (error) {
      fail(ctx, error);
      status = 1;
    }
  }
  return status;
}

function moveOrCopy(
  ctx: ProgramContext,
  src: string,
  from: string,
  to: string,
  move: boolean,
  flags: ReadonlySet<string>,
): string | undefined {
  if (!ctx.fs.exists(from)) return `${move ? "can't rename" : "can't stat"} '${src}': No such file or directory`;
  const recursive = move || flags.has('r') || flags.has('R') || flags.has('a');
  if (ctx.fs.isDir(from) && !recursive) return `omitting directory '${src}'`;
  const e = copyTree(ctx, from, to);
  if (e) return `can't create '${to}': ${e}`;
  if (move) {
    const r = ctx.fs.remove(from, { recursive: true });
    if (!r.ok) return `can't remove '${src}': ${strerror(r.errno)}`;
  }
  return undefined;
}

export const cp: Program = (ctx) => transfer(ctx, 'rRapfvdP', false);
export const mv: Program = (ctx) => transfer(ctx, 'fivn', true);
