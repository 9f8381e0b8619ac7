/**
 * API errors as kubectl prints them (kubectl `pkg/cmd/util/helpers.go`
 * CheckErr / StandardErrorMessage): `Error from server (NotFound): …`, and
 * Invalid errors rebuilt from the Status details into `The Deployment "x" is
 * invalid: …` with one `* field: message` line per cause when there are many.
 */
import type { Status } from '../api/types.ts';
import { CommandError } from './types.ts';

/** The text kubectl prints for a Status error (without the trailing newline). */
export function statusMessage(s: Status): string {
  if (s.reason === 'Invalid') return invalidMessage(s);
  if (s.reason === 'Unauthorized') return `error: You must be logged in to the server (${s.message ?? ''})`;
  if (s.reason) return `Error from server (${s.reason}): ${s.message ?? ''}`;
  return `Error from server: ${s.message ?? ''}`;
}

function invalidMessage(s: Status): string {
  const d = s.details;
  if (!d) return `The request is invalid${s.message ? `: ${s.message}` : ''}`;
  const head =
    d.kind || d.name
      ? `The ${d.kind ?? ''} "${d.name ?? ''}" is invalid`
      : s.message
        ? `The request is invalid: ${s.message}`
        : 'The request is invalid';
  const causes = (d.causes ?? []).map((c) => `${c.field ?? ''}: ${c.message ?? ''}`);
  if (causes.length === 0) return head;
  if (causes.length === 1) return `${head}: ${causes[0] ?? ''}`;
  return `${head}: \n${causes.map((c) => `* ${c}`).join('\n')}`;
}

/** Stop the command with a Status error. */
export function statusError(s: Status): CommandError {
  return new CommandError(statusMessage(s));
}

/** A Status whose message says which file and verb failed (kubectl AddSourceToErr). */
export function withSource(s: Status, verb: string, source: string): Status {
  if (!source) return s;
  return { ...s, message: `error when ${verb} "${source}": ${s.message ?? ''}` };
}
