/**
 * What the pane reads back from Cytoscape: the drawn positions and boxes
 * (for placing new elements, see placement.ts) and the drawn look of every
 * element (for the SVG export, see svgExport.ts).
 */
import type { Core, EdgeSingular, NodeSingular } from 'cytoscape';
import { KIND_GLYPH } from './adapters.ts';
import { widthOf } from './layered.ts';
import type { Box, Drawn } from './placement.ts';
import type { SvgEdge, SvgModel, SvgNode } from './svgExport.ts';
import type { StatusClass } from './types.ts';

export function drawnOf(cy: Core): Drawn {
  return {
    positionOf(id) {
      const n = cy.getElementById(id);
      return n.nonempty() ? { ...n.position() } : undefined;
    },
    childrenOf(box) {
      const n = cy.getElementById(box) as NodeSingular;
      return n.nonempty() ? n.children().map((c) => ({ ...c.position() })) : [];
    },
    boxes() {
      return cy.nodes('.kind-Node, .group-unscheduled').map((n): Box => {
        const bb = n.boundingBox({ includeLabels: false });
        return { id: n.id(), x1: bb.x1, x2: bb.x2, y1: bb.y1, y2: bb.y2 };
      });
    },
    all() {
      return cy.nodes(':childless').map((n) => ({ p: { ...n.position() }, w: widthOf(String(n.data('label') ?? '')) }));
    },
  };
}

const num = (v: unknown) => Number.parseFloat(String(v)) || 0;

function svgNode(n: NodeSingular, accent: string): SvgNode {
  const box = n.isParent();
  const bb = box ? n.boundingBox({ includeLabels: false }) : undefined;
  const kind = String(n.data('kind'));
  const missing = n.hasClass('missing');
  const progress = n.hasClass('progress');
  return {
    x: bb ? (bb.x1 + bb.x2) / 2 : n.position().x,
    y: bb ? (bb.y1 + bb.y2) / 2 : n.position().y,
    w: bb ? bb.w : n.width(),
    h: bb ? bb.h : n.height(),
    shape: String(n.style('shape')),
    fill: String(n.style('background-color')),
    fillOpacity: num(n.style('background-opacity')),
    stroke: String(n.style('border-color')),
    strokeWidth: num(n.style('border-width')),
    dashed: n.style('border-style') !== 'solid',
    label: String(n.data('label') ?? ''),
    labelColor: String(n.style('color')),
    ...(box ? { box } : {}),
    ...(kind === 'Pod' && !missing && !progress && n.data('status') ? { status: n.data('status') as StatusClass } : {}),
    ...(KIND_GLYPH[kind] ? { glyph: KIND_GLYPH[kind], glyphColor: accent } : {}),
  };
}

function svgEdge(e: EdgeSingular): SvgEdge {
  const s = e.sourceEndpoint();
  const t = e.targetEndpoint();
  return {
    x1: s.x,
    y1: s.y,
    x2: t.x,
    y2: t.y,
    color: String(e.style('line-color')),
    width: num(e.style('width')),
    dashed: e.style('line-style') !== 'solid',
    arrow: e.style('target-arrow-shape') === 'tee' ? 'tee' : 'triangle',
  };
}

export function svgModelOf(cy: Core, background: string, font: string, accent: string): SvgModel {
  return {
    nodes: cy.nodes().map((n) => svgNode(n, accent)),
    edges: cy.edges().map(svgEdge),
    background,
    font,
  };
}
