/**
 * The OpenAPI v3 documents the API server serves (kube-openapi handler3): the `/openapi/v3` root
 * listing every served group-version with a `?hash=` URL, and one document per group-version with
 * the collection and item paths of its resources and every schema its kinds reach.
 *
 * What kubectl needs from them (shared/docs/kubectl-wire.md §4): `create/apply/edit` look for the
 * PATCH operation of the object's GVK with a `fieldValidation` query parameter (then they let the
 * server validate), `apply` looks for `application/strategic-merge-patch+json` in its request body,
 * and `explain` reads `components.schemas`.
 *
 * Documents are built on first use and cached; they are pure functions of the registry and the
 * generated schema. The hash is a pure 128-bit hash of the served bytes (upstream uses SHA-512,
 * which core cannot reach without node:crypto); clients treat it as opaque.
 */
import type { ResourceType, Subresource } from '../registry.ts';
import { groupVersions } from '../registry.ts';
import { definitionName } from './definitions.ts';
import {
  listParameters,
  pathParameters,
  patchParameters,
  deleteParameters,
  writeParameters,
} from './openapi-parameters.ts';
import type { GroupVersionKind } from './types.ts';
import { REF_PREFIX } from './types.ts';
import { closure, hash128 } from './served-schemas.ts';

/** `/openapi/v3`: every served group-version and where its document lives. */
export interface OpenApiRoot {
  paths: Record<string, { serverRelativeURL: string }>;
}

/** One served group-version document: the JSON bytes to send and their hash (for `?hash=` and ETag). */
export interface OpenApiDocument {
  document: Record<string, unknown>;
  json: string;
  hash: string;
}

/** The Kubernetes version the documents announce in `info.version`. */
const KUBERNETES_VERSION = 'v1.33.0';
const PATCH = 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch';
const STATUS = 'io.k8s.apimachinery.pkg.apis.meta.v1.Status';
const DELETE_OPTIONS = 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions';
const PATCH_TYPES = [
  'application/apply-patch+yaml',
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
];
/** Subresources that speak an object kind, and so get schema'd get/put/patch operations. */
const OBJECT_SUBRESOURCES = new Set(['status', 'scale', 'finalize', 'approval', 'ephemeralcontainers', 'resize']);

type Operation = Record<string, unknown>;
type PathItem = Record<string, unknown>;
type Schema = Record<string, unknown>;

const documents = new Map<string, OpenApiDocument>();
let root: OpenApiRoot | undefined;

/** The URL path segment of a group-version: `api/v1` or `apis/apps/v1`. */
function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

/** The served group-versions, keyed by their path. */
function servedGroupVersions(): Map<string, { group: string; version: string; resources: ResourceType[] }> {
  const out = new Map<string, { group: string; version: string; resources: ResourceType[] }>();
  for (const g of groupVersions()) {
    for (const v of g.versions)
      out.set(gvPath(g.group, v.version), { group: g.group, version: v.version, resources: v.resources });
  }
  return out;
}

