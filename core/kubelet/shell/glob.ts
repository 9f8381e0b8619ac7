/**
 * Shell patterns: `*`, `?`, `[...]` for `case` and pathname expansion.
 * Patterns arrive with quoted characters backslash-escaped, so `"*"` matches
 * only a literal star.
 */

import type { FileSystem } from './fs.ts';
import { resolvePath } from './path.ts';

/** Whether a (backslash-escaped) pattern contains an unescaped glob character. */
export function hasGlob(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || c === '[') return true;
  }
  return false;
}

/** Escapes text so it matches only itself as a pattern. */
export function escapeGlob(text: string): string {
  return text.replace(/[\\*?[\]]/g, (c) => `\\${c}`);
}

/** Removes pattern escapes (for a word with no match, which stays as typed). */
export function unescapeGlob(pattern: string): string {
  return pattern.replace(/\\(.)/g, '$1');
}

/** Compiles a shell pattern to an anchored RegExp. */
export function patternToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? '';
    if (c === '\\') re += escapeRe(pattern[++i] ?? '\\');
    else if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) {
        re += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, close);
      if (body.startsWith('!')) body = '^' + body.slice(1);
      re += `[${body.replace(/\\/g, '\\\\')}]`;
      i = close;
    } else re += escapeRe(c);
  }
  return new RegExp(`^${re}$`);
}

/** Whether `text` matches the shell pattern. */
export function matchPattern(pattern: string, text: string): boolean {
  return patternToRegExp(pattern).test(text);
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Pathname expansion: the sorted paths matching `pattern` (relative
 * patterns give relative results), or [] when nothing matches. As in sh,
 * `*` does not match a leading dot.
 */
export function globPaths(pattern: string, fs: FileSystem, cwd: string): string[] {
  const absolute = pattern.startsWith('/');
  const segs = pattern.split('/').filter((s) => s !== '');
  let found: string[] = [absolute ? '/' : ''];
  for (const seg of segs) {
    found = found.flatMap((prefix) => expandSegment(prefix, seg, fs, cwd));
    if (found.length === 0) return [];
  }
  return found.sort();
}

function expandSegment(prefix: string, seg: string, fs: FileSystem, cwd: string): string[] {
  const join = (name: string): string => (prefix === '' ? name : prefix === '/' ? `/${name}` : `${prefix}/${name}`);
  if (!hasGlob(seg)) {
    const path = join(unescapeGlob(seg));
    return fs.exists(resolvePath(cwd, path)) ? [path] : [];
  }
  const dir = resolvePath(cwd, prefix === '' ? '.' : prefix);
  const names = fs.list(dir);
  if (!names.ok) return [];
  const re = patternToRegExp(seg);
  const dotOk = seg.startsWith('.') || seg.startsWith('\\.');
  return names.value.filter((n) => re.test(n) && (dotOk || !n.startsWith('.'))).map(join);
}
