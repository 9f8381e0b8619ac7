/**
 * Request bodies: JSON, YAML (apply-patch), and Kubernetes protobuf from
 * kubectl ≥ 1.32, with the size limits of the real server (3 MiB per request,
 * 1.5 MiB per stored object, as etcd enforces).
 */
import { parse as parseYaml } from 'yaml';
import type { ResourceType } from '../api/registry.ts';
import * as status from '../api/status.ts';
import type { KubeObject, Result } from '../api/types.ts';
import { fail, isObject, ok } from '../api/types.ts';
import { utf8Decode } from '../util/base64.ts';
import { PROTOBUF_MEDIA_TYPE, decodeKubeProtobuf } from './protobuf/index.ts';
import type { ApiRequest } from './types.ts';

export const MAX_REQUEST_BYTES = 3 * 1024 * 1024;
export const MAX_OBJECT_BYTES = 1.5 * 1024 * 1024;

export function contentType(req: ApiRequest): string {
  return (req.headers['content-type'] ?? 'application/json').split(';')[0]!.trim().toLowerCase();
}

/** The body as a JSON value (protobuf decoded, YAML parsed), or a 400/413 Status. */
export function readBody(req: ApiRequest, rt?: ResourceType): Result<unknown> {
  const bytes = req.body ?? new Uint8Array();
  if (bytes.length > MAX_REQUEST_BYTES)
    return fail(status.tooLarge(`Request entity too large: limit is ${MAX_REQUEST_BYTES}`));
  const ct = contentType(req);
  if (ct === PROTOBUF_MEDIA_TYPE) {
    const decoded = decodeKubeProtobuf(bytes, rt ? { apiVersion: rt.apiVersion, kind: rt.kind } : undefined);
    if (!decoded.ok && rt)
      return fail(
        status.badRequest(
          `${rt.kind} in version "${rt.version}" cannot be handled as a ${rt.kind}: ${decoded.status.message ?? ''}`,
        ),
      );
    return decoded;
  }
  const text = utf8Decode(bytes);
  if (text.trim() === '') return fail(status.badRequest('the body of the request was empty'));
  if (ct === 'application/apply-patch+yaml' || ct === 'application/yaml') {
    try {
      return ok(parseYaml(text, { maxAliasCount: 100 }) as unknown);
    } catch (e) {
      return fail(status.badRequest(`error converting YAML to JSON: ${(e as Error).message.split('\n')[0]}`));
    }
  }
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (e) {
    const what = rt ? `${rt.kind} in version "${rt.version}" cannot be handled as a ${rt.kind}: ` : '';
    return fail(status.badRequest(`${what}json parse error: ${(e as Error).message}`));
  }
}

/** Check that a body is an object of the resource the URL names, filling blanks from the URL. */
export function asObjectFor(body: unknown, rt: ResourceType, namespace: string | undefined): Result<KubeObject> {
  if (!isObject(body))
    return fail(
      status.badRequest(
        `${rt.kind} in version "${rt.version}" cannot be handled as a ${rt.kind}: json: cannot unmarshal ${Array.isArray(body) ? 'array' : typeof body} into Go value of type struct`,
      ),
    );
  const obj = body as KubeObject;
  if (obj.apiVersion && obj.apiVersion !== rt.apiVersion) {
    const sameGroup =
      obj.apiVersion.split('/').length === rt.apiVersion.split('/').length &&
      (obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] === rt.group : rt.group === '');
    if (!sameGroup || !['autoscaling'].includes(rt.group)) {
      return fail(
        status.badRequest(
          `the API version in the data (${obj.apiVersion}) does not match the expected API version (${rt.apiVersion})`,
        ),
      );
    }
  }
  if (obj.kind && obj.kind !== rt.kind)
    return fail(status.badRequest(`the kind in the data (${obj.kind}) does not match the expected kind (${rt.kind})`));
  obj.apiVersion = rt.apiVersion;
  obj.kind = rt.kind;
  if (!isObject(obj.metadata)) obj.metadata = {};
  if (rt.namespaced && namespace) {
    if (obj.metadata.namespace && obj.metadata.namespace !== namespace) {
      return fail(
        status.badRequest('the namespace of the provided object does not match the namespace sent on the request'),
      );
    }
    obj.metadata.namespace = namespace;
  }
  if (JSON.stringify(obj).length > MAX_OBJECT_BYTES)
    return fail(status.tooLarge('Request entity too large: etcdserver: request is too large'));
  return ok(obj);
}
