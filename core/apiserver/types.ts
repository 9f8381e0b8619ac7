/**
 * The API server as a pure function: a request in, a response out. The
 * Node host (electron/host) binds it to HTTPS; tests call it directly.
 * Streaming responses (watch, log -f) hand the host a writer.
 */

export interface ApiRequest {
  method: string;
  /** Path without the query string, with any server path prefix removed. */
  path: string;
  /** Query parameters (repeated keys keep every value, in order). */
  query: Record<string, string[]>;
  headers: Record<string, string | undefined>;
  body?: Uint8Array;
}

export interface PlainResponse {
  kind: 'plain';
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface StreamResponse {
  kind: 'stream';
  status: number;
  headers: Record<string, string>;
  /** Start streaming; returns a function that stops it (client went away). */
  start(write: (chunk: string) => void, end: () => void): () => void;
}

export type ApiResponse = PlainResponse | StreamResponse;

export function parseQuery(search: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of search.replace(/^\?/, '').split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = decode(eq < 0 ? part : part.slice(0, eq));
    const v = eq < 0 ? '' : decode(part.slice(eq + 1));
    (out[k] ??= []).push(v);
  }
  return out;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

export function q(req: ApiRequest, key: string): string | undefined {
  return req.query[key]?.[0];
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): PlainResponse {
  return {
    kind: 'plain',
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

export function text(status: number, body: string, contentType = 'text/plain; charset=utf-8'): PlainResponse {
  return { kind: 'plain', status, headers: { 'Content-Type': contentType }, body };
}
