/**
 * The terminal's session: a `$` prompt that runs the lab's embedded kubectl
 * (lines starting with `kubectl` or `k`), the built-ins `clear` and `help`,
 * line editing and history (in memory, for this window), and bash-style tab
 * completion asked of the host. It writes to a screen (xterm in the app, a
 * string in tests) and reaches the host through a small backend interface.
 */
import type { KubectlResponse } from '../../../core/protocol/index.ts';
import type { KeyAction } from './lineEditor.ts';
import { applyKey, History, LineBuffer, renderLine, textWidth, tokenize } from './lineEditor.ts';
import { splitShell } from './shellwords.ts';

export interface TerminalScreen {
  write(text: string): void;
  readonly cols: number;
}

export interface KubectlBackend {
  run(argv: string[], namespace: string): Promise<KubectlResponse>;
  complete(line: string, namespace: string): Promise<{ completions: string[]; prefix: string }>;
}

export type Translate = (key: string, params?: Record<string, string | number>) => string;

const RED = '\x1b[31m';
const DIM = '\x1b[2m';
const PROMPT_COLOUR = '\x1b[1;34m';
const RESET = '\x1b[0m';
const BUILTINS = ['clear', 'help', 'kubectl'];

/** Lines as the terminal wants them: CRLF, ending with a line break. */
export function crlf(text: string): string {
  if (!text) return '';
  return (text.endsWith('\n') ? text : `${text}\n`).replace(/\r?\n/g, '\r\n');
}

export function colour(text: string, code: string): string {
  return crlf(text)
    .split('\r\n')
    .map((l) => (l ? `${code}${l}${RESET}` : l))
    .join('\r\n');
}

