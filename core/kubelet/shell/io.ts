/**
 * Standard streams of a running command. Pipes are buffers: the left side of
 * `a | b` runs to the end before `b` starts, so a pipe holds at most
 * PIPE_CAPACITY characters; writing past that ends the writer as SIGPIPE
 * would (exit 141), which is what stops `yes | head -n 3`.
 */

import { InputStream } from './program.ts';

/** Where output goes. */
export interface Sink {
  write(text: string): void;
}

/** The three standard streams of a command. */
export interface Io {
  readonly stdin: InputStream;
  readonly stdout: Sink;
  readonly stderr: Sink;
}

/** Linux's default pipe buffer size. */
export const PIPE_CAPACITY = 65536;

/** Thrown into a writer whose pipe is full: its reader will never drain it. */
export class BrokenPipe {
  readonly status = 141;
}

/** A sink that collects text (pipes, `$( … )`). */
export class BufferSink implements Sink {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly capacity = Infinity) {}

  write(text: string): void {
    if (this.size + text.length > this.capacity) {
      const room = this.capacity - this.size;
      if (room > 0) this.parts.push(text.slice(0, room));
      this.size = this.capacity;
      throw new BrokenPipe();
    }
    this.parts.push(text);
    this.size += text.length;
  }

  text(): string {
    return this.parts.join('');
  }
}

/** `/dev/null`. */
export const nullSink: Sink = { write: () => undefined };

/** An empty standard input (a container without `stdin: true`). */
export function emptyInput(): InputStream {
  return new InputStream('');
}
