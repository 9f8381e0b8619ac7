/**
 * The terminal's line editor (a small readline): a buffer with a cursor, the
 * keys a bash user expects (arrows, Home/End, Backspace/Delete, Ctrl+A/E/U/K/W,
 * Alt+B/F), history, and the escape sequences that redraw the line in place,
 * also when it wraps over several rows. Pure: xterm only sees the strings.
 */

/** What a key asks of the session beyond editing the buffer. */
export type KeyAction =
  | { type: 'edit' }
  | { type: 'none' }
  | { type: 'submit'; line: string }
  | { type: 'complete' }
  | { type: 'cancel' }
  | { type: 'clear' }
  | { type: 'eof' }
  | { type: 'history'; step: -1 | 1 };

/** The line being typed, kept as code points so the cursor never splits a character. */
export class LineBuffer {
  chars: string[] = [];
  cursor = 0;

  get text(): string {
    return this.chars.join('');
  }

  /** Text before the cursor (what completion looks at). */
  get beforeCursor(): string {
    return this.chars.slice(0, this.cursor).join('');
  }

  set(text: string, cursor?: number): void {
    this.chars = Array.from(text);
    this.cursor = cursor ?? this.chars.length;
  }

  insert(text: string): void {
    const add = Array.from(text);
    this.chars.splice(this.cursor, 0, ...add);
    this.cursor += add.length;
  }

  /** Replace the `count` characters before the cursor (a completed word). */
  replaceBefore(count: number, text: string): void {
    this.cursor -= count;
    this.chars.splice(this.cursor, count);
    this.insert(text);
  }
}

/** Split terminal input into keys: escape sequences stay whole, text splits per character. */
export function tokenize(data: string): string[] {
  const keys: string[] = [];
  // Terminal input is made of control characters: matching them is the point here.
  // eslint-disable-next-line no-control-regex
  const re = /\x1b\[[0-9;]*[A-Za-z~]|\x1bO[A-Za-z]|\x1b[^[O]|\r\n|[\s\S]/gu;
  for (const m of data.matchAll(re)) keys.push(m[0]);
  return keys;
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}_]/u.test(c);

/** Where Ctrl+W deletes back to: the start of the whitespace-delimited word (as bash's unix-word-rubout). */
function wordStartBack(b: LineBuffer): number {
  let i = b.cursor;
  while (i > 0 && isSpace(b.chars[i - 1])) i--;
  while (i > 0 && !isSpace(b.chars[i - 1])) i--;
  return i;
}

/** Alt+B / Ctrl+Left, Alt+F / Ctrl+Right: move by alphanumeric words (as readline). */
function wordMove(b: LineBuffer, dir: -1 | 1): number {
  let i = b.cursor;
  const at = (j: number) => b.chars[dir < 0 ? j - 1 : j];
  const inside = (j: number) => (dir < 0 ? j > 0 : j < b.chars.length);
  while (inside(i) && !isWordChar(at(i))) i += dir;
  while (inside(i) && isWordChar(at(i))) i += dir;
  return i;
}

const MOVES: Record<string, (b: LineBuffer) => number> = {
  '\x1b[D': (b) => Math.max(0, b.cursor - 1),
  '\x02': (b) => Math.max(0, b.cursor - 1),
  '\x1b[C': (b) => Math.min(b.chars.length, b.cursor + 1),
  '\x06': (b) => Math.min(b.chars.length, b.cursor + 1),
  '\x1b[H': () => 0,
  '\x1bOH': () => 0,
  '\x1b[1~': () => 0,
  '\x01': () => 0,
  '\x1b[F': (b) => b.chars.length,
  '\x1bOF': (b) => b.chars.length,
  '\x1b[4~': (b) => b.chars.length,
  '\x05': (b) => b.chars.length,
  '\x1bb': (b) => wordMove(b, -1),
  '\x1b[1;5D': (b) => wordMove(b, -1),
  '\x1bf': (b) => wordMove(b, 1),
  '\x1b[1;5C': (b) => wordMove(b, 1),
};

/** Deletions: the range [from, to) to remove. */
const DELETES: Record<string, (b: LineBuffer) => [number, number]> = {
  '\x7f': (b) => [Math.max(0, b.cursor - 1), b.cursor],
  '\b': (b) => [Math.max(0, b.cursor - 1), b.cursor],
  '\x1b[3~': (b) => [b.cursor, b.cursor + 1],
  '\x15': (b) => [0, b.cursor],
  '\x0b': (b) => [b.cursor, b.chars.length],
  '\x17': (b) => [wordStartBack(b), b.cursor],
};

const ACTIONS: Record<string, KeyAction> = {
  '\t': { type: 'complete' },
  '\x03': { type: 'cancel' },
  '\x0c': { type: 'clear' },
  '\x1b[A': { type: 'history', step: -1 },
  '\x10': { type: 'history', step: -1 },
  '\x1b[B': { type: 'history', step: 1 },
  '\x0e': { type: 'history', step: 1 },
};

/** Apply one key to the buffer; the returned action says what else to do. */
export function applyKey(b: LineBuffer, key: string): KeyAction {
  if (key === '\r' || key === '\n' || key === '\r\n') return { type: 'submit', line: b.text };
  const action = ACTIONS[key];
  if (action) return action;
  if (key === '\x04') {
    if (b.chars.length === 0) return { type: 'eof' };
    b.chars.splice(b.cursor, 1);
    return { type: 'edit' };
  }
  const move = MOVES[key];
  if (move) {
    b.cursor = move(b);
    return { type: 'edit' };
  }
  const del = DELETES[key];
  if (del) {
    const [from, to] = del(b);
    b.chars.splice(from, to - from);
    b.cursor = from;
    return { type: 'edit' };
  }
  // Other control keys and unknown escape sequences are ignored rather than typed.
  if (key.startsWith('\x1b') || (key.length === 1 && (key < ' ' || key === '\x7f'))) return { type: 'none' };
  b.insert(key);
  return { type: 'edit' };
}

/** Columns a character takes in the terminal: 2 for East Asian wide characters. */
export function charWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  const wide =
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd);
  return wide ? 2 : 1;
}

