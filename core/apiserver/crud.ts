/**
 * Item and collection verbs over HTTP: create, get, update, patch (merge,
 * JSON, strategic, apply), delete and deletecollection, with dryRun,
 * fieldManager and fieldValidation as the real server takes them.
 */
import type { Api, FieldValidation, WriteOptions } from '../api/api.ts';
import type { ResourceType } from '../api/registry.ts';
import * as status from '../api/status.ts';
import type { KubeObject, Result } from '../api/types.ts';
import { fail, isObject, ok } from '../api/types.ts';
import { jsonPatch, mergePatch, serverSideApply, strategicMergePatch } from '../api/patch/index.ts';
import { tableFor } from '../printers/table.ts';
import { deepClone } from '../util/json.ts';
import { asObjectFor, contentType, readBody } from './body.ts';
import { matcherFor, wantsTable } from './list.ts';
import type { ApiRequest, ApiResponse } from './types.ts';
import { json, q } from './types.ts';

export interface Who {
  component: string;
}

function writeOptions(req: ApiRequest, who: Who, verb: string): WriteOptions {
  const manager = q(req, 'fieldManager');
  const fv = q(req, 'fieldValidation') as FieldValidation | undefined;
  return {
    actor: { component: who.component, reason: `${who.component}${manager ? ` (${manager})` : ''} ${verb}` },
    dryRun: q(req, 'dryRun') === 'All',
    fieldValidation: fv === 'Strict' || fv === 'Warn' || fv === 'Ignore' ? fv : 'Warn',
    ...(manager ? { fieldManager: manager } : {}),
  };
}

function warningHeaders(warnings: string[]): Record<string, string> {
  return warnings.length ? { Warning: warnings.map((w) => `299 - ${JSON.stringify(w)}`).join(', ') } : {};
}

function respond<T>(
  r: Result<T>,
  code: number,
  render: (v: T) => unknown,
  headers: Record<string, string> = {},
): ApiResponse {
  return r.ok ? json(code, render(r.value), headers) : json(r.status.code, r.status);
}

export function getItem(
  api: Api,
  req: ApiRequest,
  rt: ResourceType,
  ns: string | undefined,
  name: string,
): ApiResponse {
  const r = api.get(rt, ns, name);
  if (!r.ok) return json(r.status.code, r.status);
  if (wantsTable(req)) {
    const table = tableFor(rt, [r.value], api.clock.now(), {
      includeObject: (q(req, 'includeObject') as 'Metadata' | undefined) ?? 'Metadata',
    });
    return json(
      200,
      { ...table, metadata: { resourceVersion: r.value.metadata.resourceVersion } },
      { 'Content-Type': 'application/json;as=Table;v=v1;g=meta.k8s.io' },
    );
  }
  return json(200, r.value);
}

export function create(api: Api, req: ApiRequest, rt: ResourceType, ns: string | undefined, who: Who): ApiResponse {
  const body = readBody(req, rt);
  if (!body.ok) return json(body.status.code, body.status);
  const obj = asObjectFor(body.value, rt, ns);
  if (!obj.ok) return json(obj.status.code, obj.status);
  const opts = writeOptions(
    req,
    who,
    `created ${rt.kind.toLowerCase()} ${obj.value.metadata.name ?? obj.value.metadata.generateName ?? ''}`,
  );
  const r = api.create(rt, obj.value, opts);
  return r.ok ? json(201, r.value.object, warningHeaders(r.value.warnings)) : json(r.status.code, r.status);
}

export function replace(
  api: Api,
  req: ApiRequest,
  rt: ResourceType,
  ns: string | undefined,
  name: string,
  who: Who,
  sub?: 'status',
): ApiResponse {
  const body = readBody(req, rt);
  if (!body.ok) return json(body.status.code, body.status);
  const obj = asObjectFor(body.value, rt, ns);
  if (!obj.ok) return json(obj.status.code, obj.status);
  if (obj.value.metadata.name && obj.value.metadata.name !== name) {
    return json(
      400,
      status.badRequest(
        `the name of the object (${obj.value.metadata.name}) does not match the name on the URL (${name})`,
      ),
    );
  }
  obj.value.metadata.name = name;
  return update(api, req, rt, obj.value, who, `replaced ${rt.kind.toLowerCase()} ${name}`, sub);
}

