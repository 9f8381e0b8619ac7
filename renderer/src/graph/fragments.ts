/**
 * One object's share of the graph (its fragment): its node, the owner edges
 * into it, its references by name (dangling to a placeholder when the target
 * is missing) and, for Services and NetworkPolicies, the selector edges to the
 * pods they match (Service → Pod solid only for ready endpoints; a Service
 * selecting nothing dangles to a "no pods" placeholder). Each fragment lists
 * what it read of other objects (`deps`), so the mapper recomputes it exactly
 * when one of those changes.
 */
import type { Facts } from './facts.ts';
import type { OutRef } from './refs.ts';
import { indexTerm, matches } from './selectors.ts';
import { termOf } from './facts.ts';
import type { EdgeType, GraphEdge, GraphElement, GraphNode, Translate } from './types.ts';
import type { World } from './world.ts';

/** The compound box for pods no node has taken yet. */
export const UNSCHEDULED = 'group:unscheduled';

export interface FragmentCtx {
  world: World;
  t: Translate;
  /** Collapsed Deployments: folded object key → the Deployment drawn in its place. */
  fold: ReadonlyMap<string, string>;
  /** The node element of an object with this parent (memoized by the mapper). */
  nodeEl(f: Facts, parent: string | undefined): GraphNode;
  collapsedEl(f: Facts): GraphNode;
}

export interface Fragment {
  els: GraphElement[];
  /** `exists:<key>`, `term:<ns␀k=v>`, `nspods:<ns>`, `slices:<service key>`. */
  deps: string[];
}

export const EMPTY: Fragment = { els: [], deps: [] };

export function fragmentOf(ctx: FragmentCtx, f: Facts): Fragment {
  const { world } = ctx;
  const folded = ctx.fold.get(f.key);
  if (!world.visible(f)) return EMPTY;
  const out: Fragment = { els: [], deps: [] };
  if (!folded) {
    out.els.push(nodeOf(ctx, f, out));
    ownerEdges(ctx, f, out);
  }
  for (const r of f.refs) refEdge(ctx, folded ?? f.key, r, out);
  if (f.selector) selectorEdges(ctx, f, out);
  return out;
}

function nodeOf(ctx: FragmentCtx, f: Facts, out: Fragment): GraphNode {
  if (f.kind === 'Deployment' && ctx.world.opts.collapsed.has(f.key)) return ctx.collapsedEl(f);
  if (f.kind !== 'Pod') return ctx.nodeEl(f, undefined);
  const parent = podParent(ctx, f, out);
  if (parent === UNSCHEDULED) {
    const label = ctx.t('graph.unscheduled');
    out.els.push({ group: 'nodes', data: { id: UNSCHEDULED, kind: 'Group', label }, classes: 'group-unscheduled' });
  }
  return ctx.nodeEl(f, parent);
}

function podParent(ctx: FragmentCtx, f: Facts, out: Fragment): string | undefined {
  const { world } = ctx;
  if (!world.kinds.has('Node')) return undefined;
  if (f.node) {
    out.deps.push(`exists:${f.node}`);
    return world.visible(world.facts.get(f.node)) ? f.node : undefined;
  }
  return f.finished ? undefined : UNSCHEDULED;
}

function edge(source: string, target: string, type: EdgeType, reason: string, extra = ''): GraphEdge {
  const id = `${type}:${source}>${target}`;
  return { group: 'edges', data: { id, source, target, type, reason }, classes: `edge-${type}${extra}` };
}

function ownerEdges(ctx: FragmentCtx, f: Facts, out: Fragment): void {
  for (const o of f.owners) {
    out.deps.push(`exists:${o.key}`);
    if (ctx.world.visible(ctx.world.facts.get(o.key)) && !ctx.fold.has(o.key))
      out.els.push(edge(o.key, f.key, 'owner', o.reason));
  }
}

