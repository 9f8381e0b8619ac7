/**
 * Printing a server Table as `kubectl get` does (cli-runtime
 * `printers/tableprinter.go`): priority-1 columns only with `-o wide`,
 * upper-case headers, a NAMESPACE column with `-A`, `kind/` name prefixes when
 * several types are printed, `-L` label columns and `--show-labels`.
 */
import type { Table, TableCell, TableRow } from '../printers/index.ts';

export interface TableOptions {
  wide: boolean;
  noHeaders: boolean;
  withNamespace: boolean;
  /** `deployment.apps`, set when rows get a kind prefix. */
  kindPrefix?: string;
  showLabels: boolean;
  columnLabels: string[];
}

interface RowMeta {
  namespace?: string;
  labels?: Record<string, string>;
}

/** Tab-separated lines (header first) of a table; empty when it has no rows. */
export function tableLines(table: Table, rows: TableRow[], o: TableOptions): string[] {
  if (rows.length === 0) return [];
  const shown = table.columnDefinitions.map((c, i) => ({ c, i })).filter(({ c }) => o.wide || c.priority === 0);
  const nameColumn = table.columnDefinitions.findIndex((c) => c.format === 'name' && c.type === 'string');
  const lines: string[] = [];
  if (!o.noHeaders) {
    const headers = [
      ...(o.withNamespace ? ['NAMESPACE'] : []),
      ...shown.map(({ c }) => c.name.toUpperCase()),
      ...o.columnLabels.map((l) => (l.split('/').pop() ?? l).toUpperCase()),
      ...(o.showLabels ? ['LABELS'] : []),
    ];
    lines.push(headers.join('\t'));
  }
  for (const row of rows) {
    const meta = (row.object as { metadata?: RowMeta } | null | undefined)?.metadata ?? {};
    const cells = shown.map(({ i }) => {
      const text = cellText(row.cells[i]);
      return i === nameColumn && o.kindPrefix ? `${o.kindPrefix}/${text}` : text;
    });
    lines.push(
      [
        ...(o.withNamespace ? [meta.namespace ?? ''] : []),
        ...cells,
        ...o.columnLabels.map((l) => meta.labels?.[l] ?? ''),
        ...(o.showLabels ? [formatLabels(meta.labels)] : []),
      ].join('\t'),
    );
  }
  return lines;
}

/** fmt.Sprint of a cell; null prints as nothing. */
export function cellText(cell: TableCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  return String(cell);
}

/** labels.FormatLabels: sorted `k=v` joined by commas, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels?.[k] ?? ''}`).join(',');
}