/** Write `obj` over the live object (or only its status) and answer 200 with the stored result. */
function update(
  api: Api,
  req: ApiRequest,
  rt: ResourceType,
  obj: KubeObject,
  who: Who,
  verb: string,
  sub?: 'status',
): ApiResponse {
  const opts = { ...writeOptions(req, who, verb), ...(sub ? { subresource: sub } : {}) };
  const r = api.update(rt, obj, opts);
  return respond(r, 200, (v) => v.object, r.ok ? warningHeaders(r.value.warnings) : {});
}

/** Apply a patch document to the live object, per its content type. */
export function patched(api: Api, req: ApiRequest, rt: ResourceType, live: KubeObject): Result<KubeObject> {
  const ct = contentType(req);
  const body = readBody(req, rt);
  if (!body.ok) return body;
  const current = deepClone(live);
  let out: unknown;
  switch (ct) {
    case 'application/merge-patch+json':
      if (!isObject(body.value))
        return fail(status.badRequest('json: cannot unmarshal array into Go value of type map[string]interface {}'));
      out = mergePatch(current, body.value);
      break;
    case 'application/json-patch+json': {
      const r = jsonPatch(current, body.value);
      if (!r.ok) return r;
      out = r.value;
      break;
    }
    case 'application/strategic-merge-patch+json': {
      const r = strategicMergePatch(current, body.value, { apiVersion: rt.apiVersion, kind: rt.kind });
      if (!r.ok) return r;
      out = r.value;
      break;
    }
    default:
      return fail(status.unsupportedMediaType(ct));
  }
  if (!isObject(out)) return fail(status.badRequest('patch produced a non-object'));
  const obj = out as KubeObject;
  obj.metadata = {
    ...(obj.metadata ?? {}),
    name: live.metadata.name,
    ...(live.metadata.namespace ? { namespace: live.metadata.namespace } : {}),
  };
  return ok(obj);
}

export function patch(
  api: Api,
  req: ApiRequest,
  rt: ResourceType,
  ns: string | undefined,
  name: string,
  who: Who,
  sub?: 'status',
): ApiResponse {
  const ct = contentType(req);
  if (ct === 'application/apply-patch+yaml') return apply(api, req, rt, ns, name, who);
  const live = api.get(rt, ns, name);
  if (!live.ok) return json(live.status.code, live.status);
  const next = patched(api, req, rt, live.value);
  if (!next.ok) return json(next.status.code, next.status);
  // A patch carries the live resourceVersion unless the patch itself sets one (then it must match).
  const patchRV = next.value.metadata.resourceVersion;
  if (!patchRV || patchRV === live.value.metadata.resourceVersion)
    next.value.metadata.resourceVersion = live.value.metadata.resourceVersion;
  // A patch that changes nothing is not stored (Api.update, as etcd3's GuaranteedUpdate): same resourceVersion,
  // so kubectl, comparing the result with what it read, prints "patched (no change)" / "not labeled".
  return update(api, req, rt, next.value, who, `patched ${rt.kind.toLowerCase()} ${name}`, sub);
}

