/**
 * Decodes `application/vnd.kubernetes.protobuf` request bodies (kubectl ≥ 1.32
 * typed-client creates) into the JSON object kubectl would have sent as JSON.
 * Mirrors apimachinery pkg/runtime/serializer/protobuf/protobuf.go Decode:
 * magic `k8s\0`, then runtime.Unknown{typeMeta{apiVersion, kind}, raw, …}.
 */
import type { KubeObject, Result } from '../../api/types.ts';
import { fail, ok } from '../../api/types.ts';
import { badRequest } from '../../api/status.ts';
import { renderMessage } from './render.ts';
import { rootMessage } from './schema.ts';
import { ProtobufDecodeError, readFields, utf8, type WireValue } from './wire.ts';

/** The media type kubectl sends protobuf bodies with. */
export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';

const MAGIC = [0x6b, 0x38, 0x73, 0x00]; // "k8s\0"

/** What the endpoint expects; fills a blank apiVersion or kind, as copyKindDefaults does. */
export interface ExpectedKind {
  apiVersion: string;
  kind: string;
}

/**
 * Decodes a Kubernetes protobuf body into the JSON object (kind, apiVersion,
 * metadata, …) that Go's encoding/json would write for the same object.
 * Malformed bodies and kinds outside the tables give a 400 BadRequest whose
 * message is the serializer's error text.
 */
export function decodeKubeProtobuf(body: Uint8Array, expected?: ExpectedKind): Result<KubeObject> {
  try {
    return decode(body, expected);
  } catch (err) {
    if (err instanceof ProtobufDecodeError) return fail(badRequest(err.message));
    throw err;
  }
}

function decode(body: Uint8Array, expected: ExpectedKind | undefined): Result<KubeObject> {
  const payload = stripMagic(body);
  const unknown = readUnknown(payload);
  const apiVersion = unknown.apiVersion || (expected?.apiVersion ?? '');
  const kind = unknown.kind || (expected?.kind ?? '');
  const typeMeta = `runtime.TypeMeta{APIVersion:"${unknown.apiVersion}", Kind:"${unknown.kind}"}`;
  if (!kind) return fail(badRequest(`Object 'Kind' is missing in '${typeMeta}'`));
  if (!apiVersion) return fail(badRequest(`Object 'apiVersion' is missing in '${typeMeta}'`));
  const message = rootMessage(apiVersion, kind);
  if (message === undefined) {
    return fail(
      badRequest(
        `no kind "${kind}" is registered for version "${apiVersion}" in scheme "pkg/api/legacyscheme/scheme.go:30"`,
      ),
    );
  }
  const fields = renderMessage(unknown.raw, message);
  // TypeMeta comes first in every Kubernetes type, so kubectl's JSON starts with kind, apiVersion.
  return ok({ kind, apiVersion, metadata: {}, ...fields });
}

function stripMagic(body: Uint8Array): Uint8Array {
  if (body.length === 0) throw new ProtobufDecodeError('empty data');
  if (body.length < MAGIC.length || MAGIC.some((b, i) => body[i] !== b)) {
    throw new ProtobufDecodeError(
      `provided data does not appear to be a protobuf message, expected prefix [${MAGIC.join(' ')}]`,
    );
  }
  if (body.length === MAGIC.length) throw new ProtobufDecodeError('empty body');
  return body.subarray(MAGIC.length);
}

/** runtime.Unknown: typeMeta = 1 {apiVersion = 1, kind = 2}, raw = 2; encoding (3) and type (4) unused. */
function readUnknown(payload: Uint8Array): { apiVersion: string; kind: string; raw: Uint8Array } {
  const unknown = readFields(payload);
  const typeMeta = readFields(lastBytes(unknown.get(1)) ?? new Uint8Array(0));
  return {
    apiVersion: utf8(lastBytes(typeMeta.get(1)) ?? new Uint8Array(0)),
    kind: utf8(lastBytes(typeMeta.get(2)) ?? new Uint8Array(0)),
    raw: lastBytes(unknown.get(2)) ?? new Uint8Array(0),
  };
}

function lastBytes(values: WireValue[] | undefined): Uint8Array | undefined {
  const value = values?.[values.length - 1];
  if (value === undefined) return undefined;
  if (value.wire !== 2) throw new ProtobufDecodeError(`proto: wrong wireType = ${value.wire} in runtime.Unknown`);
  return value.bytes;
}
