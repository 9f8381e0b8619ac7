/**
 * HTTP routing through the lab's ingress-nginx: a pure function of the
 * Ingresses, IngressClasses, Services and EndpointSlices in a read view.
 *
 * Follows what ingress-nginx renders into nginx.conf (internal/ingress/controller/
 * controller.go createServers/createUpstreams, and its nginx.tmpl):
 * - One server per host, across every Ingress of the class (oldest Ingress first:
 *   on a duplicate host+path+pathType the oldest wins). Rules without a host go to
 *   the catch-all server `_`. A request whose Host matches no server lands there.
 * - Hosts: exact names first, then wildcards; `*.foo.com` covers exactly one label
 *   (`bar.foo.com`, not `foo.com` nor `baz.bar.foo.com`), as the regex
 *   `^[\w-]+\.foo\.com$` ingress-nginx writes for it.
 * - Paths (networking/v1 semantics): Exact is a string match; Prefix matches by
 *   path elements, ignoring a trailing slash (`/foo` matches `/foo`, `/foo/` and
 *   `/foo/bar`, never `/foobar`); ImplementationSpecific is treated as Prefix.
 *   The longest path wins; on equal length Exact beats Prefix.
 * - No location matched: the server's root — for a host server, the
 *   `defaultBackend` of the first Ingress that declared the host; for the
 *   catch-all, the `defaultBackend` of the first Ingress that has no rules —
 *   or nginx's own 404 page.
 * - A backend Service that is missing, lacks the port, or has no ready endpoint
 *   gives nginx's 503 page (an upstream with no servers).
 * Simplifications: no ssl-redirect (HTTPS and HTTP route alike), no regex paths,
 * no annotations (rewrite-target, canary…).
 */
import type { KubeObject } from '../api/types.ts';
import { servedByNginx, type ReadView } from '../controllers/ingress/class.ts';
import { R } from '../controllers/resources.ts';

/** nginx's 404 page as ingress-nginx serves it (no default-backend image; server tokens off). */
export const NGINX_404_BODY =
  '<html>\n<head><title>404 Not Found</title></head>\n<body>\n<center><h1>404 Not Found</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n';
/** nginx's 503 page: the upstream of the backend has no endpoint. */
export const NGINX_503_BODY =
  '<html>\n<head><title>503 Service Temporarily Unavailable</title></head>\n<body>\n<center><h1>503 Service Temporarily Unavailable</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n';

export interface IngressRequest {
  /** The Host header (or URL host); a `:port` and a trailing dot are ignored, case too. */
  host: string;
  /** The request path; a query string or fragment is ignored; '' means '/'. */
  path: string;
}

/** The request goes to this Service port (the caller then load-balances over its ready endpoints). */
export interface IngressBackendRoute {
  namespace: string;
  service: string;
  /** The Service's port number (a backend port given by name is resolved). */
  port: number;
  /** The Ingress that routed it, "namespace/name". */
  ingress: string;
  /** The rule that matched: its host ('' for the catch-all), path and pathType; undefined for a defaultBackend. */
  rule?: { host: string; path: string; pathType: string };
}

/** nginx answered itself: 404 (nothing matched) or 503 (backend without endpoints). */
export interface IngressErrorRoute {
  status: 404 | 503;
  body: string;
  /** Why, in one sentence, for explanations in the lab. */
  reason: string;
  ingress?: string;
}

export type IngressRoute = IngressBackendRoute | IngressErrorRoute;

export function isIngressError(r: IngressRoute): r is IngressErrorRoute {
  return 'status' in r;
}

interface Backend {
  service?: { name?: string; port?: { number?: number; name?: string } };
  resource?: unknown;
}

interface Location {
  path: string;
  pathType: string;
  backend: Backend;
  ingress: KubeObject;
  host: string;
}

interface Server {
  locations: Location[];
  root?: { backend: Backend; ingress: KubeObject };
}

interface Rule {
  host?: string;
  http?: { paths?: { path?: string; pathType?: string; backend?: Backend }[] };
}

const CATCH_ALL = '_';

/** Route one HTTP request through the cluster's Ingresses (see the header for the rules). */
export function routeIngress(view: ReadView, req: IngressRequest): IngressRoute {
  const servers = buildServers(view);
  const host = normalizeHost(req.host);
  const serverName = pickServer(servers, host);
  const server = servers.get(serverName) ?? { locations: [] };
  const path = normalizePath(req.path);
  const loc = bestLocation(server.locations, path);
  if (loc) return resolve(view, loc.ingress, loc.backend, { host: loc.host, path: loc.path, pathType: loc.pathType });
  if (server.root) return resolve(view, server.root.ingress, server.root.backend, undefined);
  const where = serverName === CATCH_ALL ? 'no Ingress rule matches' : `no path of host ${serverName} matches`;
  return {
    status: 404,
    body: NGINX_404_BODY,
    reason: `${where} ${host || '(no host)'}${path} and there is no default backend`,
  };
}

/** The servers ingress-nginx would render, keyed by host ('_' is the catch-all). */
function buildServers(view: ReadView): Map<string, Server> {
  const ingresses = view
    .list(R.ingresses)
    .filter((i) => servedByNginx(view, i))
    .sort(byAge);
  const servers = new Map<string, Server>([[CATCH_ALL, { locations: [] }]]);
  for (const ing of ingresses) {
    const spec = (ing.spec ?? {}) as { defaultBackend?: Backend; rules?: Rule[] };
    const rules = spec.rules ?? [];
    const def = spec.defaultBackend;
    const catchAll = servers.get(CATCH_ALL)!;
    if (def && rules.length === 0 && !catchAll.root) catchAll.root = { backend: def, ingress: ing };
    for (const rule of rules) {
      const host = rule.host ? rule.host.toLowerCase() : CATCH_ALL;
      let server = servers.get(host);
      if (!server) {
        server = { locations: [], ...(def ? { root: { backend: def, ingress: ing } } : {}) };
        servers.set(host, server);
      }
      for (const p of rule.http?.paths ?? []) addLocation(server, ing, rule.host ?? '', p);
    }
  }
  return servers;
}

