/**
 * `$(( … ))` arithmetic: C integer expressions over shell variables, as in
 * busybox `shell/math.c` (precedence, `?:`, assignments, `++`/`--`, names
 * without `$`, a variable holding an expression is evaluated recursively).
 * Numbers are JS doubles truncated like C integers; ash uses 64-bit ints, the
 * difference only shows past 2^53. Errors use ash's words.
 */

import { ShellError } from './errors.ts';

/** Variable access for the evaluator. */
export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

type Node =
  | { k: 'num'; v: number }
  | { k: 'var'; name: string }
  | { k: 'un'; op: string; e: Node }
  | { k: 'bin'; op: string; a: Node; b: Node }
  | { k: 'set'; op: string; name: string; e: Node }
  | { k: 'inc'; name: string; delta: number; post: boolean }
  | { k: 'cond'; c: Node; a: Node; b: Node };

const TOKEN =
  /\s*(0[xX][0-9a-fA-F]+|\d+|[A-Za-z_][A-Za-z0-9_]*|<<=|>>=|\*\*|\+\+|--|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^]=|[-+*/%<>&|^!~?:(),=])/y;

/** Binary operators by precedence, loosest first (comma and assignment handled separately). */
const BINARY: readonly (readonly string[])[] = [
  ['||'],
  ['&&'],
  ['|'],
  ['^'],
  ['&'],
  ['==', '!='],
  ['<', '<=', '>', '>='],
  ['<<', '>>'],
  ['+', '-'],
  ['*', '/', '%'],
];

const syntaxError = (): ShellError => new ShellError('arithmetic syntax error', 2, true);

/** Evaluates an arithmetic expression (already parameter-expanded). */
export function evalArith(expr: string, vars: ArithVars, depth = 0): number {
  if (depth > 16) throw new ShellError('expression recursion loop detected', 2, true);
  const toks = tokenize(expr);
  if (toks.length === 0) return 0;
  const p = new ArithParser(toks);
  const node = p.comma();
  if (!p.done()) throw syntaxError();
  return evaluate(node, vars, depth);
}

function tokenize(expr: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expr.length) {
    if (/^\s*$/.test(expr.slice(TOKEN.lastIndex))) break;
    const m = TOKEN.exec(expr);
    if (!m?.[1]) throw syntaxError();
    out.push(m[1]);
  }
  return out;
}

class ArithParser {
  private i = 0;
  constructor(private readonly toks: readonly string[]) {}

  done(): boolean {
    return this.i >= this.toks.length;
  }
  private peek(): string | undefined {
    return this.toks[this.i];
  }
  private eat(t: string): boolean {
    if (this.peek() !== t) return false;
    this.i++;
    return true;
  }

  comma(): Node {
    let n = this.assign();
    while (this.eat(',')) n = { k: 'bin', op: ',', a: n, b: this.assign() };
    return n;
  }

  private assign(): Node {
    const t = this.peek();
    const op = this.toks[this.i + 1];
    if (t && isName(t) && op && /^([-+*/%&|^]|<<|>>)?=$/.test(op)) {
      this.i += 2;
      return { k: 'set', op, name: t, e: this.assign() };
    }
    return this.ternary();
  }

  private ternary(): Node {
    const c = this.binary(0);
    if (!this.eat('?')) return c;
    const a = this.comma();
    if (!this.eat(':')) throw syntaxError();
    return { k: 'cond', c, a, b: this.assign() };
  }

  private binary(level: number): Node {
    const ops = BINARY[level];
    if (!ops) return this.power();
    let n = this.binary(level + 1);
    for (let t = this.peek(); t && ops.includes(t); t = this.peek()) {
      this.i++;
      n = { k: 'bin', op: t, a: n, b: this.binary(level + 1) };
    }
    return n;
  }

  private power(): Node {
    const base = this.unary();
    // `**` is right-associative.
    return this.eat('**') ? { k: 'bin', op: '**', a: base, b: this.power() } : base;
  }

