/**
 * Runs one benchmark module in this process (a fresh one per benchmark, so
 * JIT state and heap never leak between figures). Figures go to stdout as
 * `BENCH {json}` lines for run.ts; progress goes to stderr.
 *   node --import tsx test/bench/child.ts <sched|converge|apply|apiList|apiWrite>
 */
import type { Benchmark } from './types.ts';

export const BENCHMARKS = [
  'sched',
  'converge',
  'apply',
  'apiList',
  'apiWrite',
  'graph',
  'editor',
  'ui',
  'cronjob',
  'probes',
  'netpol',
  'dns',
] as const;
export type BenchmarkId = (typeof BENCHMARKS)[number];

async function main(id: string): Promise<void> {
  if (!(BENCHMARKS as readonly string[]).includes(id))
    throw new Error(`unknown benchmark "${id}"; one of ${BENCHMARKS.join(', ')}`);
  const mod = (await import(`./${id}.ts`)) as Benchmark;
  const figures = await mod.run((line) => process.stderr.write(`  ${line}\n`));
  for (const f of figures) process.stdout.write(`BENCH ${JSON.stringify(f)}\n`);
}

if (process.argv[1]?.endsWith('child.ts')) {
  main(process.argv[2] ?? '').then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`benchmark ${process.argv[2]} failed: ${(e as Error).stack ?? String(e)}\n`);
      process.exit(1);
    },
  );
}
