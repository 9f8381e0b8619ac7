/**
 * A container process on virtual time. `startProcess` builds it; the kubelet
 * calls `run(nowMs)`, which executes everything due up to `nowMs` and
 * returns either `{ state: 'sleeping', wakeAtMs }` (call `run(wakeAtMs)` when
 * the clock gets there; `Infinity` means "until killed") or
 * `{ state: 'exited', exitCode }`.
 *
 * Threads: the main shell and each background job (`cmd &`) are generators
 * with their own clocks, run one at a time in wake-time order, so their
 * output interleaves as it would for real. A thread resumes at its own wake
 * time even if `run` is called later, so results do not depend on how often
 * the kubelet polls.
 *
 * CPU model: nothing real runs, but a loop that never sleeps
 * (`while true; do :; done`) must neither hang the host nor stop the clock.
 * Each simple command (and each loop pass) is one step. The first
 * `freeSteps` steps after a sleep cost nothing, so ordinary scripts (a few
 * commands between sleeps) keep exact timestamps; beyond that every
 * `stepsPerMs` steps cost 1 ms of the thread's virtual time, and after
 * `sliceSteps` steps in one go the thread is preempted and wakes at its
 * advanced clock. The CPU is deliberately slow (defaults: 200 free steps,
 * then 2 steps per ms, 1 s slices): a step costs the host about 10 µs, so a
 * busy loop runs at most ~50x faster than real time, and fast-forwarding a
 * spinning container stays affordable. A 50 000-pass counting loop thus
 * takes about a minute of virtual time.
 */

import type { FileSystem } from './fs.ts';
import { BrokenPipe, emptyInput, type Io, type Sink } from './io.ts';
import { ExitSignal } from './errors.ts';
import { InputStream, type CommandHooks, type Yield } from './program.ts';
import { SIGNALS, type Runtime, type ShellInvocation, type ThreadClock } from './runtime.ts';
import { isShellName, runCommandArgv, runShellArgv } from './script.ts';

/** What `run` and `kill` report. */
export type RunResult =
  { readonly state: 'sleeping'; readonly wakeAtMs: number } | { readonly state: 'exited'; readonly exitCode: number };

/** Signals the kubelet sends. */
export type Signal = 'SIGTERM' | 'SIGKILL' | 'SIGINT' | 'SIGHUP' | 'SIGQUIT' | 'SIGUSR1' | 'SIGUSR2';

/** How fast the simulated CPU is (see the module comment). */
export interface CpuModel {
  /** Steps after a sleep that cost no time. Default 200. */
  readonly freeSteps?: number;
  /** Beyond the free steps, how many steps cost 1 ms of virtual time. Default 2. */
  readonly stepsPerMs?: number;
  /** Steps a thread may run before it is preempted (at least freeSteps + stepsPerMs). Default 2000. */
  readonly sliceSteps?: number;
  /** Safety cap on steps per `run` call (catching up after a late call). Default 200000. */
  readonly maxStepsPerRun?: number;
}

export interface ProcessOptions {
  /** `["sh","-c","…"]`, `["/bin/sh","-c","…", "arg0", …]`, or one command: `["sleep","3600"]`. */
  readonly argv: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Working directory; default "/". */
  readonly cwd?: string;
  readonly fs: FileSystem;
  /** Standard input (`kubectl exec -i`); empty by default. */
  readonly stdin?: string;
  /** Virtual time at start. */
  readonly nowMs: number;
  readonly hostname: string;
  /** Image programs and other commands supplied by the kubelet. */
  readonly commands?: CommandHooks;
  onStdout?(text: string, nowMs: number): void;
  onStderr?(text: string, nowMs: number): void;
  /** `$$`; 1 for a container's main process. */
  readonly pid?: number;
  /** PID 1 without a handler ignores SIGTERM, as the kernel does for init: `kill('SIGTERM')` then does nothing. */
  readonly ignoreSigterm?: boolean;
  readonly cpu?: CpuModel;
}

/** A running process. */
export interface Process {
  /** Runs everything due up to `nowMs`. */
  run(nowMs: number): RunResult;
  /** Delivers a signal: SIGKILL always ends it (137); SIGTERM ends it (143) unless ignored. */
  kill(signal: Signal, nowMs?: number): RunResult;
  /** The last result (undefined before the first `run`). */
  readonly result: RunResult | undefined;
}

