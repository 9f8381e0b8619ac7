/**
 * A port of Go's text/tabwriter as kubectl describe configures it
 * (minwidth 0, tabwidth 8, padding 2, padchar ' ', no flags). Cells are
 * tab-terminated; the text after a line's last tab is not part of a column.
 * A column block is a run of consecutive lines that all have a cell in that
 * column; each block gets the width of its widest cell plus padding.
 */

interface Cell {
  text: string;
  /** Width in runes, as Go counts it. */
  width: number;
}

const PADDING = 2;

export class TabWriter {
  private out = '';
  /** Complete lines waiting to be aligned; each is its cells. */
  private lines: Cell[][] = [];
  /** The line being written: finished cells and the open cell's text. */
  private current: Cell[] = [];
  private open = '';

  /** Append text; '\t' closes a cell, '\n' closes a line. */
  write(text: string): void {
    for (const ch of text) {
      if (ch === '\t') {
        this.closeCell();
      } else if (ch === '\n') {
        this.closeCell();
        this.lines.push(this.current);
        const cells = this.current.length;
        this.current = [];
        // A line with one cell cannot affect alignment of later lines, so Go
        // flushes there; doing the same keeps block boundaries identical.
        if (cells === 1) this.flush();
      } else {
        this.open += ch;
      }
    }
  }

  /** Format everything buffered so far (a partial line stays unterminated). */
  flush(): void {
    if (this.open !== '' || this.current.length > 0) {
      this.closeCell();
      this.lines.push(this.current);
      this.current = [];
      this.format(0, this.lines.length, [], true);
    } else {
      this.format(0, this.lines.length, [], false);
    }
    this.lines = [];
  }

  /** Flush and return all output. */
  toString(): string {
    this.flush();
    return this.out;
  }

  private closeCell(): void {
    this.current.push({ text: this.open, width: [...this.open].length });
    this.open = '';
  }

  /**
   * Go's Writer.format: find column blocks for column `widths.length`
   * recursively, then write lines once every column width left of them is known.
   */
  private format(line0: number, line1: number, widths: number[], partialLast: boolean): void {
    const column = widths.length;
    let start = line0;
    for (let i = line0; i < line1; i++) {
      if (column >= (this.lines[i]?.length ?? 0) - 1) continue;
      this.writeLines(start, i, widths, partialLast);
      start = i;
      let width = 0;
      for (; i < line1; i++) {
        const line = this.lines[i] ?? [];
        if (column >= line.length - 1) break;
        width = Math.max(width, (line[column]?.width ?? 0) + PADDING);
      }
      this.format(start, i, [...widths, width], partialLast);
      start = i;
      // The outer loop's i++ must not skip the line that ended the block.
      i--;
    }
    this.writeLines(start, line1, widths, partialLast);
  }

  private writeLines(line0: number, line1: number, widths: number[], partialLast: boolean): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i] ?? [];
      line.forEach((cell, j) => {
        this.out += cell.text;
        const w = widths[j];
        if (j < widths.length && w !== undefined) this.out += ' '.repeat(Math.max(0, w - cell.width));
      });
      const isPartial = partialLast && i === this.lines.length - 1;
      if (!isPartial) this.out += '\n';
    }
  }
}

/** Align tab-separated text the way kubectl describe's tabbedString does. */
export function tabbed(text: string): string {
  const w = new TabWriter();
  w.write(text);
  return w.toString();
}
