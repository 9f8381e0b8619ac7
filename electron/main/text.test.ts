/** Main's own strings: both languages complete, placeholders filled, locale picked from the system's. */
import { describe, expect, it } from 'vitest';
import { catalogues, pickLocale, translator } from './text.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('main process text', () => {
  it('has every key in both languages with the same placeholders', () => {
    const en = catalogues.en;
    const zh = catalogues['zh-CN'];
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
      expect(zh[key].trim(), key).not.toBe('');
    }
  });

  it('picks the first preferred language it speaks', () => {
    expect(pickLocale(['zh-Hans-CN', 'en-US'])).toBe('zh-CN');
    expect(pickLocale(['fr-FR', 'en-GB', 'zh-CN'])).toBe('en');
    expect(pickLocale(['de-DE'])).toBe('en');
    expect(pickLocale([])).toBe('en');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    const t = translator('en');
    expect(t('tooLarge', { name: 'a.yaml', limit: 4 })).toBe('“a.yaml” is larger than 4 MiB, too large to open.');
    expect(t('hostFailed')).toContain('{code}');
    expect(translator('zh-CN')('file')).toBe('文件');
  });
});
