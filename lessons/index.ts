/**
 * The lessons: the catalogue, in course order, and the LessonService the host
 * serves them through. See README.md for the format of a lesson folder.
 */
import type { LessonService } from '../core/protocol/lessons.ts';
import { firstApp } from './01-first-app/lesson.ts';
import { architecture } from './02-architecture/lesson.ts';
import { declarative } from './03-declarative/lesson.ts';
import { deployments } from './04-deployments/lesson.ts';
import { scalingFailover } from './05-scaling-failover/lesson.ts';
import { nodeSelector } from './06-node-selector/lesson.ts';
import { daemonSet } from './07-daemonset/lesson.ts';
import { jobs } from './08-jobs/lesson.ts';
import { servicesDns } from './09-services-dns/lesson.ts';
import { externalAccess } from './10-external-access/lesson.ts';
import { rollingUpdate } from './11-rolling-update/lesson.ts';
import { healthChecks } from './12-health-checks/lesson.ts';
import { volumes } from './13-volumes/lesson.ts';
import { pvPvc } from './14-pv-pvc/lesson.ts';
import { storageClass } from './15-storageclass/lesson.ts';
import { mysqlData } from './16-mysql-data/lesson.ts';
import { secretsConfigMaps } from './17-secrets-configmaps/lesson.ts';
import { statefulSet } from './18-statefulset/lesson.ts';
import { resources } from './19-resources/lesson.ts';
import { networkPolicy } from './20-network-policy/lesson.ts';
import { canary } from './21-canary/lesson.ts';
import { LessonEngine } from './engine.ts';
import type { Lesson } from './types.ts';

export const LESSONS: readonly Lesson[] = [
  firstApp,
  architecture,
  declarative,
  deployments,
  scalingFailover,
  nodeSelector,
  daemonSet,
  jobs,
  servicesDns,
  externalAccess,
  rollingUpdate,
  healthChecks,
  volumes,
  pvPvc,
  storageClass,
  mysqlData,
  secretsConfigMaps,
  statefulSet,
  resources,
  networkPolicy,
  canary,
];

export function createLessonService(): LessonService {
  return new LessonEngine(LESSONS);
}

export type { Lesson, Step, Solution, StartState, CheckResult } from './types.ts';
