/**
 * Grammar facts the parser consults: reserved words, operators, how a word
 * becomes an assignment, and how ash names tokens in error messages.
 */

import type { Assign, Word } from './ast.ts';
import { isLiteral, type Token } from './lexer.ts';

export const RESERVED = new Set([
  '!',
  'case',
  'do',
  'done',
  'elif',
  'else',
  'esac',
  'fi',
  'for',
  'if',
  'in',
  'then',
  'until',
  'while',
  '{',
  '}',
]);
export const REDIR_OPS = new Set(['>', '>>', '>|', '<', '<>', '>&', '<&', '<<', '<<-']);
/** Inside `[[ ]]` these operators are plain test arguments. */
export const DBRACKET_OPS = new Set(['&&', '||', '(', ')', '<', '>']);

/** Inside `[[ … ]]`: the command is `[[` and its closing `]]` has not been read yet. */
export function inDoubleBracket(words: readonly Word[]): boolean {
  const first = words[0];
  const last = words[words.length - 1];
  return first !== undefined && isLiteral(first, '[[') && !(words.length > 1 && last && isLiteral(last, ']]'));
}

/** `NAME=value` at the start of a simple command. */
export function asAssignment(word: Word): Assign | undefined {
  const first = word.parts[0];
  if (first?.kind !== 'lit' || first.quoted) return undefined;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.text);
  if (!m?.[1]) return undefined;
  const restText = first.text.slice(m[0].length);
  const rest = restText ? [{ ...first, text: restText }, ...word.parts.slice(1)] : word.parts.slice(1);
  return { name: m[1], value: { parts: rest } };
}

/** How ash names a token in "unexpected …" messages. */
export function tokenName(t: Token): string {
  if (t.kind === 'eof') return 'end of file';
  if (t.kind === 'newline') return 'newline';
  if (t.kind === 'op') return REDIR_OPS.has(t.op) ? 'redirection' : `"${t.op}"`;
  return RESERVED.has(t.raw) && isLiteral(t.word, t.raw) ? `"${t.raw}"` : 'word';
}
