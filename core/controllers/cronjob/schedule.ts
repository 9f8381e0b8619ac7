/**
 * CronJob schedules as robfig/cron v3 `ParseStandard` reads them (5 fields,
 * the @hourly-style descriptors, @every <duration>), in `spec.timeZone`.
 * cron-parser parses and expands the fields; `next` (robfig's Schedule.Next:
 * the first activation strictly after t) steps UTC calendars itself, because
 * cron-parser's own iterator costs ~50 µs a call and a CronJob fast-forwarded
 * through a day asks thousands of times. Other time zones use cron-parser's
 * iterator. Also here: upstream's mostRecentScheduleTime and
 * nextScheduleTimeDuration (pkg/controller/cronjob/utils.go).
 */
import { CronExpressionParser } from 'cron-parser';
import type { CronExpression } from 'cron-parser';
import { cronError } from '../../api/validation/index.ts';

export interface Schedule {
  /** The first activation strictly after `ms`, or undefined if none within five years. */
  next(ms: number): number | undefined;
}

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const FIVE_YEARS = 5 * 366 * DAY;
const UTC_ZONES = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Universal', 'Zulu', 'Etc/Zulu']);

const cache = new Map<string, Schedule | Error>();

/** Parse a schedule in a time zone (undefined: the controller's own zone, UTC here); an Error if it does not parse. */
export function parseSchedule(schedule: string, timeZone?: string): Schedule | Error {
  const key = `${timeZone ?? ''}|${schedule}`;
  let s = cache.get(key);
  if (!s) {
    s = build(schedule.trim(), timeZone);
    if (cache.size > 256) cache.clear();
    cache.set(key, s);
  }
  return s;
}

/** Whether the IANA zone is known (time.LoadLocation). */
export function isKnownTimeZone(timeZone: string): boolean {
  if (timeZone === '' || timeZone.toLowerCase() === 'local') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function build(spec: string, timeZone: string | undefined): Schedule | Error {
  const every = /^@every\s+(\S+)$/.exec(spec);
  if (every) return constantDelay(every[1]!);
  const expr = DESCRIPTORS[spec] ?? spec;
  let parsed: CronExpression;
  try {
    parsed = CronExpressionParser.parse(expr, { strict: false, ...(timeZone ? { tz: timeZone } : {}) });
  } catch (e) {
    // robfig accepts impossible dates ("0 0 31 2 *") and then never fires; cron-parser refuses them.
    if (cronError(spec) === undefined) return { next: () => undefined };
    return e instanceof Error ? e : new Error(String(e));
  }
  if (!timeZone || UTC_ZONES.has(timeZone)) return utcStepper(parsed);
  return {
    next(ms) {
      try {
        parsed.reset(new Date(ms));
        return parsed.next().getTime();
      } catch {
        return undefined;
      }
    },
  };
}

/** robfig ConstantDelaySchedule: t + delay (whole seconds, at least one), sub-second part dropped. */
function constantDelay(text: string): Schedule | Error {
  const units: Record<string, number> = { h: HOUR, m: MINUTE, s: 1000, ms: 1 };
  let total = 0;
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while ((m = re.exec(text))) {
    total += Number(m[1]) * units[m[2]!]!;
    at = re.lastIndex;
  }
  if (at !== text.length || at === 0)
    return new Error(`failed to parse duration @every ${text}: time: invalid duration "${text}"`);
  const delay = Math.max(1000, Math.floor(total / 1000) * 1000);
  return { next: (ms) => ms - (ms % 1000) + delay };
}

/** Fields as bitsets; day of month and day of week OR together only when both are restricted (robfig dayMatches). */
function utcStepper(parsed: CronExpression): Schedule {
  const f = parsed.fields;
  const set = (values: readonly (number | string)[]) => new Set(values.map(Number));
  const minutes = set(f.minute.values);
  const hours = set(f.hour.values);
  const doms = set(f.dayOfMonth.values);
  const months = set(f.month.values);
  const dows = set(f.dayOfWeek.values.map((d) => (Number(d) === 7 ? 0 : Number(d))));
  const domStar = f.dayOfMonth.isWildcard;
  const dowStar = f.dayOfWeek.isWildcard;
  const dayMatches = (d: Date): boolean => {
    const dom = doms.has(d.getUTCDate());
    const dow = dows.has(d.getUTCDay());
    return domStar || dowStar ? dom && dow : dom || dow;
  };
  return {
    next(ms) {
      let t = Math.floor(ms / MINUTE) * MINUTE + MINUTE;
      const limit = t + FIVE_YEARS;
      while (t <= limit) {
        const d = new Date(t);
        if (!months.has(d.getUTCMonth() + 1)) {
          t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
          continue;
        }
        if (!dayMatches(d)) {
          t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
          continue;
        }
        if (!hours.has(d.getUTCHours())) {
          t = Math.floor(t / HOUR) * HOUR + HOUR;
          continue;
        }
        if (!minutes.has(d.getUTCMinutes())) {
          t += MINUTE;
          continue;
        }
        return t;
      }
      return undefined;
    },
  };
}

export type Missed = 'none' | 'few' | 'many';

/**
 * mostRecentScheduleTime: the latest activation in (earliest, now], where
 * earliest is lastScheduleTime or the creation time, moved up to
 * now − startingDeadlineSeconds when given. More than 100 activations in
 * between count as "many" (the TooManyMissedTimes warning). Worked example:
 * `*\/1 * * * *`, created 12:00:10, now 12:03:30 → t1 12:01, t2 12:02,
 * 2 whole minutes past t1 → 3 missed, most recent 12:03.
 */
export function mostRecentScheduleTime(
  sched: Schedule,
  earliestMs: number,
  nowMs: number,
): { time?: number; missed: Missed; error?: string } {
  const t1 = sched.next(earliestMs);
  // robfig returns the zero time for a schedule that never fires: zero apart, so this error.
  if (t1 === undefined) return { missed: 'none', error: 'time difference between two schedules is less than 1 second' };
  if (nowMs < t1) return { missed: 'none' };
  const t2 = sched.next(t1);
  if (t2 === undefined || nowMs < t2) return { time: t1, missed: 'none' };
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1) return { missed: 'none', error: 'time difference between two schedules is less than 1 second' };
  const missedCount = Math.floor((nowMs - t1) / 1000 / between) + 1;
  let time: number | undefined;
  const start = t1 + (missedCount - 2) * between * 1000;
  for (let t = sched.next(start); t !== undefined && t <= nowMs; t = sched.next(t)) time = t;
  const missed: Missed = missedCount > 100 ? 'many' : missedCount > 0 ? 'few' : 'none';
  return time === undefined ? { missed } : { time, missed };
}
