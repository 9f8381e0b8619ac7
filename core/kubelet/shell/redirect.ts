/**
 * Redirections (`>`, `>>`, `<`, `2>&1`, `<<EOF`), applied left to right to
 * a copy of the command's streams. Failures read as ash's:
 * `sh: can't create /ro/x: Read-only file system`,
 * `sh: can't open /nope: no such file`.
 */

import type { Redir } from './ast.ts';
import { ShellError } from './errors.ts';
import { expandString } from './expand.ts';
import { strerror, type Errno } from './fs.ts';
import { nullSink, type Io, type Sink } from './io.ts';
import { resolvePath } from './path.ts';
import { InputStream, type Yield } from './program.ts';
import type { Shell } from './shell.ts';

type Gen<T> = Generator<Yield, T, void>;
type Streams = { stdin: InputStream; stdout: Sink; stderr: Sink };

/** Returns the streams after applying `redirs`; throws a non-fatal ShellError (status 1) on failure. */
export function* applyRedirs(sh: Shell, redirs: readonly Redir[], io: Io): Gen<Io> {
  if (redirs.length === 0) return io;
  const s: Streams = { ...io };
  for (const r of redirs) {
    if (r.op === '<<' || r.op === '<<-') {
      const body = r.heredoc ? yield* expandString(r.heredoc, sh.host(s.stderr)) : '';
      if (r.fd === 0) s.stdin = new InputStream(body);
      continue;
    }
    const target = yield* expandString(r.target, sh.host(s.stderr));
    if (r.op === '>&' || r.op === '<&') dupFd(s, r.fd, target, sh);
    else if (r.op === '<' || r.op === '<>') openInput(s, r, target, sh);
    else setFd(s, r.fd, openOutput(sh, target, r.op === '>>', s));
  }
  return s;
}

/** `2>&1`, `>&2`, `>&-`; a non-numeric target (`>&file`) redirects both stdout and stderr there. */
function dupFd(s: Streams, fd: number, target: string, sh: Shell): void {
  if (target === '-') return setFd(s, fd, nullSink);
  if (target === '0' || fd === 0) return;
  if (target === '1' || target === '2') return setFd(s, fd, target === '1' ? s.stdout : s.stderr);
  if (/^\d+$/.test(target)) throw new ShellError(`${target}: bad file descriptor`, 1, false);
  const sink = openOutput(sh, target, false, s);
  s.stdout = sink;
  s.stderr = sink;
}

function setFd(s: Streams, fd: number, sink: Sink): void {
  if (fd === 1) s.stdout = sink;
  else if (fd === 2) s.stderr = sink;
  // Other descriptors have no readers in this shell: writes to them vanish.
}

function openInput(s: Streams, r: Redir, target: string, sh: Shell): void {
  if (target === '/dev/null') return setInput(s, r.fd, new InputStream(''));
  if (target === '/dev/stdin' || target === '/proc/self/fd/0') return;
  const path = resolvePath(sh.st.cwd, target);
  const data = sh.rt.fs.read(path);
  if (data.ok) return setInput(s, r.fd, new InputStream(data.value));
  if (r.op === '<>' && data.errno === 'ENOENT') {
    openOutput(sh, target, true, s);
    return setInput(s, r.fd, new InputStream(''));
  }
  throw new ShellError(`can't open ${target}: ${errmsg(data.errno, 'no such file')}`, 1, false);
}

function setInput(s: Streams, fd: number, input: InputStream): void {
  if (fd === 0) s.stdin = input;
}

/** Opens (and for `>` truncates) a file; special device paths map to streams. */
function openOutput(sh: Shell, target: string, append: boolean, s: Streams): Sink {
  const special = specialSink(sh, target, s);
  if (special) return special;
  const fs = sh.rt.fs;
  const path = resolvePath(sh.st.cwd, target);
  const opened = append ? fs.append(path, '', sh.now()) : fs.write(path, '', sh.now());
  if (!opened.ok)
    throw new ShellError(`can't create ${target}: ${errmsg(opened.errno, 'nonexistent directory')}`, 1, false);
  return { write: (text) => void fs.append(path, text, sh.now()) };
}

function specialSink(sh: Shell, target: string, s: Streams): Sink | undefined {
  switch (target) {
    case '/dev/null':
      return nullSink;
    case '/dev/stdout':
    case '/proc/self/fd/1':
      return s.stdout;
    case '/dev/stderr':
    case '/proc/self/fd/2':
      return s.stderr;
    // Writing to PID 1's descriptors is how `kubectl exec` scripts reach the container log.
    case '/proc/1/fd/1':
      return sh.rt.mainStdout;
    case '/proc/1/fd/2':
      return sh.rt.mainStderr;
    default:
      return undefined;
  }
}

/** ash's `errmsg`: ENOENT/ENOTDIR get the operation's own words, others strerror. */
function errmsg(errno: Errno, missing: string): string {
  return errno === 'ENOENT' || errno === 'ENOTDIR' ? missing : strerror(errno);
}