interface Thread {
  readonly pid: number;
  readonly clock: ThreadClock;
  readonly gen: Generator<Yield, number, void>;
  wakeAtMs: number;
  stepsSinceSleep: number;
  waitingOn: Set<number> | undefined;
  exitCode: number | undefined;
}

/** Starts a process; nothing runs until the first `run`. */
export function startProcess(opts: ProcessOptions): Process {
  return new ShellProcess(opts);
}

/** The signal number of a signal name ("SIGTERM" → 15). */
export function signalNumber(signal: Signal): number {
  return SIGNALS[signal.slice(3)] ?? 15;
}

class ShellProcess implements Process, Runtime {
  readonly fs: FileSystem;
  readonly hostname: string;
  readonly commands: CommandHooks;
  readonly mainStdout: Sink;
  readonly mainStderr: Sink;
  result: RunResult | undefined;
  private readonly threads: Thread[] = [];
  private readonly finished = new Map<number, number>();
  private current: Thread | undefined;
  private nextPid: number;
  private readonly stepsPerMs: number;
  private readonly freeSteps: number;
  private readonly sliceSteps: number;
  private readonly maxStepsPerRun: number;

  constructor(private readonly opts: ProcessOptions) {
    this.fs = opts.fs;
    this.hostname = opts.hostname;
    this.commands = opts.commands ?? {};
    this.mainStdout = { write: (t) => opts.onStdout?.(t, this.nowOfCurrent()) };
    this.mainStderr = { write: (t) => opts.onStderr?.(t, this.nowOfCurrent()) };
    this.stepsPerMs = Math.max(1, opts.cpu?.stepsPerMs ?? 2);
    this.freeSteps = Math.max(0, opts.cpu?.freeSteps ?? 200);
    // A slice must cost at least 1 ms, or a preempted thread could wake at the same instant forever.
    this.sliceSteps = Math.max(this.freeSteps + this.stepsPerMs, opts.cpu?.sliceSteps ?? 2000);
    this.maxStepsPerRun = opts.cpu?.maxStepsPerRun ?? 200_000;
    const pid = opts.pid ?? 1;
    this.nextPid = pid + 1;
    const io: Io = {
      stdin: opts.stdin ? new InputStream(opts.stdin) : emptyInput(),
      stdout: this.mainStdout,
      stderr: this.mainStderr,
    };
    const inv: ShellInvocation = { argv: opts.argv, env: opts.env ?? {}, cwd: opts.cwd ?? '/', pid };
    const main = isShellName(opts.argv[0] ?? '') ? runShellArgv : runCommandArgv;
    this.addThread(pid, opts.nowMs, (clock) => main(this, clock, inv, io));
  }

  // --- Process -------------------------------------------------------------

  run(nowMs: number): RunResult {
    if (this.result?.state === 'exited') return this.result;
    let budget = this.maxStepsPerRun;
    for (let t = this.nextRunnable(nowMs); t && budget > 0; t = this.nextRunnable(nowMs)) {
      budget -= Math.max(1, this.runThread(t));
      const main = this.threads[0];
      if (main?.exitCode !== undefined) return this.exit(main.exitCode);
    }
    const wakeAtMs = Math.min(...this.threads.filter((t) => t.exitCode === undefined).map((t) => t.wakeAtMs));
    this.result = { state: 'sleeping', wakeAtMs };
    return this.result;
  }

  kill(signal: Signal, _nowMs?: number): RunResult {
    if (this.result?.state === 'exited') return this.result;
    if (signal === 'SIGTERM' && this.opts.ignoreSigterm)
      return this.result ?? { state: 'sleeping', wakeAtMs: this.opts.nowMs };
    return this.exit(128 + signalNumber(signal));
  }

  private exit(exitCode: number): RunResult {
    this.result = { state: 'exited', exitCode };
    return this.result;
  }

  // --- Runtime (for the shells inside) --------------------------------------

  spawn(body: (clock: ThreadClock) => Generator<Yield, number, void>, startMs: number): number {
    const pid = this.nextPid++;
    this.addThread(pid, startMs, body);
    return pid;
  }

