/**
 * The graph benchmark's page (not part of the app): test/bench/graph.ts
 * bundles this with Vite and runs it in Chromium. It drives the real
 * GraphView (mapping, diff, placement, Cytoscape patch, layout worker):
 *  - layout: a fresh GraphView lays out ~1,000 graph nodes from scratch
 *    (map → layout worker → Cytoscape add → fit → next frame), several times;
 *  - patch: 2,000 pods on 3 nodes (100 Deployments, ReplicaSets, Services,
 *    EndpointSlices), then batches of 20 pods flipping Ready ↔ NotReady with
 *    their EndpointSlices; each batch is timed from the watch changes to
 *    Cytoscape updated (the mirror's reducer + GraphView.update). Cytoscape
 *    redraws on its next animation frame, which is not counted.
 */
import type { KubeObject } from '../../../core/api/types.ts';
import type { WatchChange } from '../../../core/protocol/index.ts';
import { applyWatchEvents, keyOf, type ObjectMap } from '../lib/cluster/reducer.ts';
import { clusterOf, englishT, objectMap, podStatusFor } from './fixtures.ts';
import { GraphView, type GraphViewEvents } from './graphView.ts';
import type { BenchResult, GraphBench, LayoutPhases } from './benchTypes.ts';
import type { Palette } from './style.ts';
import { USER_NAMESPACES, type MapOptions } from './types.ts';

declare global {
  interface Window {
    graphBench?: GraphBench;
  }
}

const PALETTE: Palette = {
  bg: '#f3f4f7',
  panel: '#ffffff',
  chrome: '#eceef2',
  border: '#d9dce3',
  text: '#1d2330',
  muted: '#5d6577',
  accent: '#326ce5',
  ok: '#1f9d55',
  warning: '#c77c02',
  danger: '#d64545',
  pending: '#8a6d00',
  info: '#2f80c7',
  sans: 'sans-serif',
};

const OPTS: MapOptions = { view: 'all', namespace: USER_NAMESPACES, hiddenKinds: new Set(), collapsed: new Set() };
const noop: GraphViewEvents = { select() {}, context() {}, hover() {}, busy() {}, mapped() {}, background() {} };
const frame = () => new Promise<number>((r) => requestAnimationFrame(r));

function container(): HTMLDivElement {
  const el = document.createElement('div');
  el.style.cssText = 'position:absolute;inset:0;width:1200px;height:800px';
  document.body.append(el);
  return el;
}

async function layoutRun(objects: ObjectMap): Promise<{ ms: number; nodes: number; phases: LayoutPhases }> {
  const el = container();
  const view = new GraphView(el, englishT, OPTS, PALETTE, noop);
  const t0 = performance.now();
  await view.rebuild(objects);
  await frame();
  const ms = performance.now() - t0;
  const nodes = view.cy.nodes().length;
  const phases = view.lastRebuild;
  view.dispose();
  el.remove();
  return { ms, nodes, phases };
}

/** Deterministic pseudo-random numbers (the same batches every run). */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** One batch: `count` pods flip Ready ↔ NotReady, and their Services' EndpointSlices follow. */
function batch(
  objects: ObjectMap,
  pods: KubeObject[],
  count: number,
  rnd: () => number,
  rv: { n: number },
): WatchChange[] {
  const changes: WatchChange[] = [];
  const touched = new Map<string, KubeObject>();
  for (let i = 0; i < count; i++) {
    const at = Math.floor(rnd() * pods.length);
    const old = objects.get(keyOf(pods[at]!))!;
    const ready = (old.status as { conditions?: { type: string; status: string }[] }).conditions?.some(
      (c) => c.type === 'Ready' && c.status === 'True',
    );
    const next = {
      ...old,
      metadata: { ...old.metadata, resourceVersion: String(++rv.n) },
      status: podStatusFor(ready ? 'NotReady' : 'Ready'),
    };
    changes.push({ type: 'MODIFIED', object: next });
    const app = old.metadata.labels?.['app'] ?? '';
    const sliceKey = `discovery.k8s.io/EndpointSlice/default/${app}-abcde`;
    const slice = touched.get(sliceKey) ?? objects.get(sliceKey)!;
    const endpoints = (slice['endpoints'] as { targetRef: { name: string }; conditions: { ready: boolean } }[]).map(
      (e) => (e.targetRef.name === old.metadata.name ? { ...e, conditions: { ready: !ready } } : e),
    );
    touched.set(sliceKey, { ...slice, metadata: { ...slice.metadata, resourceVersion: String(++rv.n) }, endpoints });
  }
  for (const s of touched.values()) changes.push({ type: 'MODIFIED', object: s });
  return changes;
}

async function patchRun(
  batches: number,
  warmup: number,
): Promise<Omit<BenchResult, 'layoutMs' | 'layoutNodes' | 'layoutPhases'>> {
  const all = clusterOf({ pods: 2000, nodes: 3, perDeployment: 20 });
  let objects: ObjectMap = objectMap(all);
  const pods = all.filter((o) => o.kind === 'Pod');
  const el = container();
  const view = new GraphView(el, englishT, OPTS, PALETTE, noop);
  await view.rebuild(objects);
  await frame();
  const rnd = lcg(42);
  const rv = { n: 1_000_000 };
  const patchMs: number[] = [];
  for (let i = 0; i < warmup + batches; i++) {
    const changes = batch(objects, pods, 20, rnd, rv);
    const t0 = performance.now();
    objects = applyWatchEvents(objects, changes);
    view.update(
      objects,
      changes.map((c) => keyOf(c.object)),
    );
    const t1 = performance.now();
    if (i >= warmup) patchMs.push(t1 - t0);
    await frame();
  }
  const patchElements = view.cy.elements().length;
  view.dispose();
  el.remove();
  return { patchMs, patchPods: pods.length, patchElements };
}

window.graphBench = async ({ layoutRuns, batches, warmup }) => {
  const layoutCluster = objectMap(clusterOf({ pods: 880, nodes: 3, perDeployment: 20 }));
  const layoutMs: number[] = [];
  const layoutPhases: LayoutPhases[] = [];
  let layoutNodes = 0;
  for (let i = 0; i < layoutRuns; i++) {
    const r = await layoutRun(layoutCluster);
    layoutMs.push(r.ms);
    layoutPhases.push(r.phases);
    layoutNodes = r.nodes;
  }
  return { layoutMs, layoutPhases, layoutNodes, ...(await patchRun(batches, warmup)) };
};
