/**
 * Shapes shared by the embedded kubectl: what a run needs (the API server
 * and the terminal's inputs), what it produces, and the error a command
 * raises to stop with kubectl's wording and exit code.
 */
import type { ApiServer } from '../apiserver/server.ts';

/** Receives output produced after `runKubectl` returned (`exec` of a command that sleeps). */
export interface StreamSink {
  stdout(text: string): void;
  stderr(text: string): void;
  exit(code: number): void;
}

export interface KubectlContext {
  server: ApiServer;
  /** The context's namespace; `default` when absent. */
  namespace?: string;
  /** What `-f -` reads. */
  stdin?: string;
  /** Files `-f NAME` can read, by name. */
  files?: Record<string, string>;
  /** Where late output goes; without it, a command still running when the call returns is stopped. */
  stream?: StreamSink;
}

export interface KubectlResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Set when the run changed the context's namespace (`config set-context --current --namespace=…`). */
  namespace?: string;
  /** True when output continues on `ctx.stream`. */
  pending?: boolean;
}

/** A failed command: `message` goes to stderr as is (kubectl's own prefix included). */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** `error: <message>`, the way kubectl's CheckErr prints a plain error. */
export const usageError = (message: string): CommandError => new CommandError(`error: ${message}`);

/** Output of one run, appended to as the command goes. */
export class Output {
  stdout = '';
  stderr = '';
  out(text: string): void {
    this.stdout += text;
  }
  err(text: string): void {
    this.stderr += text;
  }
}
