/**
 * Word expansion, in POSIX order: tilde, parameters, command substitution
 * and arithmetic; then field splitting of unquoted results; then pathname
 * expansion; then quote removal. Command substitution runs code, which may
 * sleep, so expansion is a generator too.
 */

import { evalArith } from './arith.ts';
import type { List, Word, WordPart } from './ast.ts';
import { ShellError } from './errors.ts';
import type { FileSystem } from './fs.ts';
import { escapeGlob, globPaths, hasGlob, matchPattern, unescapeGlob } from './glob.ts';
import type { Yield } from './program.ts';

/** What expansion needs from the shell. */
export interface ExpandHost {
  /** A variable, positional (`1`) or special (`?`, `$`, `#`, `0`, `!`) parameter. */
  getVar(name: string): string | undefined;
  setVar(name: string, value: string): void;
  positional(): readonly string[];
  /** Runs `$( … )` in a subshell and returns its raw output. */
  commandSubst(body: List): Generator<Yield, string, void>;
  readonly cwd: string;
  readonly fs: FileSystem;
  readonly nounset: boolean;
}

type Gen<T> = Generator<Yield, T, void>;

/** Expanded text with its quoting; `brk` separates the fields of `"$@"`. */
type Chunk = { text: string; quoted: boolean; split: boolean } | { brk: true };

/** Expands words into fields (split and globbed), as for a command's argv. */
export function* expandWords(words: readonly Word[], host: ExpandHost): Gen<string[]> {
  const out: string[] = [];
  for (const w of words) {
    const chunks = yield* expandChunks(w, host);
    for (const f of toFields(chunks, host)) out.push(...globField(f, host));
  }
  return out;
}

/** Expands a word to one string, without splitting or globbing (assignments, redirections). */
export function* expandString(word: Word, host: ExpandHost): Gen<string> {
  const chunks = yield* expandChunks(word, host);
  return chunks.map((c) => ('brk' in c ? ' ' : c.text)).join('');
}

/** Expands a word into a pattern: quoted parts match literally (`case`, `${x#pat}`). */
export function* expandPattern(word: Word, host: ExpandHost): Gen<string> {
  const chunks = yield* expandChunks(word, host);
  return chunks.map((c) => ('brk' in c ? ' ' : c.quoted ? escapeGlob(c.text) : c.text)).join('');
}

function* expandChunks(word: Word, host: ExpandHost): Gen<Chunk[]> {
  const chunks: Chunk[] = [];
  for (const [i, part] of word.parts.entries()) {
    if (i === 0 && part.kind === 'lit' && !part.quoted && part.text.startsWith('~')) {
      chunks.push({ text: expandTilde(part.text, host), quoted: false, split: false });
    } else chunks.push(...(yield* expandPart(part, host)));
  }
  return chunks;
}

function expandTilde(text: string, host: ExpandHost): string {
  const m = /^~(?=\/|$)/.exec(text);
  return m ? (host.getVar('HOME') ?? '/root') + text.slice(1) : text;
}

function* expandPart(part: WordPart, host: ExpandHost): Gen<Chunk[]> {
  const q = part.quoted;
  switch (part.kind) {
    case 'lit':
      return [{ text: part.text, quoted: q, split: false }];
    case 'cmdsub': {
      const out = yield* host.commandSubst(part.body);
      return [{ text: out.replace(/\n+$/, ''), quoted: q, split: !q }];
    }
    case 'arith': {
      const expr = yield* expandString(part.expr, host);
      const value = evalArith(expr, { get: (n) => host.getVar(n), set: (n, v) => host.setVar(n, v) });
      return [{ text: String(value), quoted: q, split: !q }];
    }
    case 'param':
      return yield* expandParam(part, host);
  }
}

