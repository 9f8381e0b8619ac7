/**
 * The embedded kubectl's REST client: every read and write is a request to
 * `ApiServer.handle`, with the headers and query parameters real kubectl
 * sends, so the server (and its trace) cannot tell the two apart. API errors
 * come back as Status values.
 */
import type { ApiServer } from '../apiserver/server.ts';
import type { ApiRequest, ApiResponse } from '../apiserver/types.ts';
import type { Status } from '../api/types.ts';
import { isObject } from '../api/types.ts';
import { utf8Encode } from '../util/base64.ts';
import type { Resource } from './discovery.ts';

export const TABLE_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
export const DISCOVERY_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

export interface RequestOptions {
  query?: Record<string, string | undefined>;
  body?: unknown;
  contentType?: string;
  accept?: string;
}

export type Reply<T = unknown> =
  { ok: true; value: T; text: string; warnings: string[] } | { ok: false; status: Status };

export class Client {
  constructor(
    readonly server: ApiServer,
    /** `kubectl get`, sent as the Kubectl-Command header. */
    private readonly command: string,
  ) {}

  /** Virtual time of the cluster, which the embedded client uses as its wall clock. */
  now(): number {
    return this.server.cluster.clock.now();
  }

  request<T = unknown>(method: string, path: string, opts: RequestOptions = {}): Reply<T> {
    const query: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) query[k] = [v];
    const req: ApiRequest = {
      method,
      path,
      query,
      headers: {
        accept: opts.accept ?? 'application/json',
        'user-agent': 'kubectl/v1.33.1 (kubelab/embedded) kubernetes/8adc0f0',
        'kubectl-command': this.command,
        ...(opts.body !== undefined ? { 'content-type': opts.contentType ?? 'application/json' } : {}),
      },
      ...(opts.body !== undefined
        ? { body: utf8Encode(typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body)) }
        : {}),
    };
    return decode<T>(collect(this.server.handle(req)));
  }

  get<T = unknown>(path: string, query?: Record<string, string | undefined>, accept?: string): Reply<T> {
    return this.request<T>('GET', path, { ...(query ? { query } : {}), ...(accept ? { accept } : {}) });
  }
}

/** A streamed response (watch, log -f) read up to what exists now. */
function collect(res: ApiResponse): { status: number; headers: Record<string, string>; body: string } {
  if (res.kind === 'plain') return res;
  let body = '';
  const stop = res.start(
    (chunk) => (body += chunk),
    () => undefined,
  );
  stop();
  return { status: res.status, headers: res.headers, body };
}

function decode<T>(res: { status: number; headers: Record<string, string>; body: string }): Reply<T> {
  const ct = res.headers['Content-Type'] ?? '';
  const warnings = parseWarnings(res.headers.Warning);
  if (res.status >= 200 && res.status < 300) {
    if (!ct.startsWith('application/json')) return { ok: true, value: res.body as T, text: res.body, warnings };
    return { ok: true, value: (res.body ? JSON.parse(res.body) : {}) as T, text: res.body, warnings };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.body);
  } catch {
    parsed = undefined;
  }
  if (isObject(parsed) && parsed.kind === 'Status') return { ok: false, status: parsed as unknown as Status };
  return { ok: false, status: unknownStatus(res.status, res.body) };
}

/** What client-go makes of a non-Status error body. */
function unknownStatus(code: number, body: string): Status {
  const reason =
    code === 404 ? 'NotFound' : code === 405 ? 'MethodNotAllowed' : code >= 500 ? 'InternalError' : 'BadRequest';
  const message =
    code === 404
      ? 'the server could not find the requested resource'
      : body.trim() || `an error on the server ("") has prevented the request from succeeding`;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason, message, code };
}

function parseWarnings(header: string | undefined): string[] {
  if (!header) return [];
  const out: string[] = [];
  for (const m of header.matchAll(/299 - ("(?:[^"\\]|\\.)*")/g)) out.push(JSON.parse(m[1] ?? '""') as string);
  return out;
}

/** `/api/v1/namespaces/default/pods/x/log`, `/apis/apps/v1/deployments` … */
export function resourcePath(r: Resource, namespace: string | undefined, name?: string, sub?: string): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const ns = r.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  const item = name !== undefined ? `/${encodeURIComponent(name)}` : '';
  return `${base}${ns}/${r.plural}${item}${sub ? `/${sub}` : ''}`;
}
