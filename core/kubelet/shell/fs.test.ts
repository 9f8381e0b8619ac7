import { describe, expect, it } from 'vitest';
import { MemFs } from './fs.ts';
import { resolvePath } from './path.ts';

describe('paths', () => {
  it('normalises . and .. relative to cwd, never above /', () => {
    expect(resolvePath('/a/b', '../c/./d')).toBe('/a/c/d');
    expect(resolvePath('/a', '/x//y/')).toBe('/x/y');
    expect(resolvePath('/', '../../..')).toBe('/');
  });
});

describe('MemFs', () => {
  it('reads, writes, appends, stats with virtual mtimes', () => {
    const fs = new MemFs(0);
    expect(fs.mkdir('/data', 5)).toEqual({ ok: true, value: undefined });
    fs.write('/data/a', 'x', 10);
    fs.append('/data/a', 'yé', 20);
    expect(fs.read('/data/./a')).toEqual({ ok: true, value: 'xyé' });
    expect(fs.stat('/data/a')).toEqual({ ok: true, value: { type: 'file', size: 4, mtimeMs: 20 } });
    expect(fs.touch('/data/a', 30)).toEqual({ ok: true, value: undefined });
    expect(fs.read('/data/a')).toEqual({ ok: true, value: 'xyé' });
    expect(fs.stat('/data/a')).toMatchObject({ value: { mtimeMs: 30 } });
  });

  it('reports errno values', () => {
    const fs = new MemFs();
    expect(fs.read('/nope')).toEqual({ ok: false, errno: 'ENOENT' });
    expect(fs.write('/no/dir/file', 'x', 0)).toEqual({ ok: false, errno: 'ENOENT' });
    fs.mkdir('/d', 0);
    expect(fs.read('/d')).toEqual({ ok: false, errno: 'EISDIR' });
    expect(fs.mkdir('/d', 0)).toEqual({ ok: false, errno: 'EEXIST' });
    fs.write('/f', '', 0);
    expect(fs.write('/f/x', '', 0)).toEqual({ ok: false, errno: 'ENOTDIR' });
  });

  it('mkdir -p and recursive remove', () => {
    const fs = new MemFs();
    expect(fs.mkdir('/a/b/c', 0, { parents: true }).ok).toBe(true);
    expect(fs.mkdir('/a/b', 0, { parents: true }).ok).toBe(true);
    fs.write('/a/b/c/f', 'x', 0);
    expect(fs.remove('/a')).toEqual({ ok: false, errno: 'ENOTEMPTY' });
    expect(fs.remove('/a', { recursive: true }).ok).toBe(true);
    expect(fs.exists('/a')).toBe(false);
    expect(fs.list('/')).toEqual({ ok: true, value: [] });
  });

  it('mounts: a shared volume seen from two roots, data outliving both', () => {
    const volume = new MemFs();
    const a = new MemFs();
    const b = new MemFs();
    a.mount('/shared', volume);
    b.mount('/mnt/data', volume);
    a.write('/shared/msg', 'hi', 1);
    expect(b.read('/mnt/data/msg')).toEqual({ ok: true, value: 'hi' });
    expect(volume.read('/msg')).toEqual({ ok: true, value: 'hi' });
    expect(a.list('/')).toEqual({ ok: true, value: ['shared'] });
    expect(b.isDir('/mnt')).toBe(false); // /mnt itself was never created in b
    expect(b.isDir('/mnt/data')).toBe(true);
    b.unmount('/mnt/data');
    expect(b.exists('/mnt/data/msg')).toBe(false);
  });

  it('the longest mount prefix wins; mount points are busy for rm -r', () => {
    const root = new MemFs();
    const data = new MemFs();
    const cache = new MemFs();
    root.mount('/data', data);
    root.mount('/data/cache', cache);
    root.write('/data/cache/x', '1', 0);
    expect(cache.read('/x').ok).toBe(true);
    expect(data.exists('/cache/x')).toBe(false);
    expect(root.list('/data')).toEqual({ ok: true, value: ['cache'] });
    expect(root.remove('/data', { recursive: true })).toEqual({ ok: false, errno: 'EBUSY' });
    expect(cache.list('/')).toEqual({ ok: true, value: [] }); // contents were removed
  });

  it('read-only mounts fail writes with EROFS', () => {
    const root = new MemFs();
    const secret = new MemFs();
    secret.write('/token', 'abc', 0);
    root.mount('/var/run/secrets', secret, { readOnly: true });
    expect(root.read('/var/run/secrets/token')).toEqual({ ok: true, value: 'abc' });
    expect(root.write('/var/run/secrets/token', 'x', 0)).toEqual({ ok: false, errno: 'EROFS' });
    expect(root.append('/var/run/secrets/new', 'x', 0)).toEqual({ ok: false, errno: 'EROFS' });
    expect(root.remove('/var/run/secrets/token')).toEqual({ ok: false, errno: 'EROFS' });
    expect(root.mkdir('/var/run/secrets/d', 0)).toEqual({ ok: false, errno: 'EROFS' });
    expect(secret.read('/token')).toEqual({ ok: true, value: 'abc' });
  });

  it('a read-only root with a writable volume on top (readOnlyRootFilesystem)', () => {
    const image = new MemFs();
    image.mkdir('/tmp', 0);
    const root = new MemFs();
    root.mount('/', image, { readOnly: true });
    root.mount('/tmp', new MemFs());
    expect(root.write('/etc-file', 'x', 0)).toEqual({ ok: false, errno: 'EROFS' });
    expect(root.write('/tmp/ok', 'x', 0).ok).toBe(true);
  });
});
