/**
 * The Kubernetes schema, generated at build time from the `kubernetes-types` package by
 * scripts/gen-schema.ts (never hand-written), and what is built on it: structural decoding with
 * fieldValidation (Strict/Warn/Ignore) and the OpenAPI v3 documents the API server serves.
 */
export type { GroupVersionKind, SchemaObject } from './types.ts';
export { INT_OR_STRING, MICRO_TIME, QUANTITY, REF_PREFIX, TIME } from './types.ts';
export {
  KNOWN_MISSING_KINDS,
  SCHEMA_SOURCE,
  allDefinitions,
  definitionFor,
  definitionName,
  deref,
  explainPath,
  parseApiVersion,
  refName,
  resolveRef,
  typeLabel,
} from './definitions.ts';
export type { Explained } from './definitions.ts';
export { checkStructure } from './structural.ts';
export type { FieldValidation, StructureResult } from './structural.ts';
export { openApiDocument, openApiRoot } from './openapi.ts';
export type { OpenApiDocument, OpenApiRoot } from './openapi.ts';
export { editorKinds, editorSchema } from './editor-schema.ts';
export type { JsonSchema } from './editor-schema.ts';
