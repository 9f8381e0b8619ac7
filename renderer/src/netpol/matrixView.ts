/**
 * The connectivity matrix and the what-if box as data: the glyph of a cell,
 * moving through the grid with the keys, reading the port box, the pods a
 * picker offers, and the pod pairs behind a label-group cell.
 */
import type { KubeObject } from '../../../core/api/types.ts';
import type { CellState, MatrixGroup, PeerRef } from '../../../core/protocol/index.ts';

export const CELL_GLYPH: Readonly<Record<CellState, string>> = { allowed: '✓', denied: '✗', partial: '◐' };

export interface Pos {
  row: number;
  col: number;
}

/** Where a key moves the grid's focus (arrows, Home/End in the row, Ctrl+Home/End to the corners), or undefined. */
export function step(pos: Pos, e: { key: string; ctrlKey?: boolean }, rows: number, cols: number): Pos | undefined {
  if (!rows || !cols) return undefined;
  const clamp = (n: number, max: number) => Math.max(0, Math.min(max - 1, n));
  switch (e.key) {
    case 'ArrowUp':
      return { row: clamp(pos.row - 1, rows), col: pos.col };
    case 'ArrowDown':
      return { row: clamp(pos.row + 1, rows), col: pos.col };
    case 'ArrowLeft':
      return { row: pos.row, col: clamp(pos.col - 1, cols) };
    case 'ArrowRight':
      return { row: pos.row, col: clamp(pos.col + 1, cols) };
    case 'Home':
      return e.ctrlKey ? { row: 0, col: 0 } : { row: pos.row, col: 0 };
    case 'End':
      return e.ctrlKey ? { row: rows - 1, col: cols - 1 } : { row: pos.row, col: cols - 1 };
    default:
      return undefined;
  }
}

/** The port box: empty → undefined (each destination's first port), a port number, or 'invalid'. */
export function parsePort(text: string): number | undefined | 'invalid' {
  const s = text.trim();
  if (!s) return undefined;
  if (!/^\d{1,5}$/.test(s)) return 'invalid';
  const n = Number(s);
  return n >= 1 && n <= 65535 ? n : 'invalid';
}

export interface PodOption {
  /** `namespace/name` */
  value: string;
  label: string;
}

/** Pods a picker offers: running ones (not finished), by namespace and name. */
export function podOptions(pods: readonly KubeObject[], namespace?: string): PodOption[] {
  const several = namespace === undefined && new Set(pods.map((p) => p.metadata.namespace)).size > 1;
  return pods
    .filter((p) => {
      const phase = (p.status as { phase?: string } | undefined)?.phase;
      return (
        phase !== 'Succeeded' && phase !== 'Failed' && (namespace === undefined || p.metadata.namespace === namespace)
      );
    })
    .map((p) => {
      const value = `${p.metadata.namespace ?? 'default'}/${p.metadata.name ?? ''}`;
      return { value, label: several ? value : (p.metadata.name ?? '') };
    })
    .sort((a, b) => a.value.localeCompare(b.value));
}

/** `namespace/name` → the protocol's pod peer. */
export function podRef(value: string): PeerRef {
  const i = value.indexOf('/');
  return { kind: 'pod', namespace: value.slice(0, i), name: value.slice(i + 1) };
}

/** The first `max` source × destination pod pairs behind a cell. */
export function pairsOf(row: MatrixGroup, col: MatrixGroup, max: number): [string, string][] {
  const out: [string, string][] = [];
  for (const s of row.pods)
    for (const d of col.pods) {
      if (out.length >= max) return out;
      out.push([s, d]);
    }
  return out;
}
