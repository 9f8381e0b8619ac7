/**
 * Message descriptors: parses the compact tables in tables/ (notation in
 * README.md) into field lists, and maps `apiVersion` + `kind` to the root
 * message a create body carries.
 */
import { TABLES, API_VERSIONS } from './tables/index.ts';

/** Proto scalar codes: string, bool, int32, int64, bytes, double, float. */
export type ScalarType = 's' | 'b' | 'i' | 'l' | 'y' | 'd' | 'f';

/** apimachinery types whose JSON form is custom (MarshalJSON), not a plain object. */
export type SpecialType = 'Time' | 'MicroTime' | 'Duration' | 'Quantity' | 'IntOrString' | 'RawExtension' | 'FieldsV1';

export type FieldType =
  | { kind: 'scalar'; scalar: ScalarType }
  | { kind: 'special'; special: SpecialType }
  | { kind: 'message'; message: string };

export interface FieldDesc {
  num: number;
  /** JSON name; empty for an inlined embed. */
  json: string;
  type: FieldType;
  /** `json:",inline"`: the embed's fields are written into the parent object. */
  inline: boolean;
  repeated: boolean;
  /** Set for `map<K, V>` fields; `type` is then the value type. */
  mapKey?: ScalarType;
  /** Go pointer: presence on the wire is meaningful even for zero values. */
  pointer: boolean;
  /** No `omitempty`: Go writes zero values (and `null` for nil). */
  always: boolean;
}

export interface MessageDesc {
  /** Qualified name, e.g. `apps.DeploymentSpec`. */
  name: string;
  /** In Go struct order, which is the order encoding/json writes keys in. */
  fields: FieldDesc[];
  byNumber: Map<number, FieldDesc>;
}

const SCALARS = new Set<string>(['s', 'b', 'i', 'l', 'y', 'd', 'f']);
const SPECIALS = new Set<string>([
  'Time',
  'MicroTime',
  'Duration',
  'Quantity',
  'IntOrString',
  'RawExtension',
  'FieldsV1',
]);
const FIELD = /^(\d+) (\.\.\.|\w+) (\{(\w):([\w.]+)\}|[\w.]+)(\[\])?(\?)?(!)?$/;

const cache = new Map<string, MessageDesc>();

/** The descriptor of a qualified message name. Throws on a name the tables lack (a bug). */
export function messageDesc(qualified: string): MessageDesc {
  const hit = cache.get(qualified);
  if (hit) return hit;
  const [pkg = '', name = ''] = qualified.split('.');
  const spec = own(own(TABLES, pkg), name);
  if (spec === undefined) throw new Error(`protobuf tables: no message ${qualified}`);
  const fields = spec.split(',').map((token) => parseField(token.trim(), pkg, qualified));
  const desc: MessageDesc = { name: qualified, fields, byNumber: new Map(fields.map((f) => [f.num, f])) };
  cache.set(qualified, desc);
  return desc;
}

/** The root message for an object of this apiVersion and kind, if the tables have it. */
export function rootMessage(apiVersion: string, kind: string): string | undefined {
  const pkg = own(API_VERSIONS, apiVersion);
  if (pkg === undefined || own(own(TABLES, pkg), kind) === undefined) return undefined;
  const name = `${pkg}.${kind}`;
  // Only top-level kinds (with ObjectMeta as field 1), never a nested message such as PodSpec.
  const first = messageDesc(name).byNumber.get(1);
  return first?.type.kind === 'message' && first.type.message === 'meta.ObjectMeta' ? name : undefined;
}

/** An own property only: a kind named "constructor" must not find Object.prototype. */
function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

function parseField(token: string, pkg: string, owner: string): FieldDesc {
  const m = FIELD.exec(token);
  if (!m) throw new Error(`protobuf tables: bad field "${token}" in ${owner}`);
  const [, num = '', json = '', typeText = '', mapKey, mapValue, repeated, pointer, always] = m;
  const inline = json === '...';
  const field: FieldDesc = {
    num: Number(num),
    json: inline ? '' : json,
    type: resolveType(mapValue ?? typeText, pkg),
    inline,
    repeated: repeated !== undefined,
    pointer: pointer !== undefined,
    always: always !== undefined,
  };
  if (mapKey !== undefined) field.mapKey = scalarCode(mapKey, owner);
  return field;
}

function resolveType(text: string, pkg: string): FieldType {
  if (SCALARS.has(text)) return { kind: 'scalar', scalar: text as ScalarType };
  if (SPECIALS.has(text)) return { kind: 'special', special: text as SpecialType };
  return { kind: 'message', message: text.includes('.') ? text : `${pkg}.${text}` };
}

function scalarCode(text: string, owner: string): ScalarType {
  if (!SCALARS.has(text)) throw new Error(`protobuf tables: bad map key type ${text} in ${owner}`);
  return text as ScalarType;
}
