/**
 * Walking and measuring the filesystem: find (paths, -mindepth, -maxdepth,
 * -name, -type f|d, -print, -delete — enough for the PV recycler's scrub
 * script) and du (-s, -k, -h). Sizes are file bytes rounded up to 1 KiB
 * blocks per file, as du counts blocks; directories cost nothing.
 */

import { strerror } from '../fs.ts';
import type { FileSystem } from '../fs.ts';
import { matchPattern } from '../glob.ts';
import { basename, joinPath } from '../path.ts';
import type { Program, ProgramContext } from '../program.ts';
import { fail, parseOpts } from './util.ts';

interface FindExpr {
  minDepth: number;
  maxDepth: number;
  name?: string;
  type?: 'f' | 'd';
  del: boolean;
}

function parseFind(ctx: ProgramContext, args: readonly string[]): FindExpr | undefined {
  const e: FindExpr = { minDepth: 0, maxDepth: Infinity, del: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = () => args[++i];
    if (a === '-mindepth' || a === '-maxdepth') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0) return void fail(ctx, `invalid argument to '${a}'`);
      if (a === '-mindepth') e.minDepth = n;
      else e.maxDepth = n;
    } else if (a === '-name') e.name = value();
    else if (a === '-type') {
      const t = value();
      if (t !== 'f' && t !== 'd') return void fail(ctx, `bad arg '${t ?? ''}' to -type`);
      e.type = t;
    } else if (a === '-delete') e.del = true;
    else if (a !== '-print') return void fail(ctx, `unrecognized: ${a}`);
  }
  return e;
}

export const find: Program = (ctx) => {
  const args = ctx.argv.slice(1);
  const firstExpr = args.findIndex((a) => a.startsWith('-'));
  const roots = firstExpr < 0 ? args : args.slice(0, firstExpr);
  const expr = parseFind(ctx, firstExpr < 0 ? [] : args.slice(firstExpr));
  if (!expr) return 1;
  let status = 0;
  for (const root of roots.length ? roots : ['.']) {
    if (!ctx.fs.exists(ctx.resolve(root))) {
      fail(ctx, `${root}: ${strerror('ENOENT')}`);
      status = 1;
      continue;
    }
    if (!walk(ctx, expr, root, 0)) status = 1;
  }
  return status;
};

/** Depth-first; with -delete, children go before their directory (busybox turns on -depth). */
function walk(ctx: ProgramContext, e: FindExpr, shown: string, depth: number): boolean {
  const path = ctx.resolve(shown);
  const isDir = ctx.fs.isDir(path);
  let ok = true;
  const matches =
    depth >= e.minDepth &&
    (!e.name || matchPattern(e.name, basename(path) || '/')) &&
    (!e.type || (e.type === 'd') === isDir);
  if (matches && !e.del) ctx.stdout(`${shown}\n`);
  if (isDir && depth < e.maxDepth) {
    const names = ctx.fs.list(path);
    for (const n of names.ok ? names.value : []) ok = walk(ctx, e, joinPath(shown, n), depth + 1) && ok;
  }
  if (matches && e.del) {
    const r = ctx.fs.remove(path, { recursive: false });
    if (!r.ok) {
      fail(ctx, `${shown}: ${strerror(r.errno)}`);
      ok = false;
    }
  }
  return ok;
}

/** 1 KiB blocks a file takes (at least one for a non-empty file). */
function blocks(fs: FileSystem, path: string): number {
  const st = fs.stat(path);
  if (!st.ok) return 0;
  if (st.value.type === 'file') return Math.ceil(st.value.size / 1024);
  const names = fs.list(path);
  let total = 0;
  for (const n of names.ok ? names.value : []) total += blocks(fs, joinPath(path, n));
  return total;
}

function human(kib: number): string {
  if (kib < 1024) return `${kib}.0K`.replace('.0K', 'K');
  const units = ['M', 'G', 'T'];
  let v = kib / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)}${units[u]}`;
}

export const du: Program = (ctx) => {
  const o = parseOpts(ctx, 'skhacm');
  if (!o) return 1;
  const show = (kib: number, p: string) => ctx.stdout(`${o.flags.has('h') ? human(kib) : kib}\t${p}\n`);
  let status = 0;
  for (const f of o.operands.length ? o.operands : ['.']) {
    const path = ctx.resolve(f);
    if (!ctx.fs.exists(path)) {
      fail(ctx, `${f}: ${strerror('ENOENT')}`);
      status = 1;
      continue;
    }
    if (!o.flags.has('s') && ctx.fs.isDir(path)) listDirs(ctx, f, show);
    show(blocks(ctx.fs, path), f);
  }
  return status;
};

/** Without -s, du prints every directory below first, deepest first. */
function listDirs(ctx: ProgramContext, shown: string, show: (kib: number, p: string) => void): void {
  const names = ctx.fs.list(ctx.resolve(shown));
  for (const n of names.ok ? names.value : []) {
    const child = joinPath(shown, n);
    if (!ctx.fs.isDir(ctx.resolve(child))) continue;
    listDirs(ctx, child, show);
    show(blocks(ctx.fs, ctx.resolve(child)), child);
  }
}