function addLocation(
  server: Server,
  ing: KubeObject,
  host: string,
  p: { path?: string; pathType?: string; backend?: Backend },
): void {
  const path = p.path || '/';
  const pathType = p.pathType === 'Exact' ? 'Exact' : p.pathType === 'Prefix' ? 'Prefix' : 'ImplementationSpecific';
  const kind = pathType === 'Exact' ? 'Exact' : 'Prefix';
  // ingress-nginx keeps the first location for a path and drops later duplicates.
  const dup = server.locations.some(
    (l) => trimSlash(l.path) === trimSlash(path) && (l.pathType === 'Exact') === (kind === 'Exact'),
  );
  if (!dup) server.locations.push({ path, pathType, backend: p.backend ?? {}, ingress: ing, host });
}

/** Oldest first, then namespace/name: the order ingress-nginx sorts Ingresses in. */
function byAge(a: KubeObject, b: KubeObject): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name ?? ''}`;
  const kb = `${b.metadata.namespace ?? ''}/${b.metadata.name ?? ''}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h; // an IPv6 literal names no server
  const colon = h.indexOf(':');
  if (colon >= 0) h = h.slice(0, colon);
  return h.endsWith('.') ? h.slice(0, -1) : h;
}

function normalizePath(path: string): string {
  const cut = path.search(/[?#]/);
  const p = cut >= 0 ? path.slice(0, cut) : path;
  return p.startsWith('/') ? p : `/${p}`;
}

/** Exact server name, else the one-label wildcard, else the catch-all. */
function pickServer(servers: Map<string, Server>, host: string): string {
  if (host && host !== CATCH_ALL && servers.has(host)) return host;
  const dot = host.indexOf('.');
  if (dot > 0 && /^[\w-]+$/.test(host.slice(0, dot))) {
    const wildcard = `*${host.slice(dot)}`;
    if (servers.has(wildcard)) return wildcard;
  }
  return CATCH_ALL;
}

const trimSlash = (p: string): string => (p.length > 1 && p.endsWith('/') ? p.replace(/\/+$/, '') || '/' : p);

/** Does a rule path match the request path? (networking/v1 path semantics; see the header.) */
export function pathMatches(pathType: string, rulePath: string, requestPath: string): boolean {
  if (pathType === 'Exact') return rulePath === requestPath;
  const prefix = trimSlash(rulePath || '/');
  if (prefix === '/') return true;
  return requestPath === prefix || requestPath.startsWith(`${prefix}/`);
}

/** Longest matching path; Exact before Prefix on equal length. */
function bestLocation(locations: Location[], path: string): Location | undefined {
  let best: Location | undefined;
  let bestLen = -1;
  for (const l of locations) {
    const kind = l.pathType === 'Exact' ? 'Exact' : 'Prefix';
    if (!pathMatches(kind, l.path, path)) continue;
    const len = kind === 'Exact' ? l.path.length : trimSlash(l.path).length;
    if (len > bestLen || (len === bestLen && kind === 'Exact' && best?.pathType !== 'Exact')) {
      best = l;
      bestLen = len;
    }
  }
  return best;
}

interface ServicePort {
  name?: string;
  port: number;
}

function resolve(view: ReadView, ing: KubeObject, backend: Backend, rule: IngressBackendRoute['rule']): IngressRoute {
  const namespace = ing.metadata.namespace ?? 'default';
  const ingress = `${namespace}/${ing.metadata.name ?? ''}`;
  const unavailable = (reason: string): IngressErrorRoute => ({ status: 503, body: NGINX_503_BODY, reason, ingress });
  const name = backend.service?.name;
  if (!name) return unavailable(`Ingress ${ingress} has a backend that is not a Service`);
  const svc = view.get(R.services, namespace, name);
  if (!svc) return unavailable(`service "${name}" not found`);
  const spec = (svc.spec ?? {}) as { ports?: ServicePort[]; type?: string };
  const want = backend.service?.port ?? {};
  const sp = (spec.ports ?? []).find((p) => (want.name ? p.name === want.name : p.port === want.number));
  if (!sp) return unavailable(`service "${name}" has no port ${want.name ?? String(want.number ?? '')}`);
  const route: IngressBackendRoute = { namespace, service: name, port: sp.port, ingress, ...(rule ? { rule } : {}) };
  if (spec.type === 'ExternalName') return route;
  if (!hasReadyEndpoint(view, namespace, name, sp.name ?? ''))
    return unavailable(`service "${name}" has no ready endpoints`);
  return route;
}

function hasReadyEndpoint(view: ReadView, namespace: string, service: string, portName: string): boolean {
  for (const slice of view.list(R.endpointSlices, namespace)) {
    if (slice.metadata.labels?.['kubernetes.io/service-name'] !== service) continue;
    const ports = (slice.ports ?? []) as { name?: string }[];
    if (ports.length > 0 && !ports.some((p) => (p.name ?? '') === portName)) continue;
    const endpoints = (slice.endpoints ?? []) as { conditions?: { ready?: boolean } }[];
    if (endpoints.some((e) => e.conditions?.ready !== false)) return true;
  }
  return false;
}
