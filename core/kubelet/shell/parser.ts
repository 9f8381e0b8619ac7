/**
 * Recursive-descent parser for the shell subset (POSIX grammar, the parts
 * container commands use). Errors read as busybox ash prints them:
 * `syntax error: unexpected "done"`,
 * `syntax error: unexpected end of file (expecting "fi")`.
 */

import type { AndOr, Assign, CaseItem, Command, List, Pipeline, Redir, RedirOp, Word } from './ast.ts';
import { ShellSyntaxError } from './errors.ts';
import { asAssignment, DBRACKET_OPS, inDoubleBracket, REDIR_OPS, RESERVED, tokenName } from './grammar.ts';
import { Lexer, isLiteral, type Token } from './lexer.ts';

/** Parses a whole script. Throws ShellSyntaxError. */
export function parseScript(src: string): List {
  const p = new Parser(src, 0);
  const list = p.parseList(new Set());
  p.expectEnd();
  return list;
}

/** Parses `$( ... )` starting after `$(`; used by the lexer. */
function parseSub(src: string, pos: number): { list: List; end: number } {
  const p = new Parser(src, pos);
  const list = p.parseList(new Set());
  return { list, end: p.closeParen() };
}

class Parser {
  private readonly lexer: Lexer;
  private peeked: Token | undefined;

  constructor(src: string, pos: number) {
    this.lexer = new Lexer(src, pos, parseSub);
  }

  // --- tokens --------------------------------------------------------------

  private peek(): Token {
    this.peeked ??= this.lexer.next();
    return this.peeked;
  }

  private take(): Token {
    const t = this.peek();
    this.peeked = undefined;
    return t;
  }

  private isOp(op: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.op === op;
  }

  private isWord(text: string): boolean {
    const t = this.peek();
    return t.kind === 'word' && isLiteral(t.word, text);
  }

  private skipNewlines(): void {
    while (this.peek().kind === 'newline') this.take();
  }

  private unexpected(expecting?: string): ShellSyntaxError {
    const what = tokenName(this.peek());
    return new ShellSyntaxError(`syntax error: unexpected ${what}${expecting ? ` (expecting "${expecting}")` : ''}`);
  }

  private expectWord(text: string): void {
    if (!this.isWord(text)) throw this.unexpected(text);
    this.take();
  }

  expectEnd(): void {
    if (this.peek().kind !== 'eof') throw this.unexpected();
  }

  closeParen(): number {
    if (!this.isOp(')')) throw this.unexpected(')');
    this.take();
    return this.lexer.pos;
  }

  // --- lists ---------------------------------------------------------------

