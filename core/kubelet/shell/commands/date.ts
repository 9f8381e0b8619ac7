/**
 * `date` on the virtual clock, in UTC (containers run with TZ unset).
 * Default format is busybox's "%a %b %e %H:%M:%S %Z %Y", e.g.
 * "Sun Nov 22 15:45:44 UTC 2026".
 */

import type { Program } from '../program.ts';
import { fail, parseOpts } from './util.ts';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export const DEFAULT_DATE_FORMAT = '%a %b %e %H:%M:%S %Z %Y';

const p2 = (n: number): string => String(n).padStart(2, '0');

/** strftime in UTC for the conversions scripts use. */
export function formatDate(ms: number, format: string): string {
  const d = new Date(ms);
  const conv: Record<string, () => string> = {
    a: () => DAYS[d.getUTCDay()] ?? '',
    A: () => DAY_NAMES[d.getUTCDay()] ?? '',
    b: () => MONTHS[d.getUTCMonth()] ?? '',
    h: () => MONTHS[d.getUTCMonth()] ?? '',
    B: () => MONTH_NAMES[d.getUTCMonth()] ?? '',
    d: () => p2(d.getUTCDate()),
    e: () => String(d.getUTCDate()).padStart(2, ' '),
    H: () => p2(d.getUTCHours()),
    I: () => p2(((d.getUTCHours() + 11) % 12) + 1),
    p: () => (d.getUTCHours() < 12 ? 'AM' : 'PM'),
    M: () => p2(d.getUTCMinutes()),
    S: () => p2(d.getUTCSeconds()),
    N: () => String((((ms % 1000) + 1000) % 1000) * 1e6).padStart(9, '0'),
    Y: () => String(d.getUTCFullYear()),
    y: () => p2(d.getUTCFullYear() % 100),
    m: () => p2(d.getUTCMonth() + 1),
    j: () => String(Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1).padStart(3, '0'),
    u: () => String(d.getUTCDay() || 7),
    w: () => String(d.getUTCDay()),
    s: () => String(Math.floor(ms / 1000)),
    Z: () => 'UTC',
    z: () => '+0000',
    T: () => formatDate(ms, '%H:%M:%S'),
    R: () => formatDate(ms, '%H:%M'),
    D: () => formatDate(ms, '%m/%d/%y'),
    F: () => formatDate(ms, '%Y-%m-%d'),
    c: () => formatDate(ms, '%a %b %e %H:%M:%S %Y'),
    n: () => '\n',
    t: () => '\t',
    '%': () => '%',
  };
  return format.replace(/%([a-zA-Z%])/g, (m, c: string) => conv[c]?.() ?? m);
}

/** The time column of `ls -l`: "Mmm dd HH:MM", or "Mmm dd  YYYY" when older than six months. */
export function formatLsTime(ms: number, nowMs: number): string {
  const old = Math.abs(nowMs - ms) > 182 * 86400000;
  return formatDate(ms, old ? '%b %e  %Y' : '%b %e %H:%M');
}

/** `date [-u] [-I[date|seconds]] [-R] [+FORMAT]`; setting the clock is refused. */
export const date: Program = (ctx) => {
  // -I takes an optional attached argument (-I, -Iseconds), which getopt-style parsing cannot express.
  const argv = ctx.argv.map((a, i) => (i > 0 && a === '-I' ? '-Idate' : a));
  const o = parseOpts({ ...ctx, argv }, 'uR', 'I');
  if (!o) return 1;
  const now = ctx.now();
  const spec = o.operands[0];
  let format = DEFAULT_DATE_FORMAT;
  if (o.flags.has('R')) format = '%a, %d %b %Y %H:%M:%S +0000';
  const iso = o.values.get('I');
  if (iso !== undefined)
    format = iso === 'seconds' ? '%Y-%m-%dT%H:%M:%S+00:00' : iso === 'minutes' ? '%Y-%m-%dT%H:%M+00:00' : '%Y-%m-%d';
  if (spec?.startsWith('+')) format = spec.slice(1);
  else if (spec !== undefined) {
    fail(ctx, `can't set date: Operation not permitted`);
    return 1;
  }
  ctx.stdout(`${formatDate(now, format)}\n`);
  return 0;
};