function refEdge(ctx: FragmentCtx, source: string, r: OutRef, out: Fragment): void {
  const { world } = ctx;
  out.deps.push(`exists:${r.target}`);
  const target = world.facts.get(r.target);
  if (world.visible(target)) {
    out.els.push(edge(source, r.target, r.type, r.reason));
    return;
  }
  // Present but filtered out (another view, a hidden kind): not missing, just not drawn.
  if (target || !r.missing || !world.kinds.has(r.missing.kind)) return;
  const id = `missing:${r.target}`;
  out.els.push({
    group: 'nodes',
    data: { id, kind: r.missing.kind, label: r.missing.name, detail: r.missing.detail },
    classes: `kind-${r.missing.kind} missing`,
  });
  out.els.push(edge(source, id, r.type, `${r.reason} — ${r.missing.detail}`, ' dangling'));
}

/** Pods the selector may match: those carrying one of its plain terms, else every pod of the namespace. */
function candidates(ctx: FragmentCtx, f: Facts, out: Fragment): Iterable<string> {
  const term = indexTerm(f.selector!.sel);
  if (term) {
    const key = termOf(f.namespace, term);
    out.deps.push(`term:${key}`);
    return ctx.world.podsByTerm.get(key) ?? [];
  }
  out.deps.push(`nspods:${f.namespace}`);
  return ctx.world.podsByNs.get(f.namespace) ?? [];
}

function selectorEdges(ctx: FragmentCtx, f: Facts, out: Fragment): void {
  const { world, t } = ctx;
  const { sel, type } = f.selector!;
  out.deps.push(`slices:${f.key}`);
  const folded = new Map<string, { count: number; ready: boolean }>();
  // Two reasons per selector, not one per edge: a Service can select hundreds of pods.
  const params = { selector: sel.text || '{}' };
  const reasons = [t(selectorReason(type, sel.text, false), params), t(selectorReason(type, sel.text, true), params)];
  let matched = 0;
  for (const key of candidates(ctx, f, out)) {
    const pod = world.facts.get(key);
    if (!pod || !matches(sel, pod.labels) || !world.visible(pod)) continue;
    matched++;
    // Only ready endpoints get traffic: the EndpointSlice decides, else the pod's Ready condition.
    const ready = type !== 'selector' || (!pod.finished && (world.endpointReady(f.key, key) ?? pod.ready === true));
    const d = ctx.fold.get(key);
    if (d) {
      const acc = folded.get(d) ?? { count: 0, ready: false };
      folded.set(d, { count: acc.count + 1, ready: acc.ready || ready });
      continue;
    }
    out.els.push(edge(f.key, key, type, reasons[ready ? 1 : 0]!, ready ? '' : ' notready'));
  }
  for (const [d, { count, ready }] of folded) {
    const reason = t('graph.reason.selectorCollapsed', { selector: sel.text || '{}', count });
    out.els.push(edge(f.key, d, type, reason, ready ? '' : ' notready'));
  }
  if (matched === 0 && type === 'selector') noPods(ctx, f, sel.text, out);
}

function selectorReason(type: EdgeType, text: string, ready: boolean): string {
  if (type === 'policy') return text ? 'graph.reason.policy' : 'graph.reason.policyAll';
  if (type === 'budget') return 'graph.reason.budget';
  return ready ? 'graph.reason.selector' : 'graph.reason.selectorNotReady';
}

/** A Service selecting nothing: a dangling edge to a "no pods" placeholder saying which selector. */
function noPods(ctx: FragmentCtx, f: Facts, selector: string, out: Fragment): void {
  const id = `missing:selector:${f.key}`;
  const detail = ctx.t('graph.missing.selector', { selector, namespace: f.namespace });
  out.els.push({
    group: 'nodes',
    data: { id, kind: 'Pod', label: ctx.t('graph.missing.noPods'), detail },
    classes: 'kind-Pod missing',
  });
  out.els.push(edge(f.key, id, 'selector', detail, ' dangling'));
}