  /** A list up to a reserved word in `stops`, `)`, `;;` or end of input. */
  parseList(stops: ReadonlySet<string>): List {
    const items: AndOr[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.atListEnd(stops)) return items;
      const andOr = this.parseAndOr();
      const sep = this.peek();
      const background = sep.kind === 'op' && sep.op === '&';
      items.push(background ? { ...andOr, background } : andOr);
      if (sep.kind === 'op' && (sep.op === ';' || sep.op === '&')) this.take();
      else if (sep.kind === 'newline') this.take();
      else if (!this.atListEnd(stops)) throw this.unexpected();
    }
  }

  private atListEnd(stops: ReadonlySet<string>): boolean {
    const t = this.peek();
    if (t.kind === 'eof') return true;
    if (t.kind === 'op') return t.op === ')' || t.op === ';;';
    return t.kind === 'word' && [...stops].some((s) => isLiteral(t.word, s));
  }

  /** A non-empty body list (`then …`, `do …`). */
  private parseBody(stops: ReadonlySet<string>, expecting: string): List {
    const list = this.parseList(stops);
    // ash names what it expected only when the input simply ran out.
    if (list.length === 0) throw this.unexpected(this.peek().kind === 'eof' ? expecting : undefined);
    return list;
  }

  private parseAndOr(): AndOr {
    const first = this.parsePipeline();
    const rest: { op: '&&' | '||'; pipeline: Pipeline }[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || (t.op !== '&&' && t.op !== '||')) break;
      this.take();
      this.skipNewlines();
      rest.push({ op: t.op, pipeline: this.parsePipeline() });
    }
    return { first, rest, background: false };
  }

  private parsePipeline(): Pipeline {
    let negate = false;
    if (this.isWord('!')) {
      this.take();
      negate = true;
    }
    const commands = [this.parseCommand()];
    while (this.isOp('|')) {
      this.take();
      this.skipNewlines();
      commands.push(this.parseCommand());
    }
    return { negate, commands };
  }

  // --- commands ------------------------------------------------------------

  private parseCommand(): Command {
    const t = this.peek();
    if (t.kind === 'op' && t.op === '(') {
      this.take();
      const body = this.parseList(new Set());
      this.closeParen();
      return { kind: 'group', subshell: true, body, redirs: this.parseRedirs() };
    }
    if (t.kind !== 'word') {
      if (t.kind === 'op' && REDIR_OPS.has(t.op)) return this.parseSimple();
      throw this.unexpected();
    }
    if (isLiteral(t.word, 'if')) return this.parseIf();
    if (isLiteral(t.word, 'while') || isLiteral(t.word, 'until')) return this.parseLoop();
    if (isLiteral(t.word, 'for')) return this.parseFor();
    if (isLiteral(t.word, 'case')) return this.parseCase();
    if (isLiteral(t.word, '{')) {
      this.take();
      const body = this.parseBody(new Set(['}']), '}');
      this.expectWord('}');
      return { kind: 'group', subshell: false, body, redirs: this.parseRedirs() };
    }
    if (RESERVED.has(t.raw) && isLiteral(t.word, t.raw)) throw this.unexpected();
    return this.parseSimple();
  }

  private parseIf(): Command {
    this.take();
    const clauses: { cond: List; body: List }[] = [];
    let elseBody: List | undefined;
    for (;;) {
      const cond = this.parseBody(new Set(['then']), 'then');
      this.expectWord('then');
      const body = this.parseBody(new Set(['elif', 'else', 'fi']), 'fi');
      clauses.push({ cond, body });
      if (this.isWord('elif')) {
        this.take();
        continue;
      }
      if (this.isWord('else')) {
        this.take();
        elseBody = this.parseBody(new Set(['fi']), 'fi');
      }
      this.expectWord('fi');
      return { kind: 'if', clauses, ...(elseBody ? { elseBody } : {}), redirs: this.parseRedirs() };
    }
  }

  private parseLoop(): Command {
    const until = this.isWord('until');
    this.take();
    const cond = this.parseBody(new Set(['do']), 'do');
    const body = this.parseDoGroup();
    return { kind: 'loop', until, cond, body, redirs: this.parseRedirs() };
  }

  private parseDoGroup(): List {
    this.expectWord('do');
    const body = this.parseBody(new Set(['done']), 'done');
    this.expectWord('done');
    return body;
  }

  private parseFor(): Command {
    this.take();
    const nameTok = this.take();
    if (nameTok.kind !== 'word' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(nameTok.raw)) {
      throw new ShellSyntaxError(`syntax error: bad for loop variable`);
    }
    this.skipNewlines();
    let items: Word[] | undefined;
    if (this.isWord('in')) {
      this.take();
      items = [];
      for (let t = this.peek(); t.kind === 'word'; t = this.peek()) items.push((this.take() as { word: Word }).word);
      if (this.isOp(';')) this.take();
    } else if (this.isOp(';')) this.take();
    this.skipNewlines();
    const body = this.parseDoGroup();
    return { kind: 'for', name: nameTok.raw, ...(items ? { items } : {}), body, redirs: this.parseRedirs() };
  }

  private parseCase(): Command {
    this.take();
    const wordTok = this.take();
    if (wordTok.kind !== 'word') throw this.unexpected();
    this.skipNewlines();
    this.expectWord('in');
    const items: CaseItem[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.isWord('esac')) break;
      items.push(this.parseCaseItem());
      if (this.isOp(';;')) this.take();
      else break;
    }
    this.skipNewlines();
    this.expectWord('esac');
    return { kind: 'case', word: wordTok.word, items, redirs: this.parseRedirs() };
  }

  private parseCaseItem(): CaseItem {
    if (this.isOp('(')) this.take();
    const patterns: Word[] = [];
    for (;;) {
      const t = this.take();
      if (t.kind !== 'word') throw new ShellSyntaxError(`syntax error: unexpected ${tokenName(t)}`);
      patterns.push(t.word);
      if (this.isOp('|')) this.take();
      else break;
    }
    if (!this.isOp(')')) throw this.unexpected(')');
    this.take();
    return { patterns, body: this.parseList(new Set(['esac'])) };
  }

  /** Assignments, words and redirections; also `name() body` and `[[ … ]]`. */
  private parseSimple(): Command {
    const assigns: Assign[] = [];
    const words: Word[] = [];
    const redirs: Redir[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'op' && REDIR_OPS.has(t.op)) redirs.push(this.parseRedir());
      else if (t.kind === 'op' && inDoubleBracket(words) && DBRACKET_OPS.has(t.op)) {
        this.take();
        words.push({ parts: [{ kind: 'lit', text: t.op, quoted: true }] });
      } else if (t.kind === 'word') {
        this.take();
        const assign = words.length === 0 ? asAssignment(t.word) : undefined;
        if (assign) assigns.push(assign);
        else words.push(t.word);
      } else break;
    }
    if (words.length === 1 && assigns.length === 0 && redirs.length === 0 && this.isOp('('))
      return this.parseFunction(words[0] as Word);
    if (words.length === 0 && assigns.length === 0 && redirs.length === 0) throw this.unexpected();
    return { kind: 'simple', assigns, words, redirs };
  }

  private parseFunction(nameWord: Word): Command {
    this.take();
    if (!this.isOp(')')) throw this.unexpected(')');
    this.take();
    this.skipNewlines();
    const name = nameWord.parts.map((p) => (p.kind === 'lit' ? p.text : '')).join('');
    return { kind: 'func', name, body: this.parseCommand(), redirs: [] };
  }

  private parseRedirs(): Redir[] {
    const redirs: Redir[] = [];
    for (let t = this.peek(); t.kind === 'op' && REDIR_OPS.has(t.op); t = this.peek()) redirs.push(this.parseRedir());
    return redirs;
  }

  private parseRedir(): Redir {
    const t = this.take() as { kind: 'op'; op: string; fd?: number };
    const op = t.op as RedirOp;
    const fd = t.fd ?? (op.startsWith('<') && op !== '<>' ? 0 : op === '<>' ? 0 : 1);
    const target = this.take();
    if (target.kind !== 'word') throw new ShellSyntaxError(`syntax error: unexpected ${tokenName(target)}`);
    const redir: Redir = { fd, op, target: target.word };
    if (op === '<<' || op === '<<-') this.lexer.addHeredoc(redir, target.raw);
    return redir;
  }
}
