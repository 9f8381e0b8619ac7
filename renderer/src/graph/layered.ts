/**
 * The full layout (first load and "Re-layout"), a layered layout written for
 * the graph's compound structure rather than a general force simulation: it
 * is deterministic, O(n log n), and reads like the cluster does.
 *
 *   row 0  CronJobs
 *   row 1  Deployments, StatefulSets, DaemonSets
 *   row 2  ReplicaSets, Jobs
 *   row 3  the cluster Nodes, side by side, each a grid of its pods (grouped by owner)
 *   row 4  Services, NetworkPolicies          row 5  Ingresses, "no pods" placeholders
 *   row 6  PVCs, ConfigMaps, Secrets          row 7  PVs          row 8  StorageClasses
 *
 * Rows are placed outward from the pod row; each object sits at the mean x of
 * its already placed neighbours (barycentre), then a sweep removes overlaps.
 * Empty rows take no space. Runs in a Web Worker (layout.worker.ts).
 */
import type { GraphElement, Position } from './types.ts';

export interface LayoutNode {
  id: string;
  kind: string;
  label: string;
  parent?: string;
  /** The owner (for pods: to keep a ReplicaSet's pods together in the grid). */
  owner?: string;
  missing?: boolean;
}

export interface LayoutInput {
  nodes: LayoutNode[];
  edges: { source: string; target: string }[];
}

export type Positions = Record<string, Position>;

/** A pod's grid cell inside its Node box (its label is cut to fit). */
export const CELL = { w: 104, h: 64 } as const;
export const ROW_GAP = 150;
export const POD_ROW = 3;
const BOX_GAP = 70;
/** Every box gets at least this many columns of room, so a few new pods widen it before it grows down. */
const SLOT_COLS = 3;

const ROW: Readonly<Record<string, number>> = {
  CronJob: 0,
  Deployment: 1,
  StatefulSet: 1,
  DaemonSet: 1,
  ReplicationController: 1,
  ReplicaSet: 2,
  Job: 2,
  Service: 4,
  NetworkPolicy: 4,
  Ingress: 5,
  PersistentVolumeClaim: 6,
  ConfigMap: 6,
  Secret: 6,
  PersistentVolume: 7,
  StorageClass: 8,
};

export const isBox = (n: Pick<LayoutNode, 'kind'>) => n.kind === 'Node' || n.kind === 'Group';

export function rowOf(n: Pick<LayoutNode, 'kind' | 'missing' | 'parent'>): number {
  if (n.kind === 'Pod') return n.missing && !n.parent ? 5 : POD_ROW;
  if (isBox(n)) return POD_ROW;
  return ROW[n.kind] ?? 6;
}

/** Estimated drawn width of a node with this label (labels are cut at ~150 px). */
export const widthOf = (label: string) => Math.min(170, Math.max(70, label.length * 6.5 + 16));

export function layered(input: LayoutInput): Positions {
  const pos: Positions = {};
  const bottom = placePodRow(input.nodes, pos);
  const adjacency = adjacencyOf(input.edges);
  const rows = new Map<number, LayoutNode[]>();
  for (const n of input.nodes) {
    const r = rowOf(n);
    if (r === POD_ROW) continue;
    const list = rows.get(r) ?? [];
    list.push(n);
    rows.set(r, list);
  }
  const above = [...rows.keys()].filter((r) => r < POD_ROW).sort((a, b) => b - a);
  const below = [...rows.keys()].filter((r) => r > POD_ROW).sort((a, b) => a - b);
  above.forEach((r, i) => placeRow(rows.get(r)!, -(i + 1) * ROW_GAP, adjacency, pos));
  below.forEach((r, i) => placeRow(rows.get(r)!, bottom + (i + 1) * ROW_GAP, adjacency, pos));
  return pos;
}

