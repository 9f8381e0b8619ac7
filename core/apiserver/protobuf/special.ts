/**
 * The apimachinery types whose proto message differs from their JSON:
 * metav1.Time/MicroTime/Duration, resource.Quantity, intstr.IntOrString,
 * runtime.RawExtension and metav1.FieldsV1. Each takes the merged message
 * bytes (or undefined when the field is absent, i.e. the Go zero value) and
 * returns what the type's MarshalJSON writes.
 */
import type { SpecialType } from './schema.ts';
import { formatDuration } from '../../util/duration.ts';
import { ProtobufDecodeError, readFields, utf8, type WireValue } from './wire.ts';

/** The JSON form of a special type, from its proto bytes. */
export function renderSpecial(type: SpecialType, bytes: Uint8Array | undefined): unknown {
  const fields = readFields(bytes ?? new Uint8Array(0));
  switch (type) {
    case 'Time':
      return formatTime(fields, false);
    case 'MicroTime':
      return formatTime(fields, true);
    case 'Duration':
      return formatDuration(int(fields, 1, 64));
    case 'Quantity':
      return quantity(fields, bytes === undefined);
    case 'IntOrString':
      return intOrString(fields);
    case 'RawExtension':
    case 'FieldsV1':
      return rawJson(fields);
  }
}

/** Go's zero time (0001-01-01T00:00:00Z) as Unix seconds. */
const GO_ZERO_UNIX = -62135596800n;

/**
 * metav1.Time writes RFC3339 in UTC with whole seconds; MicroTime adds six
 * fraction digits. A zero time ({} or {seconds:0,nanos:0}, see
 * apimachinery time_proto.go) is written as null.
 */
function formatTime(fields: Map<number, WireValue[]>, micro: boolean): string | null {
  const seconds = int(fields, 1, 64);
  const nanos = int(fields, 2, 32);
  if ((seconds === 0n || seconds === GO_ZERO_UNIX) && nanos === 0n) return null;
  const date = new Date(Number(seconds) * 1000);
  const year = date.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) throw new ProtobufDecodeError('Time.MarshalJSON: year outside of range [0,9999]');
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  const day = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
  const clock = `${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}`;
  const fraction = micro ? `.${pad(Math.floor(Number(nanos) / 1000), 6)}` : '';
  return `${day}T${clock}${fraction}Z`;
}

const QUANTITY_FORMAT = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/**
 * Quantity travels as its canonical string (client-go marshals String()), so
 * it is passed through. Absent is the zero Quantity, "0"; an empty string
 * fails ParseQuantity on the real server too.
 */
function quantity(fields: Map<number, WireValue[]>, absent: boolean): string {
  if (absent) return '0';
  const text = str(fields, 1);
  if (text === '') throw new ProtobufDecodeError(QUANTITY_FORMAT);
  return text;
}

/** IntOrString{type,intVal,strVal}: type 1 is a string, type 0 an int. */
function intOrString(fields: Map<number, WireValue[]>): number | string {
  const type = int(fields, 1, 64);
  if (type === 1n) return str(fields, 3);
  if (type === 0n) return Number(int(fields, 2, 32));
  throw new ProtobufDecodeError(`impossible IntOrString.Type ${type}`);
}

/** RawExtension/FieldsV1 hold JSON text in field 1; nil is written as null. */
function rawJson(fields: Map<number, WireValue[]>): unknown {
  const raw = last(fields, 1);
  if (raw === undefined || raw.wire !== 2) return null;
  try {
    return JSON.parse(utf8(raw.bytes)) as unknown;
  } catch {
    throw new ProtobufDecodeError('raw extension is not valid JSON');
  }
}

function last(fields: Map<number, WireValue[]>, num: number): WireValue | undefined {
  const list = fields.get(num);
  return list?.[list.length - 1];
}

function int(fields: Map<number, WireValue[]>, num: number, bits: 32 | 64): bigint {
  const v = last(fields, num);
  if (v === undefined) return 0n;
  if (v.wire !== 0) throw new ProtobufDecodeError(`proto: wrong wireType = ${v.wire} for field ${num}`);
  return BigInt.asIntN(bits, v.value);
}

function str(fields: Map<number, WireValue[]>, num: number): string {
  const v = last(fields, num);
  if (v === undefined) return '';
  if (v.wire !== 2) throw new ProtobufDecodeError(`proto: wrong wireType = ${v.wire} for field ${num}`);
  return utf8(v.bytes);
}
