/**
 * The tokenizer: turns source text into words (with quoting kept per part),
 * operators and newlines. `$(...)` bodies are parsed by the parser through
 * the injected `parseSub` hook (so nested quotes and `case` work), which keeps
 * lexer and parser free of an import cycle.
 */

import type { List, Redir, Word, WordPart, ParamOp } from './ast.ts';
import { ShellSyntaxError } from './errors.ts';

export type Token =
  | { readonly kind: 'word'; readonly word: Word; readonly raw: string }
  | { readonly kind: 'op'; readonly op: string; readonly fd?: number }
  | { readonly kind: 'newline' }
  | { readonly kind: 'eof' };

/** Parses a command list starting at `pos`, up to a closing `)`; returns the list and the index after `)`. */
export type SubParser = (src: string, pos: number) => { list: List; end: number };

const OPS = ['&&', '||', ';;', '>>', '<<-', '<<', '>&', '<&', '>|', '<>', ';', '&', '|', '(', ')', '<', '>'];
const META = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);
const PARAM_OPS: readonly ParamOp[] = [':-', ':=', ':+', ':?', '##', '%%', '-', '=', '+', '?', '#', '%'];

interface PendingHeredoc {
  redir: Redir;
  delim: string;
  strip: boolean;
  quoted: boolean;
}

type Parts = WordPart[];

export class Lexer {
  pos: number;
  private pendingHeredocs: PendingHeredoc[] = [];

  constructor(
    private readonly src: string,
    start: number,
    private readonly parseSub: SubParser,
  ) {
    this.pos = start;
  }

