/**
 * resource.Quantity parsing as apimachinery does it (pkg/api/resource/quantity.go):
 * a signed decimal number, then a binary suffix (Ki…Ei), a decimal suffix
 * (n u m "" k M G T P E) or an exponent (e3, E-2). Values are kept exact in
 * milli-units as a bigint; MilliValue() and Value() round away from zero like
 * upstream's ScaledValue, so "0.5m" is 1 milli and "0.1" bytes is 1 byte.
 */

const QUANTITY = /^([+-]?)(\d*)(?:\.(\d*))?(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/;

const DECIMAL_EXPONENT: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_POWER: Record<string, bigint> = { Ki: 10n, Mi: 20n, Gi: 30n, Ti: 40n, Pi: 50n, Ei: 60n };

/** Exponents past this are rejected rather than building enormous bigints. */
const MAX_EXPONENT = 64;

/** Parsed quantities by text: pods of one template repeat the same strings. */
const memo = new Map<string, bigint | null>();
const MEMO_LIMIT = 4096;

/**
 * Parses a Kubernetes quantity ("500m", "2", "4Gi", "129e6", "129M") into exact
 * milli-units, rounded away from zero. Returns undefined for text that is not a
 * quantity.
 */
export function parseQuantity(text: string): bigint | undefined {
  const hit = memo.get(text);
  if (hit !== undefined) return hit ?? undefined;
  const parsed = parseUncached(text.trim());
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(text, parsed ?? null);
  return parsed;
}

function parseUncached(text: string): bigint | undefined {
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const [, sign = '', whole = '', frac = '', suffix, exp] = m;
  if (whole.length + frac.length === 0) return undefined;
  let numerator = BigInt(whole + frac) * 1000n;
  let exponent10 = -frac.length;
  if (suffix !== undefined && suffix in BINARY_POWER) {
    numerator <<= BINARY_POWER[suffix] ?? 0n;
  } else if (suffix !== undefined) {
    exponent10 += DECIMAL_EXPONENT[suffix] ?? 0;
  } else if (exp !== undefined) {
    exponent10 += Number(exp);
  }
  if (Math.abs(exponent10) > MAX_EXPONENT) return undefined;
  const milli =
    exponent10 >= 0 ? numerator * 10n ** BigInt(exponent10) : divideAwayFromZero(numerator, 10n ** BigInt(-exponent10));
  return sign === '-' ? -milli : milli;
}

function divideAwayFromZero(n: bigint, d: bigint): bigint {
  const q = n / d;
  return q * d === n ? q : q + 1n;
}

/** Quantity.MilliValue() as a number (cpu in millicores). Undefined when not a quantity. */
export function milliValue(text: string): number | undefined {
  const milli = parseQuantity(text);
  return milli === undefined ? undefined : Number(milli);
}

/** Quantity.Value() as a number (memory and storage in bytes, counts), rounded away from zero. */
export function quantityValue(text: string): number | undefined {
  const milli = parseQuantity(text);
  if (milli === undefined) return undefined;
  const negative = milli < 0n;
  const abs = negative ? -milli : milli;
  const whole = divideAwayFromZero(abs, 1000n);
  return Number(negative ? -whole : whole);
}

/** The amount a resource list holds for one resource, in scheduler units: millicores for cpu, whole units otherwise. */
export function resourceAmount(name: string, text: unknown): number {
  const raw = typeof text === 'number' ? String(text) : text;
  if (typeof raw !== 'string') return 0;
  const v = name === 'cpu' ? milliValue(raw) : quantityValue(raw);
  return v ?? 0;
}
