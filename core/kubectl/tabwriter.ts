/**
 * Column alignment as Go's text/tabwriter does it for kubectl's printers:
 * a cell is text followed by a tab; the text after a line's last tab is not
 * padded. `get` uses minwidth 6 and padding 3 (cli-runtime GetNewTabWriter),
 * `rollout history` minwidth 0 and padding 2. Column blocks end at a line
 * without that column, as in Go.
 */

export interface TabOptions {
  minWidth: number;
  padding: number;
}

export const GET_TABS: TabOptions = { minWidth: 6, padding: 3 };
export const HISTORY_TABS: TabOptions = { minWidth: 0, padding: 2 };

const runes = (s: string): number => [...s].length;

/** Align tab-separated lines. */
export function alignTabs(text: string, opts: TabOptions = GET_TABS): string {
  const lines = text.split('\n');
  const trailingNewline = lines[lines.length - 1] === '';
  if (trailingNewline) lines.pop();
  const cells = lines.map((l) => l.split('\t'));
  const widths = cells.map((c) => c.map(() => 0));
  fillWidths(cells, widths, 0, 0, cells.length, opts);
  const out = cells.map((row, i) =>
    row
      .map((cell, j) =>
        j < row.length - 1 ? cell + ' '.repeat(Math.max(0, (widths[i]?.[j] ?? 0) - runes(cell))) : cell,
      )
      .join(''),
  );
  return out.join('\n') + (trailingNewline ? '\n' : '');
}

/** Go's format(): blocks of consecutive lines having a terminated cell in `column`. */
function fillWidths(
  cells: string[][],
  widths: number[][],
  column: number,
  from: number,
  to: number,
  opts: TabOptions,
): void {
  let i = from;
  while (i < to) {
    if ((cells[i]?.length ?? 0) - 1 <= column) {
      i++;
      continue;
    }
    const start = i;
    let width = opts.minWidth;
    for (; i < to && (cells[i]?.length ?? 0) - 1 > column; i++)
      width = Math.max(width, runes(cells[i]?.[column] ?? '') + opts.padding);
    for (let k = start; k < i; k++) (widths[k] ?? [])[column] = width;
    fillWidths(cells, widths, column + 1, start, i, opts);
  }
}