/** Server-side apply: create when missing (201), else merge the applied intent with field ownership. */
function apply(
  api: Api,
  req: ApiRequest,
  rt: ResourceType,
  ns: string | undefined,
  name: string,
  who: Who,
): ApiResponse {
  const manager = q(req, 'fieldManager');
  if (!manager)
    return json(
      400,
      status.badRequest(
        'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
      ),
    );
  const body = readBody(req, rt);
  if (!body.ok) return json(body.status.code, body.status);
  const applied = asObjectFor(body.value, rt, ns);
  if (!applied.ok) return json(applied.status.code, applied.status);
  applied.value.metadata.name = name;
  const live = api.peek(rt, ns, name);
  const opts = writeOptions(req, who, `applied ${rt.kind.toLowerCase()} ${name} (server-side)`);
  const owned = api.ownership(rt, ns, name);
  const merged = serverSideApply(live, applied.value, manager, q(req, 'force') === 'true', owned, api.clock.nowIso());
  if (!merged.ok) return json(merged.status.code, merged.status);
  const obj = merged.value.object;
  if (!live) {
    const r = api.create(rt, obj, opts);
    if (r.ok && !opts.dryRun) api.setOwnership(rt, ns, name, merged.value.managedFields);
    return respond(r, 201, (v) => v.object);
  }
  obj.metadata.resourceVersion = live.metadata.resourceVersion;
  const r = api.update(rt, obj, opts);
  if (r.ok && !opts.dryRun) api.setOwnership(rt, ns, name, merged.value.managedFields);
  return respond(r, 200, (v) => v.object);
}

export function remove(
  api: Api,
  req: ApiRequest,
  rt: ResourceType,
  ns: string | undefined,
  name: string,
  who: Who,
): ApiResponse {
  const opts = deleteOptions(req);
  if (!opts.ok) return json(opts.status.code, opts.status);
  const r = api.delete(rt, ns, name, {
    actor: { component: who.component, reason: `${who.component} deleted ${rt.kind.toLowerCase()} ${name}` },
    ...opts.value,
  });
  if (!r.ok) return json(r.status.code, r.status);
  return json(200, r.value);
}

export function removeCollection(
  api: Api,
  req: ApiRequest,
  rt: ResourceType,
  ns: string | undefined,
  who: Who,
): ApiResponse {
  const opts = deleteOptions(req);
  if (!opts.ok) return json(opts.status.code, opts.status);
  const match = matcherFor(req, rt);
  if (!match.ok) return json(match.status.code, match.status);
  const { items, resourceVersion } = api.list(rt, ns, match.value);
  const deleted = [];
  for (const o of items) {
    const r = api.delete(rt, o.metadata.namespace, o.metadata.name ?? '', {
      actor: { component: who.component, reason: `${who.component} deleted collection of ${rt.plural}` },
      ...opts.value,
    });
    if (r.ok) deleted.push(r.value);
  }
  return json(200, {
    kind: `${rt.kind}List`,
    apiVersion: rt.apiVersion,
    metadata: { resourceVersion },
    items: deleted,
  });
}

type DeleteOpts = {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  dryRun?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
};

function deleteOptions(req: ApiRequest): Result<DeleteOpts> {
  let body: Record<string, unknown> = {};
  if (req.body && req.body.length) {
    const parsed = readBody(req);
    if (!parsed.ok) return parsed;
    if (isObject(parsed.value)) body = parsed.value;
  }
  const grace = q(req, 'gracePeriodSeconds') ?? (body.gracePeriodSeconds as number | undefined);
  const policy = (q(req, 'propagationPolicy') ?? body.propagationPolicy) as DeleteOpts['propagationPolicy'] | undefined;
  if (body.orphanDependents === true && !policy) return ok({ propagationPolicy: 'Orphan' });
  if (policy && !['Foreground', 'Background', 'Orphan'].includes(policy)) {
    return fail(
      status.badRequest(
        `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan"`,
      ),
    );
  }
  const dryRun = q(req, 'dryRun') === 'All' || (Array.isArray(body.dryRun) && body.dryRun.includes('All'));
  return ok({
    ...(grace !== undefined ? { gracePeriodSeconds: Number(grace) } : {}),
    ...(policy ? { propagationPolicy: policy } : {}),
    ...(dryRun ? { dryRun } : {}),
    ...(isObject(body.preconditions) ? { preconditions: body.preconditions as DeleteOpts['preconditions'] } : {}),
  });
}
