import { describe, expect, it } from 'vitest';
import { newContainerRun } from './containers.ts';
import { readOnlyCommand } from './handlers.ts';
import { MemFs } from './shell/fs.ts';
import { harness } from './shell/testkit.ts';

/** A running container whose filesystem has /tmp/healthy, an empty /tmp/empty and a /data directory. */
function container(workingDir?: string) {
  const fs = new MemFs();
  fs.mkdir('/tmp', 0, { parents: true });
  fs.mkdir('/data/sub', 0, { parents: true });
  fs.write('/tmp/healthy', 'ok\n', 0);
  fs.write('/tmp/empty', '', 0);
  const c = newContainerRun({ name: 'c', image: 'busybox', ...(workingDir ? { workingDir } : {}) }, false);
  c.fs = fs;
  return c;
}

describe('probe commands answered without a shell', () => {
  const cases = [
    ['cat', '/tmp/healthy'],
    ['cat', '/tmp/missing'],
    ['cat', '/data'],
    ['cat', 'healthy'],
    ['test', '-f', '/tmp/healthy'],
    ['test', '-f', '/data'],
    ['test', '-e', '/data'],
    ['test', '-d', '/data/sub'],
    ['test', '-e', '/nope'],
    ['[', '-f', '/tmp/empty', ']'],
    ['[', '-d', '/tmp/healthy', ']'],
  ];

  it.each(cases)('%s %s %s %s answers as the busybox shell does', (...argv) => {
    for (const dir of [undefined, '/tmp']) {
      const c = container(dir);
      const fast = readOnlyCommand(c, argv);
      const real = harness(argv, { fs: c.fs!, cwd: dir ?? '/' });
      const r = real.advanceTo(1000);
      expect(r.state).toBe('exited');
      expect(fast).toEqual({
        ok: r.state === 'exited' && r.exitCode === 0,
        message: (real.out() + real.err()).trimEnd(),
      });
    }
  });

  it('leaves everything else to the shell', () => {
    const c = container();
    expect(readOnlyCommand(c, ['cat', '-n', '/tmp/healthy'])).toBeUndefined();
    expect(readOnlyCommand(c, ['cat', '/tmp/healthy', '/tmp/empty'])).toBeUndefined();
    expect(readOnlyCommand(c, ['sh', '-c', 'cat /tmp/healthy'])).toBeUndefined();
    expect(readOnlyCommand(c, ['test', '-s', '/tmp/healthy'])).toBeUndefined();
    c.image = {
      ref: 'x',
      entrypoint: [],
      cmd: [],
      ports: [],
      sizeBytes: 0,
      files: {},
      env: {},
      programs: { cat: () => 0 },
    };
    expect(readOnlyCommand(c, ['cat', '/tmp/healthy'])).toBeUndefined();
  });
});
