/**
 * A minimal protobuf wire-format reader: tags, varints, length-delimited
 * slices and fixed 32/64-bit words. It knows nothing about messages; the
 * schema-driven walk lives in render.ts.
 */

/** Protobuf wire types (encoding.proto). Groups (3, 4) are long deprecated. */
export const WireType = {
  Varint: 0,
  Fixed64: 1,
  LengthDelimited: 2,
  StartGroup: 3,
  EndGroup: 4,
  Fixed32: 5,
} as const;
export type WireType = (typeof WireType)[keyof typeof WireType];

/** Malformed input. Caught at the package boundary and turned into a 400. */
export class ProtobufDecodeError extends Error {
  override readonly name = 'ProtobufDecodeError';
}

/** One field occurrence as read from the wire, before the schema gives it meaning. */
export type WireValue =
  | { wire: typeof WireType.Varint; value: bigint }
  | { wire: typeof WireType.Fixed64; bytes: Uint8Array }
  | { wire: typeof WireType.LengthDelimited; bytes: Uint8Array }
  | { wire: typeof WireType.Fixed32; bytes: Uint8Array };

/** Sequential reader over one message's bytes. */
export class ProtoReader {
  private pos = 0;

  constructor(private readonly buf: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  /** An unsigned varint of up to 64 bits (10 bytes), as a bigint. */
  varint(): bigint {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      const byte = this.byte();
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return BigInt.asUintN(64, result);
    }
    throw new ProtobufDecodeError('proto: integer overflow');
  }

  /** The next field's number and wire type. */
  tag(): { field: number; wire: number } {
    const key = this.varint();
    const field = Number(key >> 3n);
    if (field <= 0 || field > 0x1fffffff) {
      throw new ProtobufDecodeError(`proto: illegal tag ${field} (wire type ${Number(key & 7n)})`);
    }
    return { field, wire: Number(key & 7n) };
  }

  /** `n` raw bytes, as a view (no copy). */
  bytes(n: number): Uint8Array {
    if (n < 0 || this.pos + n > this.buf.length) throw new ProtobufDecodeError('unexpected EOF');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** One field value of the given wire type. Groups are rejected, as gogo-protobuf does. */
  value(wire: number): WireValue {
    switch (wire) {
      case WireType.Varint:
        return { wire, value: this.varint() };
      case WireType.Fixed64:
        return { wire, bytes: this.bytes(8) };
      case WireType.LengthDelimited:
        return { wire, bytes: this.bytes(this.length()) };
      case WireType.Fixed32:
        return { wire, bytes: this.bytes(4) };
      default:
        throw new ProtobufDecodeError(`proto: illegal wireType ${wire}`);
    }
  }

  private length(): number {
    const n = this.varint();
    if (n > BigInt(this.buf.length - this.pos)) throw new ProtobufDecodeError('unexpected EOF');
    return Number(n);
  }

  private byte(): number {
    const b = this.buf[this.pos];
    if (b === undefined) throw new ProtobufDecodeError('unexpected EOF');
    this.pos += 1;
    return b;
  }
}

/** Every field occurrence of a message, grouped by field number in wire order. */
export function readFields(buf: Uint8Array): Map<number, WireValue[]> {
  const reader = new ProtoReader(buf);
  const fields = new Map<number, WireValue[]>();
  while (!reader.done) {
    const { field, wire } = reader.tag();
    const value = reader.value(wire);
    const list = fields.get(field);
    if (list) list.push(value);
    else fields.set(field, [value]);
  }
  return fields;
}

/** Reads a little-endian 32- or 64-bit IEEE float. */
export function readFloat(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return bytes.length === 8 ? view.getFloat64(0, true) : view.getFloat32(0, true);
}

/**
 * Decodes UTF-8 like Go's `string(b)` then encoding/json: invalid sequences
 * become U+FFFD. Written by hand because core has no TextDecoder type.
 */
export function utf8(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const { codePoint, size } = utf8Rune(bytes, i);
    out += String.fromCodePoint(codePoint);
    i += size;
  }
  return out;
}

const REPLACEMENT = { codePoint: 0xfffd, size: 1 };

function utf8Rune(bytes: Uint8Array, i: number): { codePoint: number; size: number } {
  const b0 = bytes[i] ?? 0;
  if (b0 < 0x80) return { codePoint: b0, size: 1 };
  const size = b0 >= 0xf0 && b0 < 0xf5 ? 4 : b0 >= 0xe0 ? 3 : b0 >= 0xc2 ? 2 : 0;
  if (size === 0 || b0 >= 0xf5) return REPLACEMENT;
  let codePoint = b0 & (0x7f >> size);
  for (let k = 1; k < size; k++) {
    const b = bytes[i + k];
    if (b === undefined || (b & 0xc0) !== 0x80) return REPLACEMENT;
    codePoint = (codePoint << 6) | (b & 0x3f);
  }
  const min = [0, 0, 0x80, 0x800, 0x10000][size] ?? 0;
  const surrogate = codePoint >= 0xd800 && codePoint <= 0xdfff;
  if (codePoint < min || surrogate || codePoint > 0x10ffff) return REPLACEMENT;
  return { codePoint, size };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard padded base64, the way encoding/json writes a `[]byte`. */
export function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64.charAt(n >> 18) + B64.charAt((n >> 12) & 63);
    out += b === undefined ? '=' : B64.charAt((n >> 6) & 63);
    out += c === undefined ? '=' : B64.charAt(n & 63);
  }
  return out;
}
