import { describe, expect, it } from 'vitest';
import { renderInlineMarkdown, renderMarkdown } from './markdown.ts';

describe('renderMarkdown', () => {
  it('renders lesson Markdown: emphasis, inline code, lists', () => {
    const html = renderMarkdown('Apply **it**: `kubectl apply`\n\n- one\n- two', 'Copy');
    expect(html).toContain('<strong>it</strong>');
    expect(html).toContain('<code>kubectl apply</code>');
    expect(html).toContain('<li>one</li>');
  });

  it('gives code blocks a copy button and escapes their text', () => {
    const html = renderMarkdown('```\nkubectl get pods <name>\n```', '复制');
    expect(html).toContain('<pre><code>kubectl get pods &lt;name&gt;</code></pre>');
    expect(html).toContain('data-copy aria-label="复制"');
  });
});

describe('renderInlineMarkdown', () => {
  it('renders a summary line: code and bold, no paragraph around it', () => {
    expect(renderInlineMarkdown('The book’s `mypv1` and **Recycle**')).toBe(
      'The book’s <code>mypv1</code> and <strong>Recycle</strong>',
    );
  });
});
