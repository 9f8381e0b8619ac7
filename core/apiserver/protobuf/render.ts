/**
 * Renders a protobuf message as the JSON that Go's encoding/json writes for
 * the same Go struct, which is what kubectl ≤ 1.31 sent for these commands:
 *
 * - a non-pointer scalar is written unless `omitempty` and zero;
 * - a pointer is written when present on the wire, even when zero (so
 *   `replicas: 0` survives and an absent `terminationGracePeriodSeconds`
 *   stays absent for defaulting);
 * - a non-pointer struct is always written (omitempty never applies to
 *   structs), hence `strategy: {}`, `resources: {}`, `creationTimestamp: null`;
 * - nil slices and maps are omitted with omitempty, else written as null;
 * - map keys are sorted, as Go sorts them; `[]byte` becomes base64;
 * - `json:",inline"` embeds (Volume.volumeSource, Probe.handler, …) are flattened.
 */
import { messageDesc, type FieldDesc, type FieldType, type ScalarType } from './schema.ts';
import { renderSpecial } from './special.ts';
import {
  ProtoReader,
  ProtobufDecodeError,
  WireType,
  base64,
  readFields,
  readFloat,
  utf8,
  type WireValue,
} from './wire.ts';

type JsonObject = Record<string, unknown>;

const EMPTY = new Uint8Array(0);

/** Renders `bytes` as an instance of the qualified message `name`. */
export function renderMessage(bytes: Uint8Array, name: string): JsonObject {
  const desc = messageDesc(name);
  const wire = readFields(bytes);
  const out: JsonObject = {};
  for (const field of desc.fields) {
    const values = wire.get(field.num);
    if (field.inline) Object.assign(out, renderMessage(mergeMessage(field, values) ?? EMPTY, messageName(field)));
    else writeField(out, field, values);
  }
  return out;
}

function writeField(out: JsonObject, field: FieldDesc, values: WireValue[] | undefined): void {
  const value = field.mapKey
    ? mapValue(field, values ?? [])
    : field.repeated
      ? listValue(field, values ?? [])
      : singleValue(field, values);
  if (value !== undefined) out[field.json] = value;
}

/** A singular field. `undefined` means the key is left out. */
function singleValue(field: FieldDesc, values: WireValue[] | undefined): unknown {
  const { type } = field;
  if (type.kind === 'scalar') {
    const last = values?.[values.length - 1];
    // Absent: a nil pointer (null without omitempty) or the Go zero value.
    if (last === undefined) return !field.always ? undefined : field.pointer ? null : zeroScalar(type.scalar);
    const value = scalarValue(type.scalar, last, field);
    return !field.pointer && !field.always && isZeroScalar(value) ? undefined : value;
  }
  const bytes = mergeMessage(field, values);
  // A nil pointer: omitted, or null without omitempty. A struct value always exists in Go.
  if (bytes === undefined && field.pointer) return field.always ? null : undefined;
  return type.kind === 'special' ? renderSpecial(type.special, bytes) : renderMessage(bytes ?? EMPTY, type.message);
}

function listValue(field: FieldDesc, values: WireValue[]): unknown {
  const items = field.type.kind === 'scalar' ? unpack(field.type.scalar, values) : values;
  if (items.length === 0) return field.always ? null : undefined;
  return items.map((item) => elementValue(field.type, item, field));
}

/** Map entries are messages {key = 1, value = 2}; a missing part is its zero value. */
function mapValue(field: FieldDesc, values: WireValue[]): unknown {
  if (values.length === 0) return field.always ? null : undefined;
  const entries = new Map<string, unknown>();
  for (const entry of values) {
    const parts = readFields(lengthDelimited(entry, field));
    const key = parts.get(1)?.at(-1);
    const value = parts.get(2)?.at(-1);
    const keyText = key === undefined ? '' : String(scalarValue(field.mapKey ?? 's', key, field));
    entries.set(keyText, value === undefined ? zeroElement(field.type) : elementValue(field.type, value, field));
  }
  const out: JsonObject = {};
  for (const key of [...entries.keys()].sort(compareGoStrings)) out[key] = entries.get(key);
  return out;
}

