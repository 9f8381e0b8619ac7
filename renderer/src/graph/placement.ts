/**
 * Where new elements go on a live update, so the graph stays stable: nothing
 * already drawn moves. A new pod takes the first free cell of its Node's grid
 * (the hole its predecessor left, typically); a new box goes beside the
 * others; anything else goes next to its neighbours (owners above the pods,
 * Services and storage below), nudged right until it overlaps nothing.
 */
import { CELL, POD_ROW, ROW_GAP, isBox, rowOf, widthOf } from './layered.ts';
import type { Elements, GraphNode, Position } from './types.ts';

export interface Box {
  id: string;
  x1: number;
  x2: number;
  y1: number;
  y2: number;
}

/** What placement reads of the drawn graph (Cytoscape in the app, plain maps in tests). */
export interface Drawn {
  positionOf(id: string): Position | undefined;
  /** Positions of the children drawn in a box. */
  childrenOf(box: string): Position[];
  /** The pod row's boxes as drawn. */
  boxes(): Box[];
  /** Every drawn node's position and width, for overlap checks. */
  all(): { p: Position; w: number }[];
}

/** Positions for `nodes` (new ones, and pods moving to another box), in a stable order. */
export function plan(nodes: readonly GraphNode[], next: Elements, drawn: Drawn): Map<string, Position> {
  const planned = new Map<string, Position>();
  const ctx = new Ctx(drawn, planned, next);
  const rank = (n: GraphNode) => (isBox(n.data) ? -1 : n.data.parent ? 0 : 1 + Math.abs(rowOfNode(n) - POD_ROW));
  const ordered = [...nodes].sort((a, b) => rank(a) - rank(b));
  for (const n of ordered) planned.set(n.data.id, ctx.place(n));
  return planned;
}

class Ctx {
  private adjacency: Map<string, string[]> | undefined;
  private boxList: Box[];
  private extra: { p: Position; w: number }[] = [];

  constructor(
    private readonly drawn: Drawn,
    private readonly planned: Map<string, Position>,
    private readonly next: Elements,
  ) {
    this.boxList = drawn.boxes();
  }

  place(n: GraphNode): Position {
    const p = isBox(n.data) ? this.newBox(n) : n.data.parent ? this.cell(n.data.parent) : this.nearNeighbours(n);
    this.extra.push({ p, w: widthOf(n.data.label) });
    return p;
  }

  private pos(id: string): Position | undefined {
    return this.planned.get(id) ?? this.drawn.positionOf(id);
  }

  /** Right of the drawn boxes ("not scheduled" goes left of them). */
  private newBox(n: GraphNode): Position {
    if (this.boxList.length === 0) return { x: 0, y: 0 };
    const top = Math.min(...this.boxList.map((b) => b.y1)) + CELL.h / 2;
    const x =
      n.data.kind === 'Group'
        ? Math.min(...this.boxList.map((b) => b.x1)) - 90 - CELL.w
        : Math.max(...this.boxList.map((b) => b.x2)) + 90 + CELL.w / 2;
    this.boxList.push({
      id: n.data.id,
      x1: x - CELL.w / 2,
      x2: x + CELL.w / 2,
      y1: top - CELL.h / 2,
      y2: top + CELL.h / 2,
    });
    return { x, y: top };
  }

