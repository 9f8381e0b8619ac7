/**
 * What answers at the end of a connection: the destination container's
 * server (ServedPort: a fixed body, a docroot read from the *destination's*
 * filesystem, or a status function), or an outside site. nginx and httpd
 * answer missing files with their own 404 pages and Server headers.
 * Servers the catalogue knows as not speaking HTTP (redis, mysql, …) close
 * the connection without a reply.
 */
import type { ContainerRun } from '../kubelet/containers.ts';
import type { ServedPort } from '../kubelet/images/entry.ts';
import type { Connection } from './proxy.ts';
import type { Verdict } from './types.ts';

export interface HttpRequest {
  ip: string;
  port: number;
  /** The Host header. */
  host: string;
  path: string;
  method?: string;
  headers?: Record<string, string>;
}

export type HttpOutcome =
  | {
      kind: 'response';
      status: number;
      headers: [string, string][];
      body: string;
      connection: Connection;
      /** `namespace/name` of the pod that answered, when a pod did. */
      servedBy?: string;
    }
  /** The server accepted the connection but did not speak HTTP (curl: "Empty reply from server"). */
  | { kind: 'empty'; connection: Connection; servedBy?: string }
  | { kind: 'refused'; ip: string; port: number; reason: string }
  | { kind: 'timeout'; ip: string; port: number; reason: string; verdict?: Verdict }
  | { kind: 'dns'; name: string; rcode: string }
  | { kind: 'error'; reason: string };

/** Well-known ports of servers that do not speak HTTP. */
const NOT_HTTP = new Set([22, 53, 2379, 2380, 3306, 5432, 6379, 9042, 11211, 27017]);

export const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK',
  301: 'Moved Permanently',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
};

const NGINX_404 =
  '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.3</center>\r\n</body>\r\n</html>\r\n';
const HTTPD_404 =
  '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n';

/** The server software behind a docroot, for the Server header and error pages. */
function serverOf(served: ServedPort): { name?: string; notFound: string } {
  if (served.docroot?.startsWith('/usr/share/nginx')) return { name: 'nginx/1.27.3', notFound: NGINX_404 };
  if (served.docroot?.includes('apache2')) return { name: 'Apache/2.4.62 (Unix)', notFound: HTTPD_404 };
  return { notFound: '404 page not found\n' };
}

/** The answer to `req` over an established connection (refusals and time-outs pass through). */
export function respond(conn: Connection, req: HttpRequest, nowMs: number): HttpOutcome {
  if (conn.kind === 'refused') return { kind: 'refused', ip: conn.ip, port: conn.port, reason: conn.reason };
  if (conn.kind === 'timeout')
    return {
      kind: 'timeout',
      ip: conn.ip,
      port: conn.port,
      reason: conn.reason,
      ...(conn.verdict ? { verdict: conn.verdict } : {}),
    };
  const path = (req.path.split('?')[0] ?? '/') || '/';
  if (conn.kind === 'outside') {
    const body = conn.pages[path];
    return body === undefined
      ? { kind: 'response', status: 404, headers: [], body: 'Not Found\n', connection: conn }
      : { kind: 'response', status: 200, headers: [['Content-Type', 'text/html']], body, connection: conn };
  }
  if (conn.kind === 'ingress') return { kind: 'error', reason: 'BUG: ingress connections are answered by the network' };
  const servedBy = `${conn.pod.metadata.namespace ?? ''}/${conn.pod.metadata.name ?? ''}`;
  const s = conn.served;
  if (s.body === undefined && !s.docroot && !s.status && NOT_HTTP.has(conn.target.port))
    return { kind: 'empty', connection: conn, servedBy };
  const server = serverOf(s);
  const headers: [string, string][] = server.name ? [['Server', server.name]] : [];
  const hostname = (conn.pod.spec as { hostname?: string } | undefined)?.hostname ?? conn.pod.metadata.name ?? '';
  const page = s.docroot ? fromDocroot(conn.container, s.docroot, path) : undefined;
  let status = s.status ? s.status(path, nowMs - (conn.container.startedAtMs ?? nowMs)) : 200;
  let body = (s.body ?? '').replace(/HOSTNAME/g, hostname);
  if (page !== undefined) {
    if (page === null) {
      status = 404;
      body = server.notFound;
    } else body = page;
  }
  headers.push(['Content-Type', 'text/html'], ['Content-Length', String(body.length)]);
  return { kind: 'response', status, headers, body, connection: conn, servedBy };
}

/** A file under the docroot of the destination container (a directory serves its index.html); null when missing. */
function fromDocroot(c: ContainerRun, docroot: string, path: string): string | null {
  const fs = c.fs;
  if (!fs) return null;
  const file = `${docroot}${path.endsWith('/') ? `${path}index.html` : path}`;
  const r = fs.read(file);
  if (r.ok) return r.value;
  if (r.errno === 'EISDIR') {
    const index = fs.read(`${file}/index.html`);
    return index.ok ? index.value : null;
  }
  return null;
}
