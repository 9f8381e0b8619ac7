/**
 * The DNS tools: busybox's `nslookup` (1.36 output: "Server:", "Address:
 * 10.96.0.10:53", then "Name:"/"Address:" pairs, "** server can't find x:
 * NXDOMAIN") and BIND's `dig` (its sections, simplified; `+short`, `+search`,
 * `-x`). nslookup uses the pod's search list as the resolver does; dig asks
 * for the name as typed unless `+search`, so `dig httpd-svc` is NXDOMAIN
 * while `nslookup httpd-svc` finds it — as on a real pod.
 */
import type { DnsAnswer, DnsRecord, RRType } from '../../network/dns.ts';
import { isIPv4, reverseName } from '../../network/dns.ts';
import type { NetworkAccess } from '../../network/network.ts';
import type { Program, ProgramBody } from '../shell/program.ts';
import { REQUEST } from './netutil.ts';

/** busybox nslookup: 5 s per try, two tries, before "no servers could be reached". */
const NSLOOKUP_TIMEOUT_MS = 10_000;
/** dig: +time=5 +tries=3. */
const DIG_TIMEOUT_MS = 15_000;
const TYPES: readonly RRType[] = ['A', 'AAAA', 'CNAME', 'SRV', 'PTR'];

function rrType(text: string | undefined): RRType | undefined {
  const t = (text ?? '').toUpperCase();
  return (TYPES as readonly string[]).includes(t) ? (t as RRType) : undefined;
}

/** `nslookup [-type=T] NAME [SERVER]` */
export function nslookup(net: NetworkAccess): Program {
  return function* (ctx): ProgramBody {
    let type: RRType = 'A';
    const rest: string[] = [];
    for (const arg of ctx.argv.slice(1)) {
      const m = /^-(?:type|query|q|t)=(\S+)$/i.exec(arg);
      if (m) type = rrType(m[1]) ?? type;
      else if (!arg.startsWith('-')) rest.push(arg);
    }
    const [name, server = net.dnsServer] = rest;
    if (!name) {
      ctx.stderr(
        'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n',
      );
      return 1;
    }
    const reverse = isIPv4(name);
    const answer = reverse ? net.query(reverseName(name), 'PTR') : net.resolve(name, type);
    if (answer.rcode === 'TIMEOUT') {
      yield { sleepMs: NSLOOKUP_TIMEOUT_MS };
      ctx.stdout(';; connection timed out; no servers could be reached\n\n');
      return 1;
    }
    // The answer is printed at once and takes no virtual time (see tools.ts).
    const [text, code] = nslookupText(name, reverse, server, answer);
    ctx.stdout(text);
    yield REQUEST;
    return code;
  };
}

function nslookupText(name: string, reverse: boolean, server: string, answer: DnsAnswer): [string, number] {
  const head = `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
  if (answer.rcode === 'NXDOMAIN')
    return [`${head}** server can't find ${reverse ? reverseName(name) : name}: NXDOMAIN\n\n`, 1];
  if (answer.records.length === 0) return [`${head}*** Can't find ${name}: No answer\n\n`, 0];
  return [head + answer.records.map(nslookupLine).join('') + '\n', 0];
}

function nslookupLine(r: DnsRecord): string {
  switch (r.type) {
    case 'A':
      return `Name:\t${r.name}\nAddress: ${r.data}\n`;
    case 'CNAME':
      return `${r.name}\tcanonical name = ${r.data}\n`;
    case 'PTR':
      return `${r.name}\tname = ${r.data}\n`;
    case 'SRV':
      return `${r.name}\tservice = ${r.srv?.priority ?? 0} ${r.srv?.weight ?? 0} ${r.srv?.port ?? 0} ${r.data}\n`;
  }
}

interface DigArgs {
  name?: string;
  type: RRType;
  short: boolean;
  search: boolean;
  server?: string;
}

function parseDig(argv: readonly string[]): DigArgs {
  const a: DigArgs = { type: 'A', short: false, search: false };
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '+short') a.short = true;
    else if (arg === '+search') a.search = true;
    else if (arg.startsWith('+')) continue;
    else if (arg.startsWith('@')) a.server = arg.slice(1);
    else if (arg === '-t') a.type = rrType(argv[++i]) ?? a.type;
    else if (arg === '-x') {
      a.name = reverseName(argv[++i] ?? '');
      a.type = 'PTR';
    } else if (rrType(arg) && a.name !== undefined) a.type = rrType(arg)!;
    else if (!arg.startsWith('-')) a.name = arg;
  }
  return a;
}

/** `dig [@server] NAME [TYPE] [+short] [+search]`, `dig -x ADDR` */
export function dig(net: NetworkAccess): Program {
  return function* (ctx): ProgramBody {
    const a = parseDig(ctx.argv);
    const server = a.server ?? net.dnsServer;
    const name = a.name ?? '.';
    const answer: DnsAnswer = a.search ? net.resolve(name, a.type) : net.query(name, a.type);
    if (answer.rcode === 'TIMEOUT') {
      yield { sleepMs: DIG_TIMEOUT_MS };
      ctx.stdout(
        `;; communications error to ${server}#53: timed out\n;; communications error to ${server}#53: timed out\n;; communications error to ${server}#53: timed out\n\n; <<>> DiG 9.18.27 <<>> ${name}\n;; global options: +cmd\n;; no servers could be reached\n`,
      );
      return 9;
    }
    const fqdn = `${answer.name.replace(/\.$/, '')}.`;
    if (a.short) {
      ctx.stdout(answer.records.map((r) => `${shortData(r)}\n`).join(''));
      yield REQUEST;
      return 0;
    }
    const lines = [
      '',
      `; <<>> DiG 9.18.27 <<>> ${ctx.argv.slice(1).join(' ')}`,
      ';; global options: +cmd',
      ';; Got answer:',
      `;; ->>HEADER<<- opcode: QUERY, status: ${answer.rcode}, id: ${10_000 + (ctx.now() % 50_000)}`,
      `;; flags: qr aa rd; QUERY: 1, ANSWER: ${answer.records.length}, AUTHORITY: 0, ADDITIONAL: 1`,
      ';; WARNING: recursion requested but not available',
      '',
      ';; QUESTION SECTION:',
      `;${fqdn}\t\t\tIN\t${a.type}`,
      '',
    ];
    if (answer.records.length)
      lines.push(
        ';; ANSWER SECTION:',
        ...answer.records.map((r) => `${r.name}.\t\t${r.ttl}\tIN\t${r.type}\t${shortData(r)}`),
        '',
      );
    lines.push(
      ';; Query time: 0 msec',
      `;; SERVER: ${server}#53(${server}) (UDP)`,
      `;; WHEN: ${new Date(ctx.now()).toUTCString().replace('GMT', 'UTC')}`,
      `;; MSG SIZE  rcvd: ${60 + answer.records.length * 16}`,
      '',
      '',
    );
    ctx.stdout(lines.join('\n'));
    yield REQUEST;
    return 0;
  };
}

function shortData(r: DnsRecord): string {
  if (r.type === 'A') return r.data;
  const target = `${r.data.replace(/\.$/, '')}.`;
  return r.type === 'SRV' ? `${r.srv?.priority ?? 0} ${r.srv?.weight ?? 0} ${r.srv?.port ?? 0} ${target}` : target;
}