  killJob(pid: number, signal: number): boolean {
    const t = this.threads.find((x) => x.pid === pid && x.exitCode === undefined && x !== this.threads[0]);
    if (!t) return false;
    this.finish(t, 128 + signal);
    return true;
  }

  jobStatus(pid: number): number | undefined {
    return this.finished.get(pid);
  }

  runningJobs(): number[] {
    return this.threads
      .slice(1)
      .filter((t) => t.exitCode === undefined)
      .map((t) => t.pid);
  }

  runShell(clock: ThreadClock, inv: ShellInvocation, io: Io): Generator<Yield, number, void> {
    return runShellArgv(this, clock, inv, io);
  }

  // --- scheduling -----------------------------------------------------------

  private addThread(pid: number, startMs: number, body: (clock: ThreadClock) => Generator<Yield, number, void>): void {
    const clock: ThreadClock = { now: startMs };
    this.threads.push({
      pid,
      clock,
      gen: body(clock),
      wakeAtMs: startMs,
      stepsSinceSleep: 0,
      waitingOn: undefined,
      exitCode: undefined,
    });
  }

  private nowOfCurrent(): number {
    return this.current?.clock.now ?? this.opts.nowMs;
  }

  /** The live thread due soonest (ties: lowest pid), if due by `nowMs`. */
  private nextRunnable(nowMs: number): Thread | undefined {
    let best: Thread | undefined;
    for (const t of this.threads) {
      if (t.exitCode !== undefined || t.wakeAtMs > nowMs) continue;
      if (!best || t.wakeAtMs < best.wakeAtMs) best = t;
    }
    return best;
  }

  /** Runs one thread until it sleeps, waits, exits or uses up its slice; returns the steps used. */
  private runThread(t: Thread): number {
    t.clock.now = Math.max(t.clock.now, t.wakeAtMs);
    this.current = t;
    let steps = 0;
    try {
      for (;;) {
        const r = this.resume(t);
        if (r === undefined) return steps;
        if ('join' in r && r.join) {
          if (this.waitFor(t, r.join)) return steps;
          continue;
        }
        const sleepMs = r.sleepMs ?? 0;
        if (sleepMs > 0) {
          t.wakeAtMs = t.clock.now + sleepMs;
          t.stepsSinceSleep = 0;
          return steps;
        }
        steps++;
        const charged = ++t.stepsSinceSleep - this.freeSteps;
        if (charged > 0 && charged % this.stepsPerMs === 0) t.clock.now += 1;
        if (steps >= this.sliceSteps || this.someoneEarlier(t)) {
          t.wakeAtMs = t.clock.now;
          return steps;
        }
      }
    } finally {
      this.current = undefined;
    }
  }

  /** One step of a thread's generator; undefined once it has finished. */
  private resume(t: Thread): Yield | undefined {
    let r: IteratorResult<Yield, number>;
    try {
      r = t.gen.next();
    } catch (e) {
      if (e instanceof ExitSignal) r = { done: true, value: e.code };
      else if (e instanceof BrokenPipe) r = { done: true, value: e.status };
      else throw e;
    }
    if (!r.done) return r.value;
    this.finish(t, r.value);
    return undefined;
  }

  /** Another thread is due before this one's clock: yield to keep output in time order. */
  private someoneEarlier(t: Thread): boolean {
    return (
      this.threads.length > 1 &&
      this.threads.some((o) => o !== t && o.exitCode === undefined && o.wakeAtMs < t.clock.now)
    );
  }

  /** `wait`: blocks `t` on running jobs among `pids`; false if none is running. */
  private waitFor(t: Thread, pids: readonly number[]): boolean {
    const running = pids.filter((p) => this.threads.some((o) => o.pid === p && o.exitCode === undefined));
    if (running.length === 0) return false;
    t.waitingOn = new Set(running);
    t.wakeAtMs = Infinity;
    return true;
  }

  private finish(t: Thread, exitCode: number): void {
    t.exitCode = exitCode;
    this.finished.set(t.pid, exitCode);
    for (const o of this.threads) {
      if (!o.waitingOn?.delete(t.pid) || o.waitingOn.size > 0) continue;
      o.waitingOn = undefined;
      o.wakeAtMs = Math.max(o.clock.now, t.clock.now);
    }
  }
}
