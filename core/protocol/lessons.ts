/**
 * What the host needs from the lesson engine (implemented in lessons/, which
 * core cannot import): the catalogue, a lesson's start state on a fresh
 * cluster, and its steps' checks evaluated against the cluster's real state.
 */
import type { Cluster } from '../cluster/cluster.ts';
import type { LessonProgress, LessonSummary, LessonView } from './messages.ts';

export interface LessonService {
  /** Every lesson, with `passed` filled from saved progress (step ids passed, per lesson id). */
  list(passed: Readonly<Record<string, readonly string[]>>): LessonSummary[];
  view(id: string): LessonView | undefined;
  /** Bring a fresh cluster to the lesson's start state (apply start manifests, stop components…). */
  setup(id: string, cluster: Cluster): void;
  /**
   * Evaluate the lesson's steps in order. A step already in `passed` stays passed (progress is
   * sticky); the current step passes when its check holds now.
   */
  evaluate(id: string, cluster: Cluster, passed: readonly string[]): LessonProgress;
}
