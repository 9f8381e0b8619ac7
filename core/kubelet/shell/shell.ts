/**
 * The interpreter: one `Shell` per shell environment (a subshell is a copy).
 * Every method that runs code is a generator, so a `sleep` anywhere (in a
 * loop body, a `$( … )`, a pipeline) suspends the whole stack on the virtual
 * clock and the process resumes it later. Control flow (`exit`, `break`,
 * `return`) travels as thrown signals (errors.ts).
 */

import type { AndOr, Command, List, Pipeline } from './ast.ts';
import { ExitSignal, LoopSignal, ReturnSignal, ShellError } from './errors.ts';
import { expandPattern, expandString, expandWords, type ExpandHost } from './expand.ts';
import { matchPattern } from './glob.ts';
import { BrokenPipe, BufferSink, PIPE_CAPACITY, type Io, type Sink } from './io.ts';
import { InputStream, STEP, type Yield } from './program.ts';
import { applyRedirs } from './redirect.ts';
import type { Runtime, ThreadClock } from './runtime.ts';
import { runSimple } from './simple.ts';

type Gen<T> = Generator<Yield, T, void>;

/** A shell variable. */
export interface Var {
  value: string;
  exported: boolean;
}

/** Everything a subshell copies. */
export interface ShellState {
  vars: Map<string, Var>;
  positional: string[];
  arg0: string;
  status: number;
  cwd: string;
  functions: Map<string, Command>;
  opts: { errexit: boolean; xtrace: boolean; nounset: boolean };
  pid: number;
  lastBg: number | undefined;
}

/** A copy of a state, as `( … )`, pipelines and `$( … )` get. */
export function cloneState(st: ShellState): ShellState {
  const vars = new Map([...st.vars].map(([k, v]) => [k, { ...v }]));
  return { ...st, vars, positional: [...st.positional], functions: new Map(st.functions), opts: { ...st.opts } };
}

export class Shell {
  /** > 0 while evaluating an `if`/`while` condition or a `&&`/`||` left side: `set -e` does not apply. */
  condDepth = 0;
  loopDepth = 0;
  /** Status of the last `$( … )` in the current simple command (an assignment-only command returns it). */
  substStatus: number | undefined;

  constructor(
    readonly rt: Runtime,
    readonly clock: ThreadClock,
    readonly st: ShellState,
  ) {}

  now(): number {
    return this.clock.now;
  }

  // --- variables -----------------------------------------------------------

  getVar(name: string): string | undefined {
    const st = this.st;
    if (/^[0-9]+$/.test(name)) return name === '0' ? st.arg0 : st.positional[Number(name) - 1];
    switch (name) {
      case '?':
        return String(st.status);
      case '$':
        return String(st.pid);
      case '#':
        return String(st.positional.length);
      case '!':
        return st.lastBg === undefined ? '' : String(st.lastBg);
      case '-':
        return (st.opts.errexit ? 'e' : '') + (st.opts.nounset ? 'u' : '') + (st.opts.xtrace ? 'x' : '');
      default:
        return st.vars.get(name)?.value;
    }
  }

  setVar(name: string, value: string, exported?: boolean): void {
    const old = this.st.vars.get(name);
    this.st.vars.set(name, { value, exported: exported ?? old?.exported ?? false });
  }

