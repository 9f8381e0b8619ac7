/**
 * The live graph: one Cytoscape instance kept in step with the cluster.
 * A snapshot (or a new view, or "Re-layout") maps everything and lays it out
 * in the layout worker; every later batch is mapped incrementally, diffed and
 * patched in one `cy.batch()`, new elements placed next to their neighbours
 * and nothing else moved. Status changes flash; pods in progress get a moving
 * dashed ring. The pane (GraphPane.svelte) owns one of these.
 */
import cytoscape from 'cytoscape';
import type { Core } from 'cytoscape';
import type { ObjectRef } from '../../../core/protocol/index.ts';
import { keyOfRef, type ObjectMap } from '../lib/cluster/reducer.ts';
import { styleFresh } from './cyFast.ts';
import { drawnOf, svgModelOf } from './cyRead.ts';
import { IconUrls } from './icons.ts';
import { inputOf, type Positions } from './layered.ts';
import { LayoutRunner } from './layoutRunner.ts';
import { Motion } from './motion.ts';
import { GraphMapper, type MapResult } from './mapping.ts';
import { applyOps, diff, opsOf, type Op } from './patch.ts';
import { plan } from './placement.ts';
import { stylesheet, type Palette } from './style.ts';
import { toSvg } from './svgExport.ts';
import type { Elements, GraphElement, GraphNode, MapOptions, Translate } from './types.ts';
import { wireEvents, type ContextTarget, type GraphViewEvents } from './viewEvents.ts';
import type { OverlayLayer } from '../netpol/overlay.ts';

export type { ContextTarget, GraphViewEvents, Hover } from './viewEvents.ts';

const MAX_FIT_ZOOM = 1.1;

export class GraphView {
  readonly cy: Core;
  private mapper: GraphMapper;
  private current: Elements = new Map();
  private objects: ObjectMap = new Map();
  private layout = new LayoutRunner();
  private icons = new IconUrls();
  private laying = false;
  private palette: Palette;
  private motion: Motion;
  private unwire: () => void;
  private selected: ObjectRef | undefined;
  /** The policy overlay drawn on top (a layer of `overlay` edges outside the mapping), if any. */
  private overlay: OverlayLayer | undefined;
  private overlayFitFor: string | undefined;
  /**
   * True until the learner pans or zooms: while it holds, a patch that draws something outside the
   * view fits the view again (the camera follows; nothing drawn moves).
   */
  private autoCamera = true;
  /** Where the last full rebuild spent its time (the benchmark reports it). */
  lastRebuild = { mapMs: 0, layoutMs: 0, drawMs: 0 };

  constructor(
    container: HTMLElement,
    t: Translate,
    private opts: MapOptions,
    palette: Palette,
    private readonly events: GraphViewEvents,
  ) {
    this.palette = palette;
    this.mapper = new GraphMapper(t);
    this.cy = cytoscape({
      container,
      style: stylesheet(palette, this.icons.url) as never,
      minZoom: 0.05,
      maxZoom: 3,
      boxSelectionEnabled: false,
      selectionType: 'single',
      autoungrabify: false,
      textureOnViewport: true,
      hideEdgesOnViewport: false,
      motionBlur: false,
    });
    this.unwire = wireEvents(this.cy, events);
    this.motion = new Motion(this.cy);
    const manual = () => (this.autoCamera = false);
    container.addEventListener('wheel', manual, { passive: true });
    this.cy.on('tapstart', (e) => {
      if (e.target === this.cy) manual();
    });
  }

  /** Map everything and lay it out from scratch (a snapshot, a new view, "Re-layout"). */
  async rebuild(objects: ObjectMap = this.objects, animate = false): Promise<void> {
    this.objects = objects;
    const t0 = performance.now();
    const r = this.map(objects);
    const t1 = performance.now();
    this.laying = true;
    this.events.busy(true);
    const positions = await this.layout.run(inputOf(r.elements.values()));
    if (!positions) return; // a newer rebuild is under way
    const t2 = performance.now();
    this.laying = false;
    this.events.busy(false);
    if (animate && this.sameIds(r.elements)) {
      // Re-layout of what is drawn: patch any wording change, then glide everything to its place.
      const ops = diff(this.current, r.elements);
      if (ops.length) this.patch(ops, r.elements);
      this.current = r.elements;
      this.animateTo(positions);
    } else this.replace(r.elements, positions);
    this.highlight(this.selected);
    this.lastRebuild = { mapMs: t1 - t0, layoutMs: t2 - t1, drawMs: performance.now() - t2 };
    // The cluster may have moved on while the worker was busy.
    if (this.objects !== objects) this.update(this.objects);
  }

