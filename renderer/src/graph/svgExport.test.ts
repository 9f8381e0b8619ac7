import { describe, expect, it } from 'vitest';
import { toSvg, type SvgModel } from './svgExport.ts';

const model: SvgModel = {
  background: '#fff',
  font: 'sans-serif',
  nodes: [
    {
      x: 50,
      y: 50,
      w: 160,
      h: 100,
      shape: 'round-rectangle',
      fill: '#eee',
      stroke: '#ccc',
      strokeWidth: 1,
      label: 'k8s-node1',
      labelColor: '#111',
      box: true,
    },
    {
      x: 50,
      y: 50,
      w: 26,
      h: 26,
      shape: 'ellipse',
      fill: 'rgb(31,157,85)',
      stroke: '#1f9d55',
      strokeWidth: 1.5,
      label: 'web-<1>',
      labelColor: '#111',
      status: 'Ready',
    },
    {
      x: 50,
      y: 200,
      w: 54,
      h: 34,
      shape: 'round-hexagon',
      fill: '#fff',
      stroke: '#ccc',
      strokeWidth: 1.5,
      label: 'web',
      labelColor: '#111',
      glyph: 'svc',
    },
  ],
  edges: [
    { x1: 50, y1: 183, x2: 50, y2: 63, color: '#2f80c7', width: 1.8, arrow: 'triangle' },
    { x1: 60, y1: 183, x2: 90, y2: 63, color: '#d64545', width: 1.4, dashed: true, arrow: 'tee' },
  ],
};

describe('SVG export', () => {
  const svg = toSvg(model);

  it('is a standalone SVG document with a viewBox around everything', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    const [x, y, w, h] = /viewBox="([^"]+)"/.exec(svg)![1]!.split(' ').map(Number);
    expect(x).toBeLessThan(0);
    expect(y).toBeLessThan(0);
    expect(x! + w!).toBeGreaterThan(130);
    expect(y! + h!).toBeGreaterThan(217);
  });

  it('draws boxes first, then edges, then nodes on top; escapes labels', () => {
    const box = svg.indexOf('k8s-node1');
    const line = svg.indexOf('<line');
    const pod = svg.indexOf('web-&#60;1&#62;');
    expect(box).toBeGreaterThan(0);
    expect(line).toBeGreaterThan(box);
    expect(pod).toBeGreaterThan(line);
    expect(svg).toContain('<ellipse');
    expect(svg).toContain('<polygon');
    expect(svg).toContain('stroke-dasharray="5 4"');
    expect(svg).toContain('>svc</text>');
  });

  it('parses as XML', () => {
    // Balanced tags is what a browser's XML parser needs; a cheap check without a DOM.
    const open = (svg.match(/<(svg|g|text)\b/g) ?? []).length;
    const close = (svg.match(/<\/(svg|g|text)>/g) ?? []).length;
    expect(open).toBe(close);
  });
});
