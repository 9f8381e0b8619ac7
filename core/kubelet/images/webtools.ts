/**
 * busybox `wget` and `curl` 8.x over a pod's network (NetworkAccess): what
 * they print for an answer, a refusal (kube-proxy's REJECT, a closed port),
 * a dropped connection (NetworkPolicy: after the time-out on the virtual
 * clock), a name that does not resolve, and a server that is not HTTP.
 */
import type { HttpOutcome, NetworkAccess } from '../../network/network.ts';
import { STATUS_TEXT } from '../../network/http.ts';
import type { Program, ProgramBody, ProgramContext } from '../shell/program.ts';
import type { Url } from './netutil.ts';
import { KERNEL_CONNECT_TIMEOUT_S, REQUEST, REFUSED_MS, getopt, hostHeader, lookup, parseUrl } from './netutil.ts';

// --- wget (busybox 1.36) ----------------------------------------------------------

interface WgetArgs {
  url: string;
  output?: string;
  quiet: boolean;
  spider: boolean;
  headersOut: boolean;
  timeoutS?: number;
  host?: string;
}

function parseWget(argv: readonly string[]): WgetArgs | undefined {
  const a: Partial<WgetArgs> & { quiet: boolean; spider: boolean; headersOut: boolean } = {
    quiet: false,
    spider: false,
    headersOut: false,
  };
  const ok = getopt(argv, 'OTYUoP', (flag, value) => {
    if (flag === 'O') a.output = value;
    else if (flag === 'T') a.timeoutS = Number(value);
    else if (flag === 'q') a.quiet = true;
    else if (flag === 'S') a.headersOut = true;
    else if (flag === '--spider') a.spider = true;
    else if (flag === '--header') a.host = hostHeader(value) ?? a.host;
    else if (flag === '') a.url = value;
  });
  return !ok || a.url === undefined ? undefined : (a as WgetArgs);
}

const WGET_USAGE =
  'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...\n';

export function makeWget(net: NetworkAccess): Program {
  return function* (ctx): ProgramBody {
    const args = parseWget(ctx.argv);
    const url = args && parseUrl(args.url);
    if (!args || !url) {
      ctx.stderr(WGET_USAGE);
      return 1;
    }
    const ip = yield* lookup(net, url.host);
    if (!ip) {
      ctx.stderr(`wget: bad address '${url.host}'\n`);
      return 1;
    }
    if (!args.quiet) ctx.stderr(`Connecting to ${url.authority} (${ip}:${url.port})\n`);
    const out = net.http({ ip, port: url.port, host: args.host ?? url.host, path: url.path });
    if (out.kind === 'timeout') {
      if (args.timeoutS !== undefined && args.timeoutS < KERNEL_CONNECT_TIMEOUT_S) {
        yield { sleepMs: args.timeoutS * 1000 };
        ctx.stderr('wget: download timed out\n');
      } else {
        yield { sleepMs: KERNEL_CONNECT_TIMEOUT_S * 1000 };
        ctx.stderr(`wget: can't connect to remote host (${ip}): Connection timed out\n`);
      }
      return 1;
    }
    const code = wgetAnswer(ctx, args, url, ip, out);
    yield REQUEST;
    return code;
  };
}

function wgetAnswer(ctx: ProgramContext, args: WgetArgs, url: Url, ip: string, out: HttpOutcome): number {
  if (out.kind === 'refused') {
    ctx.stderr(`wget: can't connect to remote host (${ip}): Connection refused\n`);
    return 1;
  }
  if (out.kind === 'empty') {
    ctx.stderr('wget: error getting response: Connection reset by peer\n');
    return 1;
  }
  if (out.kind !== 'response') {
    ctx.stderr(`wget: bad address '${url.host}'\n`);
    return 1;
  }
  if (args.headersOut) {
    ctx.stderr(`  HTTP/1.1 ${out.status} ${STATUS_TEXT[out.status] ?? ''}\n`);
    for (const [k, v] of out.headers) ctx.stderr(`  ${k}: ${v}\n`);
  }
  if (out.status >= 400) {
    ctx.stderr(`wget: server returned error: HTTP/1.1 ${out.status} ${STATUS_TEXT[out.status] ?? ''}\n`);
    return 1;
  }
  if (args.spider) {
    if (!args.quiet) ctx.stderr('remote file exists\n');
    return 0;
  }
  return save(ctx, args, url.path, out.body);
}

function save(ctx: ProgramContext, args: WgetArgs, path: string, body: string): number {
  if (args.output === '-') {
    ctx.stdout(body);
    return 0;
  }
  const file = args.output ?? (path.split('?')[0]!.split('/').pop() || 'index.html');
  if (file !== '/dev/null') {
    const written = ctx.fs.write(ctx.resolve(file), body, ctx.now());
    if (!written.ok) {
      ctx.stderr(`wget: can't open '${file}': No such file or directory\n`);
      return 1;
    }
  }
  if (!args.quiet) {
    ctx.stderr(`saving to '${file}'\n`);
    ctx.stderr(
      `${(file.split('/').pop() ?? file).padEnd(20)} 100% |********************************|   ${body.length}  0:00:00 ETA\n`,
    );
    ctx.stderr(`'${file}' saved\n`);
  }
  return 0;
}

/** busybox wget without a cluster: reaches only the outside sites (the images' own tests). */

// --- curl 8.x -------------------------------------------------------------------

interface CurlArgs {
  url?: string;
  silent: boolean;
  showError: boolean;
  output?: string;
  head: boolean;
  include: boolean;
  verbose: boolean;
  fail: boolean;
  host?: string;
  connectTimeoutS?: number;
  maxTimeS?: number;
  writeOut?: string;
  method: string;
}

