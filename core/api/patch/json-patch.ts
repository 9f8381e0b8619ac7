/**
 * RFC 6902 JSON patch (`application/json-patch+json`), as `kubectl rollout
 * undo` and `kubectl patch --type=json` send it. Semantics and error words
 * follow gopkg.in/evanphx/json-patch.v4, the version the apiserver links:
 *  - the parent of every path must exist ("doc is missing path");
 *  - `replace` of a missing *object member* succeeds and adds it (a v4 quirk
 *    the apiserver inherits), while a missing parent or array index fails;
 *  - `test` against a missing member passes only when the value is null.
 *
 * Upstream note: the apiserver wraps apply failures in
 * NewGenericServerResponse(422), whose message is the generic "the server
 * rejected our request due to an error in our request". We return the
 * evanphx text as the message (422, reason Invalid) so a learner sees why;
 * the HTTP layer may substitute the generic sentence for byte-fidelity.
 */
import type { Result } from '../types.ts';
import { badRequest, tooLarge } from '../status.ts';
import { deepClone, deepEqual, isObject } from './json.ts';
import type { JsonObject } from './json.ts';
import { invalidPatchStatus } from './errors.ts';

/** One RFC 6902 operation. */
export interface JsonPatchOperation {
  op: string;
  path?: string;
  from?: string;
  value?: unknown;
}

/** apiserver maxJSONPatchOperations. */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

type Container = JsonObject | unknown[];
type Found = { parent: Container; key: string } | undefined;

class OpError extends Error {}

