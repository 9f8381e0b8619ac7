/**
 * "Export SVG": a small serializer of the drawn graph (boxes, shapes, glyphs,
 * labels, edges with arrows) to a standalone SVG document, from plain data the
 * pane reads off Cytoscape. No dependency, no canvas: it scales cleanly and
 * opens in any browser or editor.
 */
import { STATUS_ICON } from './icons.ts';
import type { StatusClass } from './types.ts';

export interface SvgNode {
  /** Centre and size. */
  x: number;
  y: number;
  w: number;
  h: number;
  shape: string;
  fill: string;
  fillOpacity?: number;
  stroke: string;
  strokeWidth: number;
  dashed?: boolean;
  label: string;
  labelColor: string;
  /** Compound boxes carry their label on top. */
  box?: boolean;
  status?: StatusClass;
  /** The kind's short name drawn inside (non-pods). */
  glyph?: string;
  glyphColor?: string;
}

export interface SvgEdge {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  color: string;
  width: number;
  dashed?: boolean;
  arrow: 'triangle' | 'tee' | 'none';
}

export interface SvgModel {
  nodes: SvgNode[];
  edges: SvgEdge[];
  background: string;
  font: string;
}

const esc = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
const n2 = (v: number) => Math.round(v * 10) / 10;

export function toSvg(m: SvgModel): string {
  const b = bounds(m);
  const w = n2(b.x2 - b.x1);
  const h = n2(b.y2 - b.y1);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${n2(b.x1)} ${n2(b.y1)} ${w} ${h}" width="${w}" height="${h}" font-family="${esc(m.font)}">`,
    `<rect x="${n2(b.x1)}" y="${n2(b.y1)}" width="${w}" height="${h}" fill="${esc(m.background)}"/>`,
    ...m.nodes.filter((n) => n.box).map(nodeSvg),
    ...m.edges.map(edgeSvg),
    ...m.nodes.filter((n) => !n.box).map(nodeSvg),
    '</svg>',
  ];
  return parts.join('\n');
}

function bounds(m: SvgModel) {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const n of m.nodes) {
    x1 = Math.min(x1, n.x - Math.max(n.w, 90) / 2);
    x2 = Math.max(x2, n.x + Math.max(n.w, 90) / 2);
    y1 = Math.min(y1, n.y - n.h / 2 - (n.box ? 20 : 0));
    y2 = Math.max(y2, n.y + n.h / 2 + (n.box ? 0 : 16));
  }
  if (!Number.isFinite(x1)) return { x1: 0, y1: 0, x2: 100, y2: 100 };
  return { x1: x1 - 20, y1: y1 - 20, x2: x2 + 20, y2: y2 + 20 };
}

function shapeSvg(n: SvgNode, attrs: string): string {
  const { x, y, w, h } = n;
  const poly = (pts: [number, number][]) =>
    `<polygon points="${pts.map(([px, py]) => `${n2(x + (px * w) / 2)},${n2(y + (py * h) / 2)}`).join(' ')}" ${attrs}/>`;
  switch (n.shape) {
    case 'ellipse':
      return `<ellipse cx="${n2(x)}" cy="${n2(y)}" rx="${n2(w / 2)}" ry="${n2(h / 2)}" ${attrs}/>`;
    case 'round-hexagon':
    case 'hexagon':
      return poly([
        [-1, 0],
        [-0.5, -1],
        [0.5, -1],
        [1, 0],
        [0.5, 1],
        [-0.5, 1],
      ]);
    case 'round-pentagon':
    case 'pentagon':
      return poly([
        [0, -1],
        [1, -0.25],
        [0.6, 1],
        [-0.6, 1],
        [-1, -0.25],
      ]);
    case 'round-octagon':
    case 'octagon':
      return poly([
        [-0.4, -1],
        [0.4, -1],
        [1, -0.4],
        [1, 0.4],
        [0.4, 1],
        [-0.4, 1],
        [-1, 0.4],
        [-1, -0.4],
      ]);
    case 'rhomboid':
      return poly([
        [-0.7, -1],
        [1, -1],
        [0.7, 1],
        [-1, 1],
      ]);
    case 'round-tag':
    case 'tag':
      return poly([
        [-1, -1],
        [0.6, -1],
        [1, 0],
        [0.6, 1],
        [-1, 1],
      ]);
    case 'cut-rectangle':
      return poly([
        [-0.8, -1],
        [0.8, -1],
        [1, -0.6],
        [1, 0.6],
        [0.8, 1],
        [-0.8, 1],
        [-1, 0.6],
        [-1, -0.6],
      ]);
    default: {
      const r = n.box ? 8 : n.shape === 'barrel' ? Math.min(w, h) / 3 : 5;
      return `<rect x="${n2(x - w / 2)}" y="${n2(y - h / 2)}" width="${n2(w)}" height="${n2(h)}" rx="${n2(r)}" ${attrs}/>`;
    }
  }
}

