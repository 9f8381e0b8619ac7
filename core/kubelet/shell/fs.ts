/**
 * The container filesystem: an in-memory tree with mounts.
 *
 * A container's root is one MemFs; volumes are other FileSystems mounted at
 * a path prefix. Sharing one emptyDir MemFs between two containers' roots
 * gives them a shared directory; a PVC's MemFs can outlive the pod. Mount
 * points are virtual directories (they need not exist in the parent tree),
 * and a read-only mount refuses writes with EROFS ("Read-only file system").
 * Errors are errno values, never exceptions; messages come from `strerror`.
 */

import { dirname, isUnder, resolvePath, segments, utf8Length } from './path.ts';

/** The errno values the filesystem can report. */
export type Errno = 'ENOENT' | 'EEXIST' | 'ENOTDIR' | 'EISDIR' | 'EROFS' | 'ENOTEMPTY' | 'EBUSY';

/** A filesystem answer: a value or an errno. */
export type FsResult<T> = { ok: true; value: T } | { ok: false; errno: Errno };

/** What `stat` reports; `mtimeMs` is virtual time. */
export interface FileStat {
  readonly type: 'file' | 'dir';
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * A filesystem as the shell sees it. Paths are absolute; implementations
 * normalise them. Mutations take the virtual time for mtimes.
 */
export interface FileSystem {
  read(path: string): FsResult<string>;
  write(path: string, data: string, nowMs: number): FsResult<void>;
  append(path: string, data: string, nowMs: number): FsResult<void>;
  /** Creates an empty file, or only bumps the mtime of an existing one. */
  touch(path: string, nowMs: number): FsResult<void>;
  remove(path: string, options?: { recursive?: boolean }): FsResult<void>;
  mkdir(path: string, nowMs: number, options?: { parents?: boolean }): FsResult<void>;
  /** Sorted names in a directory. */
  list(path: string): FsResult<string[]>;
  stat(path: string): FsResult<FileStat>;
  exists(path: string): boolean;
  isDir(path: string): boolean;
}

/** The `strerror` text for an errno, as busybox prints it. */
export function strerror(errno: Errno): string {
  switch (errno) {
    case 'ENOENT':
      return 'No such file or directory';
    case 'EEXIST':
      return 'File exists';
    case 'ENOTDIR':
      return 'Not a directory';
    case 'EISDIR':
      return 'Is a directory';
    case 'EROFS':
      return 'Read-only file system';
    case 'ENOTEMPTY':
      return 'Directory not empty';
    case 'EBUSY':
      return 'Resource busy';
  }
}

const okVoid: FsResult<void> = { ok: true, value: undefined };
const err = <T>(errno: Errno): FsResult<T> => ({ ok: false, errno });

type Node = FileNode | DirNode;
interface FileNode {
  kind: 'file';
  data: string;
  mtimeMs: number;
}
interface DirNode {
  kind: 'dir';
  children: Map<string, Node>;
  mtimeMs: number;
}

interface Mount {
  readonly prefix: string;
  readonly fs: FileSystem;
  readonly readOnly: boolean;
}

/** Where a path lands: in this tree, or inside a mount at `inner`. */
type Route = { mount: Mount; inner: string } | { mount: undefined; path: string };

/** An in-memory FileSystem with mounts. */
export class MemFs implements FileSystem {
  private readonly root: DirNode;
  private readonly mounts: Mount[] = [];

  constructor(nowMs = 0) {
    this.root = { kind: 'dir', children: new Map(), mtimeMs: nowMs };
  }

  /**
   * Mounts `fs` at `prefix` (replacing an earlier mount there). The longest
   * matching prefix wins, so `/data/cache` can sit inside `/data`.
   */
  mount(prefix: string, fs: FileSystem, options: { readOnly?: boolean } = {}): void {
    const norm = resolvePath('/', prefix);
    this.unmount(norm);
    this.mounts.push({ prefix: norm, fs, readOnly: options.readOnly ?? false });
    this.mounts.sort((a, b) => b.prefix.length - a.prefix.length);
  }

  /** Removes the mount at exactly `prefix`, if any. */
  unmount(prefix: string): void {
    const norm = resolvePath('/', prefix);
    const i = this.mounts.findIndex((m) => m.prefix === norm);
    if (i >= 0) this.mounts.splice(i, 1);
  }