/** Boxes left to right ("not scheduled" first, then Nodes by name), each a grid of its pods. */
function placePodRow(nodes: readonly LayoutNode[], pos: Positions): number {
  const boxes = nodes
    .filter(isBox)
    .sort((a, b) => (a.kind !== b.kind ? (a.kind === 'Group' ? -1 : 1) : cmp(a.label, b.label)));
  const members = new Map<string, LayoutNode[]>(boxes.map((b) => [b.id, []]));
  const loose: LayoutNode[] = [];
  for (const n of nodes) {
    if (n.kind !== 'Pod' || rowOf(n) !== POD_ROW) continue;
    const list = n.parent ? members.get(n.parent) : undefined;
    (list ?? loose).push(n);
  }
  let x = 0;
  let bottom = 0;
  const grid = (id: string | undefined, pods: LayoutNode[], slot = SLOT_COLS) => {
    pods.sort((a, b) => cmp(a.owner ?? '', b.owner ?? '') || cmp(a.label, b.label));
    const cols = Math.max(1, Math.ceil(Math.sqrt(pods.length * 1.5)));
    pods.forEach((p, i) => (pos[p.id] = { x: x + (i % cols) * CELL.w, y: Math.floor(i / cols) * CELL.h }));
    if (id && pods.length === 0) pos[id] = { x, y: 0 };
    bottom = Math.max(bottom, Math.ceil(pods.length / cols) * CELL.h);
    x += Math.max(cols, slot) * CELL.w + BOX_GAP;
  };
  // Pods leave the "not scheduled" box rather than arrive in it: it needs no room to grow.
  for (const b of boxes) grid(b.id, members.get(b.id)!, b.kind === 'Group' ? 1 : SLOT_COLS);
  if (loose.length) grid(undefined, loose, 1);
  return bottom;
}

function adjacencyOf(edges: LayoutInput['edges']): Map<string, string[]> {
  const m = new Map<string, string[]>();
  const add = (a: string, b: string) => {
    const l = m.get(a);
    if (l) l.push(b);
    else m.set(a, [b]);
  };
  for (const e of edges) {
    add(e.source, e.target);
    add(e.target, e.source);
  }
  return m;
}

/** Each node at its neighbours' mean x, then swept left to right so none overlap. */
function placeRow(row: LayoutNode[], y: number, adjacency: Map<string, string[]>, pos: Positions): void {
  let maxX = -Infinity;
  const wanted = row.map((n) => {
    let sum = 0;
    let count = 0;
    for (const m of adjacency.get(n.id) ?? []) {
      const p = pos[m];
      if (p) {
        sum += p.x;
        count++;
      }
    }
    const x = count ? sum / count : undefined;
    if (x !== undefined) maxX = Math.max(maxX, x);
    return { n, x, w: widthOf(n.label) };
  });
  // Objects with no placed neighbour go after the others, in name order.
  let next = Number.isFinite(maxX) ? maxX : 0;
  const ordered = wanted.sort((a, b) => (a.x ?? Infinity) - (b.x ?? Infinity) || cmp(a.n.label, b.n.label));
  for (const o of ordered) if (o.x === undefined) o.x = next += o.w;
  let prevRight = -Infinity;
  let shift = 0;
  const xs = ordered.map((o) => {
    const x = Math.max(o.x!, prevRight + o.w / 2 + 24);
    prevRight = x + o.w / 2;
    shift += x - o.x!;
    return x;
  });
  // Centre the row on where it wanted to be (the sweep only ever pushes right).
  const back = ordered.length ? shift / ordered.length : 0;
  ordered.forEach((o, i) => (pos[o.n.id] = { x: xs[i]! - back, y }));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The layout's input from the mapping's elements (plain data, so it can be posted to the worker). */
export function inputOf(iterable: Iterable<GraphElement>): LayoutInput {
  const elements = [...iterable];
  const nodes: LayoutNode[] = [];
  const edges: LayoutInput['edges'] = [];
  const owner = new Map<string, string>();
  for (const el of elements) {
    if (el.group === 'edges') {
      edges.push({ source: el.data.source, target: el.data.target });
      if (el.data.type === 'owner') owner.set(el.data.target, el.data.source);
    }
  }
  for (const el of elements) {
    if (el.group !== 'nodes') continue;
    const { id, kind, label, parent } = el.data;
    const o = owner.get(id);
    nodes.push({
      id,
      kind,
      label,
      ...(parent ? { parent } : {}),
      ...(o ? { owner: o } : {}),
      ...(el.classes.includes('missing') ? { missing: true } : {}),
    });
  }
  return { nodes, edges };
}
