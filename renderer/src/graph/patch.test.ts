import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { englishT, node, objectMap, pod, replicaSet, deployment, service } from './fixtures.ts';
import { GraphMapper } from './mapping.ts';
import { applyOps, diff, type ApplyHooks } from './patch.ts';
import type { Elements, GraphElement, MapOptions } from './types.ts';

const n = (id: string, extra: Record<string, unknown> = {}, classes = ''): GraphElement => ({
  group: 'nodes',
  data: { id, kind: 'Pod', label: id, ...extra },
  classes,
});
const e = (source: string, target: string): GraphElement => ({
  group: 'edges',
  data: { id: `owner:${source}>${target}`, source, target, type: 'owner', reason: 'owns' },
  classes: 'edge-owner',
});
const els = (...list: GraphElement[]): Elements => new Map(list.map((x) => [x.data.id, x]));

const hooks: ApplyHooks = { place: () => ({ x: 1, y: 2 }), placeMoved: () => ({ x: 5, y: 5 }) };

describe('diff', () => {
  it('is empty for the same elements, by identity or by value', () => {
    const a = els(n('p'), n('q'), e('p', 'q'));
    expect(diff(a, a)).toEqual([]);
    expect(diff(a, els(n('p'), n('q'), e('p', 'q')))).toEqual([]);
  });

  it('adds nodes (parents first) before edges and removes edges before nodes', () => {
    const ops = diff(
      els(n('old'), e('old', 'x'), n('x')),
      els(n('box'), n('p', { parent: 'box' }), n('x'), e('p', 'x')),
    );
    expect(ops.map((o) => `${o.op}:${'id' in o ? o.id : o.el.data.id}`)).toEqual([
      'add:box',
      'add:p',
      'remove:owner:old>x',
      'remove:old',
      'add:owner:p>x',
    ]);
  });

  it('updates only changed data fields, unsets removed ones, and changes classes', () => {
    const ops = diff(
      els(n('p', { status: 'Pending', statusText: 'Pending 0/1' }, 'kind-Pod status-Pending')),
      els(n('p', { status: 'Ready' }, 'kind-Pod status-Ready')),
    );
    expect(ops).toEqual([
      { op: 'data', id: 'p', set: { status: 'Ready' }, unset: ['statusText'] },
      { op: 'classes', id: 'p', classes: 'kind-Pod status-Ready' },
    ]);
  });

  it('moves a node to another parent', () => {
    const ops = diff(els(n('a'), n('b'), n('p', { parent: 'a' })), els(n('a'), n('b'), n('p', { parent: 'b' })));
    expect(ops).toEqual([{ op: 'move', id: 'p', parent: 'b' }]);
  });
});

describe('applyOps on a headless Cytoscape', () => {
  const opts: MapOptions = { view: 'all', namespace: '', hiddenKinds: new Set(), collapsed: new Set() };
  const base = [
    node('node1'),
    node('node2'),
    deployment('web', 2),
    replicaSet('web-1', 'web', 2),
    pod('web-1-a', { rs: 'web-1', node: 'node1', labels: { app: 'web' } }),
    pod('web-1-b', { rs: 'web-1', labels: { app: 'web' }, state: 'Pending' }),
    service('web', { app: 'web' }),
  ];

  function snapshot(cy: cytoscape.Core) {
    return cy
      .elements()
      .map(
        (x) =>
          `${x.id()}|${(x.data('parent') as string | undefined) ?? ''}|${x.classes().join(' ')}|${String(x.data('status') ?? '')}`,
      )
      .sort();
  }

  it('patching from one state to another equals building the second state from scratch', () => {
    const mapper = new GraphMapper(englishT);
    const cy = cytoscape({ headless: true, styleEnabled: false });
    const first = mapper.map(objectMap(base), opts).elements;
    applyOps(cy, diff(new Map(), first), hooks);
    // The pending pod is scheduled and becomes ready; node2 goes away… and a new pod appears.
    const scheduled = pod('web-1-b', { rs: 'web-1', node: 'node1', labels: { app: 'web' } });
    const added = pod('web-1-c', { rs: 'web-1', node: 'node1', labels: { app: 'web' }, state: 'ContainerCreating' });
    const nextObjects = objectMap([...base.filter((o) => o.metadata.name !== 'node2'), added]);
    nextObjects.set('/Pod/default/web-1-b', scheduled);
    const second = mapper.map(nextObjects, opts).elements;
    const ops = diff(first, second);
    const result = applyOps(cy, ops, hooks);
    expect(result.statusChanged).toContain('/Pod/default/web-1-b');
    expect(cy.getElementById('/Pod/default/web-1-b').data('parent')).toBe('/Node//node1');
    expect(cy.getElementById('/Pod/default/web-1-b').position()).toEqual({ x: 5, y: 5 });

    const fresh = cytoscape({ headless: true, styleEnabled: false });
    applyOps(fresh, diff(new Map(), second), hooks);
    expect(snapshot(cy)).toEqual(snapshot(fresh));
    // Only what changed was touched: no op for the untouched pod or the Service.
    expect(ops.some((o) => 'id' in o && o.id === '/Pod/default/web-1-a')).toBe(false);
    expect(ops.some((o) => 'id' in o && o.id === '/Service/default/web')).toBe(false);
  });

  it('lifts children out of a compound that goes away with them staying', () => {
    const cy = cytoscape({ headless: true, styleEnabled: false });
    applyOps(cy, diff(new Map(), els(n('box'), n('p', { parent: 'box' }))), hooks);
    applyOps(cy, diff(els(n('box'), n('p', { parent: 'box' })), els(n('p'))), hooks);
    expect(cy.getElementById('p').nonempty()).toBe(true);
    expect(cy.getElementById('box').empty()).toBe(true);
  });
});