/** Applies RFC 6902 operations to a copy of `original`. */
export function jsonPatch(original: unknown, ops: unknown): Result<unknown> {
  if (!Array.isArray(ops)) {
    return { ok: false, status: badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch') };
  }
  if (ops.length > MAX_JSON_PATCH_OPERATIONS) {
    const msg = `The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${ops.length}`;
    return { ok: false, status: tooLarge(`Request entity too large: ${msg}`) };
  }
  const root = { doc: deepClone(original) };
  try {
    for (const op of ops) applyOne(root, toOperation(op));
  } catch (err) {
    if (err instanceof OpError) return { ok: false, status: invalidPatchStatus(err.message) };
    throw err;
  }
  return { ok: true, value: root.doc };
}

function toOperation(raw: unknown): JsonPatchOperation {
  if (!isObject(raw)) return { op: 'unknown' };
  const op: JsonPatchOperation = { op: typeof raw.op === 'string' ? raw.op : 'unknown' };
  if (typeof raw.path === 'string') op.path = raw.path;
  if (typeof raw.from === 'string') op.from = raw.from;
  if (Object.hasOwn(raw, 'value')) op.value = raw.value;
  return op;
}

function applyOne(root: { doc: unknown }, op: JsonPatchOperation): void {
  switch (op.op) {
    case 'add':
      return opAdd(root, requirePath(op, 'add operation failed to decode path: missing value'), op.value);
    case 'remove':
      return opRemove(root, requirePath(op, 'remove operation failed to decode path: missing value'));
    case 'replace':
      return opReplace(root, requirePath(op, 'replace operation failed to decode path: missing value'), op.value);
    case 'move':
      return opMove(root, op);
    case 'copy':
      return opCopy(root, op);
    case 'test':
      return opTest(root, requirePath(op, 'test operation failed to decode path: missing value'), op.value);
    default:
      throw new OpError(`Unexpected kind: ${String(op.op ?? 'unknown')}`);
  }
}

function requirePath(op: JsonPatchOperation, message: string): string {
  if (typeof op.path !== 'string') throw new OpError(message);
  return op.path;
}

/** RFC 6901 token unescaping: ~1 is "/", ~0 is "~". */
function decodeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** evanphx findObject: walks to the parent container of the last token. */
function findParent(doc: unknown, path: string): Found {
  const split = path.split('/');
  if (split.length < 2) return undefined;
  let node: unknown = doc;
  for (const part of split.slice(1, -1)) {
    node = getChild(node, decodeToken(part));
    if (node === undefined || node === null || typeof node !== 'object') return undefined;
  }
  if (node === null || typeof node !== 'object') return undefined;
  return { parent: node as Container, key: decodeToken(split[split.length - 1] ?? '') };
}

function getChild(node: unknown, key: string): unknown {
  if (Array.isArray(node)) {
    const idx = parseIndex(key);
    return idx !== undefined && idx >= 0 && idx < node.length ? node[idx] : undefined;
  }
  return isObject(node) && Object.hasOwn(node, key) ? node[key] : undefined;
}

function parseIndex(key: string): number | undefined {
  return /^-?\d+$/.test(key) ? Number(key) : undefined;
}

function indexError(idx: number): OpError {
  return new OpError(`Unable to access invalid index: ${idx}: invalid index referenced`);
}

/**
 * evanphx v4 index rules (SupportNegativeIndices is on): -1 is the last
 * element; inserting may address one past the end.
 */
function arrayIndex(list: unknown[], key: string, forInsert: boolean): number {
  const idx = parseIndex(key);
  if (idx === undefined) {
    const detail = forInsert ? `value was not a proper array index: '${key}': ` : '';
    throw new OpError(`${detail}strconv.Atoi: parsing "${key}": invalid syntax`);
  }
  const size = forInsert ? list.length + 1 : list.length;
  if (idx >= size || idx < -size) throw indexError(idx);
  return idx < 0 ? idx + size : idx;
}

function containerAdd(found: NonNullable<Found>, value: unknown): void {
  const { parent, key } = found;
  if (!Array.isArray(parent)) {
    parent[key] = value;
    return;
  }
  if (key === '-') {
    parent.push(value);
    return;
  }
  parent.splice(arrayIndex(parent, key, true), 0, value);
}

function containerRemove(found: NonNullable<Found>): unknown {
  const { parent, key } = found;
  if (Array.isArray(parent)) return parent.splice(arrayIndex(parent, key, false), 1)[0];
  if (!Object.hasOwn(parent, key)) throw new OpError(`Unable to remove nonexistent key: ${key}: missing value`);
  const value = parent[key];
  delete parent[key];
  return value;
}

function containerGet(found: NonNullable<Found>): unknown {
  const { parent, key } = found;
  if (Array.isArray(parent)) return parent[arrayIndex(parent, key, false)];
  return Object.hasOwn(parent, key) ? parent[key] : undefined;
}

function withContext(prefix: string, run: () => void): void {
  try {
    run();
  } catch (err) {
    if (err instanceof OpError) throw new OpError(`${prefix}: ${err.message}`);
    throw err;
  }
}

function opAdd(root: { doc: unknown }, path: string, value: unknown): void {
  const found = findParent(root.doc, path);
  if (!found) throw new OpError(`add operation does not apply: doc is missing path: "${path}": missing value`);
  withContext(`error in add for path: '${path}'`, () => containerAdd(found, deepClone(value)));
}

function opRemove(root: { doc: unknown }, path: string): void {
  const found = findParent(root.doc, path);
  if (!found) throw new OpError(`remove operation does not apply: doc is missing path: "${path}": missing value`);
  withContext(`error in remove for path: '${path}'`, () => containerRemove(found));
}

function opReplace(root: { doc: unknown }, path: string, value: unknown): void {
  if (path === '') {
    if (!isObject(value) && !Array.isArray(value)) {
      throw new OpError('replace operation value must be object or array: <nil>');
    }
    root.doc = deepClone(value);
    return;
  }
  const found = findParent(root.doc, path);
  if (!found) throw new OpError(`replace operation does not apply: doc is missing path: ${path}: missing value`);
  if (Array.isArray(found.parent)) {
    const list = found.parent;
    let idx: number;
    try {
      idx = arrayIndex(list, found.key, false);
    } catch {
      throw new OpError(`replace operation does not apply: doc is missing key: ${path}: missing value`);
    }
    list[idx] = deepClone(value);
    return;
  }
  found.parent[found.key] = deepClone(value);
}

function opMove(root: { doc: unknown }, op: JsonPatchOperation): void {
  if (typeof op.from !== 'string') throw new OpError('move operation failed to decode from: missing value');
  const from = op.from;
  const source = findParent(root.doc, from);
  if (!source) throw new OpError(`move operation does not apply: doc is missing from path: ${from}: missing value`);
  let value: unknown;
  withContext(`error in move for path: '${source.key}'`, () => {
    value = containerGet(source);
    containerRemove(source);
  });
  const path = requirePath(op, 'move operation failed to decode path: missing value');
  const target = findParent(root.doc, path);
  if (!target)
    throw new OpError(`move operation does not apply: doc is missing destination path: ${path}: missing value`);
  withContext(`error in move for path: '${path}'`, () => containerAdd(target, value));
}

function opCopy(root: { doc: unknown }, op: JsonPatchOperation): void {
  if (typeof op.from !== 'string') throw new OpError('copy operation failed to decode from: missing value');
  const from = op.from;
  const source = findParent(root.doc, from);
  if (!source) throw new OpError(`copy operation does not apply: doc is missing from path: "${from}": missing value`);
  let value: unknown;
  withContext(`error in copy for from: '${from}'`, () => {
    value = containerGet(source);
  });
  const path = requirePath(op, 'copy operation failed to decode path: missing value');
  const target = findParent(root.doc, path);
  if (!target)
    throw new OpError(`copy operation does not apply: doc is missing destination path: ${path}: missing value`);
  withContext('error while adding value during copy', () => containerAdd(target, deepClone(value)));
}

function opTest(root: { doc: unknown }, path: string, expected: unknown): void {
  const failed = (): OpError => new OpError(`testing value ${path} failed: test failed`);
  if (path === '') {
    if (!deepEqual(root.doc, expected)) throw failed();
    return;
  }
  const found = findParent(root.doc, path);
  if (!found) throw new OpError(`test operation does not apply: is missing path: ${path}: missing value`);
  let actual: unknown;
  withContext(`error in test for path: '${path}'`, () => {
    actual = containerGet(found);
  });
  if (actual === undefined) {
    if (expected === undefined || expected === null) return;
    throw failed();
  }
  if (!deepEqual(actual, expected)) throw failed();
}
