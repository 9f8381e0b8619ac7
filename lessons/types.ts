/**
 * The lesson format. A lesson is a folder `NN-id/` holding `lesson.ts` (this
 * shape), the manifests it applies or offers as solutions (`*.yaml`), and per
 * step the Markdown text `steps/NN-stepid.en.md` and `.zh-CN.md`:
 *
 *     # Step title
 *     The goal, one or two sentences (Markdown).
 *     ---
 *     What to do and why (Markdown).
 *
 * Checks read the cluster's real state through the check SDK, never the editor.
 */
import type { ClusterReader, Text } from '../core/check/index.ts';
import type { Cluster } from '../core/cluster/cluster.ts';

export type CheckResult = { ok: true } | { ok: false; detail: Text };

export type Solution =
  /**
   * A manifest of the lesson folder, loaded into the editor for the learner to apply, in a tab named
   * `tab` (default: the file name; steps that evolve one manifest share a tab).
   */
  | { kind: 'manifest'; file: string; tab?: string }
  /** Command lines for the terminal, each starting with `kubectl`. */
  | { kind: 'kubectl'; commands: string[] }
  /** Something done in the UI (a fault in the dock…): described for the learner, performed by `solve` in self-tests. */
  | { kind: 'action'; description: Text; solve(cluster: Cluster): void };

export interface Step {
  /** Stable: saved progress names passed steps by id. */
  id: string;
  /** Revealed one at a time. */
  hints: Text[];
  solution: Solution;
  /** Does the cluster satisfy this step now? When not, `detail` says what is missing. */
  check(r: ClusterReader): CheckResult;
  /** What happened, drawn from the trace; asked once, right after the check first holds. */
  explain?(r: ClusterReader): Text;
}

export interface StartState {
  /** Manifests (files of the lesson folder) applied as `kubectl apply` would. */
  apply?: string[];
  /** Manifests created as `kubectl create` would: no last-applied-configuration annotation. */
  create?: string[];
  /** Anything else, after the manifests: stop a component, fail a node… */
  prepare?(cluster: Cluster): void;
}

export interface Lesson {
  id: string;
  number: number;
  title: Text;
  summary: Text;
  start: StartState;
  steps: Step[];
}

export const ok: CheckResult = { ok: true };

export function missing(detail: Text): CheckResult {
  return { ok: false, detail };
}