  /** The environment a program sees: exported variables. */
  env(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [k, v] of this.st.vars) if (v.exported) env[k] = v.value;
    return env;
  }

  /** An expansion host whose `$( … )` errors go to `stderr`. */
  host(stderr: Sink): ExpandHost {
    return {
      getVar: (n) => this.getVar(n),
      setVar: (n, v) => this.setVar(n, v),
      positional: () => this.st.positional,
      commandSubst: (body) => this.commandSubst(body, stderr),
      cwd: this.st.cwd,
      fs: this.rt.fs,
      nounset: this.st.opts.nounset,
    };
  }

  private *commandSubst(body: List, stderr: Sink): Gen<string> {
    const out = new BufferSink();
    const sub = this.subshell();
    this.substStatus = yield* sub.runIsolated((s) =>
      s.runList(body, { stdin: new InputStream(''), stdout: out, stderr }),
    );
    return out.text();
  }

  subshell(clock: ThreadClock = this.clock): Shell {
    return new Shell(this.rt, clock, cloneState(this.st));
  }

  /** Runs `fn` as a subshell body: `exit` and broken pipes end only it. */
  *runIsolated(fn: (s: Shell) => Gen<number>): Gen<number> {
    try {
      return yield* fn(this);
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      if (e instanceof BrokenPipe) return e.status;
      if (e instanceof LoopSignal || e instanceof ReturnSignal) return this.st.status;
      throw e;
    }
  }

  // --- lists ---------------------------------------------------------------

  *runList(list: List, io: Io): Gen<number> {
    let status = 0;
    for (const item of list) {
      status = item.background ? this.startJob(item, io) : yield* this.runAndOr(item, io);
      this.st.status = status;
    }
    return status;
  }

  /** `cmd &`: a subshell on its own thread; stdin is empty as for any non-interactive job. */
  private startJob(item: AndOr, io: Io): number {
    const job: AndOr = { ...item, background: false };
    const pid = this.rt.spawn((clock) => {
      const sub = this.subshell(clock);
      return sub.runIsolated((s) => s.runAndOr(job, { ...io, stdin: new InputStream('') }));
    }, this.clock.now);
    this.st.lastBg = pid;
    return 0;
  }

  /** `a && b || c`: every pipeline but the last is a condition for `set -e`. */
  *runAndOr(ao: AndOr, io: Io): Gen<number> {
    const pipelines = [ao.first, ...ao.rest.map((r) => r.pipeline)];
    let status = 0;
    let ranLast = false;
    for (const [i, p] of pipelines.entries()) {
      const op = ao.rest[i - 1]?.op;
      if (op && (op === '&&') !== (status === 0)) continue;
      const isLast = i === pipelines.length - 1;
      if (isLast) {
        status = yield* this.runPipeline(p, io);
        ranLast = true;
      } else {
        this.condDepth++;
        try {
          status = yield* this.runPipeline(p, io);
        } finally {
          this.condDepth--;
        }
      }
    }
    const lastNegated = pipelines[pipelines.length - 1]?.negate ?? false;
    if (status !== 0 && ranLast && !lastNegated && this.st.opts.errexit && this.condDepth === 0) {
      throw new ExitSignal(status);
    }
    return status;
  }

  *runPipeline(p: Pipeline, io: Io): Gen<number> {
    let status: number;
    if (p.commands.length === 1) {
      const only = p.commands[0] as Command;
      status = yield* this.runCommand(only, io);
    } else {
      status = yield* this.runPipes(p.commands, io);
    }
    this.st.status = p.negate ? (status === 0 ? 1 : 0) : status;
    return this.st.status;
  }

  /** Each side of a pipe is a subshell; a side's whole output becomes the next side's input. */
  private *runPipes(commands: readonly Command[], io: Io): Gen<number> {
    let stdin = io.stdin;
    let status = 0;
    for (const [i, cmd] of commands.entries()) {
      const isLast = i === commands.length - 1;
      const buf = new BufferSink(PIPE_CAPACITY);
      const stage: Io = { stdin, stdout: isLast ? io.stdout : buf, stderr: io.stderr };
      status = yield* this.subshell().runIsolated((s) => s.runCommand(cmd, stage));
      stdin = new InputStream(buf.text());
    }
    return status;
  }

  // --- commands ------------------------------------------------------------

  *runCommand(cmd: Command, io: Io): Gen<number> {
    try {
      if (cmd.kind === 'simple') return yield* runSimple(this, cmd, io);
      if (cmd.kind === 'func') {
        this.st.functions.set(cmd.name, cmd.body);
        return 0;
      }
      const redirected = yield* applyRedirs(this, cmd.redirs, io);
      return yield* this.runCompound(cmd, redirected);
    } catch (e) {
      if (!(e instanceof ShellError)) throw e;
      io.stderr.write(`sh: ${e.message}\n`);
      if (e.fatal) throw new ExitSignal(e.status);
      return e.status;
    }
  }

  private *runCompound(cmd: Exclude<Command, { kind: 'simple' | 'func' }>, io: Io): Gen<number> {
    switch (cmd.kind) {
      case 'group':
        return cmd.subshell
          ? yield* this.subshell().runIsolated((s) => s.runList(cmd.body, io))
          : yield* this.runList(cmd.body, io);
      case 'if':
        return yield* this.runIf(cmd, io);
      case 'loop':
        return yield* this.runLoop(cmd, io);
      case 'for':
        return yield* this.runFor(cmd, io);
      case 'case':
        return yield* this.runCase(cmd, io);
    }
  }

  /** Runs a list as a condition: `set -e` is off inside it. */
  *runCondition(list: List, io: Io): Gen<number> {
    this.condDepth++;
    try {
      return yield* this.runList(list, io);
    } finally {
      this.condDepth--;
    }
  }

  private *runIf(cmd: Extract<Command, { kind: 'if' }>, io: Io): Gen<number> {
    for (const clause of cmd.clauses) {
      if ((yield* this.runCondition(clause.cond, io)) === 0) return yield* this.runList(clause.body, io);
    }
    return cmd.elseBody ? yield* this.runList(cmd.elseBody, io) : 0;
  }

  private *runLoop(cmd: Extract<Command, { kind: 'loop' }>, io: Io): Gen<number> {
    let status = 0;
    this.loopDepth++;
    try {
      for (;;) {
        yield STEP; // every iteration costs CPU, even one made only of compound commands
        if (((yield* this.runCondition(cmd.cond, io)) === 0) === cmd.until) break;
        const outcome = yield* this.loopBody(() => this.runList(cmd.body, io));
        if (outcome === 'break') break;
        if (typeof outcome === 'number') status = outcome;
      }
    } finally {
      this.loopDepth--;
    }
    return status;
  }

  /** One pass of a loop body: its status, or what a `break`/`continue` asked for. */
  private *loopBody(body: () => Gen<number>): Gen<number | 'break' | 'continue'> {
    try {
      return yield* body();
    } catch (e) {
      if (!(e instanceof LoopSignal)) throw e;
      if (e.levels > 1) throw new LoopSignal(e.kind, e.levels - 1);
      return e.kind;
    }
  }

  private *runFor(cmd: Extract<Command, { kind: 'for' }>, io: Io): Gen<number> {
    const items = cmd.items ? yield* expandWords(cmd.items, this.host(io.stderr)) : [...this.st.positional];
    let status = 0;
    this.loopDepth++;
    try {
      for (const item of items) {
        yield STEP;
        this.setVar(cmd.name, item);
        const outcome = yield* this.loopBody(() => this.runList(cmd.body, io));
        if (outcome === 'break') break;
        if (typeof outcome === 'number') status = outcome;
      }
    } finally {
      this.loopDepth--;
    }
    return status;
  }

  private *runCase(cmd: Extract<Command, { kind: 'case' }>, io: Io): Gen<number> {
    const host = this.host(io.stderr);
    const subject = yield* expandString(cmd.word, host);
    for (const item of cmd.items) {
      for (const pat of item.patterns) {
        if (matchPattern(yield* expandPattern(pat, host), subject)) return yield* this.runList(item.body, io);
      }
    }
    return 0;
  }
}
