import { describe, expect, it } from 'vitest';
import { parseStepMarkdown } from './markdown.ts';
import { isBundled, renderFilesModule } from './bundle.ts';

describe('parseStepMarkdown', () => {
  it('splits title, goal and text at the first "---" line', () => {
    const s = parseStepMarkdown('\n# Apply it\n\nCreate **it**.\n\n---\n\nText\n\n---\n\nmore\n', 'x.md');
    expect(s).toEqual({ title: 'Apply it', goal: 'Create **it**.', text: 'Text\n\n---\n\nmore' });
  });

  it('rejects files without a title, a separator, a goal or a text', () => {
    expect(() => parseStepMarkdown('Goal\n---\nText', 'a.md')).toThrow(/a.md: a step file starts/);
    expect(() => parseStepMarkdown('# T\nGoal\nText', 'b.md')).toThrow(/separates/);
    expect(() => parseStepMarkdown('# T\n---\nText', 'c.md')).toThrow(/goal/);
    expect(() => parseStepMarkdown('# T\nGoal\n---\n', 'd.md')).toThrow(/text/);
  });
});

describe('the file bundle', () => {
  it('takes the .md and .yaml files of lesson folders only', () => {
    expect(isBundled('01-first-app/steps/01-apply.en.md')).toBe(true);
    expect(isBundled('03-declarative/nginx-deployment-v2.yaml')).toBe(true);
    expect(isBundled('README.md')).toBe(false);
    expect(isBundled('01-first-app/lesson.ts')).toBe(false);
  });

  it('renders a module of sorted string constants', () => {
    const src = renderFilesModule({ '02-b/x.yaml': 'b: "2"\n', '01-a/y.md': '# `a`\n', 'engine.ts': 'no' });
    expect(src).toContain('"01-a/y.md": "# `a`\\n",\n  "02-b/x.yaml": "b: \\"2\\"\\n",');
    expect(src).not.toContain('engine.ts');
  });
});