function nodeSvg(n: SvgNode): string {
  const attrs =
    `fill="${esc(n.fill)}" fill-opacity="${n.fillOpacity ?? 1}" stroke="${esc(n.stroke)}" stroke-width="${n.strokeWidth}"` +
    (n.dashed ? ' stroke-dasharray="4 3"' : '');
  const out = [shapeSvg(n, attrs)];
  if (n.status) {
    const s = (Math.min(n.w, n.h) * 0.78) / 24;
    out.push(
      `<g transform="translate(${n2(n.x - 12 * s)},${n2(n.y - 12 * s)}) scale(${n2(s * 100) / 100})" color="#ffffff">${STATUS_ICON[n.status]}</g>`,
    );
  } else if (n.glyph) {
    out.push(
      `<text x="${n2(n.x)}" y="${n2(n.y + 3.5)}" text-anchor="middle" font-size="10" font-weight="600" fill="${esc(n.glyphColor ?? n.labelColor)}">${esc(n.glyph)}</text>`,
    );
  }
  const ly = n.box ? n.y - n.h / 2 - 6 : n.y + n.h / 2 + 12;
  const size = n.box ? 12 : 10;
  out.push(
    `<text x="${n2(n.x)}" y="${n2(ly)}" text-anchor="middle" font-size="${size}" fill="${esc(n.labelColor)}">${esc(n.label)}</text>`,
  );
  return out.join('');
}

function edgeSvg(e: SvgEdge): string {
  const dash = e.dashed ? ' stroke-dasharray="5 4"' : '';
  const line = `<line x1="${n2(e.x1)}" y1="${n2(e.y1)}" x2="${n2(e.x2)}" y2="${n2(e.y2)}" stroke="${esc(e.color)}" stroke-width="${e.width}"${dash}/>`;
  if (e.arrow === 'none') return line;
  const len = Math.hypot(e.x2 - e.x1, e.y2 - e.y1) || 1;
  const ux = (e.x2 - e.x1) / len;
  const uy = (e.y2 - e.y1) / len;
  if (e.arrow === 'tee') {
    const pts = [e.x2 - uy * 6, e.y2 + ux * 6, e.x2 + uy * 6, e.y2 - ux * 6].map(n2);
    return `${line}<line x1="${pts[0]}" y1="${pts[1]}" x2="${pts[2]}" y2="${pts[3]}" stroke="${esc(e.color)}" stroke-width="${e.width + 0.6}"/>`;
  }
  const bx = e.x2 - ux * 8;
  const by = e.y2 - uy * 8;
  const pts = [e.x2, e.y2, bx - uy * 4, by + ux * 4, bx + uy * 4, by - ux * 4].map(n2);
  return `${line}<polygon points="${pts[0]},${pts[1]} ${pts[2]},${pts[3]} ${pts[4]},${pts[5]}" fill="${esc(e.color)}"/>`;
}