function* expandParam(part: Extract<WordPart, { kind: 'param' }>, host: ExpandHost): Gen<Chunk[]> {
  const q = part.quoted;
  if ((part.name === '@' || part.name === '*') && !part.op) return positionalChunks(part.name, q, host);
  const value = part.name === '@' || part.name === '*' ? host.positional().join(' ') : host.getVar(part.name);
  const one = (text: string): Chunk[] => [{ text, quoted: q, split: !q }];
  const op = part.op;
  if (!op) {
    if (value === undefined && host.nounset && !/^[0-9]$/.test(part.name)) {
      throw new ShellError(`${part.name}: parameter not set`, 2, true);
    }
    return one(value ?? '');
  }
  if (op === 'length') return one(String((value ?? '').length));
  const unsetOrNull = value === undefined || (op.startsWith(':') && value === '');
  const arg = part.arg ?? { parts: [] };
  switch (op) {
    case ':-':
    case '-':
      return unsetOrNull ? yield* expandChunks(arg, host) : one(value ?? '');
    case ':=':
    case '=': {
      if (!unsetOrNull) return one(value ?? '');
      const assigned = yield* expandString(arg, host);
      host.setVar(part.name, assigned);
      return one(assigned);
    }
    case ':+':
    case '+':
      return unsetOrNull ? [] : yield* expandChunks(arg, host);
    case ':?':
    case '?': {
      if (!unsetOrNull) return one(value ?? '');
      const msg = (yield* expandString(arg, host)) || 'parameter null or not set';
      throw new ShellError(`${part.name}: ${msg}`, 2, true);
    }
    default:
      return one(removeAffix(value ?? '', op, yield* expandPattern(arg, host)));
  }
}

/** `${x#p}` shortest prefix, `##` longest prefix, `%` shortest suffix, `%%` longest suffix. */
function removeAffix(value: string, op: '#' | '##' | '%' | '%%', pattern: string): string {
  const n = value.length;
  if (op === '#' || op === '##') {
    const lengths = op === '#' ? range(0, n) : range(0, n).reverse();
    const len = lengths.find((l) => matchPattern(pattern, value.slice(0, l)));
    return len === undefined ? value : value.slice(len);
  }
  const starts = op === '%' ? range(0, n).reverse() : range(0, n);
  const start = starts.find((s) => matchPattern(pattern, value.slice(s)));
  return start === undefined ? value : value.slice(0, start);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** `$@` / `$*`: one field per positional parameter; `"$*"` joins them with a space. */
function positionalChunks(name: string, quoted: boolean, host: ExpandHost): Chunk[] {
  const params = host.positional();
  if (quoted && name === '*') return [{ text: params.join(' '), quoted: true, split: false }];
  const chunks: Chunk[] = [];
  params.forEach((p, i) => {
    if (i > 0) chunks.push({ brk: true });
    chunks.push({ text: p, quoted, split: !quoted });
  });
  return chunks;
}

interface Field {
  text: string;
  pattern: string;
  started: boolean;
}

/** Field splitting: unquoted expansion results split on IFS; quoted text never does. */
function toFields(chunks: readonly Chunk[], host: ExpandHost): Field[] {
  const ifs = host.getVar('IFS') ?? ' \t\n';
  const fields: Field[] = [];
  let cur: Field = { text: '', pattern: '', started: false };
  const end = (): void => {
    if (cur.started) fields.push(cur);
    cur = { text: '', pattern: '', started: false };
  };
  for (const c of chunks) {
    if ('brk' in c) {
      end();
      continue;
    }
    const pieces = c.split && ifs !== '' ? c.text.split(ifsRegExp(ifs)) : [c.text];
    pieces.forEach((piece, i) => {
      if (i > 0) end();
      cur.text += piece;
      cur.pattern += c.quoted ? escapeGlob(piece) : piece;
      if (piece !== '' || c.quoted) cur.started = true;
    });
  }
  end();
  return fields;
}

function ifsRegExp(ifs: string): RegExp {
  const chars = [...ifs].map((c) => c.replace(/[\]\\^-]/g, '\\$&')).join('');
  return new RegExp(`[${chars}]+`);
}

function globField(f: Field, host: ExpandHost): string[] {
  if (!hasGlob(f.pattern)) return [f.text];
  const matches = globPaths(f.pattern, host.fs, host.cwd);
  return matches.length ? matches : [unescapeGlob(f.pattern)];
}
