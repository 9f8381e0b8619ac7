/**
 * The Kubernetes REST API over a Cluster, as a request → response function:
 * version, discovery, OpenAPI v3, resources with all verbs, subresources,
 * metrics.k8s.io, and the lab control API. Authentication and sockets are
 * the host's job (electron/host).
 */
import type { ResourceType } from '../api/registry.ts';
import { resourceByGVR } from '../api/registry.ts';
import * as status from '../api/status.ts';
import { openApiDocument, openApiRoot } from '../api/schema/index.ts';
import type { Cluster } from '../cluster/cluster.ts';
import { SERVER_VERSION, apiRoot, apisRoot, groupDoc, resourceList } from './discovery.ts';
import { create, getItem, patch, remove, removeCollection, replace } from './crud.ts';
import type { Who } from './crud.ts';
import { lab } from './lab.ts';
import type { LabHooks } from './lab.ts';
import { list, watch } from './list.ts';
import { metrics } from './metrics.ts';
import { accessReview, binding, ephemeralContainers, eviction, log, scale, token } from './subresources.ts';
import type { ApiRequest, ApiResponse } from './types.ts';
import { json, q, text } from './types.ts';

export interface Route {
  rt: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
}

const notFound = () => json(404, status.notFoundPath());

export class ApiServer {
  constructor(
    readonly cluster: Cluster,
    private readonly hooks: LabHooks,
    private readonly serverAddress = '127.0.0.1:6443',
  ) {}

  handle(req: ApiRequest): ApiResponse {
    const path = req.path.replace(/\/+$/, '') || '/';
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    const who = { component: componentOf(req) };
    switch (parts[0]) {
      case 'version':
        return json(200, SERVER_VERSION);
      case 'healthz':
      case 'livez':
      case 'readyz':
        return text(200, 'ok');
      case 'api':
        if (parts.length === 1) return apiRoot(req, this.serverAddress);
        return this.group(req, '', parts[1] ?? '', parts.slice(2), who);
      case 'apis':
        if (parts.length === 1) return apisRoot(req);
        if (parts.length === 2) return groupDoc(parts[1] ?? '') ?? notFound();
        return this.group(req, parts[1] ?? '', parts[2] ?? '', parts.slice(3), who);
      case 'openapi':
        return this.openapi(req, parts.slice(1));
      case 'lab':
        if (parts[1] !== 'v1') return notFound();
        return lab(this.cluster, this.hooks, req, parts.slice(2).join('/'));
      default:
        return notFound();
    }
  }

  private openapi(req: ApiRequest, parts: string[]): ApiResponse {
    if (parts[0] !== 'v3') return notFound();
    if (parts.length === 1) return json(200, openApiRoot());
    const doc = openApiDocument(parts.slice(1).join('/'));
    if (!doc) return notFound();
    const hash = q(req, 'hash');
    if (hash && hash !== doc.hash) {
      return { kind: 'plain', status: 301, headers: { Location: `${req.path}?hash=${doc.hash}` }, body: '' };
    }
    const cache: Record<string, string> = hash
      ? { 'Cache-Control': 'public, immutable', Expires: 'Fri, 31 Dec 2099 23:59:59 GMT', Vary: 'Accept' }
      : { 'Cache-Control': 'no-cache, private' };
    return {
      kind: 'plain',
      status: 200,
      headers: { 'Content-Type': 'application/json', Etag: `"${doc.hash}"`, ...cache },
      body: doc.json,
    };
  }

  private group(req: ApiRequest, group: string, version: string, rest: string[], who: Who): ApiResponse {
    if (rest.length === 0) {
      if (req.method !== 'GET')
        return json(405, status.methodNotAllowed('the server does not allow this method on the requested resource'));
      return resourceList(group, version) ?? notFound();
    }
    if (group === 'metrics.k8s.io' && version === 'v1beta1') return this.metrics(req, rest);
    const route = this.route(group, version, rest);
    if (!route) return notFound();
    return this.resource(req, route, who);
  }

