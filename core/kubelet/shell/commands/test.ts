/**
 * `test`, `[ … ]` and `[[ … ]]`: file tests (-e -f -d -s -r -w -x), string
 * tests (-z -n = != ==), integer comparisons (-eq -ne -lt -le -gt -ge),
 * `!`, `-a`, `-o`, parentheses; `[[` adds `&&`, `||`, `<`, `>` and pattern
 * matching with `==`. Status 0 true, 1 false, 2 on error (`sh: x: bad number`).
 */

import { matchPattern } from '../glob.ts';
import type { Program, ProgramContext } from '../program.ts';

class TestError {
  constructor(readonly message: string) {}
}

const UNARY = new Set(['-e', '-f', '-d', '-s', '-r', '-w', '-x', '-z', '-n', '-L', '-h', '-b', '-c', '-p', '-S', '-t']);
const BINARY = new Set(['=', '==', '!=', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '<', '>', '-nt', '-ot']);

/** Evaluates test arguments (without `[`/`]`). */
export function evalTest(ctx: ProgramContext, args: readonly string[], extended: boolean): boolean {
  const p = new TestParser(ctx, args, extended);
  if (args.length === 0) return false;
  const v = p.or();
  if (!p.done()) throw new TestError(`${p.peek() ?? ''}: unknown operand`);
  return v;
}

class TestParser {
  private i = 0;
  constructor(
    private readonly ctx: ProgramContext,
    private readonly args: readonly string[],
    private readonly extended: boolean,
  ) {}

  done(): boolean {
    return this.i >= this.args.length;
  }
  peek(offset = 0): string | undefined {
    return this.args[this.i + offset];
  }

  or(): boolean {
    let v = this.and();
    while (this.peek() === '-o' || (this.extended && this.peek() === '||')) {
      this.i++;
      const r = this.and();
      v = v || r;
    }
    return v;
  }

  private and(): boolean {
    let v = this.not();
    while (this.peek() === '-a' || (this.extended && this.peek() === '&&')) {
      this.i++;
      const r = this.not();
      v = v && r;
    }
    return v;
  }

  private not(): boolean {
    // `[ ! = x ]`-style ambiguity: `!` followed by a binary operator is an operand.
    if (this.peek() === '!' && !BINARY.has(this.peek(1) ?? '')) {
      this.i++;
      return !this.not();
    }
    return this.primary();
  }

  private primary(): boolean {
    const a = this.args[this.i];
    if (a === undefined) throw new TestError('argument expected');
    if (a === '(' && this.args.length - this.i > 1 && !BINARY.has(this.peek(1) ?? '')) {
      this.i++;
      const v = this.or();
      if (this.peek() !== ')') throw new TestError('missing )');
      this.i++;
      return v;
    }
    const op = this.peek(1);
    if (op !== undefined && BINARY.has(op) && this.peek(2) !== undefined) {
      this.i += 3;
      return binary(a, op, this.args[this.i - 1] ?? '', this.extended);
    }
    if (UNARY.has(a) && this.peek(1) !== undefined) {
      this.i += 2;
      return unary(this.ctx, a, this.args[this.i - 1] ?? '');
    }
    this.i++;
    return a !== '';
  }
}

function unary(ctx: ProgramContext, op: string, arg: string): boolean {
  if (op === '-z') return arg === '';
  if (op === '-n') return arg !== '';
  if (op === '-t') return false;
  const st = ctx.fs.stat(ctx.resolve(arg));
  if (!st.ok || arg === '') return false;
  switch (op) {
    case '-f':
      return st.value.type === 'file';
    case '-d':
      return st.value.type === 'dir';
    case '-s':
      return st.value.size > 0;
    case '-L':
    case '-h':
    case '-b':
    case '-c':
    case '-p':
    case '-S':
      return false;
    default:
      return true; // -e -r -w -x: we run as root
  }
}

function binary(a: string, op: string, b: string, extended: boolean): boolean {
  switch (op) {
    case '=':
    case '==':
      return extended ? matchPattern(b, a) : a === b;
    case '!=':
      return extended ? !matchPattern(b, a) : a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '-nt':
    case '-ot':
      return false;
  }
  const x = toInt(a);
  const y = toInt(b);
  switch (op) {
    case '-eq':
      return x === y;
    case '-ne':
      return x !== y;
    case '-lt':
      return x < y;
    case '-le':
      return x <= y;
    case '-gt':
      return x > y;
    default:
      return x >= y;
  }
}

function toInt(s: string): number {
  if (!/^\s*[-+]?\d+\s*$/.test(s)) throw new TestError(`${s}: bad number`);
  return parseInt(s, 10);
}

/** The `test`, `[` and `[[` programs. */
export const test: Program = (ctx) => {
  const name = ctx.argv[0] ?? 'test';
  let args = ctx.argv.slice(1);
  const close = name === '[' ? ']' : name === '[[' ? ']]' : undefined;
  if (close) {
    if (args[args.length - 1] !== close) {
      ctx.stderr(`sh: missing ${close}\n`);
      return 2;
    }
    args = args.slice(0, -1);
  }
  try {
    return evalTest(ctx, args, name === '[[') ? 0 : 1;
  } catch (e) {
    if (!(e instanceof TestError)) throw e;
    ctx.stderr(`sh: ${e.message}\n`);
    return 2;
  }
};
