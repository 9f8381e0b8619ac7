/**
 * The incremental patch: diff the previous elements against the next ones
 * into minimal Cytoscape operations (add, remove, data update, class change,
 * parent move) and apply them inside one `cy.batch()`. The graph is never
 * rebuilt on a live update; unchanged elements are skipped by identity first
 * (the mapper reuses objects), then by value.
 */
import type { Core, NodeSingular } from 'cytoscape';
import { sameData } from './same.ts';
import type { Elements, GraphElement, GraphNode, Position } from './types.ts';

export type Op =
  | { op: 'add'; el: GraphElement }
  | { op: 'remove'; id: string; group: GraphElement['group'] }
  | { op: 'move'; id: string; parent: string | null }
  | { op: 'data'; id: string; set: Record<string, unknown>; unset: string[] }
  | { op: 'classes'; id: string; classes: string };

/** Fields Cytoscape does not let `data()` change (structure, not data). */
const FIXED = new Set(['id', 'parent', 'source', 'target']);

/** What happened to one element: added (no before), removed (no after) or changed. */
export interface Change {
  id: string;
  before?: GraphElement;
  after?: GraphElement;
}

/** Operations that turn `prev` into `next`, in the order they must be applied. */
export function diff(prev: Elements, next: Elements): Op[] {
  const changes: Change[] = [];
  for (const [id, after] of next) {
    const before = prev.get(id);
    if (before !== after) changes.push({ id, before, after });
  }
  for (const [id, before] of prev) if (!next.has(id)) changes.push({ id, before });
  return opsOf(changes);
}

/** Operations for a list of element changes (the mapper's incremental output, or a diff's). */
export function opsOf(changes: Iterable<Change>): Op[] {
  const boxes: Op[] = [];
  const addNodes: Op[] = [];
  const addEdges: Op[] = [];
  const moves: Op[] = [];
  const updates: Op[] = [];
  const removeEdges: Op[] = [];
  const removeNodes: Op[] = [];
  for (const { id, before: old, after: el } of changes) {
    if (!el) {
      if (old) (old.group === 'nodes' ? removeNodes : removeEdges).push({ op: 'remove', id, group: old.group });
    } else if (!old) {
      if (el.group === 'edges') addEdges.push({ op: 'add', el });
      else (el.data.parent ? addNodes : boxes).push({ op: 'add', el });
    } else if (old !== el) {
      if (el.group === 'nodes' && old.group === 'nodes' && old.data.parent !== el.data.parent)
        moves.push({ op: 'move', id, parent: el.data.parent ?? null });
      const d = dataChange(
        old.data as unknown as Record<string, unknown>,
        el.data as unknown as Record<string, unknown>,
      );
      if (d) updates.push({ op: 'data', id, ...d });
      if (old.classes !== el.classes) updates.push({ op: 'classes', id, classes: el.classes });
    }
  }
  // Boxes before what goes in them; children leave a box before it goes (removing a compound
  // removes its children); edges last, once both their ends exist.
  return [...boxes, ...addNodes, ...moves, ...removeEdges, ...removeNodes, ...addEdges, ...updates];
}

function dataChange(a: Record<string, unknown>, b: Record<string, unknown>) {
  if (sameData(a, b)) return undefined;
  const set: Record<string, unknown> = {};
  const unset: string[] = [];
  let changed = false;
  for (const k in b) {
    if (FIXED.has(k) || a[k] === b[k] || (k === 'ref' && sameRef(a[k], b[k]))) continue;
    set[k] = b[k];
    changed = true;
  }
  for (const k in a) {
    if (!(k in b) && !FIXED.has(k)) {
      unset.push(k);
      changed = true;
    }
  }
  return changed ? { set, unset } : undefined;
}

function sameRef(a: unknown, b: unknown): boolean {
  return typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && sameData(a as never, b as never);
}

export interface ApplyHooks {
  /** Where a node being added goes (called in order, so later nodes can sit next to earlier ones). */
  place(el: GraphNode): Position;
  /** Where a node moving to another box goes (a pod just scheduled onto a node). */
  placeMoved(id: string, parent: string | null): Position | undefined;
}

export interface ApplyResult {
  /** Nodes whose status changed (the pane flashes them). */
  statusChanged: string[];
  added: number;
  removed: number;
}

/** Apply `ops` to `cy` in one batch. */
export function applyOps(cy: Core, ops: readonly Op[], hooks: ApplyHooks): ApplyResult {
  const result: ApplyResult = { statusChanged: [], added: 0, removed: 0 };
  cy.batch(() => {
    for (const o of ops) applyOne(cy, o, hooks, result);
  });
  return result;
}

function applyOne(cy: Core, o: Op, hooks: ApplyHooks, result: ApplyResult): void {
  switch (o.op) {
    case 'add': {
      const position = o.el.group === 'nodes' ? hooks.place(o.el) : undefined;
      cy.add({ group: o.el.group, data: { ...o.el.data }, classes: o.el.classes, ...(position ? { position } : {}) });
      result.added++;
      return;
    }
    case 'remove': {
      const el = cy.getElementById(o.id);
      if (el.nonempty()) {
        // A compound's children would go with it: lift any that are still inside out first.
        if (el.isNode()) (el as NodeSingular).children().move({ parent: null });
        el.remove();
        result.removed++;
      }
      return;
    }
    case 'move': {
      const node = cy.getElementById(o.id) as NodeSingular;
      if (node.empty()) return;
      const moved = node.move({ parent: o.parent }) as unknown as NodeSingular;
      const at = hooks.placeMoved(o.id, o.parent);
      if (at) moved.position(at);
      return;
    }
    case 'data': {
      const el = cy.getElementById(o.id);
      if ('status' in o.set || o.unset.includes('status')) result.statusChanged.push(o.id);
      if (o.unset.length) el.removeData(o.unset.join(' '));
      el.data(o.set);
      return;
    }
    case 'classes':
      cy.getElementById(o.id).classes(o.classes);
      return;
  }
}
