import { describe, expect, it } from 'vitest';
import { parseScript } from './parser.ts';

const syntaxError = (src: string): string => {
  try {
    parseScript(src);
    return 'parsed';
  } catch (e) {
    return (e as Error).message;
  }
};

describe('parser', () => {
  it('parses lists, and-or, pipelines and background', () => {
    const list = parseScript('a && b || ! c | d & e; f\ng');
    expect(list.map((x) => x.background)).toEqual([true, false, false, false]);
    const first = list[0];
    expect(first?.rest.map((r) => r.op)).toEqual(['&&', '||']);
    expect(first?.rest[1]?.pipeline.negate).toBe(true);
    expect(first?.rest[1]?.pipeline.commands).toHaveLength(2);
  });

  it('keeps quoting per word part', () => {
    const [item] = parseScript(`echo "a $X" 'b $Y' c\\ d`);
    const cmd = item?.first.commands[0];
    expect(cmd?.kind).toBe('simple');
    if (cmd?.kind !== 'simple') return;
    expect(cmd.words[1]?.parts).toEqual([
      { kind: 'lit', text: 'a ', quoted: true },
      { kind: 'param', name: 'X', quoted: true },
    ]);
    expect(cmd.words[2]?.parts).toEqual([{ kind: 'lit', text: 'b $Y', quoted: true }]);
    expect(cmd.words[3]?.parts).toEqual([
      { kind: 'lit', text: 'c', quoted: false },
      { kind: 'lit', text: ' ', quoted: true },
      { kind: 'lit', text: 'd', quoted: false },
    ]);
  });

  it('recognises assignments, redirections with fds, and heredocs', () => {
    const [item] = parseScript('A=1 B=x cmd 2>&1 >>/log <in\ncat <<EOF\nline $A\nEOF\n');
    const cmd = item?.first.commands[0];
    if (cmd?.kind !== 'simple') throw new Error('expected simple');
    expect(cmd.assigns.map((a) => a.name)).toEqual(['A', 'B']);
    expect(cmd.redirs.map((r) => [r.fd, r.op])).toEqual([
      [2, '>&'],
      [1, '>>'],
      [0, '<'],
    ]);
  });

  it('parses compound commands', () => {
    const src = `
      if [ -f x ]; then echo a; elif true; then echo b; else echo c; fi
      while false; do :; done
      until true; do :; done
      for i in 1 2; do echo $i; done
      case $x in a|b) echo ab;; (*) echo other;; esac
      { echo g; } > /dev/null
      ( echo sub )
      f() { echo fn; }
    `;
    expect(parseScript(src).map((x) => x.first.commands[0]?.kind)).toEqual([
      'if',
      'loop',
      'loop',
      'for',
      'case',
      'group',
      'group',
      'func',
    ]);
  });

  it('comments and line continuations', () => {
    expect(parseScript('echo a # comment\n# whole line\necho \\\n b')).toHaveLength(2);
  });

  it('syntax errors use ash wording', () => {
    expect(syntaxError('while true; do done')).toBe('syntax error: unexpected "done"');
    expect(syntaxError('if true; then echo')).toBe('syntax error: unexpected end of file (expecting "fi")');
    expect(syntaxError('fi')).toBe('syntax error: unexpected "fi"');
    expect(syntaxError('echo a ;; b')).toBe('syntax error: unexpected ";;"');
    expect(syntaxError('echo )')).toBe('syntax error: unexpected ")"');
    expect(syntaxError('| x')).toBe('syntax error: unexpected "|"');
    expect(syntaxError('echo "open')).toBe('unterminated quoted string');
  });
});
