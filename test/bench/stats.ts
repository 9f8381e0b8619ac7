/** Small statistics for benchmark samples. */

/** The median (mean of the middle two for an even count). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('median of nothing');
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The p-th percentile (0..100) by the nearest-rank method, as latency reports use. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) throw new Error('percentile of nothing');
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length - 1, Math.max(0, rank - 1))]!;
}

/** "a, b, c" with `digits` decimals, for notes listing every run. */
export function list(xs: readonly number[], digits = 0): string {
  return xs.map((x) => x.toFixed(digits)).join(', ');
}

/** Rounds to `digits` decimals for reporting. */
export function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Milliseconds of CPU this process used since `start` (from process.cpuUsage()); V8's GC threads count too. */
export function cpuMsSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

/** Wall and process CPU milliseconds of one synchronous call. */
export function timed(work: () => void): { ms: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  work();
  const ms = performance.now() - t0;
  return { ms, cpuMs: cpuMsSince(cpu) };
}
