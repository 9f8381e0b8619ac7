/**
 * Structural decoding of a request body against the schema, worded as the API server's JSON
 * decoder (sigs.k8s.io/json, a fork of Go's encoding/json) reports it:
 * - a value of the wrong JSON type is a Go UnmarshalTypeError, e.g. `json: cannot unmarshal
 *   string into Go struct field DeploymentSpec.spec.replicas of type int32`. The first one wins.
 * - custom unmarshalers (Quantity, IntOrString, Time) stop decoding at their first error.
 * - unknown fields are collected with their full path (`spec.containers[0].imagePullPolice`) and,
 *   per fieldValidation, fail the request (Strict), become warnings (Warn) or are dropped (Ignore).
 * Any of these errors is a 400 `<Kind> in version "<v>" cannot be handled as a <Kind>: <err>`
 * (apiserver handlers/rest.go transformDecodeError).
 *
 * Known simplification: named Go string and map types print as their underlying type
 * (`string` where upstream says `v1.PullPolicy`), since the generated schema does not carry them.
 */
import { badRequest } from '../status.ts';
import type { Status } from '../types.ts';
import { isObject } from '../types.ts';
import { deepClone } from '../../util/json.ts';
import { definitionFor, definitionName, parseApiVersion, refName, resolveRef } from './definitions.ts';
import type { SchemaObject } from './types.ts';
import { INT_OR_STRING, MICRO_TIME, QUANTITY, TIME } from './types.ts';
import { base64Error, quantityError, timeError } from './unmarshalers.ts';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface StructureResult {
  /** 400 BadRequest when the body cannot be decoded: a wrong type, or unknown fields in Strict mode. */
  error?: Status;
  /** One `unknown field "<path>"` per dropped field, in Warn mode (the apiserver's Warning headers). */
  warnings: string[];
  /**
   * A deep copy of the input with unknown fields pruned, as the real decoder drops them.
   * The input itself is never mutated.
   */
  object: unknown;
}

/** Where the decoder is: the innermost Go struct, its field stack (type errors), the strict path. */
interface Context {
  struct?: string;
  fields: string[];
  path: string;
}

/** upstream caps accumulated strict errors at 100. */
const MAX_STRICT_ERRORS = 100;

const shortName = (definition: string) => definition.slice(definition.lastIndexOf('.') + 1);
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** How Go's decoder names a JSON value's kind in "cannot unmarshal <kind>". */
function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  return typeof value; // string, number, object
}

/** The Go type a schema decodes into, as reflect.Type.String() prints it. */
function goType(schema: SchemaObject): string {
  const name = refName(schema);
  if (name !== undefined) {
    const pkg = name.slice(0, name.lastIndexOf('.'));
    return `${pkg.slice(pkg.lastIndexOf('.') + 1)}.${shortName(name)}`;
  }
  switch (schema.type) {
    case 'array':
      return `[]${schema.items ? goType(schema.items) : 'interface {}'}`;
    case 'object':
      return `map[string]${schema.additionalProperties ? goType(schema.additionalProperties) : 'interface {}'}`;
    case 'integer':
      return schema.format === 'int64' ? 'int64' : 'int32';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    default:
      return schema.format === 'byte' ? '[]uint8' : 'string';
  }
}

class Decoder {
  /** The first saved error (type mismatch, bad base64): reported once decoding ends. */
  saved?: string;
  /** An error returned by a custom unmarshaler: decoding stops there. */
  aborted?: string;
  readonly unknown: string[] = [];

  private typeError(value: unknown, type: string, ctx: Context, literal = false): string {
    const what = literal ? `number ${String(value)}` : jsonKind(value);
    const into = ctx.struct ? `Go struct field ${ctx.struct}.${ctx.fields.join('.')}` : 'Go value';
    return `json: cannot unmarshal ${what} into ${into} of type ${type}`;
  }

  private save(message: string): void {
    this.saved ??= message;
  }

  /** A JSON object/array where the schema wants something else: saved, and decoding goes on. */
  private mismatch(value: unknown, schema: SchemaObject, ctx: Context): unknown {
    this.save(this.typeError(value, goType(schema), ctx));
    return value;
  }

  private unknownField(path: string): void {
    if (this.unknown.length < MAX_STRICT_ERRORS && !this.unknown.includes(path)) this.unknown.push(path);
  }

