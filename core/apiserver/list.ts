/**
 * List and watch responses: selectors, pagination with continue tokens,
 * Table conversion for kubectl's human output, and watch streams (JSON or
 * Table-wrapped, first Table event carrying the column definitions).
 */
import type { Api, Matcher, WatchEvent } from '../api/api.ts';
import type { ResourceType } from '../api/registry.ts';
import * as status from '../api/status.ts';
import type { KubeObject, Result } from '../api/types.ts';
import { fail, ok } from '../api/types.ts';
import { tableFor } from '../printers/table.ts';
import { encodeBase64Text, decodeBase64Text } from '../util/base64.ts';
import { selectorMatcher } from './selectors.ts';
import type { ApiRequest, ApiResponse } from './types.ts';
import { json, q } from './types.ts';

export function wantsTable(req: ApiRequest): boolean {
  const accept = req.headers.accept ?? '';
  return accept.includes('as=Table');
}

export function listKind(rt: ResourceType): string {
  return `${rt.kind}List`;
}

/** Strip apiVersion/kind from list items, as typed lists are encoded. */
function bare(o: KubeObject): Record<string, unknown> {
  const { apiVersion: _a, kind: _k, ...rest } = o;
  return rest;
}

interface ContinueToken {
  rv: string;
  /** The last item of the previous page: [namespace, name], in the store's order. */
  after: [string, string];
}

export function matcherFor(req: ApiRequest, rt: ResourceType): Result<Matcher | undefined> {
  return selectorMatcher(rt, q(req, 'labelSelector'), q(req, 'fieldSelector'));
}

export function list(api: Api, req: ApiRequest, rt: ResourceType, namespace: string | undefined): ApiResponse {
  const match = matcherFor(req, rt);
  if (!match.ok) return json(match.status.code, match.status);
  const { items, resourceVersion } = api.list(rt, namespace, match.value);
  const page = paginate(items, q(req, 'limit'), q(req, 'continue'), resourceVersion);
  if (!page.ok) return json(page.status.code, page.status);
  const metadata = {
    resourceVersion: page.value.rv,
    ...(page.value.next ? { continue: page.value.next, remainingItemCount: page.value.remaining } : {}),
  };
  if (wantsTable(req)) {
    const include = (q(req, 'includeObject') as 'None' | 'Metadata' | 'Object' | undefined) ?? 'Metadata';
    const table = tableFor(rt, page.value.items, api.clock.now(), { includeObject: include });
    return json(200, { ...table, metadata }, { 'Content-Type': 'application/json;as=Table;v=v1;g=meta.k8s.io' });
  }
  return json(200, { kind: listKind(rt), apiVersion: rt.apiVersion, metadata, items: page.value.items.map(bare) });
}

function paginate(
  items: KubeObject[],
  limitText: string | undefined,
  token: string | undefined,
  rv: string,
): Result<{ items: KubeObject[]; rv: string; next?: string; remaining?: number }> {
  let start = 0;
  let listRV = rv;
  if (token) {
    let parsed: ContinueToken;
    try {
      parsed = JSON.parse(decodeBase64Text(token)) as ContinueToken;
    } catch {
      return fail(status.badRequest('continue key is not valid: illegal base64 data at input byte 0'));
    }
    if (!Array.isArray(parsed.after))
      return fail(status.badRequest('continue key is not valid: the continue key is not from this server'));
    listRV = parsed.rv;
    start = firstAfter(items, parsed.after);
  }
  const limit = Number(limitText ?? 0);
  if (!limit || start + limit >= items.length) return ok({ items: items.slice(start), rv: listRV });
  const pageItems = items.slice(start, start + limit);
  const last = pageItems[pageItems.length - 1]!;
  const next = encodeBase64Text(
    JSON.stringify({ rv: listRV, after: [last.metadata.namespace ?? '', last.metadata.name ?? ''] }),
  );
  return ok({ items: pageItems, rv: listRV, next, remaining: items.length - start - limit });
}

/** Index of the first item after (namespace, name) in the store's (namespace, name) order: binary search. */
function firstAfter(items: KubeObject[], [ns, name]: [string, string]): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const m = items[mid]!.metadata;
    const mns = m.namespace ?? '';
    const before = mns < ns || (mns === ns && (m.name ?? '') <= name);
    if (before) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function watch(api: Api, req: ApiRequest, rt: ResourceType, namespace: string | undefined): ApiResponse {
  const match = matcherFor(req, rt);
  if (!match.ok) return json(match.status.code, match.status);
  const rvText = q(req, 'resourceVersion');
  const rv = rvText ? Number(rvText) : 0;
  const table = wantsTable(req);
  const bookmarks = q(req, 'allowWatchBookmarks') === 'true';
  return {
    kind: 'stream',
    status: 200,
    headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
    start(write, end) {
      let first = true;
      const encode = (e: WatchEvent) => {
        if (!table) return { type: e.type, object: e.object };
        const t = tableFor(rt, [e.object], api.clock.now(), { includeObject: 'Metadata', noHeaders: !first });
        first = false;
        return { type: e.type, object: { ...t, metadata: { resourceVersion: e.object.metadata.resourceVersion } } };
      };
      const send = (e: WatchEvent) => write(JSON.stringify(encode(e)) + '\n');
      const started = api.watch(
        rt,
        { ...(namespace ? { namespace } : {}), resourceVersion: rv, ...(match.value ? { match: match.value } : {}) },
        send,
      );
      if (!started.ok) {
        write(JSON.stringify({ type: 'ERROR', object: started.status }) + '\n');
        end();
        return () => {};
      }
      if (bookmarks) {
        write(
          JSON.stringify({
            type: 'BOOKMARK',
            object: {
              kind: rt.kind,
              apiVersion: rt.apiVersion,
              metadata: { resourceVersion: String(api.store.resourceVersion) },
            },
          }) + '\n',
        );
      }
      return started.value;
    },
  };
}