  /** The mount prefixes, longest first (for `mount`-like listings and tests). */
  mountPoints(): string[] {
    return this.mounts.map((m) => m.prefix);
  }

  read(path: string): FsResult<string> {
    const r = this.route(path);
    if (r.mount) return r.mount.fs.read(r.inner);
    const node = this.lookup(r.path);
    if (!node.ok) return node;
    return node.value.kind === 'dir' ? err('EISDIR') : { ok: true, value: node.value.data };
  }

  write(path: string, data: string, nowMs: number): FsResult<void> {
    return this.putFile(
      path,
      nowMs,
      () => data,
      (fs, p) => fs.write(p, data, nowMs),
    );
  }

  append(path: string, data: string, nowMs: number): FsResult<void> {
    return this.putFile(
      path,
      nowMs,
      (old) => old + data,
      (fs, p) => fs.append(p, data, nowMs),
    );
  }

  touch(path: string, nowMs: number): FsResult<void> {
    return this.putFile(
      path,
      nowMs,
      (old) => old,
      (fs, p) => fs.touch(p, nowMs),
    );
  }

  remove(path: string, options: { recursive?: boolean } = {}): FsResult<void> {
    const norm = resolvePath('/', path);
    if (this.isMountPoint(norm)) return options.recursive ? this.removeAround(norm) : err('EBUSY');
    const r = this.route(norm);
    if (r.mount) return r.mount.readOnly ? err('EROFS') : r.mount.fs.remove(r.inner, options);
    if (r.path === '/') return err('EBUSY');
    return this.removeLocal(r.path, options.recursive ?? false);
  }

  mkdir(path: string, nowMs: number, options: { parents?: boolean } = {}): FsResult<void> {
    const norm = resolvePath('/', path);
    if (options.parents) return this.mkdirParents(norm, nowMs);
    if (this.exists(norm)) return err('EEXIST');
    const r = this.route(norm);
    if (r.mount) return r.mount.readOnly ? err('EROFS') : r.mount.fs.mkdir(r.inner, nowMs);
    const parent = this.lookupDir(dirname(r.path));
    if (!parent.ok) return parent;
    parent.value.children.set(baseOf(r.path), { kind: 'dir', children: new Map(), mtimeMs: nowMs });
    parent.value.mtimeMs = nowMs;
    return okVoid;
  }

  list(path: string): FsResult<string[]> {
    const norm = resolvePath('/', path);
    const r = this.route(norm);
    const names = new Set<string>();
    if (r.mount) {
      const inner = r.mount.fs.list(r.inner);
      if (!inner.ok) return inner;
      inner.value.forEach((n) => names.add(n));
    } else if (!this.isMountPoint(norm) || this.lookup(norm).ok) {
      const dir = this.lookupDir(r.path);
      if (!dir.ok) return dir;
      dir.value.children.forEach((_, n) => names.add(n));
    }
    this.childMountNames(norm).forEach((n) => names.add(n));
    return { ok: true, value: [...names].sort() };
  }

  stat(path: string): FsResult<FileStat> {
    const norm = resolvePath('/', path);
    const r = this.route(norm);
    if (r.mount) return r.mount.fs.stat(r.inner);
    const node = this.lookup(r.path);
    if (!node.ok) return this.isMountPoint(norm) ? { ok: true, value: { type: 'dir', size: 0, mtimeMs: 0 } } : node;
    const n = node.value;
    const size = n.kind === 'file' ? utf8Length(n.data) : 4096;
    return { ok: true, value: { type: n.kind, size, mtimeMs: n.mtimeMs } };
  }

  exists(path: string): boolean {
    return this.kindOf(path) !== undefined;
  }

  isDir(path: string): boolean {
    return this.kindOf(path) === 'dir';
  }

  /** What `stat` would say the type is, without measuring the file (probes ask this every few seconds). */
  private kindOf(path: string): 'file' | 'dir' | undefined {
    const norm = resolvePath('/', path);
    const r = this.route(norm);
    if (r.mount) return r.mount.fs.isDir(r.inner) ? 'dir' : r.mount.fs.exists(r.inner) ? 'file' : undefined;
    const node = this.lookup(r.path);
    if (!node.ok) return this.isMountPoint(norm) ? 'dir' : undefined;
    return node.value.kind;
  }

