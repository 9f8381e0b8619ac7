/**
 * POSIX path helpers for the in-memory filesystem: every path the shell
 * hands to a FileSystem goes through `resolvePath` first, so the filesystem
 * only ever sees absolute, normalised paths ("/a/b", never "a/./b/../c").
 */

/** An empty segment, a `.` or `..` segment, or a trailing slash. */
const ABNORMAL = /\/\/|\/\.\.?(?:\/|$)|\/$/;

/** Splits an absolute or relative path into its non-empty segments. */
export function segments(path: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i <= path.length; i++) {
    if (i < path.length && path.charCodeAt(i) !== 47) continue;
    const seg = path.slice(start, i);
    if (seg !== '' && seg !== '.') out.push(seg);
    start = i + 1;
  }
  return out;
}

/**
 * Resolves `path` against `cwd` and normalises `.` and `..`.
 * `..` at the root stays at the root, as the kernel does.
 */
export function resolvePath(cwd: string, path: string): string {
  // Already absolute and normal (the common case: the filesystem re-resolving its own paths).
  if (path === '/' || (path.charCodeAt(0) === 47 && !ABNORMAL.test(path))) return path;
  const start = path.startsWith('/') ? [] : segments(cwd);
  const out: string[] = [...start];
  for (const seg of segments(path)) {
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}

/** The parent directory of an absolute normalised path ("/" for "/"). */
export function dirname(path: string): string {
  const segs = segments(path);
  segs.pop();
  return '/' + segs.join('/');
}

/** The last segment of a path, as `basename` prints it ("/" for "/"). */
export function basename(path: string): string {
  const segs = segments(path);
  return segs[segs.length - 1] ?? '/';
}

/** Joins an absolute directory and a child name. */
export function joinPath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

/** Whether `path` equals `prefix` or lies below it (both normalised). */
export function isUnder(path: string, prefix: string): boolean {
  if (prefix === '/') return true;
  return path === prefix || path.startsWith(prefix + '/');
}

/** Byte length of a string in UTF-8 (what `ls -l` and `wc -c` report). */
export function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}
