/**
 * Ages and timestamps as kubectl prints them. `humanDuration` mirrors
 * apimachinery `pkg/util/duration/duration.go` HumanDuration; the timestamp
 * helpers mirror `translateTimestampSince` in printers.go and Go's
 * RFC1123Z / RFC3339 layouts. Time is always passed in (virtual clock).
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * A short human form of a duration in milliseconds: `45s`, `2m30s`, `3h`,
 * `5d2h`, `3y12d`. Go truncates toward zero at every unit, so do we.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  // Up to 2 seconds in the future counts as "now": clocks of clients and
  // servers drift a little.
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    const d = Math.trunc(hours / 24);
    return h === 0 ? `${d}d` : `${d}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const years = Math.trunc(hours / 24 / 365);
    const dy = Math.trunc(hours / 24) % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** Go's zero time, 0001-01-01T00:00:00Z, in epoch milliseconds. */
const ZERO_TIME_MS = -62135596800000;

/** Milliseconds since the epoch, or undefined for a zero/absent timestamp. */
export function parseTime(iso: unknown): number | undefined {
  if (typeof iso !== 'string' || iso === '') return undefined;
  const ms = Date.parse(iso);
  // Go's zero time (0001-01-01T00:00:00Z) is how an unset metav1.Time prints.
  if (Number.isNaN(ms) || ms <= ZERO_TIME_MS) return undefined;
  return ms;
}

/** Age of a timestamp at `nowMs`, or `<unknown>` when the timestamp is unset. */
export function translateTimestampSince(iso: unknown, nowMs: number): string {
  const t = parseTime(iso);
  return t === undefined ? '<unknown>' : humanDuration(nowMs - t);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * Go's `time.RFC1123Z` layout in UTC: `Mon, 02 Jan 2006 15:04:05 +0000`.
 * kubectl describe formats in the client's local zone; the lab's zone is UTC.
 * A zero timestamp prints as Go's zero time does.
 */
export function formatRFC1123Z(iso: unknown): string {
  const ms = parseTime(iso);
  if (ms === undefined) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(ms);
  const day = DAYS[d.getUTCDay()] ?? '';
  const month = MONTHS[d.getUTCMonth()] ?? '';
  const time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  return `${day}, ${pad2(d.getUTCDate())} ${month} ${d.getUTCFullYear()} ${time} +0000`;
}

/** RFC3339 in UTC with second precision, as metav1.Time marshals (`0001-01-01T00:00:00Z` when zero). */
export function formatRFC3339(iso: unknown): string {
  const ms = parseTime(iso);
  if (ms === undefined) return '0001-01-01T00:00:00Z';
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
