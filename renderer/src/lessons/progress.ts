/**
 * The lesson panel's view model, as pure functions: each step's state, the
 * n/m shown in the list, which progress is newest (a push or the answer to
 * lessonStart), and where a learner should go next.
 */
import type { LessonProgress, LessonSummary, LessonView } from '../../../core/protocol/index.ts';

export type StepState = 'passed' | 'current' | 'upcoming';

/** Per step: passed (✓), the current one, or still ahead. Without progress, the first step is current. */
export function stepStates(view: LessonView, progress: LessonProgress | undefined): StepState[] {
  return view.steps.map((s, i) => {
    const p = progress?.steps.find((x) => x.id === s.id);
    if (p?.passed) return 'passed';
    return i === (progress?.current ?? 0) ? 'current' : 'upcoming';
  });
}

/** Steps passed: the live progress when there is some, else what the list was told. */
export function passedCount(summary: LessonSummary, progress: LessonProgress | undefined): number {
  return progress ? progress.steps.filter((s) => s.passed).length : summary.passed;
}

export function isComplete(summary: LessonSummary, progress: LessonProgress | undefined): boolean {
  return progress ? progress.complete : summary.steps > 0 && summary.passed >= summary.steps;
}

/** Progress the UI received as an answer to lessonStart, and the push it had seen then. */
export interface StartedProgress {
  progress: LessonProgress;
  pushedBefore: LessonProgress | undefined;
}

/**
 * The newest progress of a lesson: a push that arrived after lessonStart answered wins; until then
 * the answer wins (after a reset, the last push still describes the old cluster).
 */
export function latestProgress(
  pushed: LessonProgress | undefined,
  started: StartedProgress | undefined,
): LessonProgress | undefined {
  if (!started) return pushed;
  return pushed && pushed !== started.pushedBefore ? pushed : started.progress;
}

/** The lesson after `id`, by number. */
export function nextLesson(list: readonly LessonSummary[], id: string): LessonSummary | undefined {
  const current = list.find((l) => l.id === id);
  return current ? [...list].sort((a, b) => a.number - b.number).find((l) => l.number > current.number) : undefined;
}

/** Where to begin: the first lesson not complete (lesson 1 for a new learner); none when all are done. */
export function whereToBegin(
  list: readonly LessonSummary[],
  progressOf: (id: string) => LessonProgress | undefined,
): LessonSummary | undefined {
  return [...list].sort((a, b) => a.number - b.number).find((l) => !isComplete(l, progressOf(l.id)));
}
