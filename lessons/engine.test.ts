import { describe, expect, it, vi } from 'vitest';
import { ClusterReader, tx } from '../core/check/index.ts';
import { Cluster } from '../core/cluster/cluster.ts';
import { deploymentStory } from './checks.ts';
import { LessonEngine } from './engine.ts';
import type { Lesson, Step } from './types.ts';
import { missing, ok } from './types.ts';

/** A lesson whose checks read flags the test sets, instead of the cluster. */
function fakeLesson(flags: Record<string, boolean>, explain = vi.fn(() => tx('because', '因为'))): Lesson {
  const step = (id: string): Step => ({
    id,
    hints: [],
    solution: { kind: 'kubectl', commands: [] },
    check: () => (flags[id] ? ok : missing(tx(`${id} missing`, `缺少 ${id}`))),
    explain,
  });
  return {
    id: 'fake',
    number: 99,
    title: tx('Fake', '假的'),
    summary: tx('', ''),
    start: {},
    steps: [step('a'), step('b'), step('c')],
  };
}

describe('LessonEngine.evaluate', () => {
  const cluster = new Cluster({ seed: 1 });

  it('stops at the first step that does not pass, with its detail, and does not check later steps', () => {
    const flags = { a: true, b: false, c: true };
    const p = new LessonEngine([fakeLesson(flags)]).evaluate('fake', cluster, []);
    expect(p.current).toBe(1);
    expect(p.complete).toBe(false);
    expect(p.steps.map((s) => s.passed)).toEqual([true, false, false]);
    expect(p.steps[1]?.detail?.en).toBe('b missing');
    expect(p.steps[2]?.detail).toBeUndefined();
    expect(p.steps[0]?.explanation?.['zh-CN']).toBe('因为');
  });

  it('keeps passed steps passed (sticky), even when their check no longer holds', () => {
    const flags = { a: false, b: true, c: false };
    const p = new LessonEngine([fakeLesson(flags)]).evaluate('fake', cluster, ['a']);
    expect(p.steps.map((s) => s.passed)).toEqual([true, true, false]);
    expect(p.current).toBe(2);
  });

  it('shows a saved step passed even when an earlier one is not', () => {
    const p = new LessonEngine([fakeLesson({})]).evaluate('fake', cluster, ['b']);
    expect(p.steps.map((s) => s.passed)).toEqual([false, true, false]);
    expect(p.current).toBe(0);
  });

  it('is complete when every step passed; current is then past the last step', () => {
    const p = new LessonEngine([fakeLesson({ a: true, b: true, c: true })]).evaluate('fake', cluster, []);
    expect(p).toMatchObject({ complete: true, current: 3, lessonId: 'fake' });
  });

  it('asks for an explanation once per step and cluster', () => {
    const explain = vi.fn(() => tx('x', '某'));
    const engine = new LessonEngine([fakeLesson({ a: true }, explain)]);
    engine.evaluate('fake', cluster, []);
    engine.evaluate('fake', cluster, ['a']);
    expect(explain).toHaveBeenCalledTimes(1);
    engine.evaluate('fake', new Cluster({ seed: 2 }), ['a']);
    expect(explain).toHaveBeenCalledTimes(2);
  });

  it('turns a throwing check into a detail instead of failing the host', () => {
    const lesson = fakeLesson({});
    lesson.steps[0]!.check = () => {
      throw new Error('boom');
    };
    const p = new LessonEngine([lesson]).evaluate('fake', cluster, []);
    expect(p.steps[0]?.detail?.en).toContain('boom');
  });
});

describe('LessonEngine.list and view', () => {
  it('counts passed steps from saved progress, ignoring unknown ids', () => {
    const engine = new LessonEngine([fakeLesson({})]);
    expect(engine.list({ fake: ['a', 'zz'] })).toEqual([
      { id: 'fake', number: 99, title: tx('Fake', '假的'), summary: tx('', ''), steps: 3, passed: 1 },
    ]);
    expect(engine.list({})[0]?.passed).toBe(0);
  });

  it('has no view of an unknown lesson, and refuses to set it up', () => {
    const engine = new LessonEngine([]);
    expect(engine.view('nope')).toBeUndefined();
    expect(() => engine.setup('nope', new Cluster())).toThrow(/no lesson/);
  });
});

describe('explanations without a trace', () => {
  it('say the trace is gone instead of showing an empty story (a restored lab)', () => {
    const text = deploymentStory(new ClusterReader(new Cluster({ seed: 3 })), 'nginx-deployment');
    expect(text.en).toContain('no longer holds these events');
    expect(text['zh-CN']).toContain('trace');
  });
});
