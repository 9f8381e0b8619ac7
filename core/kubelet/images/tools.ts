/**
 * Programs that images carry besides their main server: the network tools
 * (busybox `nc` and `ping` here, `wget` and `curl` in webtools.ts, `nslookup` and
 * `dig` in dnstools.ts, which image carries which in TOOLBOX) and a
 * `perl` that runs the one-liners the Kubernetes docs use (the Job example
 * prints π to 2000 digits with `perl -Mbignum=bpi -wle 'print bpi(2000)'`).
 * Network tools get the pod's view of the network (`NetworkAccess`, built by
 * core/network per pod) through `networkTools`. A connection is made at the
 * instant the tool runs and its answer printed then, taking no virtual time,
 * so `kubectl exec` answers at once even with the clock paused. Denied
 * (dropped) connections wait for their time-out on the virtual clock.
 */
import type { NetworkAccess } from '../../network/network.ts';
import { outsideAddress, outsideSite } from '../../network/outside.ts';
import { STATUS_TEXT, respond } from '../../network/http.ts';
import type { CommandHooks, Program, ProgramBody } from '../shell/program.ts';
import { dig, nslookup } from './dnstools.ts';
import { KERNEL_CONNECT_TIMEOUT_S, REQUEST, hostHeader, lookup } from './netutil.ts';
import { makeCurl, makeWget } from './webtools.ts';

export { getopt } from './netutil.ts';

/**
 * Which images carry which tools (following the real images loosely):
 * busybox/alpine (busybox applets): wget, nslookup, nc, ping; curlimages/curl is alpine plus curl;
 * nicolaka/netshoot, praqma|wbitt/network-multitool: everything; radial/busyboxplus: busybox plus
 * curl; nginx (debian) ships curl; dnsutils images: dig, nslookup, ping. httpd, ubuntu, debian,
 * redis, mysql… have none of them (`sh: curl: not found`, as for real).
 */
const BUSYBOX = ['wget', 'nslookup', 'nc', 'ping'];
const ALL = ['wget', 'curl', 'nslookup', 'dig', 'nc', 'ping'];
const TOOLBOX: Readonly<Record<string, readonly string[]>> = {
  busybox: BUSYBOX,
  alpine: BUSYBOX,
  curl: [...BUSYBOX, 'curl'],
  busyboxplus: [...BUSYBOX, 'curl'],
  netshoot: ALL,
  'network-multitool': ALL,
  nginx: ['curl'],
  'nginx-slim': ['curl'],
  dnsutils: ['dig', 'nslookup', 'ping'],
  'jessie-dnsutils': ['dig', 'nslookup', 'ping'],
  dnstools: ALL,
};

const MAKERS: Readonly<Record<string, (net: NetworkAccess) => Program>> = {
  wget: makeWget,
  curl: makeCurl,
  nslookup,
  dig,
  nc: makeNc,
  ping: makePing,
};

/** The names of the network tools an image carries (none for most server images). */
export function toolsOf(image: string): readonly string[] {
  return TOOLBOX[imageName(image)] ?? [];
}

/** The network tools an image carries, bound to one pod's network. */
export function networkTools(image: string, net: NetworkAccess | (() => NetworkAccess)): CommandHooks {
  // Access is taken when a tool first runs: a pod whose tools never run (most of them) holds no
  // network state, only these small wrappers.
  let access = typeof net === 'function' ? undefined : net;
  const get = typeof net === 'function' ? () => (access ??= net()) : () => net;
  return Object.fromEntries(toolsOf(image).map((n): [string, Program] => [n, (ctx) => MAKERS[n]!(get())(ctx)]));
}

/** `docker.io/nicolaka/netshoot:v0.13` → `netshoot` (catalogue.ts parseImage's name; not imported: it imports us). */
function imageName(image: string): string {
  const repo = image.split('@')[0] ?? '';
  const last = repo.slice(repo.lastIndexOf('/') + 1);
  return last.split(':')[0] ?? last;
}

