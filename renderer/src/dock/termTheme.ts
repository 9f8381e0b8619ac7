/**
 * The terminal's colours from the app's theme tokens, so xterm follows the
 * light and dark themes: red is --danger (stderr), blue is --accent (the
 * prompt), the bright black of dim text is --muted.
 */
import type { ITheme } from '@xterm/xterm';

/** Reads one CSS variable (`--panel`) of the current theme. */
export type TokenReader = (name: string) => string;

export function xtermTheme(token: TokenReader): ITheme {
  return {
    background: token('--panel'),
    foreground: token('--text'),
    cursor: token('--accent'),
    cursorAccent: token('--panel'),
    selectionBackground: token('--selected'),
    scrollbarSliderBackground: token('--border'),
    scrollbarSliderHoverBackground: token('--muted'),
    scrollbarSliderActiveBackground: token('--muted'),
    black: token('--text'),
    red: token('--danger'),
    green: token('--ok'),
    yellow: token('--warning'),
    blue: token('--accent'),
    magenta: token('--pending'),
    cyan: token('--info'),
    white: token('--muted'),
    brightBlack: token('--muted'),
    brightRed: token('--danger'),
    brightGreen: token('--ok'),
    brightYellow: token('--warning'),
    brightBlue: token('--accent'),
    brightMagenta: token('--pending'),
    brightCyan: token('--info'),
    brightWhite: token('--text'),
  };
}

/** Tokens of the document's current theme. */
export function documentTokens(): TokenReader {
  const style = getComputedStyle(document.documentElement);
  return (name) => style.getPropertyValue(name).trim();
}
