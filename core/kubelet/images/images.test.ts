import { describe, expect, it } from 'vitest';
import { createRootFs } from '../shell/rootfs.ts';
import { harness } from '../shell/testkit.ts';
import { imageExists, lookupImage } from './catalogue.ts';
import { bpi, getopt, networkTools } from './tools.ts';

/** Runs an image as the kubelet does: command or entrypoint, then args or cmd, with the image's programs. */
function run(image: string, spec: { command?: string[]; args?: string[] } = {}, untilMs = 5_000) {
  const info = lookupImage(image);
  const argv = [...(spec.command ?? info.entrypoint), ...(spec.args ?? (spec.command ? [] : info.cmd))];
  const fs = createRootFs(0, 'pod-1');
  const h = harness(argv, { fs, commands: info.programs });
  return { result: h.advanceTo(untilMs), out: h.out(), err: h.err(), fs };
}

/** π's first `n` decimal digits by the Rabinowitz–Wagon spigot: an algorithm independent of bpi's Machin series. */
function spigot(n: number): string {
  const len = Math.floor((10 * n) / 3) + 1;
  const a = new Array<number>(len).fill(2);
  let out = '';
  let nines = 0;
  let predigit = 0;
  for (let j = 0; j < n + 1; j++) {
    let q = 0;
    for (let i = len; i > 0; i--) {
      const x = 10 * a[i - 1]! + q * i;
      a[i - 1] = x % (2 * i - 1);
      q = Math.floor(x / (2 * i - 1));
    }
    a[0] = q % 10;
    q = Math.floor(q / 10);
    if (q === 9) nines++;
    else if (q === 10) {
      out += String(predigit + 1) + '0'.repeat(nines);
      predigit = 0;
      nines = 0;
    } else {
      out += String(predigit) + (nines ? '9'.repeat(nines) : '');
      predigit = q;
      nines = 0;
    }
  }
  return out.slice(1); // "31415…": drop the leading 0 the algorithm emits first
}

describe('bpi, as Math::BigFloat prints it', () => {
  it('rounds π to N significant digits', () => {
    expect(bpi(1)).toBe('3');
    expect(bpi(5)).toBe('3.1416');
    expect(bpi(10)).toBe('3.141592654');
  });

  it('2000 digits agree with an independent spigot, rounded at the last digit', () => {
    const digits = spigot(2010); // "3141…", 2010+ digits
    const first = BigInt(digits.slice(0, 2000));
    const next = Number(digits[2000]);
    const expected = (next >= 5 ? first + 1n : first).toString();
    expect(bpi(2000)).toBe(`${expected[0]}.${expected.slice(1)}`);
  });
});