/** Candidates in columns, filled top to bottom like bash's listing (`ls -C`). */
export function formatColumns(items: readonly string[], cols: number): string[] {
  if (items.length === 0) return [];
  const width = Math.max(...items.map((i) => textWidth(Array.from(i)))) + 2;
  const perRow = Math.max(1, Math.floor(cols / width));
  const rows = Math.ceil(items.length / perRow);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < perRow; c++) {
      const item = items[c * rows + r];
      if (item !== undefined) line += item.padEnd(width - (textWidth(Array.from(item)) - item.length));
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

export function commonPrefix(words: readonly string[]): string {
  let prefix = words[0] ?? '';
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

export class TerminalSession {
  readonly buffer = new LineBuffer();
  readonly history = new History();
  namespace = 'default';
  private cursorRow = 0;
  /** Keys typed while a command or a completion runs, played once it is done. */
  private typeahead = '';
  private busy = false;
  /** Bumped by Ctrl+C so a cancelled command's late answer is dropped. */
  private runId = 0;

  constructor(
    private readonly screen: TerminalScreen,
    private readonly backend: KubectlBackend,
    private readonly t: Translate,
  ) {}

  /** Print the banner (how to use your own kubectl) and the first prompt. */
  start(banner: string): void {
    this.screen.write(colour(banner, DIM));
    this.redraw();
  }

  /** Everything the terminal receives from the keyboard (or a paste). */
  input(data: string): void {
    if (this.busy) {
      if (data.includes('\x03')) this.interrupt();
      else this.typeahead += data;
      return;
    }
    const keys = tokenize(data);
    for (let i = 0; i < keys.length; i++) {
      const action = applyKey(this.buffer, keys[i] ?? '');
      this.perform(action);
      if (this.busy) {
        this.typeahead = keys.slice(i + 1).join('') + this.typeahead;
        return;
      }
    }
  }

  private perform(action: KeyAction): void {
    switch (action.type) {
      case 'edit':
        return this.redraw();
      case 'submit':
        this.endLine('');
        this.history.add(action.line);
        this.buffer.set('');
        return void this.execute(action.line);
      case 'complete':
        return void this.complete();
      case 'cancel':
        this.endLine('^C');
        this.buffer.set('');
        return this.redraw();
      case 'clear':
        this.screen.write('\x1b[H\x1b[2J');
        this.cursorRow = 0;
        return this.redraw();
      case 'history': {
        const line = this.history.step(action.step, this.buffer.text);
        if (line !== undefined) this.buffer.set(line);
        return this.redraw();
      }
      case 'eof':
      case 'none':
        return;
    }
  }

  private prompt(): { prompt: string; promptWidth: number } {
    const ns = this.namespace === 'default' ? '' : `(${this.namespace}) `;
    return { prompt: `${DIM}${ns}${RESET}${PROMPT_COLOUR}$${RESET} `, promptWidth: textWidth(Array.from(ns)) + 2 };
  }

  private redraw(): void {
    const r = renderLine(
      { ...this.prompt(), chars: this.buffer.chars, cursor: this.buffer.cursor },
      this.screen.cols,
      this.cursorRow,
    );
    this.cursorRow = r.cursorRow;
    this.screen.write(r.out);
  }

  /** Move below the current line (after `mark`, e.g. ^C), leaving it on screen. */
  private endLine(mark: string): void {
    const cursor = this.buffer.cursor;
    this.buffer.cursor = this.buffer.chars.length;
    this.redraw();
    this.buffer.cursor = cursor;
    this.screen.write(`${mark}\r\n`);
    this.cursorRow = 0;
  }

  private interrupt(): void {
    this.runId++;
    this.typeahead = '';
    this.busy = false;
    this.screen.write('^C\r\n');
    this.cursorRow = 0;
    this.redraw();
  }

  /** Run queued keys once the session is free again. */
  private release(): void {
    this.busy = false;
    const pending = this.typeahead;
    this.typeahead = '';
    if (pending) this.input(pending);
  }

  private async execute(line: string): Promise<void> {
    const split = splitShell(line);
    if (!split.ok) return this.finish(colour(this.t(`dock.term.shell.${split.error}`), RED));
    const [word, ...args] = split.argv;
    if (word === undefined) return this.finish('');
    if (word === 'clear') {
      this.screen.write('\x1b[H\x1b[2J\x1b[3J');
      return this.finish('');
    }
    if (word === 'help') return this.finish(crlf(this.t('dock.term.help')));
    if (word !== 'kubectl' && word !== 'k') return this.finish(colour(this.t('dock.term.notFound', { word }), RED));
    const id = ++this.runId;
    this.busy = true;
    let out: string;
    try {
      const res = await this.backend.run(args, this.namespace);
      if (id !== this.runId) return;
      this.namespace = res.namespace || this.namespace;
      out = crlf(res.stdout) + colour(res.stderr, RED);
    } catch (e) {
      if (id !== this.runId) return;
      out = colour(this.t('dock.term.failed', { message: e instanceof Error ? e.message : String(e) }), RED);
    }
    this.finish(out);
  }

  private finish(output: string): void {
    this.screen.write(output);
    this.cursorRow = 0;
    this.redraw();
    this.release();
  }

  private async complete(): Promise<void> {
    const before = this.buffer.beforeCursor;
    const firstWord = !/\s/.test(before.trimStart());
    if (firstWord)
      return this.applyCompletion(
        BUILTINS.filter((b) => b.startsWith(before.trim())),
        before.trim(),
      );
    const id = this.runId;
    this.busy = true;
    try {
      const res = await this.backend.complete(before, this.namespace);
      if (id === this.runId) this.applyCompletion(res.completions, res.prefix);
    } catch {
      if (id === this.runId) this.screen.write('\x07');
    }
    if (id === this.runId) this.release();
  }

  private applyCompletion(candidates: string[], prefix: string): void {
    if (candidates.length === 0) return this.screen.write('\x07');
    if (candidates.length === 1) {
      const word = candidates[0] ?? '';
      this.buffer.replaceBefore(Array.from(prefix).length, /[=/,]$/.test(word) ? word : `${word} `);
      return this.redraw();
    }
    const common = commonPrefix(candidates);
    if (common.length > prefix.length) {
      this.buffer.replaceBefore(Array.from(prefix).length, common);
      return this.redraw();
    }
    this.endLine('');
    const shown = candidates.slice(0, 200);
    const lines = formatColumns(shown, this.screen.cols);
    if (candidates.length > shown.length)
      lines.push(this.t('dock.term.more', { count: candidates.length - shown.length }));
    this.screen.write(lines.map((l) => `${l}\r\n`).join(''));
    this.redraw();
  }
}
