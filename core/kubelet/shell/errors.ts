/**
 * Control flow and errors of the interpreter. These are thrown through the
 * generator stack (a `break` deep inside an `if` must leave the loop) and
 * caught at the loop, function, subshell or process boundary.
 */

/** A parse error; `message` is the text after "sh: ", as ash prints it. */
export class ShellSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShellSyntaxError';
  }
}

/** `exit N` (or a fatal error): unwinds to the process or subshell. */
export class ExitSignal {
  constructor(readonly code: number) {}
}

/** `break N` / `continue N`: unwinds to the N-th enclosing loop. */
export class LoopSignal {
  constructor(
    readonly kind: 'break' | 'continue',
    readonly levels: number,
  ) {}
}

/** `return N` from a function (or a sourced file). */
export class ReturnSignal {
  constructor(readonly code: number) {}
}

/**
 * A shell error that aborts the current command with exit status `status`
 * after printing `sh: <message>` (expansion errors, bad redirections).
 * A non-interactive shell exits on such errors for special builtins and
 * expansion errors; redirection failures only fail the command.
 */
export class ShellError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fatal: boolean,
  ) {
    super(message);
    this.name = 'ShellError';
  }
}
