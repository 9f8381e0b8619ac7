import { describe, expect, it } from 'vitest';
import { deployment, englishT, node, objectMap, pod, replicaSet, service } from './fixtures.ts';
import { layered, inputOf, widthOf, type Positions } from './layered.ts';
import { toElements } from './mapping.ts';
import type { KubeObject } from '../../../core/api/types.ts';

function cluster(pods: number, nodes = 3): KubeObject[] {
  const objects: KubeObject[] = [];
  for (let n = 0; n < nodes; n++) objects.push(node(`node${n}`));
  for (let d = 0; d < Math.ceil(pods / 10); d++) {
    objects.push(
      deployment(`app${d}`, 10),
      replicaSet(`app${d}-rs`, `app${d}`, 10),
      service(`app${d}`, { app: `app${d}` }),
    );
    for (let i = 0; i < 10 && d * 10 + i < pods; i++)
      objects.push(
        pod(`app${d}-rs-${i}`, { rs: `app${d}-rs`, node: `node${(d + i) % nodes}`, labels: { app: `app${d}` } }),
      );
  }
  return objects;
}

const opts = { view: 'all' as const, namespace: '', hiddenKinds: new Set<string>(), collapsed: new Set<string>() };

function overlaps(pos: Positions, ids: string[], minGap: number): string[] {
  const out: string[] = [];
  const byRow = new Map<number, { id: string; x: number }[]>();
  for (const id of ids) {
    const p = pos[id]!;
    byRow.set(p.y, [...(byRow.get(p.y) ?? []), { id, x: p.x }]);
  }
  for (const row of byRow.values()) {
    row.sort((a, b) => a.x - b.x);
    for (let i = 1; i < row.length; i++)
      if (row[i]!.x - row[i - 1]!.x < minGap) out.push(`${row[i - 1]!.id}~${row[i]!.id}`);
  }
  return out;
}

describe('layered layout', () => {
  const els = toElements(objectMap(cluster(30)), opts, englishT);
  const input = inputOf(els.values());
  const pos = layered(input);

  it('positions every node that is not a box with children', () => {
    const parents = new Set(input.nodes.map((n) => n.parent).filter(Boolean));
    for (const n of input.nodes) if (!parents.has(n.id)) expect(pos[n.id], n.id).toBeDefined();
    for (const id of parents) expect(pos[id!]).toBeUndefined();
  });

  it('stacks owners above pods and Services below', () => {
    const y = (id: string) => pos[id]!.y;
    expect(y('apps/Deployment/default/app0')).toBeLessThan(y('apps/ReplicaSet/default/app0-rs'));
    expect(y('apps/ReplicaSet/default/app0-rs')).toBeLessThan(y('/Pod/default/app0-rs-0'));
    expect(y('/Service/default/app0')).toBeGreaterThan(y('/Pod/default/app0-rs-0'));
  });

  it('keeps pods in separate grid cells and objects in a row apart', () => {
    const pods = input.nodes.filter((n) => n.kind === 'Pod').map((n) => n.id);
    const cells = new Set(pods.map((id) => `${pos[id]!.x},${pos[id]!.y}`));
    expect(cells.size).toBe(pods.length);
    const others = input.nodes.filter((n) => n.kind !== 'Pod' && n.kind !== 'Node').map((n) => n.id);
    expect(overlaps(pos, others, widthOf('app0-rs'))).toEqual([]);
  });

  it('is deterministic and fast for 1,000+ nodes', () => {
    const big = inputOf(toElements(objectMap(cluster(800)), opts, englishT).values());
    expect(big.nodes.length).toBeGreaterThan(1000);
    const t0 = performance.now();
    const a = layered(big);
    expect(performance.now() - t0).toBeLessThan(200);
    expect(layered(big)).toEqual(a);
  });
});
