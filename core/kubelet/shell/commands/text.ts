/**
 * Text filters: wc, head, tail, grep, tee,
 * sort, uniq, tr, cut, rev. Inputs are whole strings (pipes are buffered).
 */

import { utf8Length } from '../path.ts';
import type { Program, ProgramContext } from '../program.ts';
import { toRegExp } from './regex.ts';
import { fail, lines, parseOpts, readInputs } from './util.ts';

/** busybox wc: "%9u" columns, or a bare number for one count of one input. */
export const wc: Program = (ctx) => {
  const o = parseOpts(ctx, 'lwcmL');
  if (!o) return 1;
  const wanted = ['l', 'w', 'c'].filter((f) => o.flags.has(f) || (f === 'c' && o.flags.has('m')));
  const cols = wanted.length ? wanted : ['l', 'w', 'c'];
  const { texts, ok } = readInputs(ctx, o.operands);
  const bare = cols.length === 1 && o.operands.length <= 1;
  const totals = [0, 0, 0];
  for (const t of texts) {
    const counts = [t.text.split('\n').length - 1, t.text.split(/\s+/).filter(Boolean).length, utf8Length(t.text)];
    counts.forEach((c, i) => (totals[i] = (totals[i] ?? 0) + c));
    ctx.stdout(row(counts, cols, bare) + (t.file === '-' ? '\n' : ` ${t.file}\n`));
  }
  if (texts.length > 1) ctx.stdout(`${row(totals, cols, false)} total\n`);
  return ok ? 0 : 1;
};

function row(counts: readonly number[], cols: readonly string[], bare: boolean): string {
  const pick = cols.map((c) => counts['lwc'.indexOf(c)] ?? 0);
  return bare ? String(pick[0] ?? 0) : pick.map((n) => String(n).padStart(9)).join(' ');
}

/** `-n N` or the old `-N` form. */
function countOption(
  ctx: ProgramContext,
): { n: number; fromStart: boolean; files: string[]; follow?: 'f' | 'F' } | undefined {
  const args = ctx.argv.slice(1).map((a) => (/^-\d+$/.test(a) ? `-n${a.slice(1)}` : a));
  const o = parseOpts({ ...ctx, argv: [ctx.argv[0] ?? '', ...args] }, 'qvfF', 'nc');
  if (!o) return undefined;
  const raw = o.values.get('n') ?? '10';
  const n = Number.parseInt(raw.replace(/^[+-]/, ''), 10);
  if (Number.isNaN(n)) {
    fail(ctx, `invalid number '${raw}'`);
    return undefined;
  }
  return {
    n,
    fromStart: raw.startsWith('+'),
    files: [...o.operands],
    follow: o.flags.has('f') ? 'f' : o.flags.has('F') ? 'F' : undefined,
  };
}

export const head: Program = (ctx) => {
  const c = countOption(ctx);
  if (!c) return 1;
  const { texts, ok } = readInputs(ctx, c.files);
  for (const t of texts) {
    const ls = lines(t.text).slice(0, c.n);
    if (ls.length) ctx.stdout(ls.join('\n') + '\n');
  }
  return ok ? 0 : 1;
};

/** `tail [-n N|-n +N] [-f|-F] [FILE…]`; -f/-F follow files on the virtual clock (checked each second). */
export const tail: Program = (ctx) => {
  const c = countOption(ctx);
  if (!c) return 1;
  const follow = c.follow && c.files.length > 0;
  const present = follow && c.follow === 'F' ? c.files.filter((f) => ctx.fs.exists(ctx.resolve(f))) : c.files;
  const { texts, ok } = present.length || !follow ? readInputs(ctx, present) : { texts: [], ok: true };
  for (const t of texts) {
    const all = lines(t.text);
    const ls = c.fromStart ? all.slice(Math.max(0, c.n - 1)) : c.n === 0 ? [] : all.slice(-c.n);
    if (ls.length) ctx.stdout(ls.join('\n') + '\n');
  }
  if (!follow) return ok ? 0 : 1;
  const seen = new Map(c.files.map((f) => [f, texts.find((t) => t.file === f)?.text.length ?? -1]));
  return followFiles(ctx, seen, c.fromStart);
};

function* followFiles(
  ctx: ProgramContext,
  seen: Map<string, number>,
  fromStart: boolean,
): Generator<{ sleepMs: number }, number, void> {
  for (;;) {
    yield { sleepMs: 1000 };
    for (const [file, length] of seen) {
      const r = ctx.fs.read(ctx.resolve(file));
      if (!r.ok) continue;
      // A file that appears (tail -F) is printed from its start when -n +1 asked for it, else from now on.
      const from = length < 0 ? (fromStart ? 0 : r.value.length) : r.value.length < length ? 0 : length;
      if (r.value.length > from) ctx.stdout(r.value.slice(from));
      seen.set(file, r.value.length);
    }
  }
}

/** `grep [-qvicnE] [-e] PATTERN [FILE…]` with POSIX-ish regular expressions. */
export const grep: Program = (ctx) => {
  const o = parseOpts(ctx, 'qvicnEFwsHlh', 'e');
  if (!o) return 1;
  const ops = [...o.operands];
  const pattern = o.values.get('e') ?? ops.shift();
  if (pattern === undefined) {
    fail(ctx, 'missing operand');
    return 2;
  }
  const re = toRegExp(pattern, o.flags.has('F'), o.flags.has('E'), o.flags.has('i'), o.flags.has('w'));
  const { texts, ok } = readInputs(ctx, ops);
  const many = texts.length > 1 && !o.flags.has('h');
  let matched = 0;
  for (const t of texts) {
    const hits = lines(t.text)
      .map((l, i) => ({ l, i }))
      .filter(({ l }) => re.test(l) !== o.flags.has('v'));
    matched += hits.length;
    if (o.flags.has('q')) continue;
    const prefix = many ? `${t.file === '-' ? '(standard input)' : t.file}:` : '';
    if (o.flags.has('l')) {
      if (hits.length) ctx.stdout(`${t.file}\n`);
    } else if (o.flags.has('c')) ctx.stdout(`${prefix}${hits.length}\n`);
    else for (const h of hits) ctx.stdout(`${prefix}${o.flags.has('n') ? `${h.i + 1}:` : ''}${h.l}\n`);
  }
  if (!ok && !o.flags.has('s')) return 2;
  return matched > 0 ? 0 : 1;
};

