import { describe, expect, it } from 'vitest';
import { CELL } from './layered.ts';
import { plan, type Box, type Drawn } from './placement.ts';
import type { Elements, GraphElement, GraphNode, Position } from './types.ts';

const node = (id: string, kind: string, parent?: string, classes = ''): GraphNode => ({
  group: 'nodes',
  data: { id, kind, label: id, ...(parent ? { parent } : {}) },
  classes,
});
const edge = (source: string, target: string): GraphElement => ({
  group: 'edges',
  data: { id: `e:${source}>${target}`, source, target, type: 'owner', reason: '' },
  classes: '',
});

function drawn(positions: Record<string, Position>, parents: Record<string, string>, boxes: Box[]): Drawn {
  return {
    positionOf: (id) => positions[id],
    childrenOf: (box) =>
      Object.keys(parents)
        .filter((id) => parents[id] === box)
        .map((id) => positions[id]!),
    boxes: () => boxes,
    all: () => Object.values(positions).map((p) => ({ p, w: 80 })),
  };
}

describe('placement of new elements', () => {
  // node1 holds a 2×2 grid with one hole at (1,1): a pod was deleted there.
  const positions: Record<string, Position> = {
    a: { x: 0, y: 0 },
    b: { x: CELL.w, y: 0 },
    c: { x: 0, y: CELL.h },
    rs: { x: 50, y: -150 },
    svc: { x: 50, y: CELL.h + 20 + 150 },
  };
  const parents = { a: 'node1', b: 'node1', c: 'node1' };
  const boxes: Box[] = [{ id: 'node1', x1: -20, x2: CELL.w + 20, y1: -20, y2: CELL.h + 20 }];
  const d = drawn(positions, parents, boxes);

  it('puts a new pod in the hole its predecessor left, the next one in a fresh cell', () => {
    const els = [node('p1', 'Pod', 'node1'), node('p2', 'Pod', 'node1')];
    const next: Elements = new Map(els.map((e) => [e.data.id, e]));
    const planned = plan(els, next, d);
    expect(planned.get('p1')).toEqual({ x: CELL.w, y: CELL.h });
    expect(planned.get('p2')).toEqual({ x: 2 * CELL.w, y: 0 });
  });

  it('puts a new owner above its pods and a new Service below, clear of what is drawn', () => {
    const dep = node('dep', 'Deployment');
    const svc2 = node('svc2', 'Service');
    const next: Elements = new Map<string, GraphElement>([
      ['a', node('a', 'Pod', 'node1')],
      ['b', node('b', 'Pod', 'node1')],
      ['rs', node('rs', 'ReplicaSet')],
      ['dep', dep],
      ['svc2', svc2],
      ['e1', edge('dep', 'rs')],
      ['e2', edge('svc2', 'a')],
      ['e3', edge('svc2', 'b')],
    ]);
    const planned = plan([svc2, dep], next, d);
    expect(planned.get('dep')).toEqual({ x: 50, y: -300 });
    const s = planned.get('svc2')!;
    expect(s.y).toBe(CELL.h + 20 + 150);
    // Its wanted x (the pods' mean, 50) is where the existing Service sits: nudged right.
    expect(s.x).toBeGreaterThanOrEqual(50 + 80);
  });

  it('grows a box downwards rather than into the box on its right', () => {
    const tight = drawn(positions, parents, [
      ...boxes,
      { id: 'node2', x1: 2 * CELL.w + 20, x2: 3 * CELL.w, y1: -20, y2: 40 },
    ]);
    const els = [node('p1', 'Pod', 'node1'), node('p2', 'Pod', 'node1')];
    const planned = plan(els, new Map(els.map((e) => [e.data.id, e])), tight);
    expect(planned.get('p1')).toEqual({ x: CELL.w, y: CELL.h });
    expect(planned.get('p2')).toEqual({ x: 0, y: 2 * CELL.h });
  });

  it('never moves what is drawn: only the asked-for ids are planned', () => {
    const p = node('p1', 'Pod', 'node1');
    expect([...plan([p], new Map([['p1', p]]), d).keys()]).toEqual(['p1']);
  });

  it('puts a new Node box right of the others, the "not scheduled" box left', () => {
    const n2 = node('node2', 'Node');
    const g = node('group:unscheduled', 'Group');
    const planned = plan([n2, g], new Map(), d);
    expect(planned.get('node2')!.x).toBeGreaterThan(CELL.w + 20);
    expect(planned.get('group:unscheduled')!.x).toBeLessThan(-20);
  });
});
