/**
 * `sed` for the scripts containers use: `s/re/rep/[gip]` (with `\1` and
 * `&`), `d` and `p`, each optionally addressed by a line number or `/re/`,
 * separated by `;` or newlines; `-n`, `-e`, `-E`/`-r`.
 */

import type { Program } from '../program.ts';
import { breToJs, toRegExp } from './regex.ts';
import { fail, lines, parseOpts, readInputs } from './util.ts';

/** `sed [-n] [-e] SCRIPT [FILE…]`: `s/re/rep/[gip]`, `Nd`, `/re/d`, `p`, separated by `;`. */
export const sed: Program = (ctx) => {
  const o = parseOpts(ctx, 'nEri', 'e');
  if (!o) return 1;
  const ops = [...o.operands];
  const script = o.values.get('e') ?? ops.shift();
  if (script === undefined) {
    fail(ctx, 'no script specified');
    return 1;
  }
  const cmds = parseSed(script, o.flags.has('E') || o.flags.has('r'));
  if (typeof cmds === 'string') {
    fail(ctx, cmds);
    return 1;
  }
  const { texts, ok } = readInputs(ctx, ops);
  let out = '';
  let n = 0;
  for (const line of texts.flatMap((t) => lines(t.text))) {
    n++;
    const r = runSed(cmds, line, n);
    out += r.printed;
    if (!r.deleted && !o.flags.has('n')) out += `${r.line}\n`;
  }
  ctx.stdout(out);
  return ok ? 0 : 1;
};

type SedCmd =
  | { addr?: RegExp | number; op: 's'; re: RegExp; rep: string; print: boolean }
  | { addr?: RegExp | number; op: 'd' | 'p' };

function parseSed(script: string, extended: boolean): SedCmd[] | string {
  const cmds: SedCmd[] = [];
  for (const part of script
    .split(/;|\n/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(?:(\d+)|\/((?:\\.|[^/])*)\/)?\s*([sdp])([\s\S]*)$/.exec(part);
    if (!m) return `unsupported command ${part}`;
    const addr = m[1] ? Number(m[1]) : m[2] !== undefined ? toRegExp(m[2], false, extended, false) : undefined;
    if (m[3] !== 's') {
      cmds.push({ ...(addr !== undefined ? { addr } : {}), op: m[3] === 'd' ? 'd' : 'p' });
      continue;
    }
    const body = m[4] ?? '';
    const delim = body[0];
    if (!delim) return "unterminated `s' command";
    const [re, rep, flags] = splitUnescaped(body.slice(1), delim);
    if (re === undefined || rep === undefined) return "unterminated `s' command";
    const regex = new RegExp(
      extended ? re : breToJs(re).replace(/\\\//g, '/'),
      (flags?.includes('g') ? 'g' : '') + (flags?.includes('i') ? 'i' : ''),
    );
    const replacement = rep
      .replace(/\\([0-9])/g, '$$$1')
      .replace(/(^|[^\\])&/g, '$1$$&')
      .replace(/\\&/g, '&');
    cmds.push({
      ...(addr !== undefined ? { addr } : {}),
      op: 's',
      re: regex,
      rep: replacement,
      print: flags?.includes('p') ?? false,
    });
  }
  return cmds;
}

function splitUnescaped(s: string, delim: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] ?? '';
    if (c === '\\' && s[i + 1] === delim) {
      cur += delim;
      i++;
    } else if (c === delim) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function runSed(
  cmds: readonly SedCmd[],
  input: string,
  n: number,
): { line: string; deleted: boolean; printed: string } {
  let line = input;
  let printed = '';
  for (const c of cmds) {
    if (c.addr !== undefined && (typeof c.addr === 'number' ? c.addr !== n : !c.addr.test(line))) continue;
    if (c.op === 'd') return { line, deleted: true, printed };
    if (c.op === 'p') printed += `${line}\n`;
    if (c.op === 's') {
      const next = line.replace(c.re, c.rep);
      if (c.print && next !== line) printed += `${next}\n`;
      line = next;
    }
  }
  return { line, deleted: false, printed };
}
