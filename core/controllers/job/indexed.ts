/**
 * Indexed completion mode (pkg/controller/job/indexed_job_utils.go): each pod
 * carries its completion index in an annotation and a label; `completedIndexes`
 * is the compressed interval list "0-2,4,6-7".
 */
import type { KubeObject } from '../../api/types.ts';
import { podPhase } from '../podutil.ts';
import { hasTrackingFinalizer } from './pods.ts';

export const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';
export const COMPLETION_INDEX_ENV = 'JOB_COMPLETION_INDEX';

/** The pod's completion index, or undefined when missing or malformed. */
export function completionIndex(pod: KubeObject): number | undefined {
  const v = pod.metadata.annotations?.[COMPLETION_INDEX];
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  return Number(v);
}

/** "1,3-5,7" → [1,3,4,5,7], ignoring indexes ≥ completions. */
export function parseIndexes(s: string | undefined, completions: number): number[] {
  const out: number[] = [];
  for (const part of (s ?? '').split(',')) {
    if (!part) continue;
    const [a, b] = part.split('-');
    const from = Number(a);
    const to = b === undefined ? from : Number(b);
    for (let i = from; i <= to && i < completions; i++) out.push(i);
  }
  return out;
}

/** [0,1,2,4] → "0-2,4". */
export function formatIndexes(indexes: Iterable<number>): string {
  const sorted = [...new Set(indexes)].sort((x, y) => x - y);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** calculateSucceededIndexes: recorded ones plus those of succeeded pods still holding the finalizer. */
export function succeededIndexes(
  completedIndexes: string | undefined,
  pods: KubeObject[],
  completions: number,
): { prev: Set<number>; all: Set<number> } {
  const prev = new Set(parseIndexes(completedIndexes, completions));
  const all = new Set(prev);
  for (const p of pods) {
    const ix = completionIndex(p);
    if (podPhase(p) === 'Succeeded' && hasTrackingFinalizer(p) && ix !== undefined && ix < completions) all.add(ix);
  }
  return { prev, all };
}

/** firstPendingIndexes: the lowest indexes neither succeeded nor held by an active pod. */
export function firstPendingIndexes(
  active: KubeObject[],
  succeeded: Set<number>,
  count: number,
  completions: number,
): number[] {
  const taken = new Set(succeeded);
  for (const p of active) {
    const ix = completionIndex(p);
    if (ix !== undefined) taken.add(ix);
  }
  const out: number[] = [];
  for (let i = 0; i < completions && out.length < count; i++) if (!taken.has(i)) out.push(i);
  return out;
}

/** appendDuplicatedIndexPodsForRemoval: active pods with no valid index, or a repeated one. */
export function duplicatedIndexPods(active: KubeObject[], completions: number): KubeObject[] {
  const seen = new Set<number>();
  const out: KubeObject[] = [];
  const sorted = [...active].sort((a, b) => (completionIndex(a) ?? -1) - (completionIndex(b) ?? -1));
  for (const p of sorted) {
    const ix = completionIndex(p);
    if (ix === undefined || ix >= completions || seen.has(ix)) out.push(p);
    else seen.add(ix);
  }
  return out;
}

/** addCompletionIndexEnvVariables: JOB_COMPLETION_INDEX from the annotation, in every container. */
export function withCompletionIndexEnv(podSpec: Record<string, unknown>): void {
  for (const key of ['initContainers', 'containers']) {
    for (const c of (podSpec[key] as { env?: { name: string }[] }[] | undefined) ?? []) {
      const env = c.env ?? [];
      if (env.some((e) => e.name === COMPLETION_INDEX_ENV)) continue;
      c.env = [
        ...env,
        {
          name: COMPLETION_INDEX_ENV,
          valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: `metadata.annotations['${COMPLETION_INDEX}']` } },
        } as { name: string },
      ];
    }
  }
}
