/**
 * Text in both languages of the lab. Lesson checks and explanations speak to
 * the learner directly, so every message they build is a `Text`.
 */
import type { Locale } from '../protocol/messages.ts';

export type Text = Record<Locale, string>;

export function tx(en: string, zh: string): Text {
  return { en, 'zh-CN': zh };
}

/** Join texts per language (lines of a story, parts of a sentence). */
export function joinText(parts: readonly Text[], separator = '\n'): Text {
  return tx(parts.map((p) => p.en).join(separator), parts.map((p) => p['zh-CN']).join(separator));
}

/** The same string in both languages (names, commands, numbers). */
export function same(s: string): Text {
  return tx(s, s);
}
