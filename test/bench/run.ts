/**
 * `npm run bench`: runs every benchmark, each in its own child process, and
 * prints a table of figures against the issue's targets (or, with `--json`,
 * one `{"name","value","unit"}` line per figure on stdout).
 *   npm run bench -- [--json] [--only sched,apply] [--runs N]
 * `--runs N` repeats each benchmark process N times and reports per-figure
 * medians (every run's value is listed on stderr). Progress goes to stderr.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BENCHMARKS } from './child.ts';
import { describeMachine, machine } from './machine.ts';
import { list, median } from './stats.ts';
import type { Figure } from './types.ts';
import { TARGETS, meets } from './types.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
/** Every benchmark process is killed after this long: the whole run always ends by itself. */
const CHILD_TIMEOUT_MS = 15 * 60_000;

function runChild(id: string): Promise<Figure[]> {
  // The converge run holds 10,000 pods and their history; give its heap room so a miss is measured, not a crash.
  const args = ['--max-old-space-size=4096', '--import', 'tsx', join(HERE, 'child.ts'), id];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: join(HERE, '../..'), stdio: ['ignore', 'pipe', 'inherit'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0)
        return reject(new Error(`benchmark ${id} ${signal ? `killed by ${signal}` : `exited with ${code}`}`));
      const figures = out
        .split('\n')
        .filter((l) => l.startsWith('BENCH '))
        .map((l) => JSON.parse(l.slice(6)) as Figure);
      resolve(figures);
    });
  });
}

/** Per-figure median over repeated runs; the note says so when there was more than one. */
function combine(runs: Figure[][]): Figure[] {
  const first = runs[0] ?? [];
  return first.map((f) => {
    const values = runs.map((r) => r.find((x) => x.name === f.name)?.value).filter((v): v is number => v !== undefined);
    if (values.length < 2) return f;
    const note = `median of ${values.length} processes: ${list(values, f.unit === 'ms' && f.value < 100 ? 2 : 0)}${f.note ? `; first: ${f.note}` : ''}`;
    return { ...f, value: median(values), note };
  });
}

function table(figures: Figure[]): string {
  const rows = figures.map((f) => {
    const t = TARGETS[f.name];
    return [
      f.name,
      `${f.value} ${f.unit}`,
      t ? `${t.op} ${t.value.toLocaleString('en-US')}` : '—',
      t ? (meets(f.value, t) ? 'pass' : 'FAIL') : '',
    ];
  });
  const head = ['figure', 'value', 'target', 'result'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const notes = figures.filter((f) => f.note).map((f) => `  ${f.name}: ${f.note}`);
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), '', 'notes:', ...notes].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { json: { type: 'boolean' }, only: { type: 'string' }, runs: { type: 'string' } },
  });
  const only = values.only?.split(',').map((s) => s.trim());
  // A benchmark is picked by its id or by one of its figures' names (`netpol-matrix` picks `netpol`).
  const ids = BENCHMARKS.filter((id) => !only || only.some((o) => o === id || o.startsWith(`${id}-`)));
  if (ids.length === 0) throw new Error(`--only matched nothing; benchmarks: ${BENCHMARKS.join(', ')}`);
  const runs = Math.max(1, Math.min(10, Number(values.runs ?? 1) || 1));
  const m = machine();
  process.stderr.write(`machine: ${describeMachine(m)}\n`);
  const figures: Figure[] = [];
  for (const id of ids) {
    const results: Figure[][] = [];
    for (let i = 0; i < runs; i++) {
      process.stderr.write(`${id}${runs > 1 ? ` (process ${i + 1}/${runs})` : ''}...\n`);
      results.push(await runChild(id));
    }
    figures.push(...combine(results));
  }
  if (values.json) {
    for (const f of figures)
      process.stdout.write(`${JSON.stringify({ name: f.name, value: f.value, unit: f.unit })}\n`);
    return;
  }
  const date = new Date().toISOString().slice(0, 10);
  process.stdout.write(
    `KubeLab benchmarks, ${date}\nmachine: ${describeMachine(m)}\nwarm-up runs are excluded from every figure\n\n${table(figures)}\n`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