function parseCurl(argv: readonly string[]): CurlArgs {
  const a: CurlArgs = {
    silent: false,
    showError: false,
    head: false,
    include: false,
    verbose: false,
    fail: false,
    method: 'GET',
  };
  const long: Record<string, string> = {
    '--silent': 's',
    '--show-error': 'S',
    '--head': 'I',
    '--include': 'i',
    '--verbose': 'v',
    '--fail': 'f',
    '--output': 'o',
    '--header': 'H',
    '--max-time': 'm',
    '--write-out': 'w',
    '--request': 'X',
  };
  getopt(argv, 'oHmwXAeu', (flag, value = '') => {
    const f = long[flag] ?? flag;
    if (f === 'o') a.output = value;
    else if (f === 'H') a.host = hostHeader(value) ?? a.host;
    else if (f === '--connect-timeout') a.connectTimeoutS = Number(value);
    else if (f === 'm') a.maxTimeS = Number(value);
    else if (f === 'w') a.writeOut = value;
    else if (f === 'X') a.method = value;
    else if (f === 's') a.silent = true;
    else if (f === 'S') a.showError = true;
    else if (f === 'I') a.head = true;
    else if (f === 'i') a.include = true;
    else if (f === 'v') a.verbose = true;
    else if (f === 'f') a.fail = true;
    else if (f === '') a.url = value;
  });
  if (a.head) a.method = 'HEAD';
  return a;
}

export function makeCurl(net: NetworkAccess): Program {
  return function* (ctx): ProgramBody {
    const a = parseCurl(ctx.argv);
    const err = (code: number, text: string): number => {
      if (!a.silent || a.showError) ctx.stderr(`curl: (${code}) ${text}\n`);
      return code;
    };
    if (!a.url) {
      ctx.stderr("curl: try 'curl --help' or 'curl --manual' for more information\n");
      return 2;
    }
    const url = parseUrl(a.url);
    if (!url) return err(3, 'URL rejected: Malformed input to a URL function');
    const ip = yield* lookup(net, url.host);
    if (!ip) return err(6, `Could not resolve host: ${url.host}`);
    if (a.verbose) ctx.stderr(`*   Trying ${ip}:${url.port}...\n`);
    const out = net.http({ ip, port: url.port, host: a.host ?? url.host, path: url.path, method: a.method });
    if (out.kind === 'timeout') {
      const limit = Math.min(a.connectTimeoutS ?? Infinity, a.maxTimeS ?? Infinity);
      if (limit < KERNEL_CONNECT_TIMEOUT_S) {
        yield { sleepMs: limit * 1000 };
        return err(28, `Connection timed out after ${limit * 1000 + 1} milliseconds`);
      }
      yield { sleepMs: KERNEL_CONNECT_TIMEOUT_S * 1000 };
      return err(
        28,
        `Failed to connect to ${url.host} port ${url.port} after ${KERNEL_CONNECT_TIMEOUT_S * 1000} ms: Couldn't connect to server`,
      );
    }
    const code = curlAnswer(ctx, a, url, ip, out, err);
    yield REQUEST;
    return code;
  };
}

function curlAnswer(
  ctx: ProgramContext,
  a: CurlArgs,
  url: Url,
  ip: string,
  out: HttpOutcome,
  err: (code: number, text: string) => number,
): number {
  if (out.kind === 'refused')
    return err(
      7,
      `Failed to connect to ${url.host} port ${url.port} after ${REFUSED_MS} ms: Couldn't connect to server`,
    );
  if (out.kind === 'empty') return err(52, 'Empty reply from server');
  if (out.kind !== 'response') return err(6, `Could not resolve host: ${url.host}`);
  const statusLine = `HTTP/1.1 ${out.status} ${STATUS_TEXT[out.status] ?? ''}`.trimEnd();
  const headerLines = [statusLine, ...out.headers.map(([k, v]) => `${k}: ${v}`)];
  if (a.verbose) {
    ctx.stderr(`* Connected to ${url.host} (${ip}) port ${url.port}\n`);
    ctx.stderr(
      `> ${a.method} ${url.path} HTTP/1.1\n> Host: ${a.host ?? url.host}\n> User-Agent: curl/8.11.0\n> Accept: */*\n> \n`,
    );
    ctx.stderr(headerLines.map((l) => `< ${l}\n`).join('') + '< \n');
  }
  if (a.fail && out.status >= 400) return err(22, `The requested URL returned error: ${out.status}`);
  let text = a.head || a.include ? headerLines.map((l) => `${l}\r\n`).join('') + '\r\n' : '';
  if (!a.head) text += out.body;
  if (a.output && a.output !== '-') {
    if (a.output !== '/dev/null') {
      const w = ctx.fs.write(ctx.resolve(a.output), text, ctx.now());
      if (!w.ok) return err(23, `Failure writing output to destination, passed ${text.length} returned 0`);
    }
  } else ctx.stdout(text);
  if (!a.silent && a.output) ctx.stderr(progress(text.length));
  if (a.writeOut !== undefined) ctx.stdout(writeOut(a.writeOut, out.status, ip, text.length));
  return 0;
}

/** curl's progress meter when its output goes to a file (stderr is not a terminal: one final line). */
function progress(size: number): string {
  const n = String(size);
  return `  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n100 ${n.padStart(5)}  100 ${n.padStart(5)}    0     0   500k      0 --:--:-- --:--:-- --:--:--  500k\n`;
}

/** `-w` variables: %{http_code}, %{remote_ip}, %{size_download}; `\n` escapes. */
function writeOut(format: string, status: number, ip: string, size: number): string {
  return format
    .replace(/%\{http_code\}|%\{response_code\}/g, String(status).padStart(3, '0'))
    .replace(/%\{remote_ip\}/g, ip)
    .replace(/%\{size_download\}/g, String(size))
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t');
}
