/**
 * Splits a terminal line into argv the way a POSIX shell would for the simple
 * cases a learner types: whitespace between words, 'single quotes' (literal),
 * "double quotes" (backslash escapes \" \\ \$ \`), and backslash outside
 * quotes. There is no shell behind the terminal, so pipes, redirections and
 * command lists are reported instead of being passed to kubectl as words.
 */

export type ShellError = 'quote' | 'pipe' | 'redirect' | 'list';

export type ShellSplit = { ok: true; argv: string[] } | { ok: false; error: ShellError };

const OPERATORS: Record<string, ShellError> = {
  '|': 'pipe',
  '>': 'redirect',
  '<': 'redirect',
  ';': 'list',
  '&': 'list',
};

export function splitShell(line: string): ShellSplit {
  const argv: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] ?? '';
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { ok: false, error: 'quote' };
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (ch === '"') {
      const read = readDoubleQuoted(line, i + 1);
      if (!read) return { ok: false, error: 'quote' };
      word = (word ?? '') + read.text;
      i = read.end;
    } else if (ch === '\\') {
      // A trailing backslash would continue the line in a shell; here it is just dropped.
      word = (word ?? '') + (line[i + 1] ?? '');
      i++;
    } else if (/\s/.test(ch)) {
      if (word !== undefined) argv.push(word);
      word = undefined;
    } else if (ch in OPERATORS) {
      return { ok: false, error: OPERATORS[ch] ?? 'list' };
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (word !== undefined) argv.push(word);
  return { ok: true, argv };
}

/** From just after an opening `"` to its closing quote; undefined when unterminated. */
function readDoubleQuoted(line: string, start: number): { text: string; end: number } | undefined {
  let text = '';
  for (let i = start; i < line.length; i++) {
    const ch = line[i] ?? '';
    if (ch === '"') return { text, end: i };
    if (ch === '\\' && '"\\$`'.includes(line[i + 1] ?? '\0')) {
      text += line[i + 1];
      i++;
    } else text += ch;
  }
  return undefined;
}
