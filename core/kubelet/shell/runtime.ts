/**
 * What every shell of one process shares: the filesystem, the hostname, the
 * image programs, the main output streams, and the scheduler that runs
 * background jobs (`cmd &`) as threads on their own virtual clocks.
 * process.ts implements it; the interpreter only sees this interface.
 */

import type { FileSystem } from './fs.ts';
import type { Io, Sink } from './io.ts';
import type { CommandHooks, Yield } from './program.ts';

/** A thread's virtual clock; `now` advances with sleeps and CPU work. */
export interface ThreadClock {
  now: number;
}

/** How a shell is invoked: `argv` is `sh …` (or `sh path args…` for a script file). */
export interface ShellInvocation {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  readonly pid: number;
}

/** The process-wide services a shell needs. */
export interface Runtime {
  readonly fs: FileSystem;
  readonly hostname: string;
  readonly commands: CommandHooks;
  /** The main process's stdout/stderr (what `/proc/1/fd/1` reaches). */
  readonly mainStdout: Sink;
  readonly mainStderr: Sink;
  /** Starts `body` as a background thread starting at `startMs`; returns its pid. */
  spawn(body: (clock: ThreadClock) => Generator<Yield, number, void>, startMs: number): number;
  /** Ends a background job as `signal` would; false if no such job is running. */
  killJob(pid: number, signal: number): boolean;
  /** Exit status of a finished job, or undefined while it runs (or if unknown). */
  jobStatus(pid: number): number | undefined;
  /** Pids of background jobs still running. */
  runningJobs(): number[];
  /**
   * Runs a nested shell (`sh -c …`, a script file) on `clock`. Injected by
   * the process so the interpreter does not import its own entry point.
   */
  runShell(clock: ThreadClock, inv: ShellInvocation, io: Io): Generator<Yield, number, void>;
}

/** Signal numbers by name, as `kill -l` lists them (the ones that matter here). */
export const SIGNALS: Readonly<Record<string, number>> = {
  HUP: 1,
  INT: 2,
  QUIT: 3,
  KILL: 9,
  USR1: 10,
  USR2: 12,
  PIPE: 13,
  ALRM: 14,
  TERM: 15,
};
