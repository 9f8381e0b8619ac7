/**
 * A step's Markdown file: `# Title`, the goal, a `---` line, then the text.
 * Parsed when the lessons load; a malformed file is a bug in the lesson and
 * throws, which the self-tests catch.
 */

export interface StepText {
  title: string;
  goal: string;
  text: string;
}

export function parseStepMarkdown(source: string, path: string): StepText {
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  const heading = /^# (.+)$/.exec(lines[first] ?? '');
  if (!heading?.[1]) throw new Error(`${path}: a step file starts with "# Title"`);
  const rest = lines.slice(first + 1);
  const rule = rest.findIndex((l) => l.trim() === '---');
  if (rule < 0) throw new Error(`${path}: a "---" line separates the goal from the text`);
  const goal = rest.slice(0, rule).join('\n').trim();
  const text = rest
    .slice(rule + 1)
    .join('\n')
    .trim();
  if (!goal) throw new Error(`${path}: the goal (between the title and "---") is empty`);
  if (!text) throw new Error(`${path}: the text (after "---") is empty`);
  return { title: heading[1].trim(), goal, text };
}
