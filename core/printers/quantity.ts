/**
 * Just enough of apimachinery's resource.Quantity for describe output:
 * parse `100m`, `1.5Gi`, `2`, add, and print in canonical form (the sum
 * keeps the format of its first term, as Quantity.Add does).
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI';

/** A quantity as thousandths of its base unit (Go's MilliValue), with its format. */
export interface Quantity {
  milli: number;
  format: QuantityFormat;
}

const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const BINARY_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const DECIMAL_SUFFIX: Record<number, string> = { 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };

/** Zero in a format. */
export const zeroQuantity = (format: QuantityFormat = 'DecimalSI'): Quantity => ({ milli: 0, format });

/** Parse a quantity string; undefined when it is not one. */
export function parseQuantity(text: string): Quantity | undefined {
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))([eE][+-]?\d+|[a-zA-Z]*)$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const suffix = m[2] ?? '';
  if (suffix in BINARY) return { milli: Math.ceil(n * 1024 ** (BINARY[suffix] ?? 0) * 1000), format: 'BinarySI' };
  if (/^[eE]/.test(suffix)) return { milli: Math.ceil(n * 10 ** Number(suffix.slice(1)) * 1000), format: 'DecimalSI' };
  const exp = DECIMAL[suffix];
  if (exp === undefined) return undefined;
  // Go rounds MilliValue up; round through a string to dodge float noise (0.1*1000).
  return { milli: Math.ceil(Number((n * 10 ** (exp + 3)).toPrecision(15))), format: 'DecimalSI' };
}

/** a + b in a's format. */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  return { milli: a.milli + b.milli, format: a.format };
}

/** Canonical text: `0`, `100m`, `2`, `1k`, `128Mi`, `1536Mi`. */
export function formatQuantity(q: Quantity): string {
  if (q.milli === 0) return '0';
  if (q.milli % 1000 !== 0) return `${q.milli}m`;
  const value = q.milli / 1000;
  if (q.format === 'BinarySI' && Math.abs(value) >= 1024) return formatBinary(value);
  let v = value;
  let exp = 0;
  while (v % 1000 === 0 && exp < 18) {
    v /= 1000;
    exp += 3;
  }
  return `${v}${DECIMAL_SUFFIX[exp] ?? ''}`;
}

function formatBinary(value: number): string {
  let v = value;
  let power = 0;
  while (v % 1024 === 0 && power < 6) {
    v /= 1024;
    power++;
  }
  return `${v}${BINARY_SUFFIX[power] ?? ''}`;
}

/** A stored quantity string in canonical form (unparseable text is kept). */
export function canonicalQuantity(text: string): string {
  const q = parseQuantity(text);
  return q ? formatQuantity(q) : text;
}