/** The lab's network without a cluster: only the outside sites answer (images tested on their own). */
const OFFLINE: NetworkAccess = {
  dnsServer: '10.96.0.10',
  searchList: () => [],
  resolve: (name) => {
    const ip = outsideAddress(name);
    return ip
      ? { rcode: 'NOERROR', name, records: [{ name, type: 'A', ttl: 30, data: ip }] }
      : { rcode: 'NXDOMAIN', name, records: [] };
  },
  query: (name, type) => OFFLINE.resolve(name, type),
  connect: (ip, port) => {
    const site = outsideSite(ip);
    return site
      ? { kind: 'outside', ip, port, host: site.host, pages: site.pages }
      : { kind: 'timeout', ip, port, reason: 'no network' };
  },
  http: (req) => respond(OFFLINE.connect(req.ip, req.port), req, 0),
  ping: (ip) => !!outsideSite(ip),
};

/** Resolve a URL's host: an address as is, else through the resolver. */

export const wget: Program = makeWget(OFFLINE);

// --- nc (busybox) -------------------------------------------------------------------

function makeNc(net: NetworkAccess): Program {
  return function* (ctx): ProgramBody {
    let zero = false;
    let verbose = false;
    let wait: number | undefined;
    let udp = false;
    const rest: string[] = [];
    for (let i = 1; i < ctx.argv.length; i++) {
      const arg = ctx.argv[i] ?? '';
      if (arg === '-w') wait = Number(ctx.argv[++i]);
      else if (/^-[zvun]+$/.test(arg)) {
        zero ||= arg.includes('z');
        verbose ||= arg.includes('v');
        udp ||= arg.includes('u');
      } else rest.push(arg);
    }
    const [host, portText] = rest;
    const port = Number(portText);
    if (!host || !Number.isInteger(port) || port < 1) {
      ctx.stderr(
        'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\n',
      );
      return 1;
    }
    const ip = yield* lookup(net, host);
    if (!ip) {
      ctx.stderr(`nc: bad address '${host}'\n`);
      return 1;
    }
    const conn = net.connect(ip, port, udp ? 'UDP' : 'TCP');
    if (conn.kind === 'timeout') {
      yield { sleepMs: (wait ?? KERNEL_CONNECT_TIMEOUT_S) * 1000 };
      ctx.stderr(wait !== undefined ? 'nc: timed out\n' : `nc: ${host} (${ip}:${port}): Connection timed out\n`);
      return 1;
    }
    if (conn.kind === 'refused') {
      ctx.stderr(`nc: ${host} (${ip}:${port}): Connection refused\n`);
      yield REQUEST;
      return 1;
    }
    if (verbose) ctx.stderr(`${host} (${ip}:${port}) open\n`);
    yield REQUEST;
    if (zero) return 0;
    // A hand-typed HTTP request on stdin gets the server's raw answer.
    const input = ctx.stdin.readAll();
    const req = /^(GET|HEAD)\s+(\S+)\s+HTTP\/1\.[01]/.exec(input);
    if (req) {
      const out = net.http({ ip, port, host: hostHeader(/^host:.*$/im.exec(input)?.[0]) ?? host, path: req[2] ?? '/' });
      if (out.kind === 'response') {
        const head = [
          `HTTP/1.1 ${out.status} ${STATUS_TEXT[out.status] ?? ''}`,
          ...out.headers.map(([k, v]) => `${k}: ${v}`),
        ];
        ctx.stdout(head.join('\r\n') + '\r\n\r\n' + (req[1] === 'HEAD' ? '' : out.body));
      }
    }
    return 0;
  };
}

// --- ping (busybox) ---------------------------------------------------------------

