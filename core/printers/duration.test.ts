import { describe, expect, it } from 'vitest';
import { formatRFC1123Z, formatRFC3339, humanDuration, translateTimestampSince } from './duration.ts';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('humanDuration (apimachinery HumanDuration)', () => {
  it.each([
    [-3 * S, '<invalid>'],
    [-1500, '0s'],
    [0, '0s'],
    [999, '0s'],
    [45 * S, '45s'],
    [119 * S, '119s'],
    [2 * M, '2m'],
    [2 * M + 30 * S, '2m30s'],
    [9 * M + 59 * S, '9m59s'],
    [10 * M + 30 * S, '10m'],
    [179 * M, '179m'],
    [3 * H, '3h'],
    [3 * H + 25 * M, '3h25m'],
    [7 * H + 59 * M, '7h59m'],
    [8 * H + 30 * M, '8h'],
    [47 * H, '47h'],
    [2 * D, '2d'],
    [5 * D + 2 * H, '5d2h'],
    [8 * D + 5 * H, '8d'],
    [729 * D, '729d'],
    [3 * 365 * D + 12 * D, '3y12d'],
    [4 * 365 * D, '4y'],
    [9 * 365 * D + 100 * D, '9y'],
  ])('%d ms → %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

describe('translateTimestampSince', () => {
  const now = Date.parse('2026-11-22T15:20:25Z');
  it('prints the age of a timestamp', () => {
    expect(translateTimestampSince('2026-11-22T15:19:25Z', now)).toBe('60s');
    expect(translateTimestampSince('2026-11-20T15:20:25Z', now)).toBe('2d');
  });
  it('prints <unknown> for a zero or missing timestamp', () => {
    expect(translateTimestampSince(undefined, now)).toBe('<unknown>');
    expect(translateTimestampSince(null, now)).toBe('<unknown>');
    expect(translateTimestampSince('0001-01-01T00:00:00Z', now)).toBe('<unknown>');
  });
});

describe('time layouts', () => {
  it('formats RFC1123Z in UTC', () => {
    expect(formatRFC1123Z('2021-01-01T00:00:00Z')).toBe('Fri, 01 Jan 2021 00:00:00 +0000');
    expect(formatRFC1123Z('2026-11-22T15:19:25Z')).toBe('Sun, 22 Nov 2026 15:19:25 +0000');
  });
  it('formats RFC3339 with second precision, zero time when unset', () => {
    expect(formatRFC3339('2026-11-22T15:07:58.123Z')).toBe('2026-11-22T15:07:58Z');
    expect(formatRFC3339(undefined)).toBe('0001-01-01T00:00:00Z');
  });
});
