/**
 * The graph's pointer events, turned into what the pane shows: click selects
 * (the inspector opens), right-click opens the context menu, hovering a node
 * says its name and state, hovering an edge says why it exists.
 */
import type { Core, EventObject } from 'cytoscape';
import type { ObjectRef } from '../../../core/protocol/index.ts';
import type { MapResult } from './mapping.ts';

export interface Hover {
  /** Rendered position inside the container. */
  x: number;
  y: number;
  title: string;
  lines: string[];
  /** Set for edges: the pane names the edge type in the reader's language. */
  edgeType?: string;
  /** Pods: restarts so far. */
  restarts?: number;
}

export interface ContextTarget {
  ref: ObjectRef;
  label: string;
  x: number;
  y: number;
}

export interface GraphViewEvents {
  select(ref: ObjectRef): void;
  context(target: ContextTarget): void;
  hover(h: Hover | undefined): void;
  /** A full layout started (true) or finished (false). */
  busy(b: boolean): void;
  /** Every mapping pass (empty state, namespaces for the filter). */
  mapped(r: MapResult): void;
  /** A click on the empty canvas (closes menus). */
  background(): void;
}

export function wireEvents(cy: Core, ev: GraphViewEvents): () => void {
  const onBackground = (e: EventObject) => {
    if (e.target === cy) ev.background();
  };
  const onTap = (e: EventObject) => {
    const ref = e.target.data('ref') as ObjectRef | undefined;
    if (ref) ev.select(ref);
  };
  const onContext = (e: EventObject) => {
    const ref = e.target.data('ref') as ObjectRef | undefined;
    if (ref) ev.context({ ref, label: String(e.target.data('label')), ...e.renderedPosition });
  };
  const onNodeOver = (e: EventObject) => {
    const d = e.target.data() as Record<string, string | undefined>;
    const p = e.target.renderedPosition() as { x: number; y: number };
    const lines = [d['statusText'] ? `${d['kind']} · ${d['statusText']}` : String(d['kind']), d['detail'] ?? ''];
    const name = d['ref'] ? (e.target.data('ref') as ObjectRef).name : String(d['label']);
    e.target.addClass('hover');
    const restarts = Number(d['restarts'] ?? 0);
    const at = { x: p.x, y: p.y + e.target.renderedOuterHeight() / 2 };
    ev.hover({ ...at, title: name, lines: lines.filter(Boolean), ...(restarts ? { restarts } : {}) });
  };
  const onEdgeOver = (e: EventObject) => {
    const m = e.target.renderedMidpoint() as { x: number; y: number };
    e.target.addClass('hover');
    const lines = e.target.data('lines') as string[] | undefined;
    // Overlay edges (the policy overlay) carry their own worded title and lines.
    if (lines) return ev.hover({ x: m.x, y: m.y, title: String(e.target.data('title')), lines });
    const type = String(e.target.data('type'));
    ev.hover({ x: m.x, y: m.y, title: type, edgeType: type, lines: [String(e.target.data('reason'))] });
  };
  const onOut = (e: EventObject) => {
    e.target.removeClass('hover');
    ev.hover(undefined);
  };
  const clear = () => ev.hover(undefined);
  cy.on('tap', onBackground);
  cy.on('tap', 'node', onTap);
  cy.on('cxttap', 'node', onContext);
  cy.on('mouseover', 'node', onNodeOver);
  cy.on('mouseover', 'edge', onEdgeOver);
  cy.on('mouseout', 'node, edge', onOut);
  cy.on('viewport', clear);
  return () => {
    cy.removeListener('tap', onBackground);
    cy.removeListener('tap', 'node', onTap);
    cy.removeListener('cxttap', 'node', onContext);
    cy.removeListener('mouseover', 'node', onNodeOver);
    cy.removeListener('mouseover', 'edge', onEdgeOver);
    cy.removeListener('mouseout', 'node, edge', onOut);
    cy.removeListener('viewport', clear);
  };
}