  /** Registers a `<<` redirection whose body starts after the next newline. */
  addHeredoc(redir: Redir, delimRaw: string): void {
    const quoted = /['"\\]/.test(delimRaw);
    const delim = delimRaw.replace(/['"\\]/g, '');
    this.pendingHeredocs.push({ redir, delim, strip: redir.op === '<<-', quoted });
  }

  next(): Token {
    this.skipBlanksAndComments();
    const c = this.src[this.pos];
    if (c === undefined) return { kind: 'eof' };
    if (c === '\n') {
      this.pos++;
      this.readHeredocBodies();
      return { kind: 'newline' };
    }
    const io = /^(\d)(?=[<>])/.exec(this.src.slice(this.pos, this.pos + 2));
    if (io) this.pos++;
    const op = OPS.find((o) => this.src.startsWith(o, this.pos));
    if (op) {
      this.pos += op.length;
      return io ? { kind: 'op', op, fd: Number(io[1]) } : { kind: 'op', op };
    }
    const start = this.pos;
    const parts = this.scanWord();
    return { kind: 'word', word: { parts }, raw: this.src.slice(start, this.pos) };
  }

  private skipBlanksAndComments(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && this.src[this.pos + 1] === '\n') this.pos += 2;
      else if (c === '#') {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }

  /** An unquoted word: stops at a metacharacter. */
  private scanWord(): Parts {
    const parts: Parts = [];
    let lit = '';
    const flush = (): void => {
      if (lit) parts.push({ kind: 'lit', text: lit, quoted: false });
      lit = '';
    };
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined || META.has(c)) break;
      if (c === '\\') {
        flush();
        const n = this.src[this.pos + 1];
        this.pos += 2;
        if (n !== undefined && n !== '\n') parts.push({ kind: 'lit', text: n, quoted: true });
      } else if (c === "'") {
        flush();
        parts.push({ kind: 'lit', text: this.scanSingleQuoted(), quoted: true });
      } else if (c === '"') {
        flush();
        parts.push(...this.scanDoubleQuoted());
      } else if (c === '$' || c === '`') {
        const part = this.scanDollarOrBacktick(false);
        if (part) {
          flush();
          parts.push(part);
        } else {
          lit += c;
          this.pos++;
        }
      } else {
        lit += c;
        this.pos++;
      }
    }
    flush();
    return parts;
  }

  /** The whole remaining source as a here-document body. */
  scanHeredocBody(): Parts {
    return this.scanQuotedUntil(() => false, '\\$`\n');
  }

  private scanSingleQuoted(): string {
    const end = this.src.indexOf("'", this.pos + 1);
    if (end < 0) throw new ShellSyntaxError('unterminated quoted string');
    const text = this.src.slice(this.pos + 1, end);
    this.pos = end + 1;
    return text;
  }

  private scanDoubleQuoted(): Parts {
    this.pos++; // opening quote
    const parts = this.scanQuotedUntil((c) => c === '"', '"\\$`\n');
    if (this.src[this.pos] !== '"') throw new ShellSyntaxError('unterminated quoted string');
    this.pos++;
    // "" must still produce a (quoted, empty) field.
    return parts.length ? parts : [{ kind: 'lit', text: '', quoted: true }];
  }

  /**
   * Text where only `$`, backquote and backslash are special (inside double
   * quotes, here-documents); every part is quoted. Backslash escapes only the
   * characters in `escapable`.
   */
  private scanQuotedUntil(stop: (c: string) => boolean, escapable: string): Parts {
    const parts: Parts = [];
    let lit = '';
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined || stop(c)) break;
      const n = this.src[this.pos + 1];
      if (c === '\\' && n !== undefined && escapable.includes(n)) {
        if (n !== '\n') lit += n;
        this.pos += 2;
        continue;
      }
      if (c === '$' || c === '`') {
        const part = this.scanDollarOrBacktick(true);
        if (part) {
          if (lit) parts.push({ kind: 'lit', text: lit, quoted: true });
          lit = '';
          parts.push(part);
          continue;
        }
      }
      lit += c;
      this.pos++;
    }
    if (lit) parts.push({ kind: 'lit', text: lit, quoted: true });
    return parts;
  }

  /** `$name`, `${...}`, `$(...)`, `$((...))` or a backquoted command; undefined for a lone `$`. */
  private scanDollarOrBacktick(quoted: boolean): WordPart | undefined {
    const s = this.src;
    if (s[this.pos] === '`') return this.scanBackticks(quoted);
    const n = s[this.pos + 1];
    if (n === '(' && s[this.pos + 2] === '(') return this.scanArith(quoted);
    if (n === '(') {
      const { list, end } = this.parseSub(s, this.pos + 2);
      this.pos = end;
      return { kind: 'cmdsub', body: list, quoted };
    }
    if (n === '{') return this.scanBraceParam(quoted);
    const name = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?$#@*!-])/.exec(s.slice(this.pos + 1))?.[1];
    if (name === undefined) return undefined;
    this.pos += 1 + name.length;
    return { kind: 'param', name, quoted };
  }

  private scanBackticks(quoted: boolean): WordPart {
    let i = this.pos + 1;
    let body = '';
    for (; i < this.src.length && this.src[i] !== '`'; i++) {
      const c = this.src[i] ?? '';
      const n = this.src[i + 1];
      if (c === '\\' && n !== undefined && '`\\$'.includes(n)) {
        body += n;
        i++;
      } else body += c;
    }
    if (i >= this.src.length) throw new ShellSyntaxError('unterminated quoted string');
    this.pos = i + 1;
    const { list } = this.parseSub(body + ')', 0);
    return { kind: 'cmdsub', body: list, quoted };
  }

  private scanArith(quoted: boolean): WordPart {
    this.pos += 3;
    let depth = 0;
    const parts = this.scanQuotedUntil((c) => {
      if (c === '(') depth++;
      if (c === ')') {
        if (depth === 0) return this.src[this.pos + 1] === ')';
        depth--;
      }
      return false;
    }, '\\$`');
    if (this.src[this.pos] !== ')') throw new ShellSyntaxError('unexpected end of file (expecting "))")');
    this.pos += 2;
    return { kind: 'arith', expr: { parts }, quoted };
  }

  private scanBraceParam(quoted: boolean): WordPart {
    this.pos += 2;
    const rest = this.src.slice(this.pos);
    const lengthOf = /^#([A-Za-z_][A-Za-z0-9_]*|[0-9?$#@*!-])\}/.exec(rest);
    if (lengthOf?.[1]) {
      this.pos += lengthOf[0].length;
      return { kind: 'param', name: lengthOf[1], op: 'length', quoted };
    }
    const name = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$#@*!-])/.exec(rest)?.[1];
    if (name === undefined) throw new ShellSyntaxError('bad substitution');
    this.pos += name.length;
    if (this.src[this.pos] === '}') {
      this.pos++;
      return { kind: 'param', name, quoted };
    }
    const op = PARAM_OPS.find((o) => this.src.startsWith(o, this.pos));
    if (!op) throw new ShellSyntaxError('bad substitution');
    this.pos += op.length;
    const arg = this.scanBraceArg(quoted);
    return { kind: 'param', name, op, arg, quoted };
  }

  /** The word after a `${name<op>`: up to the matching `}`; quotes allowed. */
  private scanBraceArg(quoted: boolean): Word {
    const parts: Parts = [];
    let lit = '';
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) throw new ShellSyntaxError('bad substitution');
      if (c === '}') break;
      if (c === "'" && !quoted) {
        if (lit) parts.push({ kind: 'lit', text: lit, quoted });
        lit = '';
        parts.push({ kind: 'lit', text: this.scanSingleQuoted(), quoted: true });
      } else if (c === '"') {
        if (lit) parts.push({ kind: 'lit', text: lit, quoted });
        lit = '';
        parts.push(...this.scanDoubleQuoted());
      } else if (c === '$' || c === '`') {
        const part = this.scanDollarOrBacktick(quoted);
        if (part) {
          if (lit) parts.push({ kind: 'lit', text: lit, quoted });
          lit = '';
          parts.push(part);
        } else {
          lit += c;
          this.pos++;
        }
      } else if (c === '\\' && this.src[this.pos + 1] !== undefined) {
        lit += this.src[this.pos + 1];
        this.pos += 2;
      } else {
        lit += c;
        this.pos++;
      }
    }
    this.pos++;
    if (lit) parts.push({ kind: 'lit', text: lit, quoted });
    return { parts };
  }

  /** After a newline: read the bodies of here-documents opened on that line. */
  private readHeredocBodies(): void {
    for (const h of this.pendingHeredocs) {
      const lines: string[] = [];
      for (;;) {
        if (this.pos >= this.src.length) break;
        const nl = this.src.indexOf('\n', this.pos);
        const end = nl < 0 ? this.src.length : nl;
        let line = this.src.slice(this.pos, end);
        this.pos = nl < 0 ? end : end + 1;
        if (h.strip) line = line.replace(/^\t+/, '');
        if (line === h.delim) break;
        lines.push(line + '\n');
      }
      const body = lines.join('');
      h.redir.heredoc = h.quoted
        ? { parts: [{ kind: 'lit', text: body, quoted: true }] }
        : lexHeredoc(body, this.parseSub);
    }
    this.pendingHeredocs = [];
  }
}

/** A here-document body with expansions: like double quotes, but `"` is plain text. */
function lexHeredoc(body: string, parseSub: SubParser): Word {
  const lx = new Lexer(body, 0, parseSub);
  return { parts: lx.scanHeredocBody() };
}

/** Whether a lexed word is a plain unquoted literal equal to `text` (reserved words). */
export function isLiteral(word: Word, text: string): boolean {
  const p = word.parts[0];
  return word.parts.length === 1 && p?.kind === 'lit' && !p.quoted && p.text === text;
}