  // --- routing -------------------------------------------------------------

  private route(path: string): Route {
    const norm = resolvePath('/', path);
    const mount = this.mounts.find((m) => isUnder(norm, m.prefix));
    if (!mount) return { mount: undefined, path: norm };
    const rest = mount.prefix === '/' ? norm : norm.slice(mount.prefix.length);
    return { mount, inner: rest === '' ? '/' : rest };
  }

  private isMountPoint(norm: string): boolean {
    return this.mounts.some((m) => m.prefix === norm);
  }

  /** Names of mounts sitting directly in directory `dir` (mount points are virtual dirs). */
  private childMountNames(dir: string): string[] {
    return this.mounts.filter((m) => m.prefix !== dir && dirname(m.prefix) === dir).map((m) => baseOf(m.prefix));
  }

  // --- local tree ----------------------------------------------------------

  private lookup(path: string): FsResult<Node> {
    let node: Node = this.root;
    for (const seg of segments(path)) {
      if (node.kind !== 'dir') return err('ENOTDIR');
      const next: Node | undefined = node.children.get(seg);
      if (!next) return err('ENOENT');
      node = next;
    }
    return { ok: true, value: node };
  }

  private lookupDir(path: string): FsResult<DirNode> {
    const node = this.lookup(path);
    if (!node.ok) return node;
    return node.value.kind === 'dir' ? { ok: true, value: node.value } : err('ENOTDIR');
  }

  /** Shared body of write/append/touch: route, then update or create the file. */
  private putFile(
    path: string,
    nowMs: number,
    content: (old: string) => string,
    delegate: (fs: FileSystem, inner: string) => FsResult<void>,
  ): FsResult<void> {
    const r = this.route(path);
    if (r.mount) return r.mount.readOnly ? err('EROFS') : delegate(r.mount.fs, r.inner);
    if (this.isMountPoint(r.path)) return err('EISDIR');
    const parent = this.lookupDir(dirname(r.path));
    if (!parent.ok) return parent;
    const name = baseOf(r.path);
    const existing = parent.value.children.get(name);
    if (existing?.kind === 'dir') return err('EISDIR');
    if (existing) {
      existing.data = content(existing.data);
      existing.mtimeMs = nowMs;
      return okVoid;
    }
    parent.value.children.set(name, { kind: 'file', data: content(''), mtimeMs: nowMs });
    parent.value.mtimeMs = nowMs;
    return okVoid;
  }

  private removeLocal(path: string, recursive: boolean): FsResult<void> {
    const parent = this.lookupDir(dirname(path));
    if (!parent.ok) return parent;
    const name = baseOf(path);
    const node = parent.value.children.get(name);
    if (!node) return err('ENOENT');
    if (node.kind === 'dir' && this.mounts.some((m) => isUnder(m.prefix, path))) {
      // A mount below keeps its directory busy, as umount would be needed first.
      return recursive ? this.removeAround(path) : err('ENOTEMPTY');
    }
    if (node.kind === 'dir' && node.children.size > 0 && !recursive) return err('ENOTEMPTY');
    parent.value.children.delete(name);
    return okVoid;
  }

  /** Recursive removal of a directory that contains mount points: empty what can be emptied, then EBUSY. */
  private removeAround(path: string): FsResult<void> {
    const names = this.list(path);
    if (names.ok) {
      for (const n of names.value) this.remove(`${path}/${n}`, { recursive: true });
    }
    return err('EBUSY');
  }

  private mkdirParents(norm: string, nowMs: number): FsResult<void> {
    let cur = '';
    for (const seg of segments(norm)) {
      cur = `${cur}/${seg}`;
      if (this.isDir(cur)) continue;
      if (this.exists(cur)) return err('EEXIST');
      const made = this.mkdir(cur, nowMs);
      if (!made.ok) return made;
    }
    return okVoid;
  }
}

function baseOf(path: string): string {
  const segs = segments(path);
  return segs[segs.length - 1] ?? '';
}