  private unary(): Node {
    const t = this.peek();
    if (t === '++' || t === '--') {
      this.i++;
      const name = this.toks[this.i++];
      if (!name || !isName(name)) throw syntaxError();
      return { k: 'inc', name, delta: t === '++' ? 1 : -1, post: false };
    }
    if (t === '-' || t === '+' || t === '!' || t === '~') {
      this.i++;
      return { k: 'un', op: t, e: this.unary() };
    }
    return this.postfix();
  }

  private postfix(): Node {
    const t = this.toks[this.i++];
    if (t === undefined) throw syntaxError();
    if (t === '(') {
      const n = this.comma();
      if (!this.eat(')')) throw syntaxError();
      return n;
    }
    if (isName(t)) {
      const nx = this.peek();
      if (nx === '++' || nx === '--') {
        this.i++;
        return { k: 'inc', name: t, delta: nx === '++' ? 1 : -1, post: true };
      }
      return { k: 'var', name: t };
    }
    if (/^\d/.test(t)) return { k: 'num', v: parseNumber(t) };
    throw syntaxError();
  }
}

function isName(t: string): boolean {
  return /^[A-Za-z_]/.test(t);
}

function parseNumber(t: string): number {
  if (/^0[xX]/.test(t)) return parseInt(t.slice(2), 16);
  if (/^0[0-7]+$/.test(t)) return parseInt(t, 8);
  if (/^0\d+$/.test(t)) throw syntaxError();
  return parseInt(t, 10);
}

function readVar(name: string, vars: ArithVars, depth: number): number {
  const raw = (vars.get(name) ?? '').trim();
  if (raw === '') return 0;
  if (/^-?\d+$/.test(raw)) return parseInt(raw, 10);
  return evalArith(raw, vars, depth + 1);
}

function evaluate(n: Node, vars: ArithVars, depth: number): number {
  const ev = (x: Node): number => evaluate(x, vars, depth);
  switch (n.k) {
    case 'num':
      return n.v;
    case 'var':
      return readVar(n.name, vars, depth);
    case 'un':
      return applyUnary(n.op, ev(n.e));
    case 'cond':
      return ev(n.c) !== 0 ? ev(n.a) : ev(n.b);
    case 'inc': {
      const old = readVar(n.name, vars, depth);
      vars.set(n.name, String(old + n.delta));
      return n.post ? old : old + n.delta;
    }
    case 'set': {
      const rhs = ev(n.e);
      const v = n.op === '=' ? rhs : applyBinary(n.op.slice(0, -1), readVar(n.name, vars, depth), rhs);
      vars.set(n.name, String(v));
      return v;
    }
    case 'bin':
      // && and || short-circuit, as in C.
      if (n.op === '&&') return ev(n.a) !== 0 && ev(n.b) !== 0 ? 1 : 0;
      if (n.op === '||') return ev(n.a) !== 0 || ev(n.b) !== 0 ? 1 : 0;
      return applyBinary(n.op, ev(n.a), ev(n.b));
  }
}

function applyUnary(op: string, v: number): number {
  if (op === '-') return -v;
  if (op === '!') return v === 0 ? 1 : 0;
  if (op === '~') return ~v;
  return v;
}

function applyBinary(op: string, a: number, b: number): number {
  switch (op) {
    case ',':
      return b;
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
    case '%':
      if (b === 0) throw new ShellError('divide by zero', 2, true);
      return op === '/' ? Math.trunc(a / b) : a % b;
    case '**':
      if (b < 0) throw new ShellError('exponent less than 0', 2, true);
      return a ** b;
    case '<<':
      return a << b;
    case '>>':
      return a >> b;
    case '&':
      return a & b;
    case '|':
      return a | b;
    case '^':
      return a ^ b;
    case '<':
      return a < b ? 1 : 0;
    case '<=':
      return a <= b ? 1 : 0;
    case '>':
      return a > b ? 1 : 0;
    case '>=':
      return a >= b ? 1 : 0;
    case '==':
      return a === b ? 1 : 0;
    case '!=':
      return a !== b ? 1 : 0;
    default:
      throw syntaxError();
  }
}
