/** The shape of one OpenAPI v3 schema as the generated definitions use it. */

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export interface SchemaObject {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  /** int32, int64, double, byte, date-time, quantity, int-or-string. */
  format?: string;
  description?: string;
  properties?: Record<string, SchemaObject>;
  additionalProperties?: SchemaObject;
  items?: SchemaObject;
  required?: string[];
  /** `#/components/schemas/<definition name>`. */
  $ref?: string;
  /** Only in served documents: upstream wraps a `$ref` that has siblings (description) in allOf. */
  allOf?: SchemaObject[];
  'x-kubernetes-group-version-kind'?: GroupVersionKind[];
  'x-kubernetes-patch-strategy'?: string;
  'x-kubernetes-patch-merge-key'?: string;
  'x-kubernetes-int-or-string'?: boolean;
  /** Go types that take any JSON (RawExtension, FieldsV1, apiextensions JSON). */
  'x-kubernetes-preserve-unknown-fields'?: boolean;
}

export const REF_PREFIX = '#/components/schemas/';

export const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
export const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
export const TIME = 'io.k8s.apimachinery.pkg.apis.meta.v1.Time';
export const MICRO_TIME = 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime';
