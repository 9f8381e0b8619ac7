import { describe, expect, it } from 'vitest';
import { QUANTITY_FORMAT_ERROR, base64Error, quantityError, timeError } from './unmarshalers.ts';

describe('quantityError (resource.ParseQuantity)', () => {
  it.each(['1', '0.5', '100m', '1Gi', '128Mi', '1e3', '1E-3', '+5k', '.5', '5.', ' 2 '])('accepts %j', (q) => {
    expect(quantityError(q)).toBeUndefined();
  });

  it('accepts JSON numbers', () => {
    expect(quantityError(1)).toBeUndefined();
    expect(quantityError(0.25)).toBeUndefined();
  });

  it('rejects with upstream errors', () => {
    expect(quantityError('')).toBe(QUANTITY_FORMAT_ERROR);
    expect(quantityError('abc')).toBe(QUANTITY_FORMAT_ERROR);
    expect(quantityError('1 Gi')).toBe(QUANTITY_FORMAT_ERROR);
    expect(quantityError(true)).toBe(QUANTITY_FORMAT_ERROR);
    expect(quantityError('1Gb')).toBe(QUANTITY_FORMAT_ERROR);
    expect(quantityError('1MM')).toBe("unable to parse quantity's suffix");
    expect(quantityError('1.2.3')).toBe('unable to parse numeric part of quantity');
  });
});

describe('base64Error (encoding/base64 StdEncoding)', () => {
  it('accepts padded base64, with newlines', () => {
    expect(base64Error('')).toBeUndefined();
    expect(base64Error('YWRtaW4=')).toBeUndefined();
    expect(base64Error('MWYyZDFlMmU2N2Rm')).toBeUndefined();
    expect(base64Error('YWRt\naW4=')).toBeUndefined();
  });

  it('reports the offset of the first bad byte', () => {
    expect(base64Error('ab!d')).toBe('illegal base64 data at input byte 2');
    expect(base64Error('abc')).toBe('illegal base64 data at input byte 0');
    expect(base64Error('abcde')).toBe('illegal base64 data at input byte 4');
    expect(base64Error('ab=')).toBe('illegal base64 data at input byte 3');
    expect(base64Error('YWRtaW4=x')).toBe('illegal base64 data at input byte 8');
  });
});

describe('timeError (time.Parse RFC3339)', () => {
  it('accepts RFC 3339 times', () => {
    expect(timeError('2024-02-29T10:00:00Z')).toBeUndefined();
    expect(timeError('2024-01-01T10:00:00.123456+02:00')).toBeUndefined();
  });

  it('reports the element that does not parse', () => {
    const layout = '"2006-01-02T15:04:05Z07:00"';
    expect(timeError('2024-01-01')).toBe(`parsing time "2024-01-01" as ${layout}: cannot parse "" as "T"`);
    expect(timeError('2024/01/01T00:00:00Z')).toBe(
      `parsing time "2024/01/01T00:00:00Z" as ${layout}: cannot parse "/01/01T00:00:00Z" as "-"`,
    );
    expect(timeError('2024-01-01T00:00:00')).toBe(
      `parsing time "2024-01-01T00:00:00" as ${layout}: cannot parse "" as "Z07:00"`,
    );
  });

  it('reports ranges and trailing text', () => {
    expect(timeError('2024-13-01T00:00:00Z')).toBe('parsing time "2024-13-01T00:00:00Z": month out of range');
    expect(timeError('2023-02-29T00:00:00Z')).toBe('parsing time "2023-02-29T00:00:00Z": day out of range');
    expect(timeError('2024-01-01T00:00:00Zjunk')).toBe('parsing time "2024-01-01T00:00:00Zjunk": extra text: "junk"');
  });
});
