/**
 * Lesson Markdown to HTML with `marked`. The content is the lab's own (lesson
 * files served by the host), so it is not sanitised; code blocks get a copy
 * button that Markdown.svelte handles by delegation.
 */
import { Marked } from 'marked';

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function makeMarked(copyLabel: string): Marked {
  return new Marked({
    gfm: true,
    renderer: {
      code({ text, lang }) {
        const cls = lang ? ` class="language-${escapeAttr(lang)}"` : '';
        const label = escapeAttr(copyLabel);
        return `<div class="code"><pre><code${cls}>${escapeHtml(text)}</code></pre><button type="button" class="copy" data-copy aria-label="${label}" title="${label}">${escapeHtml(copyLabel)}</button></div>\n`;
      },
    },
  });
}

const instances = new Map<string, Marked>();

/** HTML for a lesson's Markdown; `copyLabel` names the copy button of code blocks. */
export function renderMarkdown(markdown: string, copyLabel: string): string {
  let m = instances.get(copyLabel);
  if (!m) {
    m = makeMarked(copyLabel);
    instances.set(copyLabel, m);
  }
  return m.parse(markdown, { async: false });
}

const inline = new Marked({ gfm: true });

/** HTML for one line of lesson Markdown (a summary): `code`, **bold**, links; no paragraph around it. */
export function renderInlineMarkdown(markdown: string): string {
  return inline.parseInline(markdown, { async: false });
}
