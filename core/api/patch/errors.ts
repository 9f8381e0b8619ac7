/**
 * How patch failures reach the client. The engines throw a PatchError
 * internally (deep recursion makes threading Results noisy); every exported
 * function catches it at the boundary and returns a Status, so callers never
 * see an exception for a bad patch.
 *
 * Mapping follows apiserver `handlers/patch.go` interpretStrategicMergePatchError:
 * malformed directives → 400 BadRequest, lists of lists / retainKeys mismatch →
 * 422 Invalid, anything else → a 500 with the raw message and no reason
 * (what ErrorToAPIStatus makes of a plain Go error).
 */
import type { Result, Status } from '../types.ts';
import { badRequest } from '../status.ts';

export type PatchErrorKind = 'BadRequest' | 'Invalid' | 'Internal';

export class PatchError extends Error {
  constructor(
    readonly kind: PatchErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** Upstream mergepatch sentinel errors, in their exact words. */
export const SMP_ERRORS = {
  badJSONDoc: 'invalid JSON document',
  noListOfLists: 'lists of lists are not supported',
  badPrimitiveList: 'invalid patch format of primitive list',
  badRetainKeys: 'invalid patch format of retainKeys',
  badSetElementOrder: 'invalid patch format of setElementOrder list',
  retainKeysMismatch: "patch content doesn't match retainKeys list",
} as const;

export const badRequestError = (message: string): PatchError => new PatchError('BadRequest', message);
export const internalError = (message: string): PatchError => new PatchError('Internal', message);

/** 422 with the evanphx/SMP message; see jsonPatch's note on upstream's generic wording. */
export function invalidPatchStatus(message: string): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'Invalid',
    details: {},
    code: 422,
  };
}

/** What ErrorToAPIStatus builds for a non-Status Go error: 500, empty reason. */
export function unknownErrorStatus(message: string): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code: 500 };
}

export function patchErrorToStatus(err: PatchError): Status {
  switch (err.kind) {
    case 'BadRequest':
      return badRequest(err.message);
    case 'Invalid':
      return invalidPatchStatus(err.message);
    case 'Internal':
      return unknownErrorStatus(err.message);
  }
}

/** Runs an engine step, turning a thrown PatchError into a failed Result. */
export function catchPatchError<T>(run: () => T): Result<T> {
  try {
    return { ok: true, value: run() };
  } catch (err) {
    if (err instanceof PatchError) return { ok: false, status: patchErrorToStatus(err) };
    throw err;
  }
}