  /** Decode one value; returns it with unknown fields pruned. */
  value(value: unknown, schema: SchemaObject, ctx: Context): unknown {
    if (this.aborted !== undefined || value === null) return value;
    const name = refName(schema);
    const def = name === undefined ? schema : resolveRef(name);
    if (name === QUANTITY) return this.custom(quantityError(value), value);
    if (name === INT_OR_STRING) return this.intOrString(value, ctx);
    if (name === TIME || name === MICRO_TIME) return this.time(value, ctx);
    if (!def || def['x-kubernetes-preserve-unknown-fields']) return deepClone(value);
    switch (def.type) {
      case 'object':
        if (!isObject(value)) return this.mismatch(value, schema, ctx);
        return def.additionalProperties && !def.properties
          ? this.map(value, def.additionalProperties, ctx)
          : this.struct(value, def, name === undefined ? ctx.struct : shortName(name), ctx);
      case 'array':
        if (!Array.isArray(value)) return this.mismatch(value, schema, ctx);
        return value.map((item, i) => this.value(item, def.items ?? {}, { ...ctx, path: `${ctx.path}[${i}]` }));
      default:
        this.scalar(value, def, ctx);
        return value;
    }
  }

  private struct(value: Record<string, unknown>, def: SchemaObject, struct: string | undefined, ctx: Context): unknown {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      const field = def.properties?.[key];
      if (!field) {
        this.unknownField(join(ctx.path, key));
        continue;
      }
      out[key] = this.value(child, field, { struct, fields: [...ctx.fields, key], path: join(ctx.path, key) });
    }
    return out;
  }

  private map(value: Record<string, unknown>, values: SchemaObject, ctx: Context): unknown {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value))
      out[key] = this.value(child, values, { ...ctx, path: join(ctx.path, key) });
    return out;
  }

  private scalar(value: unknown, def: SchemaObject, ctx: Context): void {
    const type = goType(def);
    switch (def.type) {
      case 'integer': {
        if (typeof value !== 'number') return this.save(this.typeError(value, type, ctx));
        const limit = def.format === 'int64' ? 2 ** 63 : 2 ** 31;
        if (!Number.isInteger(value) || value < -limit || value >= limit)
          this.save(this.typeError(value, type, ctx, true));
        return;
      }
      case 'number':
        if (typeof value !== 'number') this.save(this.typeError(value, type, ctx));
        return;
      case 'boolean':
        if (typeof value !== 'boolean') this.save(this.typeError(value, type, ctx));
        return;
      case 'string': {
        if (typeof value !== 'string') return this.save(this.typeError(value, type, ctx));
        const bad = def.format === 'byte' ? base64Error(value) : undefined;
        if (bad) this.save(bad);
        return;
      }
    }
  }

  private custom(error: string | undefined, value: unknown): unknown {
    if (error !== undefined) this.aborted = error;
    return value;
  }

  /** IntOrString.UnmarshalJSON: a string, or json.Unmarshal into its int32 (errors get the field's context). */
  private intOrString(value: unknown, ctx: Context): unknown {
    if (typeof value === 'string') return value;
    if (typeof value !== 'number') return this.custom(this.typeError(value, 'int32', ctx), value);
    const fits = Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31;
    return this.custom(fits ? undefined : this.typeError(value, 'int32', ctx, true), value);
  }

  /** metav1.Time.UnmarshalJSON: json.Unmarshal into a string, then time.Parse(RFC3339). */
  private time(value: unknown, ctx: Context): unknown {
    if (typeof value !== 'string') return this.custom(this.typeError(value, 'string', ctx), value);
    return this.custom(timeError(value), value);
  }
}

/**
 * Decode `obj` as the API server decodes a request body of `apiVersion`/`kind`, under the given
 * fieldValidation mode. Kinds the schema does not know are accepted unchanged.
 */
export function checkStructure(obj: unknown, apiVersion: string, kind: string, mode: FieldValidation): StructureResult {
  const name = definitionName(apiVersion, kind);
  if (name === undefined || !definitionFor(apiVersion, kind)) return { warnings: [], object: deepClone(obj) };
  const decoder = new Decoder();
  const object = decoder.value(obj, { $ref: `#/components/schemas/${name}` }, { fields: [], path: '' });
  const prefix = `${kind} in version "${parseApiVersion(apiVersion).version}" cannot be handled as a ${kind}: `;
  const failure = decoder.aborted ?? decoder.saved;
  if (failure !== undefined) return { error: badRequest(prefix + failure), warnings: [], object };
  const unknown = decoder.unknown.map((path) => `unknown field ${JSON.stringify(path)}`);
  if (unknown.length && mode === 'Strict') {
    return { error: badRequest(`${prefix}strict decoding error: ${unknown.join(', ')}`), warnings: [], object };
  }
  return { warnings: mode === 'Warn' ? unknown : [], object };
}
