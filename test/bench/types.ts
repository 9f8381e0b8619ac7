/** What every benchmark module reports: figures, and where they stand against the targets. */

/** One measured figure, as printed by `npm run bench -- --json`. */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** How it was measured (runs, warm-up, spread); shown in the human table. */
  readonly note?: string;
}

/** The target for a figure: at least (`>=`) or at most (`<=`) this value. */
export interface Target {
  readonly op: '>=' | '<=';
  readonly value: number;
}

/** A benchmark module: runs in its own child process and returns its figures. */
export interface Benchmark {
  run(log: (line: string) => void): Promise<Figure[]>;
}

export const TARGETS: Readonly<Record<string, Target>> = {
  'sched-throughput': { op: '>=', value: 13_600 },
  'converge-10k-ms': { op: '<=', value: 2_000 },
  'converge-10k-heap-mb': { op: '<=', value: 400 },
  'apply-1k-docs-ms': { op: '<=', value: 300 },
  'api-list-10k-ms': { op: '<=', value: 300 },
  'api-write-p99-ms': { op: '<=', value: 5 },
  'graph-patch-p95-ms': { op: '<=', value: 16 },
  'graph-layout-1k-ms': { op: '<=', value: 1_000 },
  'editor-validate-500-ms': { op: '<=', value: 100 },
  'ui-interactive-ms': { op: '<=', value: 2_000 },
  'cronjob-day-ms': { op: '<=', value: 500 },
  'probes-1k-pods-ms': { op: '<=', value: 1_000 },
  'netpol-matrix-500-ms': { op: '<=', value: 200 },
  'dns-lookup-us': { op: '<=', value: 50 },
};

/** True when `value` meets `target`. */
export function meets(value: number, target: Target): boolean {
  return target.op === '>=' ? value >= target.value : value <= target.value;
}
