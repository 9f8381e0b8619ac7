/**
 * What the network tools share: how long a dropped connection waits, name
 * lookup through the pod's resolver, URL parsing and getopt-style options.
 */
import type { NetworkAccess } from '../../network/network.ts';
import { isIPv4 } from '../../network/dns.ts';

/**
 * An answered request takes no virtual time: it counts as one unit of CPU work, so
 * `kubectl exec … wget` returns even while the lab's clock is paused, and a loop of
 * requests without `sleep` still advances the clock through the shell's CPU model.
 */
export { STEP as REQUEST } from '../shell/program.ts';
/** What curl reports as the time a refused connection took. */
export const REFUSED_MS = 2;
/** Linux gives up a TCP connect after its SYN retries (tcp_syn_retries=6): about 127 s. */
export const KERNEL_CONNECT_TIMEOUT_S = 127;

/** Resolve a host: an address as is, else through the resolver (waiting out a silent DNS). */
export function* lookup(net: NetworkAccess, host: string): Generator<{ sleepMs: number }, string | undefined, void> {
  if (isIPv4(host)) return host;
  const a = net.resolve(host);
  // musl's resolver: 5 s per try, 2 attempts, before it gives up on a silent server.
  if (a.rcode === 'TIMEOUT') yield { sleepMs: 10_000 };
  return a.records.find((r) => r.type === 'A')?.data;
}

export interface Url {
  host: string;
  /** The host as written, with its port when one was given (busybox prints it so). */
  authority: string;
  port: number;
  path: string;
}

export function parseUrl(url: string): Url | undefined {
  const m = /^(?:(https?):\/\/)?([^/:?#\s]+)(?::(\d+))?([^#\s]*)/i.exec(url);
  if (!m?.[2]) return undefined;
  const port = m[3] ? Number(m[3]) : m[1]?.toLowerCase() === 'https' ? 443 : 80;
  const path = m[4] || '/';
  return {
    host: m[2],
    authority: m[3] ? `${m[2]}:${m[3]}` : m[2],
    port,
    path: path.startsWith('/') ? path : `/${path}`,
  };
}

/**
 * Short options as getopt reads them (`-qO-` is -q then -O with argument "-"; `-T 5` or `-T5`),
 * long ones as `--name value` or `--name=value` when listed in `longWithValue`. Operands come
 * with flag ''. False when an option that needs a value has none.
 */
export function getopt(
  argv: readonly string[],
  withValue: string,
  on: (flag: string, value?: string) => void,
  longWithValue: readonly string[] = [
    '--header',
    '--connect-timeout',
    '--max-time',
    '--output',
    '--write-out',
    '--request',
  ],
): boolean {
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq > 0 ? arg.slice(0, eq) : arg;
      if (!longWithValue.includes(name)) on(name);
      else if (eq > 0) on(name, arg.slice(eq + 1));
      else if (i + 1 < argv.length) on(name, argv[++i]);
      else return false;
    } else if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const f = arg[j]!;
        if (!withValue.includes(f)) {
          on(f);
          continue;
        }
        const rest = arg.slice(j + 1);
        if (rest) on(f, rest);
        else if (i + 1 < argv.length) on(f, argv[++i]);
        else return false;
        break;
      }
    } else on('', arg);
  }
  return true;
}

/** The value of a `Host: x` header, if that is what `h` is. */
export function hostHeader(h: string | undefined): string | undefined {
  const m = /^\s*host\s*:\s*(\S+)\s*$/i.exec(h ?? '');
  return m?.[1];
}