  /**
   * Patch the drawn graph to `objects` (a batch of watch changes arrived; `keys` are the objects it
   * changed, or every object is compared by identity). Returns the operations applied.
   */
  update(objects: ObjectMap, keys?: Iterable<string>): Op[] {
    this.objects = objects;
    if (this.laying) return []; // the rebuild under way catches up when it lands
    const r = this.mapper.update(objects, keys);
    this.events.mapped(r);
    const ops = opsOf(r.changes);
    if (ops.length) this.patch(ops, r.elements);
    this.current = r.elements;
    if (ops.length && this.overlay) this.drawOverlay();
    return ops;
  }

  /** New options: a new view or filter gets a fresh layout; collapsing is patched in place. */
  setOptions(opts: MapOptions, relayout: boolean): void {
    this.opts = opts;
    if (relayout || this.laying) void this.rebuild();
    else this.remap();
  }

  setTranslate(t: Translate): void {
    this.mapper = new GraphMapper(t);
    if (this.laying) void this.rebuild();
    else this.remap();
  }

  /** Map everything again and patch the difference in (nothing drawn moves). */
  private remap(): void {
    const r = this.map(this.objects);
    const ops = diff(this.current, r.elements);
    if (ops.length) this.patch(ops, r.elements);
    this.current = r.elements;
    if (ops.length && this.overlay) this.drawOverlay();
  }

  /** Draw (or, with undefined, remove) the policy overlay: its edges on top, the rest dimmed. */
  setOverlay(layer: OverlayLayer | undefined): void {
    this.overlay = layer;
    this.drawOverlay();
  }

  private drawOverlay(): void {
    const layer = this.overlay;
    const cy = this.cy;
    cy.batch(() => {
      cy.elements('.overlay').remove();
      cy.elements('.dimmed, .overlay-focus').removeClass('dimmed overlay-focus');
      if (!layer || cy.getElementById(layer.focus).empty()) return;
      // Only between pods drawn now (other namespaces, collapsed Deployments and filters hide some).
      const drawn = layer.edges.filter(
        (e) => cy.getElementById(e.source).nonempty() && cy.getElementById(e.target).nonempty(),
      );
      cy.add(
        drawn.map((e) => ({
          group: 'edges' as const,
          data: { id: e.id, source: e.source, target: e.target, title: e.title, lines: e.lines, arc: this.arcOf(e) },
          classes: `overlay ${e.allowed ? 'allowed' : 'denied'}`,
        })),
      );
      const involved = new Set([layer.focus, ...drawn.flatMap((e) => [e.source, e.target])]);
      cy.nodes(':childless')
        .filter((n) => !involved.has(n.id()))
        .addClass('dimmed');
      cy.edges(':not(.overlay)').addClass('dimmed');
      cy.getElementById(layer.focus).addClass('overlay-focus');
    });
    if (layer && layer.focus !== this.overlayFitFor) this.fitOverlay(layer);
    this.overlayFitFor = layer?.focus;
  }

  /**
   * How far an overlay edge bows from the straight line: pods often sit in one row, where straight
   * edges would lie on top of each other. Longer edges bow more; the two directions of one pair bow
   * to opposite sides (the offset is perpendicular to source → target).
   */
  private arcOf(e: { source: string; target: string }): number {
    const a = this.cy.getElementById(e.source).position();
    const b = this.cy.getElementById(e.target).position();
    return Math.round(Math.max(14, Math.min(90, Math.hypot(a.x - b.x, a.y - b.y) * 0.2)));
  }

  /** A new overlay: bring its pods into view (the learner's own zoom is kept on later refreshes). */
  private fitOverlay(layer: OverlayLayer): void {
    const ids = new Set([layer.focus, ...layer.edges.flatMap((e) => [e.source, e.target])]);
    const nodes = this.cy.nodes(':childless').filter((n) => ids.has(n.id()));
    if (nodes.empty()) return;
    this.cy.fit(nodes, 90);
    if (this.cy.zoom() > 1.6) {
      this.cy.zoom(1.6);
      this.cy.center(nodes);
    }
  }

  setPalette(p: Palette): void {
    this.palette = p;
    const old = this.icons;
    this.icons = new IconUrls();
    this.cy.style(stylesheet(p, this.icons.url) as never);
    // Images already loaded stay cached in Cytoscape; the old URLs are not needed any more.
    setTimeout(() => old.revoke(), 1000);
  }

  relayout(): Promise<void> {
    return this.rebuild(this.objects, true);
  }

  fit(): void {
    this.fitNow();
  }

  /** Fit the whole graph, but never blow a small one up past life size. */
  private fitNow(): void {
    this.autoCamera = true;
    this.cy.fit(undefined, 30);
    if (this.cy.zoom() > MAX_FIT_ZOOM) {
      this.cy.zoom(MAX_FIT_ZOOM);
      this.cy.center();
    }
  }