function makePing(net: NetworkAccess): Program {
  return function* (ctx): ProgramBody {
    let count = Infinity;
    let deadline = Infinity;
    let target: string | undefined;
    for (let i = 1; i < ctx.argv.length; i++) {
      const arg = ctx.argv[i] ?? '';
      if (arg === '-c') count = Number(ctx.argv[++i]);
      else if (arg === '-w' || arg === '-W') deadline = Number(ctx.argv[++i]);
      else if (/^-c\d+$/.test(arg)) count = Number(arg.slice(2));
      else if (!arg.startsWith('-')) target = arg;
    }
    if (!target) {
      ctx.stderr('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n');
      return 1;
    }
    const ip = yield* lookup(net, target);
    if (!ip) {
      ctx.stderr(`ping: bad address '${target}'\n`);
      return 1;
    }
    ctx.stdout(`PING ${target} (${ip}): 56 data bytes\n`);
    let sent = 0;
    let received = 0;
    for (let elapsed = 0; sent < count && elapsed < deadline; elapsed++) {
      if (net.ping(ip)) {
        ctx.stdout(`64 bytes from ${ip}: seq=${sent} ttl=63 time=0.${(412 + ((sent * 37) % 300)).toString()} ms\n`);
        received++;
      }
      sent++;
      if (sent < count) yield { sleepMs: 1000 };
    }
    const loss = sent ? Math.round(((sent - received) * 100) / sent) : 0;
    ctx.stdout(
      `\n--- ${target} ping statistics ---\n${sent} packets transmitted, ${received} packets received, ${loss}% packet loss\n`,
    );
    if (received) ctx.stdout('round-trip min/avg/max = 0.412/0.530/0.686 ms\n');
    return received ? 0 : 1;
  };
}

// --- perl ---------------------------------------------------------------------------

/**
 * π to `digits` significant digits, rounded, as Math::BigFloat's bpi()
 * prints it: bpi(5) is "3.1416". Machin's formula on fixed-point BigInts
 * with ten guard digits: π = 16·atan(1/5) − 4·atan(1/239).
 */
export function bpi(digits: number): string {
  const n = Math.max(1, Math.floor(digits));
  const guard = 10n;
  const scale = 10n ** (BigInt(n) + guard);
  const pi = 16n * atanInverse(5n, scale) - 4n * atanInverse(239n, scale);
  const unit = 10n ** (guard + 1n); // keep n digits: 3 and n-1 decimals
  const rounded = (pi + unit / 2n) / unit;
  const text = rounded.toString();
  return text.length > 1 ? `${text[0]}.${text.slice(1)}` : text;
}

/** atan(1/x) · scale, by its Taylor series. */
function atanInverse(x: bigint, scale: bigint): bigint {
  let term = scale / x;
  let sum = term;
  const x2 = x * x;
  for (let k = 1n; term !== 0n; k++) {
    term /= x2;
    sum += (k % 2n === 0n ? 1n : -1n) * (term / (2n * k + 1n));
  }
  return sum;
}

/** The `-e` script and whether `-l` (print adds a newline) was given. */
function perlScript(argv: readonly string[]): { script?: string; newline: boolean } {
  let newline = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (!a.startsWith('-') || a.startsWith('-M') || a.startsWith('-m')) continue;
    if (a.includes('l')) newline = true;
    if (a.endsWith('e')) return { script: argv[i + 1], newline };
  }
  return { newline };
}

/**
 * perl for one-liners: `print bpi(N)` and `print "text"`. Anything else
 * is beyond the lab: it says so on stderr and exits 255, as perl does on a
 * script it cannot run.
 */
export const perl: Program = (ctx) => {
  const { script, newline } = perlScript(ctx.argv);
  const end = newline ? '\n' : '';
  const pi = script === undefined ? null : /^\s*print\s+bpi\(\s*(\d+)\s*\)\s*;?\s*$/.exec(script);
  if (pi) {
    ctx.stdout(bpi(Number(pi[1])) + end);
    return 0;
  }
  const literal = script === undefined ? null : /^\s*print\s+"([^"]*)"\s*;?\s*$/.exec(script);
  if (literal) {
    ctx.stdout((literal[1] ?? '').replace(/\\n/g, '\n') + end);
    return 0;
  }
  ctx.stderr(`kubelab: this perl only runs 'print bpi(N)' and 'print "text"' one-liners\n`);
  return 255;
};
