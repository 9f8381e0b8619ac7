import { describe, expect, it } from 'vitest';
import { evalArith } from './arith.ts';

function vars(init: Record<string, string> = {}): {
  get(n: string): string | undefined;
  set(n: string, v: string): void;
  all: Record<string, string>;
} {
  const all = { ...init };
  return { get: (n) => all[n], set: (n, v) => void (all[n] = v), all };
}

describe('arithmetic', () => {
  it('follows C precedence and associativity', () => {
    const v = vars();
    expect(evalArith('1 + 2 * 3', v)).toBe(7);
    expect(evalArith('(1 + 2) * 3', v)).toBe(9);
    expect(evalArith('2 ** 3 ** 2', v)).toBe(512);
    expect(evalArith('-7 / 2', v)).toBe(-3);
    expect(evalArith('-7 % 3', v)).toBe(-1);
    expect(evalArith('1 < 2 && 3 > 4 || !0', v)).toBe(1);
    expect(evalArith('5 > 3 ? 10 : 20', v)).toBe(10);
    expect(evalArith('0x10 + 010', v)).toBe(24);
    expect(evalArith('', v)).toBe(0);
  });

  it('reads and assigns variables without $', () => {
    const v = vars({ i: '4', e: '2+3' });
    expect(evalArith('i + 1', v)).toBe(5);
    expect(evalArith('e * 2', v)).toBe(10); // a variable holding an expression is evaluated
    expect(evalArith('unset + 1', v)).toBe(1);
    expect(evalArith('i += 3', v)).toBe(7);
    expect(evalArith('i++', v)).toBe(7);
    expect(evalArith('++i', v)).toBe(9);
    expect(v.all.i).toBe('9');
    expect(evalArith('x = y = 2', v)).toBe(2);
    expect(v.all.x).toBe('2');
  });

  it('errors use ash words', () => {
    expect(() => evalArith('1 / 0', vars())).toThrow('divide by zero');
    expect(() => evalArith('1 +', vars())).toThrow('arithmetic syntax error');
    expect(() => evalArith('2 ** -1', vars())).toThrow('exponent less than 0');
  });
});
