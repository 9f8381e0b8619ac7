/**
 * Editor tabs as plain data: ids, titles, which tab to show after a close, file names. The
 * components keep the text in Monaco models; these rules are pure and unit-tested.
 */
import type { EditorTab } from '../../../core/protocol/index.ts';

/** A fresh id, unique among `tabs` and safe in a URI (`tab-7`). */
export function newTabId(tabs: readonly { id: string }[]): string {
  let max = 0;
  for (const t of tabs) {
    const m = /^tab-(\d+)$/.exec(t.id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `tab-${max + 1}`;
}

/** A title as typed, made a file name: trimmed, no path separators, `.yaml` unless it has an extension. */
export function cleanTitle(raw: string, fallback: string): string {
  const name = raw.trim().replace(/[\\/]+/g, '-');
  if (!name) return fallback;
  return /\.[A-Za-z0-9]+$/.test(name) ? name : `${name}.yaml`;
}

/** `title`, or `name-2.yaml`, `name-3.yaml`… when another tab has it. */
export function uniqueTitle(title: string, tabs: readonly { title: string }[]): string {
  const taken = new Set(tabs.map((t) => t.title));
  if (!taken.has(title)) return title;
  const dot = title.lastIndexOf('.');
  const [base, ext] = dot > 0 ? [title.slice(0, dot), title.slice(dot)] : [title, ''];
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}${ext}`)) return `${base}-${n}${ext}`;
}

/** The tabs without `id`, and the tab to show next: the same one, or the closed one's neighbour. */
export function closeTab(
  tabs: readonly EditorTab[],
  id: string,
  active: string | undefined,
): { tabs: EditorTab[]; active: string | undefined } {
  const i = tabs.findIndex((t) => t.id === id);
  if (i < 0) return { tabs: [...tabs], active };
  const rest = tabs.filter((t) => t.id !== id);
  if (active !== id) return { tabs: rest, active };
  return { tabs: rest, active: (rest[i] ?? rest[i - 1])?.id };
}

/** The tab a restored workspace shows: the saved active one if it still exists, else the first. */
export function restoredActive(tabs: readonly EditorTab[], active: string | undefined): string | undefined {
  return tabs.some((t) => t.id === active) ? active : tabs[0]?.id;
}

/** The tab an `open(text, title)` from another pane should use: the one with that title, if any. */
export function tabWithTitle(tabs: readonly EditorTab[], title: string): EditorTab | undefined {
  return tabs.find((t) => t.title === title);
}

/** The next tab in a direction (arrow keys in the tab bar), wrapping around. */
export function neighbour(tabs: readonly { id: string }[], id: string, step: 1 | -1): string | undefined {
  const i = tabs.findIndex((t) => t.id === id);
  if (i < 0 || tabs.length === 0) return tabs[0]?.id;
  return tabs[(i + step + tabs.length) % tabs.length]!.id;
}
