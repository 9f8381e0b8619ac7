/**
 * A small harness for driving a process on virtual time in tests: start a
 * script, advance the clock, read what it printed and when.
 */

import { MemFs, type FileSystem } from './fs.ts';
import { startProcess, type Process, type ProcessOptions, type RunResult } from './process.ts';

export interface Line {
  readonly text: string;
  readonly atMs: number;
}

export interface Harness {
  readonly proc: Process;
  readonly fs: FileSystem;
  readonly stdout: Line[];
  readonly stderr: Line[];
  /** Runs the process through every wake-up up to `ms` (inclusive). */
  advanceTo(ms: number): RunResult;
  /** Everything printed to stdout, concatenated. */
  out(): string;
  err(): string;
}

/** Starts `sh -c script` (or an argv) at t=0 on a fresh MemFs unless given one. */
export function harness(script: string | readonly string[], opts: Partial<ProcessOptions> = {}): Harness {
  const fs = opts.fs ?? new MemFs();
  const stdout: Line[] = [];
  const stderr: Line[] = [];
  const argv = typeof script === 'string' ? ['sh', '-c', script] : script;
  const proc = startProcess({
    hostname: 'pod-1',
    nowMs: 0,
    ...opts,
    argv,
    fs,
    onStdout: (text, atMs) => stdout.push({ text, atMs }),
    onStderr: (text, atMs) => stderr.push({ text, atMs }),
  });
  let now = opts.nowMs ?? 0;
  let last: RunResult | undefined;
  return {
    proc,
    fs,
    stdout,
    stderr,
    advanceTo(ms) {
      last ??= proc.run(now);
      while (last.state === 'sleeping' && last.wakeAtMs <= ms) {
        now = Math.max(now, last.wakeAtMs);
        last = proc.run(now);
      }
      now = Math.max(now, ms);
      return last;
    },
    out: () => stdout.map((l) => l.text).join(''),
    err: () => stderr.map((l) => l.text).join(''),
  };
}

/** Runs a script to completion (or for `limitMs` after its start) and returns its output and result. */
export function runToEnd(
  script: string | readonly string[],
  opts: Partial<ProcessOptions> = {},
  limitMs = 3_600_000,
): { out: string; err: string; result: RunResult; h: Harness } {
  const h = harness(script, opts);
  const result = h.advanceTo((opts.nowMs ?? 0) + limitMs);
  return { out: h.out(), err: h.err(), result, h };
}
