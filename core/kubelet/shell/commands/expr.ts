/**
 * `expr`: integer arithmetic, comparisons, `:` (anchored regex match),
 * `length`, `substr`, `index`, `|` and `&`, with coreutils/busybox
 * precedence. Status 0 if the result is neither empty nor 0, 1 if it is,
 * 2 on a syntax error.
 */

import type { Program } from '../program.ts';
import { toRegExp } from './regex.ts';

class ExprError {
  constructor(readonly message: string) {}
}

type Value = string;

const isInt = (v: Value): boolean => /^-?\d+$/.test(v);
const truthy = (v: Value): boolean => v !== '' && v !== '0';

class ExprParser {
  private i = 0;
  constructor(private readonly a: readonly string[]) {}

  done(): boolean {
    return this.i >= this.a.length;
  }
  private eat(...ops: string[]): string | undefined {
    const t = this.a[this.i];
    if (t !== undefined && ops.includes(t)) {
      this.i++;
      return t;
    }
    return undefined;
  }

  or(): Value {
    let l = this.and();
    while (this.eat('|')) {
      const r = this.and();
      l = truthy(l) ? l : truthy(r) ? r : '0';
    }
    return l;
  }
  private and(): Value {
    let l = this.cmp();
    while (this.eat('&')) {
      const r = this.cmp();
      l = truthy(l) && truthy(r) ? l : '0';
    }
    return l;
  }
  private cmp(): Value {
    let l = this.add();
    for (let op = this.eat('=', '!=', '<', '<=', '>', '>='); op; op = this.eat('=', '!=', '<', '<=', '>', '>=')) {
      const r = this.add();
      const c = isInt(l) && isInt(r) ? Number(l) - Number(r) : l < r ? -1 : l > r ? 1 : 0;
      const res = { '=': c === 0, '!=': c !== 0, '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0 }[op];
      l = res ? '1' : '0';
    }
    return l;
  }
  private add(): Value {
    let l = this.mul();
    for (let op = this.eat('+', '-'); op; op = this.eat('+', '-')) l = String(arith(l, op, this.mul()));
    return l;
  }
  private mul(): Value {
    let l = this.match();
    for (let op = this.eat('*', '/', '%'); op; op = this.eat('*', '/', '%')) l = String(arith(l, op, this.match()));
    return l;
  }
  private match(): Value {
    let l = this.primary();
    while (this.eat(':')) {
      const re = toRegExp(this.primary(), false, false, false);
      const m = new RegExp(`^(?:${re.source})`).exec(l);
      l = m ? (m[1] ?? String(m[0].length)) : m === null && /\\\(/.test(re.source) ? '' : '0';
    }
    return l;
  }
  private primary(): Value {
    const t = this.a[this.i++];
    if (t === undefined) throw new ExprError('syntax error');
    if (t === '(') {
      const v = this.or();
      if (!this.eat(')')) throw new ExprError('syntax error');
      return v;
    }
    if (t === 'length') return String(this.primary().length);
    if (t === 'substr') {
      const s = this.primary();
      const pos = Number(this.primary());
      const len = Number(this.primary());
      return pos < 1 || len < 1 ? '' : s.slice(pos - 1, pos - 1 + len);
    }
    if (t === 'index') {
      const s = this.primary();
      const chars = this.primary();
      const idx = [...s].findIndex((c) => chars.includes(c));
      return String(idx + 1);
    }
    return t;
  }
}

function arith(l: Value, op: string, r: Value): number {
  if (!isInt(l) || !isInt(r)) throw new ExprError('non-numeric argument');
  const a = Number(l);
  const b = Number(r);
  if ((op === '/' || op === '%') && b === 0) throw new ExprError('division by zero');
  if (op === '+') return a + b;
  if (op === '-') return a - b;
  if (op === '*') return a * b;
  return op === '/' ? Math.trunc(a / b) : a % b;
}

export const expr: Program = (ctx) => {
  const p = new ExprParser(ctx.argv.slice(1));
  try {
    const v = p.or();
    if (!p.done()) throw new ExprError('syntax error');
    ctx.stdout(`${v}\n`);
    return truthy(v) ? 0 : 1;
  } catch (e) {
    if (!(e instanceof ExprError)) throw e;
    ctx.stderr(`expr: ${e.message}\n`);
    return 2;
  }
};
