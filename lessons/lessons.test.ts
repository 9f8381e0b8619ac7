/**
 * The lessons test themselves: on a fresh cluster in the start state every
 * step's check fails; the start state plus each step's solution, in order,
 * passes each check within a bounded virtual time, and the engine then
 * reports the lesson complete, with an explanation for every step that has one.
 */
import { describe, expect, it } from 'vitest';
import { ClusterReader } from '../core/check/index.ts';
import { ApiServer } from '../core/apiserver/server.ts';
import { Cluster } from '../core/cluster/cluster.ts';
import { runKubectl } from '../core/kubectl/index.ts';
import { applyManifest } from '../core/manifest/apply.ts';
import { parseManifest } from '../core/manifest/parse.ts';
import { lessonFilePaths } from './files.ts';
import { LESSONS, createLessonService } from './index.ts';
import { folderOf } from './setup.ts';
import type { Lesson, Solution } from './types.ts';

/** Virtual seconds a step's solution may take to satisfy its check. */
const STEP_LIMIT_S = 120;

function freshLesson(lesson: Lesson) {
  const cluster = new Cluster({ seed: 7 });
  const server = new ApiServer(cluster, {
    setClockMode: (mode, speed) => ({ mode, speed }),
    clockMode: () => ({ mode: 'manual', speed: 1 }),
  });
  const service = createLessonService();
  service.setup(lesson.id, cluster);
  return { cluster, server, service, reader: new ClusterReader(cluster) };
}

function perform(solution: Solution, yaml: string | undefined, cluster: Cluster, server: ApiServer): void {
  if (solution.kind === 'action') return solution.solve(cluster);
  if (solution.kind === 'manifest') {
    const report = applyManifest(cluster.api, yaml ?? '', { actor: { component: 'kubelab-editor', reason: 'test' } });
    expect(report.ok, JSON.stringify(report.results.map((r) => r.error?.message))).toBe(true);
    return;
  }
  for (const line of solution.commands) {
    const [kubectl, ...argv] = line.split(/\s+/);
    expect(kubectl).toBe('kubectl');
    const r = runKubectl(argv, { server });
    expect(r.exitCode, `${line}: ${r.stderr}`).toBe(0);
  }
}

describe.each(LESSONS.map((l) => [`${l.number} ${l.title.en}`, l] as const))('lesson %s', (_, lesson) => {
  it('has 3–6 steps, each with text in both languages, hints and a runnable solution', () => {
    const view = createLessonService().view(lesson.id);
    expect(view?.steps).toHaveLength(lesson.steps.length);
    expect(lesson.steps.length).toBeGreaterThanOrEqual(3);
    expect(lesson.steps.length).toBeLessThanOrEqual(6);
    for (const step of view?.steps ?? []) {
      for (const t of [step.title, step.goal, step.text, ...step.hints]) {
        expect(t.en.trim(), step.id).not.toBe('');
        expect(t['zh-CN'].trim(), step.id).not.toBe('');
        expect(t['zh-CN'], step.id).toMatch(/[\u4e00-\u9fff]/);
      }
      expect(step.hints.length, step.id).toBeGreaterThan(0);
      if (step.solution.kind === 'manifest') expect(parseManifest(step.solution.yaml).errors).toEqual([]);
    }
  });

  it('has no step files that belong to no step', () => {
    const folder = folderOf(lesson);
    const expected = lesson.steps.flatMap((s, i) =>
      ['en', 'zh-CN'].map((l) => `${folder}/steps/${String(i + 1).padStart(2, '0')}-${s.id}.${l}.md`),
    );
    const actual = lessonFilePaths().filter((p) => p.startsWith(`${folder}/steps/`));
    expect(actual.sort()).toEqual(expected.sort());
  });

  it('fails every step’s check in its start state', () => {
    const { reader } = freshLesson(lesson);
    for (const step of lesson.steps) {
      const r = step.check(reader);
      expect(r.ok, step.id).toBe(false);
      if (!r.ok) expect(r.detail['zh-CN'], step.id).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('passes every step with its solution, in order, within bounded virtual time', () => {
    const { cluster, server, service, reader } = freshLesson(lesson);
    const view = service.view(lesson.id)!;
    const passed: string[] = [];
    for (const [i, step] of lesson.steps.entries()) {
      const shown = view.steps[i]!.solution;
      perform(step.solution, shown.kind === 'manifest' ? shown.yaml : undefined, cluster, server);
      let waited = 0;
      while (!step.check(reader).ok && waited < STEP_LIMIT_S) {
        cluster.advance(1);
        waited++;
      }
      const result = step.check(reader);
      expect(result.ok ? 'ok' : result.detail.en, `step ${step.id} after ${waited}s`).toBe('ok');
      const progress = service.evaluate(lesson.id, cluster, passed);
      expect(progress.steps[i]?.passed, step.id).toBe(true);
      if (step.explain) {
        expect(progress.steps[i]?.explanation?.en, step.id).toBeTruthy();
        expect(progress.steps[i]?.explanation?.['zh-CN'], step.id).toMatch(/[\u4e00-\u9fff]/);
      }
      passed.push(step.id);
    }
    const final = service.evaluate(lesson.id, cluster, passed);
    expect(final.complete).toBe(true);
    expect(final.current).toBe(lesson.steps.length);
  });
});
