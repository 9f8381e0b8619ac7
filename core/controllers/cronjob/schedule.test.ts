import { CronExpressionParser } from 'cron-parser';
import { describe, expect, it } from 'vitest';
import { mostRecentScheduleTime, parseSchedule } from './schedule.ts';
import type { Schedule } from './schedule.ts';

const sched = (s: string, tz?: string): Schedule => {
  const p = parseSchedule(s, tz);
  if (p instanceof Error) throw p;
  return p;
};
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const T0 = Date.parse('2026-11-22T09:00:30Z');

describe('the UTC stepper agrees with cron-parser', () => {
  const expressions = [
    '*/1 * * * *',
    '*/7 3-5 * * *',
    '0 0 1,15 * 1',
    '30 6-16/4 * * 1-5',
    '0 0 29 2 *',
    '15 10 * * 0',
    '0 12 L * *',
  ];
  for (const expr of expressions.filter((e) => !e.includes('L'))) {
    it(expr, () => {
      const mine = sched(expr);
      const ref = CronExpressionParser.parse(expr, { tz: 'UTC', currentDate: new Date(T0) });
      let t = T0;
      for (let i = 0; i < 10; i++) {
        const want = ref.next().getTime();
        expect(iso(mine.next(t))).toBe(iso(want));
        t = want + (i % 3) * 7_000; // strictly after, also from a few seconds past an activation
        ref.reset(new Date(t));
      }
    });
  }
});

describe('descriptors, @every and time zones', () => {
  it('@hourly, @daily and @every 90s', () => {
    expect(iso(sched('@hourly').next(T0))).toBe('2026-11-22T10:00:00.000Z');
    expect(iso(sched('@daily').next(T0))).toBe('2026-11-23T00:00:00.000Z');
    expect(iso(sched('@every 90s').next(T0))).toBe('2026-11-22T09:02:00.000Z');
  });

  it('a schedule in Asia/Kolkata (+05:30)', () => {
    expect(iso(sched('0 * * * *', 'Asia/Kolkata').next(T0))).toBe('2026-11-22T09:30:00.000Z');
  });

  it('an impossible date parses (as robfig) but never fires', () => {
    expect(sched('0 0 31 2 *').next(T0)).toBeUndefined();
    expect(mostRecentScheduleTime(sched('0 0 31 2 *'), T0, T0 + 60_000).error).toBe(
      'time difference between two schedules is less than 1 second',
    );
  });
});

describe('mostRecentScheduleTime', () => {
  it('created 12:00:10, now 12:03:30 → 3 missed, most recent 12:03', () => {
    const r = mostRecentScheduleTime(
      sched('*/1 * * * *'),
      Date.parse('2026-11-22T12:00:10Z'),
      Date.parse('2026-11-22T12:03:30Z'),
    );
    expect(r).toEqual({ time: Date.parse('2026-11-22T12:03:00Z'), missed: 'few' });
  });

  it('more than 100 → many', () => {
    const r = mostRecentScheduleTime(
      sched('*/1 * * * *'),
      Date.parse('2026-11-22T09:00:00Z'),
      Date.parse('2026-11-22T12:00:30Z'),
    );
    expect(r).toEqual({ time: Date.parse('2026-11-22T12:00:00Z'), missed: 'many' });
  });

  it('none due yet', () => {
    expect(mostRecentScheduleTime(sched('0 * * * *'), T0, T0 + 60_000)).toEqual({ missed: 'none' });
  });
});
