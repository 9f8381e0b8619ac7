import { describe, expect, it } from 'vitest';
import { xtermTheme } from './termTheme.ts';

describe('xtermTheme', () => {
  it('maps the theme tokens onto the terminal colours', () => {
    const theme = xtermTheme((name) => `var(${name})`);
    expect(theme.background).toBe('var(--panel)');
    expect(theme.foreground).toBe('var(--text)');
    expect(theme.red).toBe('var(--danger)');
    expect(theme.blue).toBe('var(--accent)');
    expect(theme.brightBlack).toBe('var(--muted)');
  });
});
