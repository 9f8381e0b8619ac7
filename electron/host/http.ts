/**
 * Binds the core's ApiServer to HTTPS on 127.0.0.1: bearer-token
 * authentication, request bodies, streaming responses (watch, log -f) with
 * their timeouts, gzip left off, and WebSocket upgrades for exec/attach.
 */
import { createServer } from 'node:https';
import type { Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import type { ApiServer } from '../../core/apiserver/server.ts';
import { parseQuery } from '../../core/apiserver/types.ts';
import type { ApiRequest } from '../../core/apiserver/types.ts';
import * as status from '../../core/api/status.ts';
import type { TlsMaterial } from './tls.ts';
import { handleUpgrade } from './exec.ts';

const MAX_BODY = 3 * 1024 * 1024 + 1;

export interface HttpOptions {
  port: number;
  token: string;
  tls: TlsMaterial;
  /** Called for each request after it completes (for logging in debug mode). */
  onRequest?: (method: string, url: string, status: number) => void;
  /** Called inside every request, to run the cluster's work under a lock (the host's realtime driver). */
  run<T>(fn: () => T): T;
}

function authorized(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? '';
  const m = /^Bearer\s+(.+)$/i.exec(header);
  if (!m) return false;
  const a = Buffer.from(m[1]!.trim());
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function toApiRequest(req: IncomingMessage, body: Buffer): ApiRequest {
  const url = req.url ?? '/';
  const qi = url.indexOf('?');
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers))
    headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : (v as string | undefined);
  return {
    method: req.method ?? 'GET',
    path: qi < 0 ? url : url.slice(0, qi),
    query: parseQuery(qi < 0 ? '' : url.slice(qi + 1)),
    headers,
    body: new Uint8Array(body.buffer, body.byteOffset, body.length),
  };
}

function sendJson(res: ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** `server` is read per request: the host may replace its cluster (a lesson reset, a lab opened). */
export function startHttps(server: () => ApiServer, opts: HttpOptions): Promise<Server> {
  const https = createServer({ key: opts.tls.keyPem, cert: opts.tls.certPem }, (req, res) => {
    if (!authorized(req, opts.token)) return sendJson(res, 401, status.unauthorized());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => serve(server(), opts, req, res, Buffer.concat(chunks)));
  });
  https.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    if (!authorized(req, opts.token)) {
      socket.end(
        'HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\n\r\n' + JSON.stringify(status.unauthorized()),
      );
      return;
    }
    handleUpgrade(server(), opts.run, toApiRequest(req, Buffer.alloc(0)), req, socket, head);
  });
  https.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    https.once('error', reject);
    https.listen(opts.port, '127.0.0.1', () => resolve(https));
  });
}

function serve(server: ApiServer, opts: HttpOptions, req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  const request = toApiRequest(req, body);
  let response;
  try {
    response = opts.run(() => server.handle(request));
  } catch (e) {
    console.error('kubelab: request failed', req.method, req.url, e);
    return sendJson(res, 500, status.internalError((e as Error).message));
  }
  opts.onRequest?.(req.method ?? '', req.url ?? '', response.status);
  if (response.kind === 'plain') {
    res.writeHead(response.status, { ...response.headers, 'Content-Length': Buffer.byteLength(response.body) });
    res.end(response.body);
    return;
  }
  res.writeHead(response.status, response.headers);
  res.flushHeaders();
  let stopped = false;
  const timeoutSeconds = Number(request.query.timeoutSeconds?.[0] ?? 0);
  let stop = () => {};
  const finish = () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(timer);
    stop();
    res.end();
  };
  // Without timeoutSeconds a watch stays open for 30–60 minutes, as the real server's minRequestTimeout.
  const timer = setTimeout(finish, (timeoutSeconds > 0 ? timeoutSeconds : 1800 + Math.random() * 1800) * 1000);
  stop = opts.run(() => response.start((chunk) => !stopped && res.write(chunk), finish));
  // The response's 'close' marks the client going away; the request's 'close' fires (Node ≥ 16) as soon as its body was read.
  res.on('close', finish);
}
