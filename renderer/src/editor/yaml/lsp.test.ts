import { describe, expect, it } from 'vitest';
import {
  completionKind,
  fromPosition,
  severityName,
  toCompletion,
  toFolding,
  toHover,
  toMarker,
  toRange,
} from './lsp.ts';

const range = { start: { line: 5, character: 2 }, end: { line: 5, character: 10 } };
const word = { startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 4 };

describe('language-server shapes to Monaco', () => {
  it('moves positions from 0-based to 1-based and back', () => {
    expect(toRange(range)).toEqual({ startLineNumber: 6, startColumn: 3, endLineNumber: 6, endColumn: 11 });
    expect(fromPosition({ lineNumber: 6, column: 3 })).toEqual({ line: 5, character: 2 });
  });

  it('names severities and completion kinds as Monaco does', () => {
    expect([1, 2, 3, 4, undefined].map(severityName)).toEqual(['Error', 'Warning', 'Info', 'Hint', 'Error']);
    expect(completionKind(10)).toBe('Property');
    expect(completionKind(12)).toBe('Value');
    expect(completionKind(15)).toBe('Snippet');
    expect(completionKind(99)).toBe('Text');
  });

  it('turns a diagnostic into marker data', () => {
    expect(
      toMarker({ range, severity: 2, message: 'Property replicaz is not allowed.', source: 'yaml-schema', code: 0 }),
    ).toEqual({
      startLineNumber: 6,
      startColumn: 3,
      endLineNumber: 6,
      endColumn: 11,
      severity: 'Warning',
      message: 'Property replicaz is not allowed.',
      source: 'yaml-schema',
      code: '0',
    });
  });

  it('keeps markdown hovers, escapes plain text ones, and drops empty ones', () => {
    expect(toHover({ contents: { kind: 'markdown', value: 'Number of *desired* pods.' }, range })).toEqual({
      contents: [{ value: 'Number of *desired* pods.' }],
      range: toRange(range),
    });
    expect(toHover({ contents: { kind: 'plaintext', value: 'a*b' } }).contents).toEqual([{ value: 'a\\*b' }]);
    expect(toHover({ contents: { kind: 'markdown', value: '' } }).contents).toEqual([]);
    expect(toHover({ contents: [{ language: 'yaml', value: 'a: 1' }] }).contents).toEqual([
      { value: '```yaml\na: 1\n```' },
    ]);
  });

  it("takes a completion's text edit and snippet flag, or falls back to the word range", () => {
    const c = toCompletion(
      {
        label: 'replicas',
        kind: 10,
        insertTextFormat: 2,
        textEdit: { range, newText: 'replicas: ${1:0}' },
        documentation: { kind: 'markdown', value: 'Number of desired pods.' },
        command: { title: 'Suggest', command: 'editor.action.triggerSuggest' },
      },
      word,
    );
    expect(c).toMatchObject({
      label: 'replicas',
      kind: 'Property',
      insertText: 'replicas: ${1:0}',
      snippet: true,
      range: toRange(range),
      documentation: { value: 'Number of desired pods.' },
      command: { id: 'editor.action.triggerSuggest', title: 'Suggest' },
    });
    expect(toCompletion({ label: 'apps/v1' }, word)).toMatchObject({
      insertText: 'apps/v1',
      snippet: false,
      range: word,
    });
  });

  it('makes folding ranges 1-based', () => {
    expect(toFolding({ startLine: 2, endLine: 9 })).toEqual({ start: 3, end: 10 });
  });
});
