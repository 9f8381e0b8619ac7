import { describe, expect, it } from 'vitest';
import { applyKey, History, LineBuffer, renderLine, textWidth, tokenize } from './lineEditor.ts';

function typed(keys: string, start = ''): LineBuffer {
  const b = new LineBuffer();
  b.set(start);
  for (const k of tokenize(keys)) applyKey(b, k);
  return b;
}

describe('tokenize', () => {
  it('keeps escape sequences whole and splits text per character', () => {
    expect(tokenize('ab\x1b[D\x1b[3~\x1bOH\x1bb\r\n')).toEqual([
      'a',
      'b',
      '\x1b[D',
      '\x1b[3~',
      '\x1bOH',
      '\x1bb',
      '\r\n',
    ]);
    expect(tokenize('\x1b[1;5C中')).toEqual(['\x1b[1;5C', '中']);
  });
});

describe('LineBuffer + applyKey', () => {
  it('inserts at the cursor and moves with arrows, Home/End and Ctrl+A/E', () => {
    const b = typed('get pods\x1b[D\x1b[D\x1b[D\x1b[Dx');
    expect([b.text, b.cursor]).toEqual(['get xpods', 5]);
    expect(typed('abc\x01X\x05Y').text).toBe('XabcY');
    expect(typed('abc\x1b[HX\x1b[FY').text).toBe('XabcY');
  });

  it('deletes with Backspace, Delete, Ctrl+U/K/W and Ctrl+D', () => {
    expect(typed('abc\x7f').text).toBe('ab');
    expect(typed('abc\x01\x1b[3~').text).toBe('bc');
    expect(typed('get pods\x1b[D\x1b[D\x15').text).toBe('ds');
    expect(typed('get pods\x1b[D\x1b[D\x0b').text).toBe('get po');
    expect(typed('kubectl get  pods \x17').text).toBe('kubectl get  ');
    expect(typed('ab\x01\x04').text).toBe('b');
  });

  it('moves by words with Alt+B/F and Ctrl+Left/Right', () => {
    expect(typed('get deploy/web\x1bbX').text).toBe('get deploy/Xweb');
    expect(typed('get deploy/web\x01\x1b[1;5CX').text).toBe('getX deploy/web');
  });

  it('returns the session actions and ignores other control keys', () => {
    const b = new LineBuffer();
    b.set('get');
    expect(applyKey(b, '\r')).toEqual({ type: 'submit', line: 'get' });
    expect(applyKey(b, '\t')).toEqual({ type: 'complete' });
    expect(applyKey(b, '\x03')).toEqual({ type: 'cancel' });
    expect(applyKey(b, '\x0c')).toEqual({ type: 'clear' });
    expect(applyKey(b, '\x1b[A')).toEqual({ type: 'history', step: -1 });
    expect(applyKey(b, '\x1b[B')).toEqual({ type: 'history', step: 1 });
    expect(applyKey(b, '\x07')).toEqual({ type: 'none' });
    expect(applyKey(b, '\x1b[15~')).toEqual({ type: 'none' });
    expect(applyKey(new LineBuffer(), '\x04')).toEqual({ type: 'eof' });
    expect(b.text).toBe('get');
  });

  it('never splits a character made of two UTF-16 units', () => {
    const b = typed('a😀b\x1b[D\x7f');
    expect(b.text).toBe('ab');
  });
});

describe('renderLine', () => {
  const line = (text: string, cursor = Array.from(text).length) => ({
    prompt: '$ ',
    promptWidth: 2,
    chars: Array.from(text),
    cursor,
  });

  it('redraws in place on one row and puts the cursor back', () => {
    expect(renderLine(line('get'), 80, 0)).toEqual({ out: '\r\x1b[J$ get\r\x1b[5C', cursorRow: 0 });
    expect(renderLine(line('get', 1), 80, 0).out).toBe('\r\x1b[J$ get\r\x1b[3C');
  });

  it('climbs back to the prompt row and down to the cursor row when the line wraps', () => {
    // prompt 2 + 12 chars on 10 columns: rows 0 and 1; cursor at char 3 → column 5 of row 0.
    const r = renderLine(line('abcdefghijkl', 3), 10, 1);
    expect(r.out).toBe('\x1b[1A\r\x1b[J$ abcdefghijkl\x1b[1A\r\x1b[5C');
    expect(r.cursorRow).toBe(0);
    // Exactly at the margin: force the wrap so the cursor sits on row 1, column 0.
    expect(renderLine(line('abcdefgh'), 10, 0)).toEqual({ out: '\r\x1b[J$ abcdefgh \r\x1b[K\r', cursorRow: 1 });
  });

  it('counts wide characters as two columns', () => {
    expect(textWidth(Array.from('中文ab'))).toBe(6);
  });
});

describe('History', () => {
  it('steps back and forth, keeps the draft, skips blanks and repeats', () => {
    const h = new History();
    h.add('get pods');
    h.add('get pods');
    h.add('  ');
    h.add('get svc');
    expect(h.size).toBe(2);
    expect(h.step(-1, 'dra')).toBe('get svc');
    expect(h.step(-1, 'get svc')).toBe('get pods');
    expect(h.step(-1, 'get pods')).toBeUndefined();
    expect(h.step(1, 'get pods')).toBe('get svc');
    expect(h.step(1, 'get svc')).toBe('dra');
    expect(h.step(1, 'dra')).toBeUndefined();
  });
});
