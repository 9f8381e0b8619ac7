/**
 * Programs that images carry besides their main server: busybox's `wget`
 * and a `perl` that runs the one-liners the Kubernetes docs use (the Job
 * example prints π to 2000 digits with `perl -Mbignum=bpi -wle 'print bpi(2000)'`).
 * The lab has no outside network: `wget` reaches only the pages listed here
 * and answers others as busybox does when a name does not resolve.
 */
import type { Program, ProgramContext } from '../shell/program.ts';

/** Pages on the outside internet that the docs' examples download. */
const WEB: Record<string, { ip: string; pages: Record<string, string> }> = {
  'info.cern.ch': {
    ip: '188.184.67.127',
    pages: {
      '/': `<html><head></head><body><header>
<title>http://info.cern.ch</title>
</header>

<h1>http://info.cern.ch - home of the first website</h1>
<p>From here you can:</p>
<ul>
<li><a href="http://info.cern.ch/hypertext/WWW/TheProject.html">Browse the first website</a></li>
<li><a href="http://line-mode.cern.ch/www/hypertext/WWW/TheProject.html">Browse the first website using the line-mode browser simulator</a></li>
<li><a href="http://home.web.cern.ch/topics/birth-web">Learn about the birth of the web</a></li>
<li><a href="http://home.web.cern.ch/about">Learn about CERN, the physics laboratory where the web was born</a></li>
</ul>
</body></html>
`,
    },
  },
};

interface WgetArgs {
  url: string;
  output?: string;
  quiet: boolean;
}

function parseWget(argv: readonly string[]): WgetArgs | undefined {
  let output: string | undefined;
  let quiet = false;
  let url: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '-O') output = argv[++i];
    else if (a.startsWith('-O')) output = a.slice(2);
    else if (a === '-q') quiet = true;
    else if (a === '-T' || a === '-Y' || a === '-U') i++;
    else if (!a.startsWith('-')) url = a;
  }
  return url === undefined ? undefined : { url, quiet, ...(output !== undefined ? { output } : {}) };
}

/**
 * busybox wget: `wget [-q] [-O FILE|-] URL`. Known pages are saved with
 * busybox's progress lines; unknown names fail with "bad address" (status 1).
 */
export const wget: Program = (ctx) => {
  const args = parseWget(ctx.argv);
  if (!args) {
    ctx.stderr(
      'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n',
    );
    return 1;
  }
  const m = /^(?:https?:\/\/)?([^/:]+)(?::\d+)?(\/[^?#]*)?/.exec(args.url);
  const host = m?.[1] ?? '';
  const path = m?.[2] ?? '/';
  const site = WEB[host];
  if (!site) {
    ctx.stderr(`wget: bad address '${host}'\n`);
    return 1;
  }
  const body = site.pages[path];
  if (!args.quiet) ctx.stderr(`Connecting to ${host} (${site.ip}:80)\n`);
  if (body === undefined) {
    ctx.stderr('wget: server returned error: HTTP/1.1 404 Not Found\n');
    return 1;
  }
  return save(ctx, args, path, body);
};

function save(ctx: ProgramContext, args: WgetArgs, path: string, body: string): number {
  if (args.output === '-') {
    ctx.stdout(body);
    return 0;
  }
  const file = args.output ?? (path.split('/').pop() || 'index.html');
  const written = ctx.fs.write(ctx.resolve(file), body, ctx.now());
  if (!written.ok) {
    ctx.stderr(`wget: can't open '${file}': No such file or directory\n`);
    return 1;
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
