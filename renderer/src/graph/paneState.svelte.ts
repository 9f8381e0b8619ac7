/**
 * The graph pane's state and behaviour, out of the component: the view
 * options (remembered), what the view reports (workloads, namespaces, busy,
 * hover), which popover is open, and the GraphView's life on the canvas
 * (created on attach, fed every mirror batch, disposed on detach).
 */
import { untrack } from 'svelte';
import type { ObjectRef } from '../../../core/protocol/index.ts';
import { keyOf, keyOfRef } from '../lib/cluster/reducer.ts';
import { t } from '../lib/i18n/index.svelte.ts';
import type { Lab } from '../lib/lab.svelte.ts';
import { deleteObject, loadIntoEditor } from './actions.ts';
import { GraphView, type ContextTarget, type GraphViewEvents, type Hover } from './graphView.ts';
import { download } from '../editor/files.ts';
import { loadOptions, saveOptions, setOf, toggled } from './options.ts';
import { readPalette } from './style.ts';
import type { MapOptions } from './types.ts';
import { OverlayState } from '../netpol/overlayState.svelte.ts';
import { touchesPolicies } from '../netpol/overlay.ts';

export class GraphPaneState {
  graph = $state.raw<GraphView | undefined>();
  opts = $state.raw<MapOptions>(loadOptions());
  workloads = $state(-1);
  namespaces = $state.raw<string[]>([]);
  busy = $state(false);
  hover = $state.raw<Hover | undefined>();
  menu = $state.raw<ContextTarget | undefined>();
  legendOpen = $state(false);
  kindsOpen = $state(false);
  exportOpen = $state(false);
  matrixOpen = $state(false);
  readonly overlay: OverlayState;

  constructor(private readonly lab: Lab) {
    this.overlay = new OverlayState(lab);
  }

  readonly events: GraphViewEvents = {
    select: (ref) => this.lab.select(ref),
    context: (c) => ((this.menu = c), (this.hover = undefined)),
    hover: (h) => (this.hover = h),
    busy: (b) => (this.busy = b),
    background: () => this.closePopovers(),
    mapped: (r) => {
      if (r.workloads !== this.workloads) this.workloads = r.workloads;
      if (r.namespaces.join() !== this.namespaces.join()) this.namespaces = r.namespaces;
    },
  };

  /** Draw the cluster on `el` from now on; returns what undoes it. */
  attach(el: HTMLElement): () => void {
    const { mirror } = this.lab;
    const view = untrack(() => new GraphView(el, t, this.opts, readPalette(), this.events));
    this.graph = view;
    // Every batch is patched in; an empty batch means a new snapshot: lay out again.
    const off = mirror.onBatch((changes) => {
      const keys = changes.map((c) => keyOf(c.object));
      if (changes.length) view.update(mirror.objects, keys);
      else void view.rebuild(mirror.objects);
      // The overlay follows the cluster: new pods, changed labels, applied or deleted policies.
      if (this.lab.overlayPod && (!changes.length || touchesPolicies(keys))) this.overlay.refreshSoon();
    });
    untrack(() => mirror.ready && void view.rebuild(mirror.objects));
    const resize = new ResizeObserver(() => view.cy.resize());
    resize.observe(el);
    return () => {
      off();
      this.overlay.dispose();
      resize.disconnect();
      view.dispose();
      this.graph = undefined;
    };
  }

  setOptions(next: MapOptions, relayout: boolean): void {
    this.opts = next;
    saveOptions(next);
    this.graph?.setOptions(next, relayout);
  }

  toggleCollapseAll(): void {
    const all = this.lab.mirror.ofKind('Deployment').map((d) => keyOf(d));
    this.setOptions({ ...this.opts, collapsed: setOf(this.opts.collapsed.size ? [] : all) }, false);
  }

  toggleCollapsed(ref: ObjectRef): void {
    const key = keyOfRef(ref);
    this.setOptions({ ...this.opts, collapsed: toggled(this.opts.collapsed, key) }, false);
  }

  isCollapsed(ref: ObjectRef): boolean {
    return this.opts.collapsed.has(keyOfRef(ref));
  }

  exportAs(format: 'png' | 'svg'): void {
    if (!this.graph) return;
    if (format === 'png') download(this.graph.png(), 'kubelab-graph.png');
    else download(this.graph.svg(), 'kubelab-graph.svg');
  }

  load(ref: ObjectRef): void {
    void loadIntoEditor(this.lab, ref, t);
  }

  delete(ref: ObjectRef): void {
    void deleteObject(this.lab, ref, t);
  }

  closePopovers(): void {
    this.menu = undefined;
    this.kindsOpen = false;
    this.exportOpen = false;
  }

  /** The canvas's keys: Shift+F10 / ContextMenu opens the selection's menu, F fits, + and − zoom. */
  keydown(e: KeyboardEvent): void {
    const selected = this.lab.selected;
    if (e.key === 'Escape') {
      this.closePopovers();
      this.legendOpen = false;
    } else if ((e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) && selected) {
      e.preventDefault();
      this.menu = this.graph?.contextFor(selected);
    } else if (e.key === 'f' || e.key === 'F') this.graph?.fit();
    else if (e.key === '+' || e.key === '=') this.graph?.zoomBy(1.25);
    else if (e.key === '-') this.graph?.zoomBy(0.8);
  }
}
