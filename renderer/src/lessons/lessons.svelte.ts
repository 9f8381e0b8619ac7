/**
 * The lesson panel's state: the catalogue, lesson views fetched on demand,
 * which lesson is open and which one the host checks (the active lesson),
 * and starting or resetting a lesson. Live progress comes from the host's
 * `lessonProgress` pushes (lab.progress) and from lessonStart's answer,
 * whichever is newer (see progress.ts).
 */
import type { LessonProgress, LessonSummary, LessonView } from '../../../core/protocol/index.ts';
import type { Lab } from '../lib/lab.svelte.ts';
import { t } from '../lib/i18n/index.svelte.ts';
import { latestProgress } from './progress.ts';
import type { StartedProgress } from './progress.ts';

export class LessonsModel {
  #list = $state.raw<LessonSummary[] | undefined>();
  #views = $state.raw<Record<string, LessonView>>({});
  #started = $state.raw<Record<string, StartedProgress>>({});
  #openId = $state.raw<string | undefined>();
  #activeId = $state.raw<string | undefined>();
  #busy = $state.raw<'start' | 'reset' | undefined>();
  #loadError = $state.raw<string | undefined>();

  constructor(private readonly lab: Lab) {
    this.#activeId = lab.workspace.activeLesson;
  }

  get list(): LessonSummary[] | undefined {
    return this.#list;
  }
  get loadError(): string | undefined {
    return this.#loadError;
  }
  get busy(): 'start' | 'reset' | undefined {
    return this.#busy;
  }
  /** The lesson the host checks against the cluster. */
  get activeId(): string | undefined {
    return this.#activeId;
  }
  get openView(): LessonView | undefined {
    return this.#openId ? this.#views[this.#openId] : undefined;
  }
  summaryOf(id: string): LessonSummary | undefined {
    return this.#list?.find((l) => l.id === id);
  }
  progressOf(id: string): LessonProgress | undefined {
    return latestProgress(this.lab.progress[id], this.#started[id]);
  }

  /** Fetch the catalogue, and reopen the lesson the learner was on. */
  async load(): Promise<void> {
    try {
      this.#list = await this.lab.client.request({ type: 'lessons' });
      this.#loadError = undefined;
      if (this.#activeId) await this.open(this.#activeId);
    } catch (e) {
      this.#loadError = message(e);
    }
  }

  async open(id: string): Promise<void> {
    if (!this.#views[id]) {
      try {
        const view = await this.lab.client.request({ type: 'lesson', lessonId: id });
        this.#views = { ...this.#views, [id]: view };
      } catch (e) {
        this.lab.notify('error', t('lessons.openFailed', { message: message(e) }));
        return;
      }
    }
    this.#openId = id;
  }

  back(): void {
    this.#openId = undefined;
  }

  /** Start (or, with `reset`, restart from a fresh cluster) a lesson; it becomes the active one. */
  async start(id: string, reset: boolean): Promise<void> {
    if (this.#busy) return;
    this.#busy = reset ? 'reset' : 'start';
    try {
      const progress = await this.lab.client.request({
        type: 'lessonStart',
        lessonId: id,
        ...(reset ? { reset: true } : {}),
      });
      this.#started = { ...this.#started, [id]: { progress, pushedBefore: this.lab.progress[id] } };
      this.#activeId = id;
      this.lab.saveSoon({ activeLesson: id });
      this.#list = await this.lab.client.request({ type: 'lessons' });
    } catch (e) {
      this.lab.notify('error', t('lessons.startFailed', { message: message(e) }));
    } finally {
      this.#busy = undefined;
    }
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
