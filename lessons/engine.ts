/**
 * The lesson engine: the host's LessonService over the lesson catalogue.
 * Steps are sequential: a step is checked only once every step before it has
 * passed, and a passed step stays passed (progress is sticky, saved as step
 * ids). Explanations are asked of a step once, when its check first holds,
 * while the trace still has the story, and kept per cluster.
 */
import { ClusterReader, tx } from '../core/check/index.ts';
import type { Text } from '../core/check/index.ts';
import type { Cluster } from '../core/cluster/cluster.ts';
import type { LessonService } from '../core/protocol/lessons.ts';
import type { LessonProgress, LessonStepView, LessonSummary, LessonView } from '../core/protocol/messages.ts';
import { lessonFile } from './files.ts';
import { parseStepMarkdown } from './markdown.ts';
import { buildStartState, folderOf } from './setup.ts';
import type { CheckResult, Lesson, Solution, Step } from './types.ts';

type StepProgress = LessonProgress['steps'][number];

export class LessonEngine implements LessonService {
  private readonly byId: Map<string, Lesson>;
  private readonly views = new Map<string, LessonView>();
  /** Explanations per cluster, by `lessonId/stepId`: a reset (a new cluster) forgets them. */
  private readonly explanations = new WeakMap<Cluster, Map<string, Text>>();

  constructor(readonly lessons: readonly Lesson[]) {
    this.byId = new Map(lessons.map((l) => [l.id, l]));
    if (this.byId.size !== lessons.length) throw new Error('BUG: two lessons share an id');
  }

  list(passed: Readonly<Record<string, readonly string[]>>): LessonSummary[] {
    return [...this.lessons]
      .sort((a, b) => a.number - b.number)
      .map((l) => ({
        id: l.id,
        number: l.number,
        title: l.title,
        summary: l.summary,
        steps: l.steps.length,
        passed: l.steps.filter((s) => passed[l.id]?.includes(s.id)).length,
      }));
  }

  view(id: string): LessonView | undefined {
    const lesson = this.byId.get(id);
    if (!lesson) return undefined;
    let v = this.views.get(id);
    if (!v) {
      v = lessonView(lesson);
      this.views.set(id, v);
    }
    return v;
  }

  setup(id: string, cluster: Cluster): void {
    buildStartState(this.lesson(id), cluster);
  }

  evaluate(id: string, cluster: Cluster, passed: readonly string[]): LessonProgress {
    const lesson = this.lesson(id);
    const reader = new ClusterReader(cluster);
    const steps: StepProgress[] = [];
    let current = -1;
    for (const [i, step] of lesson.steps.entries()) {
      const sticky = passed.includes(step.id);
      // Later steps wait for the current one: their checks may assume what it set up.
      const result = sticky || current >= 0 ? undefined : safeCheck(step, reader);
      if (sticky || result?.ok) {
        const explanation = this.explanation(cluster, lesson, step, reader);
        steps.push({ id: step.id, passed: true, ...(explanation ? { explanation } : {}) });
        continue;
      }
      if (current < 0) current = i;
      steps.push({ id: step.id, passed: false, ...(result && !result.ok ? { detail: result.detail } : {}) });
    }
    const complete = current < 0;
    return { lessonId: id, current: complete ? lesson.steps.length : current, steps, complete };
  }

  private lesson(id: string): Lesson {
    const lesson = this.byId.get(id);
    if (!lesson) throw new Error(`no lesson "${id}"`);
    return lesson;
  }

  private explanation(cluster: Cluster, lesson: Lesson, step: Step, reader: ClusterReader): Text | undefined {
    if (!step.explain) return undefined;
    let cache = this.explanations.get(cluster);
    if (!cache) {
      cache = new Map();
      this.explanations.set(cluster, cache);
    }
    const key = `${lesson.id}/${step.id}`;
    let text = cache.get(key);
    if (!text) {
      text = safeExplain(step, reader);
      if (text) cache.set(key, text);
    }
    return text;
  }
}

/** A throwing check is a bug in the lesson; the learner gets a message instead of a stuck host. */
function safeCheck(step: Step, reader: ClusterReader): CheckResult {
  try {
    return step.check(reader);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return { ok: false, detail: tx(`This step’s check failed: ${msg}`, `此步骤的检查出错：${msg}`) };
  }
}

function safeExplain(step: Step, reader: ClusterReader): Text | undefined {
  try {
    return step.explain?.(reader);
  } catch {
    return undefined;
  }
}

/** What the UI shows of a lesson: texts from the step files, solutions with their YAML. */
export function lessonView(lesson: Lesson): LessonView {
  const folder = folderOf(lesson);
  const steps = lesson.steps.map((step, i): LessonStepView => {
    const base = `${folder}/steps/${String(i + 1).padStart(2, '0')}-${step.id}`;
    const en = parseStepMarkdown(lessonFile(`${base}.en.md`), `${base}.en.md`);
    const zh = parseStepMarkdown(lessonFile(`${base}.zh-CN.md`), `${base}.zh-CN.md`);
    return {
      id: step.id,
      title: { en: en.title, 'zh-CN': zh.title },
      goal: { en: en.goal, 'zh-CN': zh.goal },
      text: { en: en.text, 'zh-CN': zh.text },
      hints: step.hints,
      solution: solutionView(folder, step.solution),
    };
  });
  return { id: lesson.id, number: lesson.number, title: lesson.title, summary: lesson.summary, steps };
}

function solutionView(folder: string, s: Solution): LessonStepView['solution'] {
  switch (s.kind) {
    case 'manifest':
      return { kind: 'manifest', yaml: lessonFile(`${folder}/${s.file}`), file: s.tab ?? s.file };
    case 'kubectl':
      return { kind: 'kubectl', commands: [...s.commands] };
    case 'action':
      return { kind: 'action', description: s.description };
  }
}
