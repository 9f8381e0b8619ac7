/** The machine a benchmark ran on, reported with every result. */
import { cpus, loadavg, totalmem } from 'node:os';

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly node: string;
  readonly memoryGb: number;
  /** 1-minute load average when the run started: other work on the box skews figures. */
  readonly load1: number;
}

export function machine(): Machine {
  const c = cpus();
  return {
    cpu: c[0]?.model.trim() ?? 'unknown',
    cores: c.length,
    node: process.version,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    load1: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}

export function describeMachine(m: Machine): string {
  return `${m.cpu}, ${m.cores} cores, ${m.memoryGb} GiB, Node ${m.node}, load average ${m.load1} at start`;
}
