/**
 * UI text comes only from the message catalogues (en, zh-CN), one file per
 * area under catalogues/. `t('editor.apply')` reads the current locale;
 * `{name}` placeholders are filled from params.
 */
import type { Locale } from '../../../../core/protocol/index.ts';
import { catalogues } from './catalogues/index.ts';

export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];

class I18n {
  #locale = $state.raw<Locale>('en');

  get locale(): Locale {
    return this.#locale;
  }

  set locale(l: Locale) {
    this.#locale = l;
    document.documentElement.lang = l;
  }
}

export const i18n = new I18n();

export function format(text: string, params?: Record<string, string | number>): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** The message for `key` in the current locale (English, then the key itself, as fallbacks). */
export function t(key: string, params?: Record<string, string | number>): string {
  const text = catalogues[i18n.locale][key] ?? catalogues.en[key] ?? key;
  return format(text, params);
}

/** Pick the current locale's text from a `{ en, 'zh-CN' }` record (lesson content). */
export function pick(text: Partial<Record<Locale, string>> | undefined): string {
  return text?.[i18n.locale] ?? text?.en ?? '';
}
