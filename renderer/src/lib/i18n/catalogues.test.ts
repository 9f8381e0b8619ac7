import { describe, expect, it } from 'vitest';
import { areaCatalogues } from './catalogues/index.ts';

describe('message catalogues', () => {
  it('have every key in both English and Simplified Chinese', () => {
    for (const area of areaCatalogues) {
      expect(Object.keys(area['zh-CN']).sort()).toEqual(Object.keys(area.en).sort());
    }
  });
  it('keep the same {placeholders} in both languages', () => {
    for (const area of areaCatalogues) {
      for (const [key, en] of Object.entries(area.en)) {
        const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
        expect(ph(area['zh-CN'][key] ?? ''), key).toEqual(ph(en));
      }
    }
  });
});
