import { describe, expect, it } from 'vitest';
import { MemFs } from './fs.ts';
import { createRootFs } from './rootfs.ts';
import { harness, runToEnd } from './testkit.ts';
import type { Program } from './program.ts';

describe('container scripts on virtual time', () => {
  it('liveness tutorial: /tmp/healthy exists at t=10s, is gone at t=31s, process still sleeping at t=100s', () => {
    const fs = createRootFs(0);
    const h = harness(['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -rf /tmp/healthy; sleep 600'], { fs });
    expect(h.advanceTo(10_000)).toEqual({ state: 'sleeping', wakeAtMs: 30_000 });
    expect(fs.exists('/tmp/healthy')).toBe(true);
    h.advanceTo(31_000);
    expect(fs.exists('/tmp/healthy')).toBe(false);
    expect(h.advanceTo(100_000)).toEqual({ state: 'sleeping', wakeAtMs: 630_000 });
    expect(h.advanceTo(630_000)).toEqual({ state: 'exited', exitCode: 0 });
  });

  it('while-loop logger prints one line every 10 s', () => {
    const h = harness('while true; do echo hello; sleep 10; done');
    h.advanceTo(35_000);
    expect(h.stdout.map((l) => [l.text, l.atMs])).toEqual([
      ['hello\n', 0],
      ['hello\n', 10_000],
      ['hello\n', 20_000],
      ['hello\n', 30_000],
    ]);
  });

  it('runs in the same process whether the kubelet polls late or on time', () => {
    const late = harness('for i in 1 2 3; do date +%s; sleep 5; done');
    late.advanceTo(100_000);
    const onTime = harness('for i in 1 2 3; do date +%s; sleep 5; done');
    for (let t = 0; t <= 100_000; t += 1000) onTime.advanceTo(t);
    expect(late.stdout).toEqual(onTime.stdout);
    expect(late.out()).toBe('0\n5\n10\n');
  });

  it('exit N gives the exit code', () => {
    expect(runToEnd('exit 3').result).toEqual({ state: 'exited', exitCode: 3 });
    expect(runToEnd('false').result).toEqual({ state: 'exited', exitCode: 1 });
    expect(runToEnd('echo done').result).toEqual({ state: 'exited', exitCode: 0 });
  });

  it('cat of a missing file: busybox message, status 1', () => {
    const r = runToEnd('cat /consumer_dir/hello');
    expect(r.err).toBe("cat: can't open '/consumer_dir/hello': No such file or directory\n");
    expect(r.result).toEqual({ state: 'exited', exitCode: 1 });
  });

  it('&& and || short-circuit on status', () => {
    expect(runToEnd('true && echo a || echo b; false && echo c || echo d; false || false && echo e').out).toBe(
      'a\nd\n',
    );
  });

  it('arithmetic loop', () => {
    expect(runToEnd('i=0; while [ $i -lt 5 ]; do i=$((i+1)); echo $i; done').out).toBe('1\n2\n3\n4\n5\n');
  });

  it('pipes pass the whole output on', () => {
    expect(runToEnd('printf "b\\na\\nc\\n" | sort | head -n 2').out).toBe('a\nb\n');
    expect(runToEnd('echo one two three | wc -w').out).toBe('3\n');
    expect(runToEnd('yes | head -n 2').out).toBe('y\ny\n');
  });

  it('redirect append grows a file with $(date) from the virtual clock', () => {
    const fs = createRootFs(0);
    const h = harness('while true; do echo $(date) >> /out.txt; sleep 1; done', {
      fs,
      nowMs: Date.UTC(2026, 10, 22, 15, 45, 44),
    });
    h.advanceTo(Date.UTC(2026, 10, 22, 15, 45, 46));
    const out = fs.read('/out.txt');
    expect(out).toEqual({
      ok: true,
      value: 'Sun Nov 22 15:45:44 UTC 2026\nSun Nov 22 15:45:45 UTC 2026\nSun Nov 22 15:45:46 UTC 2026\n',
    });
    expect(fs.stat('/out.txt')).toMatchObject({ ok: true, value: { mtimeMs: Date.UTC(2026, 10, 22, 15, 45, 46) } });
  });

  it('two containers share an emptyDir mounted in both filesystems', () => {
    const shared = new MemFs();
    const producerFs = createRootFs(0);
    const consumerFs = createRootFs(0);
    producerFs.mount('/producer_dir', shared);
    consumerFs.mount('/consumer_dir', shared);
    runToEnd('echo "hello from producer" > /producer_dir/hello', { fs: producerFs });
    expect(runToEnd('cat /consumer_dir/hello', { fs: consumerFs }).out).toBe('hello from producer\n');
  });

  it('a read-only mount refuses writes as the kernel does', () => {
    const fs = createRootFs(0);
    const config = new MemFs();
    config.write('/app.conf', 'port=80\n', 0);
    fs.mount('/etc/config', config, { readOnly: true });
    const r = runToEnd(
      'cat /etc/config/app.conf; echo x > /etc/config/app.conf; touch /etc/config/new; rm /etc/config/app.conf',
      { fs },
    );
    expect(r.out).toBe('port=80\n');
    expect(r.err).toBe(
      "sh: can't create /etc/config/app.conf: Read-only file system\n" +
        'touch: /etc/config/new: Read-only file system\n' +
        "rm: can't remove '/etc/config/app.conf': Read-only file system\n",
    );
    expect(r.result).toEqual({ state: 'exited', exitCode: 1 });
  });

  it('command not found → 127', () => {
    const r = runToEnd('nosuchcmd --flag');
    expect(r.err).toBe('sh: nosuchcmd: not found\n');
    expect(r.result).toEqual({ state: 'exited', exitCode: 127 });
    expect(runToEnd(['nosuchcmd']).result).toEqual({ state: 'exited', exitCode: 127 });
  });

  it('kill: SIGKILL → 137, SIGTERM → 143, SIGTERM ignored by an init without a handler', () => {
    const a = harness(['sleep', '3600']);
    expect(a.advanceTo(1000)).toEqual({ state: 'sleeping', wakeAtMs: 3_600_000 });
    expect(a.proc.kill('SIGKILL', 1000)).toEqual({ state: 'exited', exitCode: 137 });
    const b = harness(['sleep', 'infinity']);
    expect(b.advanceTo(1000)).toEqual({ state: 'sleeping', wakeAtMs: Infinity });
    expect(b.proc.kill('SIGTERM', 1000)).toEqual({ state: 'exited', exitCode: 143 });
    const c = harness(['sh', '-c', 'sleep 3600'], { ignoreSigterm: true });
    c.advanceTo(0);
    expect(c.proc.kill('SIGTERM')).toEqual({ state: 'sleeping', wakeAtMs: 3_600_000 });
    expect(c.proc.kill('SIGKILL')).toEqual({ state: 'exited', exitCode: 137 });
    expect(c.proc.run(5_000_000)).toEqual({ state: 'exited', exitCode: 137 });
  });

  it('a loop that never sleeps costs virtual time instead of hanging', () => {
    const h = harness('while true; do :; done');
    const first = h.proc.run(0);
    expect(first.state).toBe('sleeping');
    const wake = first.state === 'sleeping' ? first.wakeAtMs : 0;
    expect(wake).toBeGreaterThan(0); // the clock must move forward
    // the first slice had 200 free steps; the next costs all its 2000 steps at 2 per ms
    expect(h.proc.run(wake)).toEqual({ state: 'sleeping', wakeAtMs: wake + 1000 });
    // 5 000 passes of 3 steps at 2 steps/ms: about 7.5 s of virtual time, then the script goes on
    const r = harness('i=0; while [ $i -lt 5000 ]; do i=$((i+1)); done; date +%s');
    expect(r.advanceTo(3_600_000)).toEqual({ state: 'exited', exitCode: 0 });
    expect(Number(r.out())).toBe(7);
  });

  it('sh -c passes $0, $1… and $#', () => {
    expect(runToEnd(['sh', '-c', 'echo $0 $1 $2 $# "$@"', 'me', 'a', 'b c']).out).toBe('me a b c 2 a b c\n');
  });

  it('background jobs run concurrently and wait joins them', () => {
    const h = harness('(sleep 2; echo job) & echo main; wait; echo after $?');
    expect(h.advanceTo(10_000)).toEqual({ state: 'exited', exitCode: 0 });
    expect(h.stdout.map((l) => [l.text, l.atMs])).toEqual([
      ['main\n', 0],
      ['job\n', 2000],
      ['after 0\n', 2000],
    ]);
  });

  it('the main process exiting ends background jobs', () => {
    const h = harness('while true; do echo tick; sleep 1; done & sleep 2.5; exit 4');
    expect(h.advanceTo(60_000)).toEqual({ state: 'exited', exitCode: 4 });
    expect(h.out()).toBe('tick\ntick\ntick\n');
  });

  it('image programs from the kubelet can print, sleep and exit', () => {
    const nginx: Program = function* (ctx) {
      ctx.stdout(`start ${ctx.argv.slice(1).join(' ')}\n`);
      yield { sleepMs: 5000 };
      ctx.stderr('worker exited\n');
      return 2;
    };
    const h = harness(['nginx', '-g', 'daemon off;'], { commands: { nginx } });
    expect(h.advanceTo(1000)).toEqual({ state: 'sleeping', wakeAtMs: 5000 });
    expect(h.advanceTo(5000)).toEqual({ state: 'exited', exitCode: 2 });
    expect(h.stdout).toEqual([{ text: 'start -g daemon off;\n', atMs: 0 }]);
    expect(h.stderr).toEqual([{ text: 'worker exited\n', atMs: 5000 }]);
    // and through an entrypoint script using exec
    const s = runToEnd('echo setup; exec /usr/sbin/nginx -g "daemon off;"', { commands: { nginx } });
    expect(s.out).toBe('setup\nstart -g daemon off;\n');
    expect(s.result).toEqual({ state: 'exited', exitCode: 2 });
  });

  it('kubectl exec style: stdin script and output to PID 1 logs', () => {
    const r = runToEnd(['sh'], { stdin: 'echo from-stdin\nexit 5\n' });
    expect(r.out).toBe('from-stdin\n');
    expect(r.result).toEqual({ state: 'exited', exitCode: 5 });
  });

  it('syntax errors read as ash prints them, status 2', () => {
    expect(runToEnd('while true; do done').err).toBe('sh: syntax error: unexpected "done"\n');
    const r = runToEnd('if true; then echo x');
    expect(r.err).toBe('sh: syntax error: unexpected end of file (expecting "fi")\n');
    expect(r.result).toEqual({ state: 'exited', exitCode: 2 });
  });

  it('set -e stops at the first failing command, but not in conditions', () => {
    const r = runToEnd('set -e; if false; then :; fi; false || true; echo before; false; echo after');
    expect(r.out).toBe('before\n');
    expect(r.result).toEqual({ state: 'exited', exitCode: 1 });
  });

  it('scripts on the filesystem run by path, with arguments', () => {
    const fs = createRootFs(0);
    fs.mkdir('/scripts', 0);
    fs.write('/scripts/run.sh', '#!/bin/sh\necho "args: $*"\nexit 7\n', 0);
    const r = runToEnd(['/scripts/run.sh', 'x', 'y'], { fs });
    expect(r.out).toBe('args: x y\n');
    expect(r.result).toEqual({ state: 'exited', exitCode: 7 });
  });
});