export const tee: Program = (ctx) => {
  const o = parseOpts(ctx, 'ai');
  if (!o) return 1;
  const text = ctx.stdin.readAll();
  let status = 0;
  for (const f of o.operands) {
    const path = ctx.resolve(f);
    const r = o.flags.has('a') ? ctx.fs.append(path, text, ctx.now()) : ctx.fs.write(path, text, ctx.now());
    if (!r.ok) {
      fail(ctx, `${f}: can't open`);
      status = 1;
    }
  }
  ctx.stdout(text);
  return status;
};

export const sort: Program = (ctx) => {
  const o = parseOpts(ctx, 'rnu');
  if (!o) return 1;
  const { texts, ok } = readInputs(ctx, o.operands);
  let ls = texts.flatMap((t) => lines(t.text));
  ls.sort(
    o.flags.has('n') ? (a, b) => parseFloat(a || '0') - parseFloat(b || '0') : (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  );
  if (o.flags.has('r')) ls.reverse();
  if (o.flags.has('u')) ls = ls.filter((l, i) => i === 0 || l !== ls[i - 1]);
  if (ls.length) ctx.stdout(ls.join('\n') + '\n');
  return ok ? 0 : 1;
};

export const uniq: Program = (ctx) => {
  const o = parseOpts(ctx, 'c');
  if (!o) return 1;
  const { texts, ok } = readInputs(ctx, o.operands.slice(0, 1));
  const groups: { line: string; n: number }[] = [];
  for (const l of texts.flatMap((t) => lines(t.text))) {
    const last = groups[groups.length - 1];
    if (last && last.line === l) last.n++;
    else groups.push({ line: l, n: 1 });
  }
  for (const g of groups) ctx.stdout(o.flags.has('c') ? `${String(g.n).padStart(7)} ${g.line}\n` : `${g.line}\n`);
  return ok ? 0 : 1;
};

/** busybox rev: every line of the files (or stdin) reversed; a last line without a newline stays without. */
export const rev: Program = (ctx) => {
  const o = parseOpts(ctx, '');
  if (!o) return 1;
  const { texts, ok } = readInputs(ctx, o.operands);
  for (const t of texts)
    ctx.stdout(
      t.text
        .split('\n')
        .map((l) => [...l].reverse().join(''))
        .join('\n'),
    );
  return ok ? 0 : 1;
};

/** `tr [-d] SET1 [SET2]` with ranges (a-z) and escapes. */
export const tr: Program = (ctx) => {
  const o = parseOpts(ctx, 'ds');
  if (!o) return 1;
  const [s1, s2] = o.operands.map(expandSet);
  if (s1 === undefined) {
    fail(ctx, 'missing operand');
    return 1;
  }
  const input = ctx.stdin.readAll();
  let out = '';
  for (const c of input) {
    const i = s1.indexOf(c);
    if (i < 0) out += c;
    else if (!o.flags.has('d')) out += s2?.[Math.min(i, s2.length - 1)] ?? c;
  }
  ctx.stdout(out);
  return 0;
};

function expandSet(set: string): string[] {
  const s = set
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t')
    .replace('[:lower:]', 'a-z')
    .replace('[:upper:]', 'A-Z')
    .replace('[:digit:]', '0-9');
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i] ?? '';
    const end = s[i + 2];
    if (s[i + 1] === '-' && end !== undefined) {
      for (let k = c.charCodeAt(0); k <= end.charCodeAt(0); k++) out.push(String.fromCharCode(k));
      i += 2;
    } else out.push(c);
  }
  return out;
}

/** `cut -d D -f LIST` or `cut -c LIST`. */
export const cut: Program = (ctx) => {
  const o = parseOpts(ctx, 's', 'dfc');
  if (!o) return 1;
  const list = o.values.get('f') ?? o.values.get('c');
  if (list === undefined) {
    fail(ctx, 'expected a list of bytes, characters, or fields');
    return 1;
  }
  const picks = list.split(',').flatMap((r) => {
    const [a, b] = r.split('-');
    const from = a ? Number(a) : 1;
    const to = r.includes('-') ? (b ? Number(b) : 1e9) : from;
    return [{ from, to }];
  });
  const keep = (i: number): boolean => picks.some((p) => i >= p.from && i <= p.to);
  const { texts, ok } = readInputs(ctx, o.operands);
  const delim = o.values.get('d') ?? '\t';
  for (const l of texts.flatMap((t) => lines(t.text))) {
    if (o.values.has('c')) ctx.stdout([...l].filter((_, i) => keep(i + 1)).join('') + '\n');
    else if (!l.includes(delim)) {
      if (!o.flags.has('s')) ctx.stdout(`${l}\n`);
    } else
      ctx.stdout(
        l
          .split(delim)
          .filter((_, i) => keep(i + 1))
          .join(delim) + '\n',
      );
  }
  return ok ? 0 : 1;
};
