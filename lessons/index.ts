/**
 * The lessons: the catalogue, in course order, and the LessonService the host
 * serves them through. See README.md for the format of a lesson folder.
 */
import type { LessonService } from '../core/protocol/lessons.ts';
import { firstApp } from './01-first-app/lesson.ts';
import { architecture } from './02-architecture/lesson.ts';
import { declarative } from './03-declarative/lesson.ts';
import { LessonEngine } from './engine.ts';
import type { Lesson } from './types.ts';

export const LESSONS: readonly Lesson[] = [firstApp, architecture, declarative];

export function createLessonService(): LessonService {
  return new LessonEngine(LESSONS);
}

export type { Lesson, Step, Solution, StartState, CheckResult } from './types.ts';
