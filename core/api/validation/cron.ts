/**
 * The standard 5-field cron syntax CronJob accepts (robfig/cron v3
 * `ParseStandard`), returning the parser's own error text, which upstream
 * puts verbatim into `spec.schedule: Invalid value: …`.
 */

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTHS = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAYS = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const FIELDS: Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 0, max: 6, names: DAYS },
];
const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

/** Go's strconv.Atoi error text. */
function atoi(expr: string): number | string {
  if (!/^[+-]?\d+$/.test(expr))
    return `failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`;
  const n = Number(expr);
  if (n < 0) return `negative number (${n}) not allowed: ${expr}`;
  return n;
}

function intOrName(expr: string, names?: Record<string, number>): number | string {
  const named = names ? (names as Record<string, number | undefined>)[expr.toLowerCase()] : undefined;
  return named ?? atoi(expr);
}

function checkRange(expr: string, b: Bounds): string | undefined {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = (rangeAndStep[0] ?? '').split('-');
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = b.min;
    end = b.max;
  } else {
    const s = intOrName(lowAndHigh[0] ?? '', b.names);
    if (typeof s === 'string') return s;
    start = s;
    end = s;
    if (lowAndHigh.length === 2) {
      const e = intOrName(lowAndHigh[1] ?? '', b.names);
      if (typeof e === 'string') return e;
      end = e;
    } else if (lowAndHigh.length > 2) return `too many hyphens: ${expr}`;
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    const s = atoi(rangeAndStep[1] ?? '');
    if (typeof s === 'string') return s;
    step = s;
    // "N/step" means "N-max/step".
    if (lowAndHigh.length === 1) end = b.max;
  } else if (rangeAndStep.length > 2) return `too many slashes: ${expr}`;
  if (start < b.min) return `beginning of range (${start}) below minimum (${b.min}): ${expr}`;
  if (end > b.max) return `end of range (${end}) above maximum (${b.max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  if (step === 0) return `step of range should be a positive number: ${expr}`;
  return undefined;
}

/** undefined when the schedule parses; otherwise the parser's error message. */
export function cronError(schedule: string): string | undefined {
  let spec = schedule.trim();
  if (spec.length === 0) return 'empty spec string';
  const tz = /^(CRON_TZ|TZ)=(\S*)\s*/.exec(spec);
  if (tz) spec = spec.slice(tz[0].length);
  if (spec.startsWith('@')) {
    if (DESCRIPTORS.has(spec) || spec.startsWith('@every ')) return undefined;
    return `unrecognized descriptor: ${spec}`;
  }
  const fields = spec.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`;
  for (let i = 0; i < 5; i++) {
    const bounds = FIELDS[i];
    if (!bounds) continue;
    for (const part of (fields[i] ?? '').split(',')) {
      const err = checkRange(part, bounds);
      if (err) return err;
    }
  }
  return undefined;
}
