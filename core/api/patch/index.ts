/**
 * Patches with Kubernetes semantics: JSON merge patch (RFC 7386), JSON patch
 * (RFC 6902, evanphx v4 behaviour), strategic merge patch (apply and create,
 * two-way and three-way) and a small server-side apply with field ownership.
 */
export { mergePatch, createMergePatch } from './merge-patch.ts';
export { jsonPatch, MAX_JSON_PATCH_OPERATIONS } from './json-patch.ts';
export type { JsonPatchOperation } from './json-patch.ts';
export { strategicMergePatch, createTwoWayMergePatch, createThreeWayMergePatch } from './smp.ts';
export { patchSchemaFor, lookupField } from './smp-schema.ts';
export type { FieldMeta, PatchSchema, KindRef } from './smp-schema.ts';
export { serverSideApply, trackUpdate } from './ssa.ts';
export type { ManagedFieldsEntry, FieldOwnership, OwnedObject } from './ssa.ts';
export { deepEqual, sortKeysDeep } from './json.ts';
