/**
 * POSIX regular expressions (grep, sed, expr) as JS RegExps: a BRE's
 * `\( \) \{ \}` groups and intervals, or an ERE as is.
 */

/** A basic (BRE) or extended regular expression as a JS RegExp. */
export function toRegExp(
  pattern: string,
  fixed: boolean,
  extended: boolean,
  ignoreCase: boolean,
  word = false,
): RegExp {
  let src = fixed ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : extended ? pattern : breToJs(pattern);
  if (word) src = `\\b(?:${src})\\b`;
  return new RegExp(src, ignoreCase ? 'i' : '');
}

/** In a BRE, `\( \) \{ \} \| \+ \?` are the operators and the bare characters are literal. */
export function breToJs(bre: string): string {
  let out = '';
  for (let i = 0; i < bre.length; i++) {
    const c = bre[i] ?? '';
    if (c === '\\' && i + 1 < bre.length) {
      const n = bre[++i] ?? '';
      out += '(){}|+?'.includes(n) ? n : `\\${n}`;
    } else out += '(){}|+?'.includes(c) ? `\\${c}` : c;
  }
  return out;
}