/** The `/openapi/v3` root document. */
export function openApiRoot(): OpenApiRoot {
  if (root) return root;
  const paths: OpenApiRoot['paths'] = {};
  for (const path of [...servedGroupVersions().keys()].sort()) {
    const doc = openApiDocument(path);
    if (doc) paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${doc.hash}` };
  }
  root = { paths };
  return root;
}

/** The document of one group-version, by its path (`api/v1`, `apis/apps/v1`); undefined if not served. */
export function openApiDocument(path: string): OpenApiDocument | undefined {
  const cached = documents.get(path);
  if (cached) return cached;
  const gv = servedGroupVersions().get(path);
  if (!gv) return undefined;
  const document = buildDocument(gv.group, gv.version, gv.resources);
  const json = JSON.stringify(document);
  const doc = { document, json, hash: hash128(json) };
  documents.set(path, doc);
  return doc;
}

function buildDocument(group: string, version: string, resources: ResourceType[]): Record<string, unknown> {
  const paths: Record<string, PathItem> = {};
  const reached = new Set<string>([PATCH, STATUS, DELETE_OPTIONS]);
  for (const r of resources) addResourcePaths(paths, r, reached);
  const sortedPaths = Object.fromEntries(
    Object.keys(paths)
      .sort()
      .map((p) => [p, paths[p]]),
  );
  return {
    components: { schemas: closure(reached) },
    info: { title: 'Kubernetes', version: KUBERNETES_VERSION },
    openapi: '3.0.0',
    paths: sortedPaths,
  };
}

/** Words of a group for operation ids and tags: "rbac.authorization.k8s.io" → ["rbac", "authorization"]. */
function groupWords(group: string): string[] {
  return group ? group.replace(/\.k8s\.io$/, '').split('.') : ['core'];
}
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The schema reference for a kind, or an open object when the schema lacks it (KNOWN_MISSING_KINDS). */
function kindSchema(apiVersion: string, kind: string, reached: Set<string>): Schema {
  const name = definitionName(apiVersion, kind);
  if (name === undefined) return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  reached.add(name);
  return { $ref: REF_PREFIX + name };
}

interface OpContext {
  gvk: GroupVersionKind;
  idStem: string;
  tag: string;
  kind: string;
  /** The subresource, for "read status of the specified Deployment". */
  sub?: string;
}

/** Upstream's operation descriptions (apiserver endpoints/installer.go). */
function describe(ctx: OpContext, action: string): string {
  if (ctx.sub) {
    const verb = { get: 'read', put: 'replace', patch: 'partially update' }[action] ?? action;
    return `${verb} ${ctx.sub} of the specified ${ctx.kind}`;
  }
  switch (action) {
    case 'get':
      return `read the specified ${ctx.kind}`;
    case 'list':
      return `list or watch objects of kind ${ctx.kind}`;
    case 'post':
      return `create a ${ctx.kind}`;
    case 'put':
      return `replace the specified ${ctx.kind}`;
    case 'patch':
      return `partially update the specified ${ctx.kind}`;
    case 'delete':
      return `delete a ${ctx.kind}`;
    default:
      return `delete collection of ${ctx.kind}`;
  }
}

function content(
  schema: Schema,
  types = ['application/json', 'application/vnd.kubernetes.protobuf', 'application/yaml'],
): Schema {
  return Object.fromEntries(types.map((t) => [t, { schema }]));
}

function operation(ctx: OpContext, action: string, id: string, extra: Operation, response: Schema): Operation {
  const responses: Record<string, unknown> = { '200': { content: content(response), description: 'OK' } };
  if (action === 'post' || action === 'put' || action === 'patch')
    responses['201'] = { content: content(response), description: 'Created' };
  if (action === 'post' || action === 'delete')
    responses['202'] = { content: content(response), description: 'Accepted' };
  responses['401'] = { description: 'Unauthorized' };
  return {
    description: describe(ctx, action),
    operationId: id,
    ...extra,
    responses,
    tags: [ctx.tag],
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': ctx.gvk,
  };
}

function addResourcePaths(paths: Record<string, PathItem>, r: ResourceType, reached: Set<string>): void {
  const words = groupWords(r.group);
  const gvId = words.map(cap).join('') + cap(r.version);
  const ctx: OpContext = {
    gvk: { group: r.group, kind: r.kind, version: r.version },
    idStem: `${gvId}${r.namespaced ? 'Namespaced' : ''}${r.kind}`,
    tag: `${words[0]}${words.slice(1).map(cap).join('')}_${r.version}`,
    kind: r.kind,
  };
  const object = kindSchema(r.apiVersion, r.kind, reached);
  const list = kindSchema(r.apiVersion, `${r.kind}List`, reached);
  const has = (verb: string) => r.verbs.includes(verb);
  const prefix = `/${gvPath(r.group, r.version)}`;
  const collection = r.namespaced ? `${prefix}/namespaces/{namespace}/${r.plural}` : `${prefix}/${r.plural}`;
  const item = `${collection}/{name}`;
  const body = (schema: Schema) => ({ requestBody: { content: { '*/*': { schema } }, required: true } });
  const patchBody = { requestBody: { content: content({ $ref: REF_PREFIX + PATCH }, PATCH_TYPES), required: true } };
  const deleteBody = { requestBody: { content: content({ $ref: REF_PREFIX + DELETE_OPTIONS }, ['*/*']) } };
  const statusRef = { $ref: REF_PREFIX + STATUS };

  const coll: PathItem = { parameters: pathParameters(r.namespaced, false) };
  if (has('list')) coll.get = operation(ctx, 'list', `list${ctx.idStem}`, { parameters: listParameters() }, list);
  if (has('create'))
    coll.post = operation(
      ctx,
      'post',
      `create${ctx.idStem}`,
      { parameters: writeParameters(), ...body(object) },
      object,
    );
  if (has('deletecollection')) {
    const params = [...deleteParameters(), ...listParameters()];
    coll.delete = operation(
      ctx,
      'deletecollection',
      `deleteCollection${ctx.idStem}`,
      { parameters: params, ...deleteBody },
      statusRef,
    );
  }
  if (Object.keys(coll).length > 1) paths[collection] = coll;

  const one: PathItem = { parameters: pathParameters(r.namespaced, true) };
  if (has('get')) one.get = operation(ctx, 'get', `read${ctx.idStem}`, {}, object);
  if (has('update'))
    one.put = operation(ctx, 'put', `replace${ctx.idStem}`, { parameters: writeParameters(), ...body(object) }, object);
  if (has('patch'))
    one.patch = operation(ctx, 'patch', `patch${ctx.idStem}`, { parameters: patchParameters(), ...patchBody }, object);
  if (has('delete'))
    one.delete = operation(
      ctx,
      'delete',
      `delete${ctx.idStem}`,
      { parameters: deleteParameters(), ...deleteBody },
      object,
    );
  if (Object.keys(one).length > 1) paths[item] = one;

  if (r.namespaced && has('list')) {
    paths[`${prefix}/${r.plural}`] = {
      get: operation(ctx, 'list', `list${gvId}${r.kind}ForAllNamespaces`, {}, list),
      parameters: [...listParameters(), ...pathParameters(false, false)],
    };
  }
  for (const sub of r.subresources) {
    if (OBJECT_SUBRESOURCES.has(sub.name)) addSubresourcePaths(paths, item, ctx, sub, reached, patchBody, body);
  }
}

function addSubresourcePaths(
  paths: Record<string, PathItem>,
  item: string,
  parent: OpContext,
  sub: Subresource,
  reached: Set<string>,
  patchBody: Operation,
  body: (schema: Schema) => Operation,
): void {
  const apiVersion = sub.group ? `${sub.group}/${sub.version}` : sub.version;
  const schema = kindSchema(apiVersion, sub.kind, reached);
  const ctx: OpContext = {
    ...parent,
    gvk: { group: sub.group, kind: sub.kind, version: sub.version },
    sub: sub.name,
  };
  const stem = parent.idStem + cap(sub.name);
  const namespaced = item.includes('{namespace}');
  const path: PathItem = { parameters: pathParameters(namespaced, true) };
  if (sub.verbs.includes('get')) path.get = operation(ctx, 'get', `read${stem}`, {}, schema);
  if (sub.verbs.includes('update'))
    path.put = operation(ctx, 'put', `replace${stem}`, { parameters: writeParameters(), ...body(schema) }, schema);
  if (sub.verbs.includes('patch'))
    path.patch = operation(ctx, 'patch', `patch${stem}`, { parameters: patchParameters(), ...patchBody }, schema);
  paths[`${item}/${sub.name}`] = path;
}