describe('programs of the docs images', () => {
  it("perl runs the Job example's one-liner", () => {
    const r = run('perl', { command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] });
    expect(r.result).toEqual({ state: 'exited', exitCode: 0 });
    expect(r.out).toBe(bpi(2000) + '\n');
  });

  it('perl says when a script is beyond it', () => {
    const r = run('perl', { command: ['perl', '-e', 'system("ls")'] });
    expect(r.result).toEqual({ state: 'exited', exitCode: 255 });
  });

  it('busybox wget saves the page the init-container example downloads', () => {
    const r = run('busybox:1.28', { command: ['wget', '-O', '/tmp/index.html', 'http://info.cern.ch'] });
    expect(r.result).toEqual({ state: 'exited', exitCode: 0 });
    const page = r.fs.read('/tmp/index.html');
    expect(page.ok && page.value).toContain('home of the first website');
    expect(r.err).toContain('Connecting to info.cern.ch (188.184.67.127:80)');
  });

  it('wget to a name nothing resolves fails as busybox does', () => {
    const r = run('registry.k8s.io/busybox', { command: ['wget', '-q', '-O-', 'http://example.invalid/'] });
    expect(r.result).toEqual({ state: 'exited', exitCode: 1 });
    expect(r.err).toBe("wget: bad address 'example.invalid'\n");
  });

  it('mongo hands bare flags to mongod and keeps running', () => {
    const r = run('mongo:4.2', { args: ['--bind_ip', '0.0.0.0'] });
    expect(r.result.state).toBe('sleeping');
    expect(r.out).toContain('Listening on 0.0.0.0');
    expect(lookupImage('mongo:4.2').ports).toEqual([{ port: 27017 }]);
  });

  it('vish/stress and polinux/stress are different programs under one name', () => {
    const vish = run('vish/stress', { args: ['-cpus', '2'] });
    expect(vish.result.state).toBe('sleeping');
    expect(vish.err.match(/Spawning a thread to consume CPU/g)).toHaveLength(2);
    const polinux = run('polinux/stress', {
      command: ['stress'],
      args: ['--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'],
    });
    expect(polinux.result.state).toBe('sleeping');
    expect(polinux.out).toBe('stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd\n');
  });

  it('stress is not in the nginx image (a docs example asks for it there)', () => {
    const r = run('nginx', { command: ['stress'], args: ['--vm', '1'] });
    expect(r.result).toEqual({ state: 'exited', exitCode: 127 });
  });

  it('daemons named by path keep running: etcd, goproxy, event-exporter, socat, agnhost', () => {
    expect(
      run('registry.k8s.io/etcd:3.5.1-0', { command: ['/usr/local/bin/etcd', '--data-dir', '/var/lib/etcd'] }).result
        .state,
    ).toBe('sleeping');
    expect(run('registry.k8s.io/goproxy:0.1').result.state).toBe('sleeping');
    expect(run('registry.k8s.io/event-exporter:v0.2.3', { command: ['/event-exporter'] }).result.state).toBe(
      'sleeping',
    );
    expect(
      run('docker.io/alpine/socat:1.8.0.3', { args: ['tcp-listen:5432,fork', 'tcp-connect:db:5432'] }).result.state,
    ).toBe('sleeping');
    expect(run('registry.k8s.io/e2e-test-images/agnhost:2.40', { args: ['liveness'] }).result.state).toBe('sleeping');
  });
});

describe('images that cannot be pulled onto the lab nodes', () => {
  it.each([
    'microsoft/iis',
    'microsoft/windowsservercore:1709',
    'mcr.microsoft.com/windows/servercore:ltsc2019',
    'redis:3.0-nanoserver',
    'gcr.io/my-gcp-project/my-kube-scheduler:1.0',
    'non-existing-repo/non-existing-image:example',
    'nonexistent-image',
  ])('%s', (image) => {
    expect(imageExists(image)).toBe(false);
  });

  it('ordinary images still pull', () => {
    for (const image of ['nginx', 'redis', 'registry.k8s.io/busybox:1.27.2', 'gcr.io/google-samples/hello-app:2.0'])
      expect(imageExists(image)).toBe(true);
  });

  it('a name that is an Object.prototype key is just an unknown image', () => {
    expect(lookupImage('constructor').cmd).toEqual(['/lab-unknown-image']);
  });
});

