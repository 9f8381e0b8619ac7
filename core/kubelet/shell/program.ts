/**
 * What a command is, for the interpreter: a `Program` gets a context (argv,
 * env, cwd, filesystem, stdin, output, the virtual clock) and returns an exit
 * code, either at once or from a generator that may `yield { sleepMs }` to
 * wait on virtual time. Builtins (echo, cat, sleep…) and the kubelet's image
 * programs (nginx, redis-server…) share this shape.
 */

import type { FileSystem } from './fs.ts';

/**
 * A program's request to the scheduler. `sleepMs > 0` sleeps that long in
 * virtual time (`Infinity`: forever, until killed); `sleepMs: 0` only marks
 * a unit of CPU work (see the CPU model in process.ts).
 */
export interface ProgramYield {
  readonly sleepMs: number;
}

/** One unit of CPU work (see the CPU model in process.ts). */
export const STEP: ProgramYield = { sleepMs: 0 };

/** The running body of a program: yields sleeps, returns the exit code. */
export type ProgramBody = Generator<ProgramYield, number, void>;

/** Standard input: a string consumed from the front. */
export class InputStream {
  private pos = 0;
  constructor(private readonly data: string) {}

  /** Everything not read yet (and marks it read). */
  readAll(): string {
    const rest = this.data.slice(this.pos);
    this.pos = this.data.length;
    return rest;
  }

  /** The next line without its newline, or undefined at end of input. */
  readLine(): string | undefined {
    if (this.pos >= this.data.length) return undefined;
    const nl = this.data.indexOf('\n', this.pos);
    const end = nl < 0 ? this.data.length : nl;
    const line = this.data.slice(this.pos, end);
    this.pos = nl < 0 ? end : end + 1;
    return line;
  }
}

/** Everything a program may use. */
export interface ProgramContext {
  /** argv[0] is the name the program was invoked as. */
  readonly argv: readonly string[];
  /** Exported environment (plus `A=b cmd` prefixes). */
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  readonly fs: FileSystem;
  readonly hostname: string;
  /** The shell's pid (`$$`); 1 for a container's main process. */
  readonly pid: number;
  readonly stdin: InputStream;
  /** The current virtual time in ms (advances across sleeps). */
  now(): number;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Resolves a path against `cwd`. */
  resolve(path: string): string;
}

/** A command implementation: an exit code now, or a body that may sleep. */
export type Program = (ctx: ProgramContext) => number | ProgramBody;

/**
 * Programs supplied from outside the shell (the kubelet's image entrypoints
 * such as `nginx`, or network tools). Looked up by the command name, then by
 * its basename (`/usr/sbin/nginx` → `nginx`); they win over regular builtins
 * but not over shell builtins like `cd` or `exit`.
 */
export type CommandHooks = Readonly<Record<string, Program>>;

/** Runs a program to completion inside a generator, whether or not it sleeps. */
export function* runProgram(program: Program, ctx: ProgramContext): ProgramBody {
  const result = program(ctx);
  if (typeof result === 'number') return result;
  return yield* result;
}

/**
 * What the interpreter's generators yield (internal): a program yield, or a
 * `wait` for background jobs (by pid) to finish.
 */
export type Yield = ProgramYield | { readonly sleepMs?: undefined; readonly join: readonly number[] };
