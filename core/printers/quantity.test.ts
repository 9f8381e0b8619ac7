import { describe, expect, it } from 'vitest';
import { addQuantity, canonicalQuantity, formatQuantity, parseQuantity } from './quantity.ts';

describe('Quantity', () => {
  it.each([
    ['100m', '100m'],
    ['0.1', '100m'],
    ['1.5', '1500m'],
    ['2000m', '2'],
    ['1000', '1k'],
    ['128Mi', '128Mi'],
    ['1536Mi', '1536Mi'],
    ['1024Mi', '1Gi'],
    ['512', '512'],
    ['1e3', '1k'],
    ['0', '0'],
  ])('%s prints as %s', (text, canonical) => {
    expect(canonicalQuantity(text)).toBe(canonical);
  });

  it('adds in the format of the first term', () => {
    const a = parseQuantity('100m');
    const b = parseQuantity('250m');
    const m = parseQuantity('64Mi');
    const n = parseQuantity('64Mi');
    if (!a || !b || !m || !n) throw new Error('parse failed');
    expect(formatQuantity(addQuantity(a, b))).toBe('350m');
    expect(formatQuantity(addQuantity(m, n))).toBe('128Mi');
  });

  it('rejects text that is not a quantity', () => {
    expect(parseQuantity('lots')).toBeUndefined();
  });
});
