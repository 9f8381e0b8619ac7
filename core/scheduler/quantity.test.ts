import { describe, expect, it } from 'vitest';
import { milliValue, parseQuantity, quantityValue } from './quantity.ts';

describe('parseQuantity', () => {
  it('reads cpu in millicores', () => {
    expect(milliValue('2')).toBe(2000);
    expect(milliValue('500m')).toBe(500);
    expect(milliValue('0.25')).toBe(250);
    expect(milliValue('1.5')).toBe(1500);
  });

  it('reads memory in bytes with binary, decimal and exponent forms', () => {
    expect(quantityValue('4Gi')).toBe(4 * 1024 ** 3);
    expect(quantityValue('128974848')).toBe(128974848);
    expect(quantityValue('129e6')).toBe(129000000);
    expect(quantityValue('129M')).toBe(129000000);
    expect(quantityValue('123Mi')).toBe(128974848);
    expect(quantityValue('1.5Gi')).toBe(1610612736);
    expect(quantityValue('1E3')).toBe(1000);
  });

  it('is exact in milli-units and rounds fractions away from zero like MilliValue/Value', () => {
    expect(parseQuantity('1Ei')).toBe(2n ** 60n * 1000n);
    expect(parseQuantity('0.5m')).toBe(1n);
    expect(parseQuantity('1n')).toBe(1n);
    expect(quantityValue('0.1')).toBe(1);
    expect(parseQuantity('-1.5')).toBe(-1500n);
  });

  it('rejects what is not a quantity', () => {
    for (const bad of ['', 'abc', '1K', '1.2.3', '.', '1Gb', 'm']) expect(parseQuantity(bad)).toBeUndefined();
  });
});