describe('what the images serve, use and do on stop', () => {
  it('agnhost listens per subcommand; liveness answers /healthz 200 for 10 s, then 500', () => {
    const info = lookupImage('registry.k8s.io/e2e-test-images/agnhost:2.40');
    const liveness = info.portsFor?.(['/agnhost', 'liveness']) ?? [];
    expect(liveness.map((p) => p.port)).toEqual([8080]);
    expect(liveness[0]?.status?.('/healthz', 10_000)).toBe(200);
    expect(liveness[0]?.status?.('/healthz', 10_001)).toBe(500);
    expect(info.portsFor?.(['/agnhost', 'serve-hostname']).map((p) => p.port)).toEqual([9376]);
    expect(info.portsFor?.(['/agnhost', 'pause'])).toEqual([]);
  });

  it('http-echo answers its -text on -listen', () => {
    const info = lookupImage('hashicorp/http-echo');
    expect(info.portsFor?.(['/http-echo', '-text=apple'])).toEqual([{ port: 5678, body: 'apple\n' }]);
    expect(info.portsFor?.(['/http-echo', '-listen=:8080', '-text', 'hi'])).toEqual([{ port: 8080, body: 'hi\n' }]);
    // The harness clock starts at 0: the log line carries the virtual time.
    expect(run('hashicorp/http-echo', { args: ['-text=apple'] }).out).toBe(
      '1970/01/01 00:00:00 [INFO] server is listening on :5678\n',
    );
  });

  it('php-apache (hpa-example) answers OK! on 80; kubernetes-bootcamp serves 8080', () => {
    expect(lookupImage('registry.k8s.io/hpa-example').ports).toEqual([{ port: 80, body: 'OK!' }]);
    expect(run('registry.k8s.io/hpa-example').result.state).toBe('sleeping');
    expect(lookupImage('gcr.io/google-samples/kubernetes-bootcamp:v1').ports.map((p) => p.port)).toEqual([8080]);
  });

  it('servers with a stop handler exit 0 when stopped; stress declares the memory it holds', () => {
    for (const image of ['nginx', 'httpd', 'redis', 'mysql', 'postgres', 'mongo'])
      expect(lookupImage(image).stopExitCode).toBe(0);
    expect(lookupImage('busybox').stopExitCode).toBeUndefined();
    const stress = lookupImage('polinux/stress').usage?.([
      'stress',
      '--vm',
      '1',
      '--vm-bytes',
      '250M',
      '--vm-hang',
      '1',
    ]);
    expect(stress).toEqual({ cpuMillis: 0, memBytes: 251 * 1024 * 1024 });
    expect(lookupImage('vish/stress').usage?.(['/stress', '-cpus', '2']).cpuMillis).toBe(2000);
  });
});

describe('network tools per image', () => {
  const net = {
    dnsServer: '10.96.0.10',
    searchList: () => [],
    resolve: (name: string) => ({ rcode: 'NXDOMAIN' as const, name, records: [] }),
    query: (name: string) => ({ rcode: 'NXDOMAIN' as const, name, records: [] }),
    connect: (ip: string, port: number) => ({ kind: 'refused' as const, ip, port, reason: '' }),
    http: (req: { ip: string; port: number }) => ({ kind: 'refused' as const, ip: req.ip, port: req.port, reason: '' }),
    ping: () => false,
  };

  it('busybox carries wget, nslookup, nc and ping; nginx curl; httpd nothing', () => {
    expect(Object.keys(networkTools('busybox:1.28', net)).sort()).toEqual(['nc', 'nslookup', 'ping', 'wget']);
    expect(Object.keys(networkTools('docker.io/curlimages/curl:8.11.0', net))).toContain('curl');
    expect(Object.keys(networkTools('nicolaka/netshoot', net)).sort()).toEqual([
      'curl',
      'dig',
      'nc',
      'nslookup',
      'ping',
      'wget',
    ]);
    expect(Object.keys(networkTools('nginx:1.27', net))).toEqual(['curl']);
    expect(networkTools('httpd', net)).toEqual({});
  });

  it('wget reads combined busybox flags (-qO-) and says when it cannot connect', () => {
    const info = lookupImage('busybox');
    const h = harness(['wget', '-qO-', 'http://10.96.0.9:8080/'], {
      fs: createRootFs(0, 'pod-1'),
      commands: { ...info.programs, ...networkTools('busybox', net) },
    });
    expect(h.advanceTo(1_000)).toEqual({ state: 'exited', exitCode: 1 });
    expect(h.err()).toBe("wget: can't connect to remote host (10.96.0.9): Connection refused\n");
  });

  it('getopt splits short flags and their values as busybox does', () => {
    const seen: string[] = [];
    getopt(['wget', '-qO-', '-T5', '--header', 'Host: x', 'url'], 'OT', (f, v) => seen.push(`${f}=${v ?? ''}`));
    expect(seen).toEqual(['q=', 'O=-', 'T=5', '--header=Host: x', '=url']);
  });
});
