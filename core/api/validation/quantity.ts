/**
 * Resource quantities (apimachinery `pkg/api/resource`): enough to compare
 * requests with limits and to print a quantity in canonical form ("500m",
 * "1Gi") as the messages upstream produces do. Values are held exactly as
 * BigInt nano-units; anything finer than 1n is rounded up, as upstream does.
 */

export type QuantityFormat = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

export interface Quantity {
  /** Value in units of 10^-9. */
  nano: bigint;
  format: QuantityFormat;
}

const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const SUFFIX_BY_EXP = new Map(Object.entries(DECIMAL).map(([s, e]) => [e, s]));
const QUANTITY_RE = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/;

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** Parses "1.5Gi", "100m", "1e3", 2 (a YAML number). Undefined when not a quantity. */
export function parseQuantity(input: unknown): Quantity | undefined {
  const text = typeof input === 'number' ? String(input) : typeof input === 'string' ? input.trim() : undefined;
  if (text === undefined) return undefined;
  const m = QUANTITY_RE.exec(text);
  if (!m) return undefined;
  const [, sign = '', digits = '', suffix, exponent] = m;
  const [intPart = '', fracPart = ''] = digits.split('.');
  const mantissa = BigInt(`${intPart || '0'}${fracPart}`);
  const scale = fracPart.length;
  let format: QuantityFormat = 'DecimalSI';
  let num: bigint;
  let den: bigint = pow10(scale);
  if (exponent !== undefined) {
    format = 'DecimalExponent';
    const e = Number(exponent);
    num = mantissa * (e >= 0 ? pow10(e) : 1n) * pow10(9);
    if (e < 0) den *= pow10(-e);
  } else if (suffix && suffix in BINARY) {
    format = 'BinarySI';
    num = mantissa * 2n ** BigInt(BINARY[suffix] ?? 0) * pow10(9);
  } else {
    const e = DECIMAL[suffix ?? ''] ?? 0;
    num = mantissa * pow10(9 + Math.max(e, 0));
    if (e < 0) den *= pow10(-e);
  }
  // Round up to whole nano-units, away from zero as upstream's Ceil does for positives.
  let nano = num / den + (num % den === 0n ? 0n : 1n);
  if (sign === '-') nano = -nano;
  return { nano, format };
}

export function compareQuantity(a: Quantity, b: Quantity): number {
  return a.nano < b.nano ? -1 : a.nano > b.nano ? 1 : 0;
}

/** Quantity.String(): canonical form, e.g. 1024Mi → "1Gi", 0.5 → "500m", 1000m → "1". */
export function formatQuantity(q: Quantity): string {
  const negative = q.nano < 0n;
  const abs = negative ? -q.nano : q.nano;
  const sign = negative ? '-' : '';
  const whole = abs % pow10(9) === 0n ? abs / pow10(9) : undefined;
  if (q.format === 'BinarySI' && whole !== undefined && whole >= 1024n) return sign + formatBinary(whole);
  return sign + formatDecimal(abs, q.format === 'DecimalExponent');
}

function formatBinary(value: bigint): string {
  let v = value;
  let i = 0;
  const suffixes = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
  while (i < suffixes.length - 1 && v % 1024n === 0n && v !== 0n) {
    v /= 1024n;
    i++;
  }
  return `${v}${suffixes[i]}`;
}

function formatDecimal(nano: bigint, exponentForm: boolean): string {
  if (nano === 0n) return '0';
  // Largest exponent (multiple of 3, from -9) that keeps the mantissa whole.
  let exp = -9;
  let mantissa = nano;
  while (exp < 18 && mantissa % 1000n === 0n) {
    mantissa /= 1000n;
    exp += 3;
  }
  if (exponentForm) return exp === 0 ? `${mantissa}` : `${mantissa}e${exp}`;
  return `${mantissa}${SUFFIX_BY_EXP.get(exp) ?? ''}`;
}

/** The canonical text of a raw quantity, or the raw text when it does not parse. */
export function canonical(input: unknown): string {
  const q = parseQuantity(input);
  return q ? formatQuantity(q) : String(input);
}