  /** `[namespaces/{ns}/]{resource}[/{name}[/{subresource}]]` */
  private route(group: string, version: string, rest: string[]): Route | undefined {
    let namespace: string | undefined;
    let parts = rest;
    if (parts[0] === 'namespaces' && parts.length >= 3) {
      const inner = resourceByGVR(group, version, parts[2] ?? '');
      if (inner?.namespaced) {
        namespace = parts[1];
        parts = parts.slice(2);
      }
    }
    const rt = resourceByGVR(group, version, parts[0] ?? '');
    if (!rt || parts.length > 3) return undefined;
    if (namespace !== undefined && !rt.namespaced) return undefined;
    return {
      rt,
      ...(namespace !== undefined ? { namespace } : {}),
      ...(parts[1] ? { name: parts[1] } : {}),
      ...(parts[2] ? { subresource: parts[2] } : {}),
    };
  }

  private resource(req: ApiRequest, r: Route, who: Who): ApiResponse {
    const api = this.cluster.api;
    const { rt, namespace: ns, name, subresource: sub } = r;
    if (!name) {
      if (rt.verbs.length === 1 && rt.verbs[0] === 'create' && req.method === 'POST')
        return accessReview(req, rt.kind, rt.apiVersion);
      switch (req.method) {
        case 'GET':
          return q(req, 'watch') === 'true' || q(req, 'watch') === '1'
            ? watch(api, req, rt, ns)
            : list(api, req, rt, ns);
        case 'POST':
          if (rt.namespaced && !ns) return json(404, status.notFoundPath());
          return create(api, req, rt, ns, who);
        case 'DELETE':
          return removeCollection(api, req, rt, ns, who);
        default:
          return json(405, status.methodNotAllowed('the server does not allow this method on the requested resource'));
      }
    }
    if (rt.namespaced && !ns) return notFound();
    if (sub) return this.subresource(req, r, who);
    switch (req.method) {
      case 'GET':
        return getItem(api, req, rt, ns, name);
      case 'PUT':
        return replace(api, req, rt, ns, name, who);
      case 'PATCH':
        return patch(api, req, rt, ns, name, who);
      case 'DELETE':
        return remove(api, req, rt, ns, name, who);
      default:
        return json(405, status.methodNotAllowed('the server does not allow this method on the requested resource'));
    }
  }

  private subresource(req: ApiRequest, r: Route, who: Who): ApiResponse {
    const { rt, namespace: ns = '', name = '', subresource: sub = '' } = r;
    if (!rt.subresources.some((s) => s.name === sub)) return notFound();
    const api = this.cluster.api;
    switch (`${rt.plural}/${sub}`) {
      case 'pods/log':
        return log(this.cluster, req, ns, name);
      case 'pods/binding':
        return binding(this.cluster, req, ns, name, who);
      case 'pods/eviction':
        return eviction(this.cluster, ns, name, who, req);
      case 'pods/ephemeralcontainers':
        return ephemeralContainers(this.cluster, req, ns, name, who);
      case 'serviceaccounts/token':
        return token(this.cluster, req, ns, name);
      case 'pods/exec':
      case 'pods/attach':
      case 'pods/portforward':
        return json(400, status.badRequest(`Upgrade request required`));
    }
    if (sub === 'scale') return scale(this.cluster, req, rt, ns || undefined, name, who);
    if (sub === 'status' || sub === 'finalize') {
      if (req.method === 'GET') return getItem(api, req, rt, ns || undefined, name);
      const subresource = sub === 'status' ? 'status' : undefined;
      if (req.method === 'PUT') return replace(api, req, rt, ns || undefined, name, who, subresource);
      if (req.method === 'PATCH') return patch(api, req, rt, ns || undefined, name, who, subresource);
    }
    return json(405, status.methodNotAllowed('the server does not allow this method on the requested resource'));
  }

  private metrics(req: ApiRequest, rest: string[]): ApiResponse {
    const sel = q(req, 'labelSelector');
    if (rest[0] === 'namespaces' && rest[2] === 'pods') return metrics(this.cluster, 'pods', rest[1], rest[3], sel);
    if (rest[0] === 'pods') return metrics(this.cluster, 'pods', undefined, rest[1], sel);
    if (rest[0] === 'nodes') return metrics(this.cluster, 'nodes', undefined, rest[1], sel);
    return notFound();
  }
}

/** Who is calling, for the trace: kubectl says which command in a header. */
function componentOf(req: ApiRequest): string {
  const cmd = req.headers['kubectl-command'];
  if (cmd) return cmd;
  const ua = req.headers['user-agent'] ?? '';
  return ua.split('/')[0] || 'api-client';
}
