import { describe, expect, it } from 'vitest';
import type { LessonProgress, LessonSummary, LessonView } from '../../../core/protocol/index.ts';
import { isComplete, latestProgress, nextLesson, passedCount, stepStates, whereToBegin } from './progress.ts';

const text = { en: 'x', 'zh-CN': '某' };
const view: LessonView = {
  id: 'l1',
  number: 1,
  title: text,
  summary: text,
  steps: ['a', 'b', 'c'].map((id) => ({
    id,
    title: text,
    goal: text,
    text,
    hints: [],
    solution: { kind: 'kubectl', commands: [] },
  })),
};
const progress = (passed: string[], current: number): LessonProgress => ({
  lessonId: 'l1',
  current,
  steps: ['a', 'b', 'c'].map((id) => ({ id, passed: passed.includes(id) })),
  complete: passed.length === 3,
});
const summary = (id: string, number: number, passed: number, steps = 3): LessonSummary => ({
  id,
  number,
  title: text,
  summary: text,
  steps,
  passed,
});

describe('stepStates', () => {
  it('marks passed steps, the current one and those ahead', () => {
    expect(stepStates(view, progress(['a'], 1))).toEqual(['passed', 'current', 'upcoming']);
    expect(stepStates(view, progress(['a', 'b', 'c'], 3))).toEqual(['passed', 'passed', 'passed']);
  });
  it('starts at the first step before any progress', () => {
    expect(stepStates(view, undefined)).toEqual(['current', 'upcoming', 'upcoming']);
  });
  it('keeps a sticky later step passed while an earlier one is current', () => {
    expect(stepStates(view, progress(['b'], 0))).toEqual(['current', 'passed', 'upcoming']);
  });
});

describe('counts', () => {
  it('prefers live progress to the list’s saved count', () => {
    expect(passedCount(summary('l1', 1, 1), undefined)).toBe(1);
    expect(passedCount(summary('l1', 1, 1), progress(['a', 'b'], 2))).toBe(2);
    expect(isComplete(summary('l1', 1, 3), undefined)).toBe(true);
    expect(isComplete(summary('l1', 1, 3), progress(['a'], 1))).toBe(false);
    expect(isComplete(summary('l0', 1, 0, 0), undefined)).toBe(false);
  });
});

describe('latestProgress', () => {
  it('takes the answer to lessonStart until a newer push arrives', () => {
    const old = progress(['a', 'b'], 2);
    const fresh = progress([], 0);
    const started = { progress: fresh, pushedBefore: old };
    expect(latestProgress(old, started)).toBe(fresh);
    const pushed = progress(['a'], 1);
    expect(latestProgress(pushed, started)).toBe(pushed);
    expect(latestProgress(pushed, undefined)).toBe(pushed);
    expect(latestProgress(undefined, { progress: fresh, pushedBefore: undefined })).toBe(fresh);
  });
});

describe('navigation', () => {
  const list = [summary('b', 2, 0), summary('a', 1, 3), summary('c', 3, 0)];
  it('finds the next lesson by number', () => {
    expect(nextLesson(list, 'a')?.id).toBe('b');
    expect(nextLesson(list, 'c')).toBeUndefined();
  });
  it('begins at the first lesson not complete', () => {
    expect(whereToBegin(list, () => undefined)?.id).toBe('b');
    expect(whereToBegin([summary('a', 1, 0), summary('b', 2, 0)], () => undefined)?.id).toBe('a');
    expect(whereToBegin([summary('a', 1, 3)], () => undefined)).toBeUndefined();
  });
});
