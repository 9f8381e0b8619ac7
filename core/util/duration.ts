/**
 * Go's time.Duration.String(), for metav1.Duration in protobuf bodies and
 * kubectl drain's timeout messages: "1h2m3.5s", "1.5ms", "0s". Below one second the
 * unit shrinks (ns, µs, ms); above, h/m/s with a trimmed fraction of seconds.
 * Example: 5400000000000 ns → "1h30m0s".
 */
export function formatDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const sign = ns < 0n ? '-' : '';
  const u = ns < 0n ? -ns : ns;
  if (u < 1_000n) return `${sign}${u}ns`;
  if (u < 1_000_000n) return `${sign}${withFraction(u, 3)}µs`;
  if (u < 1_000_000_000n) return `${sign}${withFraction(u, 6)}ms`;
  const seconds = withFraction(u % 60_000_000_000n, 9);
  const minutes = u / 60_000_000_000n;
  if (minutes === 0n) return `${sign}${seconds}s`;
  const hours = minutes / 60n;
  const m = `${minutes % 60n}m${seconds}s`;
  return hours === 0n ? `${sign}${m}` : `${sign}${hours}h${m}`;
}

/** `v / 10^digits` with trailing zeros (and a bare point) dropped: (1500, 3) → "1.5". */
function withFraction(v: bigint, digits: number): string {
  const scale = 10n ** BigInt(digits);
  const fraction = (v % scale).toString().padStart(digits, '0').replace(/0+$/, '');
  return fraction ? `${v / scale}.${fraction}` : `${v / scale}`;
}
