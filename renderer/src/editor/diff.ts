/**
 * What the apply diff shows per document: the live object and the object the dry run would store,
 * both as YAML without the fields the server manages (managedFields, resourceVersion, uid,
 * creationTimestamp, generation, status, kubectl's last-applied annotation), so the diff is
 * the learner's change plus the defaults the API server fills in. Pure; unit-tested.
 */
import { stringify } from 'yaml';
import type { KubeObject, Status } from '../../../core/api/types.ts';
import type { ApplyResponse } from '../../../core/protocol/index.ts';
import { editable } from '../graph/manifest.ts';

/** An object as YAML the way kubectl prints it (lists not indented under their key). */
export function toYaml(obj: KubeObject | undefined): string {
  return obj ? stringify(editable(obj), { indentSeq: false, lineWidth: 0 }) : '';
}

export type DiffOutcome = 'created' | 'configured' | 'unchanged' | 'error';

export interface DocumentDiff {
  index: number;
  line: number;
  ref: string;
  outcome: DiffOutcome;
  /** The live object as YAML ('' when it would be created). */
  original: string;
  /** The object as it would be stored. */
  modified: string;
  error?: Status;
}

/** One diff per document of a dry run, in document order. */
export function documentDiffs(res: ApplyResponse): DocumentDiff[] {
  return res.results.map((r) => ({
    index: r.index,
    line: r.line,
    ref: r.ref,
    outcome: r.error ? 'error' : (r.outcome ?? 'configured'),
    original: r.outcome === 'unchanged' ? toYaml(r.object) : toYaml(r.live),
    modified: toYaml(r.object),
    ...(r.error ? { error: r.error } : {}),
  }));
}

/** The document to show first: the first that changes something. */
export function firstChanged(diffs: readonly DocumentDiff[]): number {
  const i = diffs.findIndex((d) => d.outcome === 'created' || d.outcome === 'configured');
  return i < 0 ? 0 : i;
}