  /** Mark the selected object (the inspector's), if it is drawn. */
  highlight(ref: ObjectRef | undefined): void {
    this.selected = ref;
    this.cy.batch(() => {
      this.cy.$(':selected').unselect();
      if (ref) this.cy.getElementById(keyOfRef(ref)).select();
    });
  }

  /** The context menu's target for an object drawn in the graph (keyboard: Shift+F10 on the selection). */
  contextFor(ref: ObjectRef): ContextTarget | undefined {
    const n = this.cy.getElementById(keyOfRef(ref));
    if (n.empty() || !n.data('ref')) return undefined;
    const p = n.renderedPosition();
    return { ref: n.data('ref') as ObjectRef, label: String(n.data('label')), x: p.x, y: p.y };
  }

  zoomBy(factor: number): void {
    const c = this.cy;
    c.zoom({ level: c.zoom() * factor, renderedPosition: { x: c.width() / 2, y: c.height() / 2 } });
  }

  png(): Blob {
    return this.cy.png({ output: 'blob', full: true, scale: 2, bg: this.palette.panel });
  }

  svg(): string {
    return toSvg(svgModelOf(this.cy, this.palette.panel, this.palette.sans, this.palette.accent));
  }

  dispose(): void {
    this.motion.dispose();
    this.layout.dispose();
    this.unwire();
    this.cy.destroy();
    this.icons.revoke();
  }

  private map(objects: ObjectMap): MapResult {
    const r = this.mapper.map(objects, this.opts);
    this.events.mapped(r);
    return r;
  }

  private replace(elements: Elements, positions: Positions): void {
    const def = (el: GraphElement) => ({
      group: el.group,
      data: { ...el.data },
      classes: el.classes,
      ...(positions[el.data.id] ? { position: positions[el.data.id] } : {}),
    });
    const [top, inner] = parentsFirst(elements);
    this.cy.batch(() => {
      this.cy.elements().remove();
      this.cy.add(top.map(def));
    });
    // Boxes are styled while still empty: Cytoscape re-styles a compound together with all its
    // descendants, so styling 300 pods' box after they are in it costs ~300× more.
    this.cy.batch(() => this.cy.add(inner.map(def)));
    styleFresh(this.cy);
    this.current = elements;
    if (this.overlay) this.drawOverlay();
    this.fitNow();
    this.motion.tickIfNeeded();
  }

  private sameIds(elements: Elements): boolean {
    return elements.size === this.current.size && [...elements.keys()].every((k) => this.current.has(k));
  }

  private animateTo(positions: Positions): void {
    this.cy.nodes(':childless').forEach((n) => {
      const p = positions[n.id()];
      if (p) n.animate({ position: p, duration: 300, easing: 'ease-in-out-cubic' });
    });
    setTimeout(() => this.fit(), 320);
  }

  /** Whether every one of `nodes` is drawn inside the visible part of the canvas. */
  private inView(nodes: GraphNode[]): boolean {
    const view = this.cy.extent();
    return nodes.every((n) => {
      const el = this.cy.getElementById(n.data.id);
      if (el.empty()) return true;
      const b = el.boundingBox();
      return b.x1 >= view.x1 && b.x2 <= view.x2 && b.y1 >= view.y1 && b.y2 <= view.y2;
    });
  }

  private patch(ops: Op[], next: Elements): void {
    const toPlace: GraphNode[] = [];
    for (const o of ops) {
      if (o.op === 'add' && o.el.group === 'nodes') toPlace.push(o.el);
      else if (o.op === 'move') toPlace.push(next.get(o.id) as GraphNode);
    }
    const planned = toPlace.length ? plan(toPlace, next, drawnOf(this.cy)) : new Map();
    const result = applyOps(this.cy, ops, {
      place: (el) => planned.get(el.data.id) ?? { x: 0, y: 0 },
      placeMoved: (id) => planned.get(id),
    });
    this.motion.flash(result.statusChanged);
    if (this.autoCamera && toPlace.length && !this.inView(toPlace)) this.fitNow();
    if (
      ops.some(
        (o) =>
          (o.op === 'classes' || o.op === 'add') && ('classes' in o ? o.classes : o.el.classes).includes('progress'),
      )
    )
      this.motion.tickIfNeeded();
  }
}

/** Top-level nodes (boxes among them), and then the nodes inside boxes and the edges. */
function parentsFirst(elements: Elements): [GraphElement[], GraphElement[]] {
  const top: GraphElement[] = [];
  const inner: GraphElement[] = [];
  const edges: GraphElement[] = [];
  for (const el of elements.values()) (el.group === 'edges' ? edges : el.data.parent ? inner : top).push(el);
  return [top, [...inner, ...edges]];
}