export const textWidth = (chars: readonly string[]): number => chars.reduce((w, c) => w + charWidth(c), 0);

/**
 * The escape sequences that redraw prompt + line from the prompt's first row
 * and put the cursor where it belongs. `cursorRow` is the row (counted from
 * the prompt's row) the cursor is on now; the result gives the new one.
 */
export function renderLine(
  line: { prompt: string; promptWidth: number; chars: readonly string[]; cursor: number },
  cols: number,
  cursorRow: number,
): { out: string; cursorRow: number } {
  let out = (cursorRow > 0 ? `\x1b[${cursorRow}A` : '') + '\r\x1b[J' + line.prompt + line.chars.join('');
  const total = line.promptWidth + textWidth(line.chars);
  // At exactly the right margin xterm waits to wrap; a space and CR make the wrap happen so rows add up.
  if (total > 0 && total % cols === 0) out += ' \r\x1b[K';
  const endRow = Math.floor(total / cols);
  const pos = line.promptWidth + textWidth(line.chars.slice(0, line.cursor));
  const row = Math.floor(pos / cols);
  const col = pos % cols;
  if (endRow > row) out += `\x1b[${endRow - row}A`;
  out += '\r' + (col > 0 ? `\x1b[${col}C` : '');
  return { out, cursorRow: row };
}

/** Command history, browsed with Up/Down; the line being typed is kept as a draft while browsing. */
export class History {
  private entries: string[] = [];
  private index = 0;
  private draft = '';

  constructor(private readonly limit = 500) {}

  get size(): number {
    return this.entries.length;
  }

  add(line: string): void {
    const trimmed = line.trim();
    if (trimmed && this.entries[this.entries.length - 1] !== line) this.entries.push(line);
    if (this.entries.length > this.limit) this.entries.shift();
    this.index = this.entries.length;
    this.draft = '';
  }

  /** The entry one step older (-1) or newer (+1), or undefined at either end. */
  step(step: -1 | 1, current: string): string | undefined {
    const next = this.index + step;
    if (next < 0 || next > this.entries.length) return undefined;
    if (this.index === this.entries.length) this.draft = current;
    this.index = next;
    return next === this.entries.length ? this.draft : this.entries[next];
  }
}
