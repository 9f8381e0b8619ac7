/**
 * sched-throughput: pods scheduled per second on 1,000 nodes with every
 * default plugin enabled, through the scheduler author's `benchSchedule`
 * (PreFilter, Filter, PreScore, Score, selectHost and assume for each pod; no
 * API writes). 10,000 pods of a ReplicaSet (100m cpu, 128Mi), so default
 * topology spreading applies. One warm-up run is excluded; the figure is the
 * median of the timed runs.
 */
import { benchSchedule } from '../../core/scheduler/bench.ts';
import { cpuMsSince, list, median, round } from './stats.ts';
import type { Figure } from './types.ts';

const NODES = 1_000;
const PODS = 10_000;
const RUNS = 5;

export async function run(log: (line: string) => void): Promise<Figure[]> {
  const now = () => performance.now();
  const warm = benchSchedule(NODES, PODS, now);
  log(`sched: warm-up (excluded) ${round(warm.podsPerSecond, 0)} pods/s`);
  const rates: number[] = [];
  const cpuRates: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // CPU time brackets the whole call (node and pod set-up included), so its rate is a lower bound.
    const cpu = process.cpuUsage();
    const r = benchSchedule(NODES, PODS, now);
    cpuRates.push((r.scheduled * 1000) / cpuMsSince(cpu));
    if (r.scheduled !== PODS) throw new Error(`sched: only ${r.scheduled}/${PODS} pods scheduled`);
    rates.push(r.podsPerSecond);
    log(`sched: run ${i + 1}/${RUNS} ${round(r.podsPerSecond, 0)} pods/s (${round(r.milliseconds, 0)} ms)`);
  }
  const note = `${PODS} pods on ${NODES} nodes, median of ${RUNS} runs after 1 warm-up: ${list(rates)}; by process cpu time (set-up included) median ${round(median(cpuRates), 0)} pods/s`;
  return [{ name: 'sched-throughput', value: round(median(rates), 0), unit: 'pods/s', note }];
}