  /** The first free grid cell of a box, row by row. */
  private cell(box: string): Position {
    const taken = [...this.drawn.childrenOf(box)];
    for (const [id, p] of this.planned) {
      const el = this.next.get(id);
      if (el?.group === 'nodes' && el.data.parent === box) taken.push(p);
    }
    if (taken.length === 0) return this.pos(box) ?? { x: 0, y: 0 };
    const x0 = Math.min(...taken.map((p) => p.x));
    const y0 = Math.min(...taken.map((p) => p.y));
    const used = new Set(taken.map((p) => `${Math.round((p.x - x0) / CELL.w)},${Math.round((p.y - y0) / CELL.h)}`));
    const columns = new Set(taken.map((p) => Math.round((p.x - x0) / CELL.w))).size;
    const rows = Math.max(...taken.map((p) => Math.round((p.y - y0) / CELL.h))) + 1;
    const at = (c: number, r: number) => ({ x: x0 + c * CELL.w, y: y0 + r * CELL.h });
    // A hole inside the grid first (where a deleted pod was), then the grid grows row by row.
    for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) if (!used.has(`${c},${r}`)) return at(c, r);
    // Wider only while it stays clear of the next box to the right; then it grows downwards.
    const room = this.roomRight(box, x0);
    const cols = Math.max(columns, Math.min(room, Math.ceil(Math.sqrt((taken.length + 1) * 1.5))));
    for (let i = 0; ; i++)
      if (!used.has(`${i % cols},${Math.floor(i / cols)}`)) return at(i % cols, Math.floor(i / cols));
  }

  /** How many grid columns fit between a box's first column and the next box on its right. */
  private roomRight(box: string, x0: number): number {
    const self = this.boxList.find((b) => b.id === box);
    let limit = Infinity;
    for (const b of this.boxList) if (b.id !== box && self && b.x1 >= self.x2 - 1) limit = Math.min(limit, b.x1);
    return Number.isFinite(limit) ? Math.max(1, Math.floor((limit - BOX_MARGIN - x0) / CELL.w) + 1) : Infinity;
  }

  private neighbours(id: string): string[] {
    if (!this.adjacency) {
      this.adjacency = new Map();
      for (const el of this.next.values()) {
        if (el.group !== 'edges') continue;
        push(this.adjacency, el.data.source, el.data.target);
        push(this.adjacency, el.data.target, el.data.source);
      }
    }
    return this.adjacency.get(id) ?? [];
  }

  /** At its neighbours' mean x, one row above or below them, then nudged right off any overlap. */
  private nearNeighbours(n: GraphNode): Position {
    const row = rowOfNode(n);
    const placed = this.neighbours(n.data.id).flatMap((id) => {
      const p = this.pos(id);
      const el = this.next.get(id);
      return p && el?.group === 'nodes' ? [{ p, row: rowOfNode(el), inBox: !!el.data.parent }] : [];
    });
    const [top, bottom] = this.podRowSpan();
    // Relative to the pod row (for neighbours in a box) or to the neighbour's own row.
    const fromPodRow = () => (row < POD_ROW ? top - ROW_GAP * (POD_ROW - row) : bottom + ROW_GAP * (row - POD_ROW));
    const ys = placed.map(({ p, row: r, inBox }) =>
      inBox || r === POD_ROW ? fromPodRow() : p.y + ROW_GAP * (row - r),
    );
    const y = ys.length === 0 ? fromPodRow() : row < POD_ROW ? Math.min(...ys) : Math.max(...ys);
    const x = placed.length ? placed.reduce((s, { p }) => s + p.x, 0) / placed.length : this.rightEdge(y);
    return { x: this.freeX(x, y, widthOf(n.data.label)), y };
  }

  private podRowSpan(): [number, number] {
    if (this.boxList.length === 0) return [0, CELL.h];
    return [Math.min(...this.boxList.map((b) => b.y1)), Math.max(...this.boxList.map((b) => b.y2))];
  }

  private rightEdge(y: number): number {
    let x = -Infinity;
    for (const { p, w } of this.everything()) if (Math.abs(p.y - y) < CELL.h) x = Math.max(x, p.x + w / 2);
    if (Number.isFinite(x)) return x + 100;
    // The first object of its row: above (or below) the middle of the cluster.
    const boxes = this.boxList;
    return boxes.length ? (Math.min(...boxes.map((b) => b.x1)) + Math.max(...boxes.map((b) => b.x2))) / 2 : 0;
  }

  private *everything() {
    yield* this.drawn.all();
    yield* this.extra;
  }

  private freeX(x: number, y: number, w: number): number {
    const near = [...this.everything()].filter(({ p }) => Math.abs(p.y - y) < CELL.h * 0.6);
    for (let tries = 0; tries < 200; tries++) {
      const hit = near.find(({ p, w: w2 }) => Math.abs(p.x - x) < (w + w2) / 2 + 12);
      if (!hit) return x;
      x = hit.p.x + (w + hit.w) / 2 + 13;
    }
    return x;
  }
}

/** Clearance kept between a growing box's pods and the next box (room for padding and labels). */
const BOX_MARGIN = 70;

const rowOfNode = (n: GraphNode) => rowOf({ ...n.data, missing: n.classes.includes('missing') });

function push(m: Map<string, string[]>, k: string, v: string): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}