/** One list element or map value: never omitted, whatever its value. */
function elementValue(type: FieldType, value: WireValue, field: FieldDesc): unknown {
  if (type.kind === 'scalar') return scalarValue(type.scalar, value, field);
  const bytes = lengthDelimited(value, field);
  return type.kind === 'special' ? renderSpecial(type.special, bytes) : renderMessage(bytes, type.message);
}

function zeroElement(type: FieldType): unknown {
  if (type.kind === 'scalar') return type.scalar === 'y' ? '' : zeroScalar(type.scalar);
  return type.kind === 'special' ? renderSpecial(type.special, undefined) : renderMessage(EMPTY, type.message);
}

/**
 * Repeated occurrences of an embedded message merge (proto semantics), which
 * is the same as decoding their concatenation. `undefined` when absent.
 */
function mergeMessage(field: FieldDesc, values: WireValue[] | undefined): Uint8Array | undefined {
  if (values === undefined || values.length === 0) return undefined;
  const parts = values.map((v) => lengthDelimited(v, field));
  if (parts.length === 1) return parts[0];
  const merged = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    merged.set(part, offset);
    offset += part.length;
  }
  return merged;
}

/** Numeric repeated fields may arrive packed (one length-delimited run of varints). */
function unpack(scalar: ScalarType, values: WireValue[]): WireValue[] {
  if (scalar === 's' || scalar === 'y') return values;
  return values.flatMap((v) => (v.wire === WireType.LengthDelimited ? unpackRun(scalar, v.bytes) : [v]));
}

function unpackRun(scalar: ScalarType, bytes: Uint8Array): WireValue[] {
  const reader = new ProtoReader(bytes);
  const out: WireValue[] = [];
  while (!reader.done) {
    if (scalar === 'd') out.push({ wire: WireType.Fixed64, bytes: reader.bytes(8) });
    else if (scalar === 'f') out.push({ wire: WireType.Fixed32, bytes: reader.bytes(4) });
    else out.push({ wire: WireType.Varint, value: reader.varint() });
  }
  return out;
}

function scalarValue(scalar: ScalarType, value: WireValue, field: FieldDesc): unknown {
  const expected = scalar === 'd' ? WireType.Fixed64 : scalar === 'f' ? WireType.Fixed32 : null;
  if (scalar === 's' || scalar === 'y') {
    const bytes = lengthDelimited(value, field);
    return scalar === 's' ? utf8(bytes) : base64(bytes);
  }
  if (expected !== null) {
    if (value.wire !== expected) throw wrongWireType(value, field);
    return readFloat(value.bytes);
  }
  if (value.wire !== WireType.Varint) throw wrongWireType(value, field);
  if (scalar === 'b') return value.value !== 0n;
  // int32 arrives sign-extended to 64 bits; both fit a JS number for realistic values.
  return Number(BigInt.asIntN(scalar === 'i' ? 32 : 64, value.value));
}

function lengthDelimited(value: WireValue, field: FieldDesc): Uint8Array {
  if (value.wire !== WireType.LengthDelimited) throw wrongWireType(value, field);
  return value.bytes;
}

function wrongWireType(value: WireValue, field: FieldDesc): ProtobufDecodeError {
  return new ProtobufDecodeError(`proto: wrong wireType = ${value.wire} for field ${field.json || field.num}`);
}

function zeroScalar(scalar: ScalarType): unknown {
  if (scalar === 's') return '';
  if (scalar === 'b') return false;
  return scalar === 'y' ? null : 0;
}

function isZeroScalar(value: unknown): boolean {
  return value === '' || value === 0 || value === false;
}

function messageName(field: FieldDesc): string {
  if (field.type.kind !== 'message') throw new Error(`protobuf tables: inline field ${field.num} is not a message`);
  return field.type.message;
}

/** Go sorts map keys by bytes; UTF-16 order differs only beyond the BMP, irrelevant here. */
function compareGoStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
