/**
 * The custom JSON unmarshalers of apimachinery types, as the API server's decoder runs them:
 * resource.Quantity (ParseQuantity), metav1.Time (time.Parse with RFC 3339) and []byte
 * (base64). Each returns the error text upstream prints, or undefined when the value decodes.
 */

/** apimachinery resource.ErrFormatWrong. */
export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";
const QUANTITY_NUMERIC_ERROR = 'unable to parse numeric part of quantity';

const QUANTITY_SUFFIXES = new Set([
  '',
  'n',
  'u',
  'm',
  'k',
  'M',
  'G',
  'T',
  'P',
  'E',
  'Ki',
  'Mi',
  'Gi',
  'Ti',
  'Pi',
  'Ei',
]);

/**
 * Quantity.UnmarshalJSON: strings and bare JSON numbers both parse (`cpu: 1` is fine);
 * anything else is handed to ParseQuantity as text and fails its format check.
 */
export function quantityError(value: unknown): string | undefined {
  let text: string;
  if (typeof value === 'string') text = value.trim();
  else if (typeof value === 'number') text = String(value);
  else return QUANTITY_FORMAT_ERROR;
  // Upstream scans sign, digits, '.', digits, then suffix characters, then a signed exponent.
  const match = /^([+-]?[0-9.]*)([eEinumkKMGTP]*[-+]?[0-9]*)$/.exec(text);
  if (!text || !match) return QUANTITY_FORMAT_ERROR;
  const [, number = '', suffix = ''] = match;
  if (!/[0-9]/.test(number)) return QUANTITY_FORMAT_ERROR;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(number)) return QUANTITY_NUMERIC_ERROR;
  if (!QUANTITY_SUFFIXES.has(suffix) && !/^[eE][-+]?\d+$/.test(suffix)) return QUANTITY_SUFFIX_ERROR;
  return undefined;
}

/**
 * []byte from a JSON string: Go's base64.StdEncoding.Decode, quantum by quantum, reporting the
 * offset of the first bad byte as CorruptInputError does. Newlines are skipped, as upstream does.
 */
export function base64Error(src: string): string | undefined {
  const bad = (at: number) => `illegal base64 data at input byte ${at}`;
  const skipNewlines = (i: number) => {
    while (i < src.length && (src[i] === '\n' || src[i] === '\r')) i++;
    return i;
  };
  let si = 0;
  for (;;) {
    for (let j = 0; j < 4; j++) {
      if (si === src.length) return j === 0 ? undefined : bad(si - j);
      const c = src.charAt(si++);
      if (/[A-Za-z0-9+/]/.test(c)) continue;
      if (c === '\n' || c === '\r') {
        j--;
        continue;
      }
      if (c !== '=' || j < 2) return bad(si - 1);
      if (j === 2) {
        si = skipNewlines(si);
        if (si === src.length) return bad(src.length);
        if (src[si] !== '=') return bad(si - 1);
        si++;
      }
      si = skipNewlines(si);
      return si < src.length ? bad(si) : undefined;
    }
  }
}

const RFC3339 = '2006-01-02T15:04:05Z07:00';

interface Step {
  layout: string;
  /** Consume a prefix of `rest`: its length, a range error name, or -1 when it does not match. */
  take: (rest: string) => number | { range: string };
}

const digits = (n: number, min: number, max: number, range: string) => (rest: string) => {
  const m = new RegExp(`^\\d{${n}}`).exec(rest);
  if (!m) return -1;
  const v = Number(m[0]);
  return v < min || v > max ? { range } : n;
};
const literal = (l: string) => (rest: string) => (rest.startsWith(l) ? l.length : -1);

const STEPS: Step[] = [
  { layout: '2006', take: (rest) => (/^\d{4}/.test(rest) ? 4 : -1) },
  { layout: '-', take: literal('-') },
  { layout: '01', take: digits(2, 1, 12, 'month') },
  { layout: '-', take: literal('-') },
  { layout: '02', take: digits(2, 1, 31, 'day') },
  { layout: 'T', take: literal('T') },
  {
    layout: '15',
    take: (rest) => (/^\d\d/.test(rest) ? digits(2, 0, 23, 'hour')(rest) : digits(1, 0, 9, 'hour')(rest)),
  },
  { layout: ':', take: literal(':') },
  { layout: '04', take: digits(2, 0, 59, 'minute') },
  { layout: ':', take: literal(':') },
  // Go accepts fractional seconds after the seconds field even when the layout has none.
  {
    layout: '05',
    take: (rest) => {
      const n = digits(2, 0, 59, 'second')(rest);
      return typeof n === 'number' && n > 0 ? n + (/^[.,]\d+/.exec(rest.slice(2))?.[0].length ?? 0) : n;
    },
  },
  { layout: 'Z07:00', take: (rest) => (rest.startsWith('Z') ? 1 : /^[+-]\d{2}:\d{2}/.test(rest) ? 6 : -1) },
];

/** metav1.Time.UnmarshalJSON on a string: Go's time.Parse(time.RFC3339, s) error, if any. */
export function timeError(text: string): string | undefined {
  const quoted = JSON.stringify(text);
  let rest = text;
  for (const step of STEPS) {
    const taken = step.take(rest);
    if (typeof taken === 'object') return `parsing time ${quoted}: ${taken.range} out of range`;
    if (taken < 0)
      return `parsing time ${quoted} as "${RFC3339}": cannot parse ${JSON.stringify(rest)} as "${step.layout}"`;
    rest = rest.slice(taken);
  }
  if (rest) return `parsing time ${quoted}: extra text: ${JSON.stringify(rest)}`;
  if (!dayExists(text)) return `parsing time ${quoted}: day out of range`;
  return undefined;
}

function dayExists(text: string): boolean {
  const [year, month, day] = [Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10))];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 31;
  return day <= days;
}
