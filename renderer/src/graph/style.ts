/**
 * The graph's look: colours read from the theme's CSS variables (once per
 * theme change) and turned into a Cytoscape stylesheet. Status → colour and
 * glyph; kind → shape and short name; edge type → line style.
 */
import { dataUri, kindSvg, statusSvg } from './icons.ts';
import { STATUS_CLASSES, type StatusClass } from './types.ts';

/** Turns an SVG document into an image URL (a data: URI, or a short blob: URL in the app). */
export type ImageUrl = (svg: string) => string;

export interface Palette {
  bg: string;
  panel: string;
  chrome: string;
  border: string;
  text: string;
  muted: string;
  accent: string;
  ok: string;
  warning: string;
  danger: string;
  pending: string;
  info: string;
  sans: string;
}

const VARS: (keyof Palette)[] = [
  'bg',
  'panel',
  'chrome',
  'border',
  'text',
  'muted',
  'accent',
  'ok',
  'warning',
  'danger',
  'pending',
  'info',
  'sans',
];

/** The theme's colours, from the CSS variables of app.css. */
export function readPalette(el: Element = document.documentElement): Palette {
  const css = getComputedStyle(el);
  const p = {} as Palette;
  for (const v of VARS) p[v] = css.getPropertyValue(`--${v}`).trim() || '#888';
  return p;
}

export const STATUS_COLOR: Readonly<Record<StatusClass, keyof Palette>> = {
  Ready: 'ok',
  Running: 'info',
  NotReady: 'warning',
  Pending: 'pending',
  ContainerCreating: 'info',
  Terminating: 'muted',
  Succeeded: 'muted',
  Failed: 'danger',
  CrashLoopBackOff: 'danger',
  ImagePullBackOff: 'danger',
  Unknown: 'muted',
};

type Shape = { shape: string; width: number; height: number };

export const KIND_SHAPE: Readonly<Record<string, Shape>> = {
  Deployment: { shape: 'round-rectangle', width: 54, height: 30 },
  StatefulSet: { shape: 'round-rectangle', width: 54, height: 30 },
  DaemonSet: { shape: 'round-rectangle', width: 54, height: 30 },
  ReplicationController: { shape: 'round-rectangle', width: 50, height: 28 },
  ReplicaSet: { shape: 'round-rectangle', width: 46, height: 26 },
  Job: { shape: 'round-rectangle', width: 46, height: 26 },
  CronJob: { shape: 'round-octagon', width: 50, height: 32 },
  HorizontalPodAutoscaler: { shape: 'round-diamond', width: 50, height: 36 },
  PodDisruptionBudget: { shape: 'round-pentagon', width: 48, height: 34 },
  Service: { shape: 'round-hexagon', width: 54, height: 34 },
  Ingress: { shape: 'rhomboid', width: 56, height: 30 },
  NetworkPolicy: { shape: 'round-pentagon', width: 54, height: 38 },
  PersistentVolumeClaim: { shape: 'barrel', width: 46, height: 32 },
  PersistentVolume: { shape: 'barrel', width: 50, height: 36 },
  StorageClass: { shape: 'cut-rectangle', width: 50, height: 30 },
  ConfigMap: { shape: 'round-tag', width: 48, height: 28 },
  Secret: { shape: 'round-tag', width: 56, height: 28 },
};

type Rule = { selector: string; style: Record<string, unknown> };

export function stylesheet(p: Palette, img: ImageUrl = dataUri): Rule[] {
  return [
    ...base(p),
    ...statusRules(p, img),
    ...kindRules(p, img),
    ...edgeRules(p),
    ...stateRules(p, img),
    ...overlayRules(p),
  ];
}

function base(p: Palette): Rule[] {
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'font-family': p.sans,
        'font-size': 10,
        color: p.text,
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-max-width': 100,
        'min-zoomed-font-size': 6,
        'background-color': p.panel,
        'border-width': 1.5,
        'border-color': p.border,
        width: 26,
        height: 26,
        'overlay-opacity': 0,
      },
    },
    {
      selector: ':parent',
      style: {
        shape: 'round-rectangle',
        'background-color': p.chrome,
        'background-opacity': 0.6,
        'border-color': p.border,
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -4,
        'font-size': 12,
        'font-weight': 600,
        'text-max-width': 400,
        padding: 18,
      },
    },
    {
      // A Node with no pods yet is still drawn as a box.
      selector: 'node.kind-Node, node.group-unscheduled',
      style: {
        shape: 'round-rectangle',
        width: 110,
        height: 52,
        'background-color': p.chrome,
        'background-opacity': 0.6,
        'font-size': 12,
        'font-weight': 600,
        'text-valign': 'top',
        'text-margin-y': -4,
        'text-max-width': 400,
      },
    },
    { selector: 'node.kind-Node.status-NotReady', style: { 'border-color': p.danger, 'border-style': 'dashed' } },
    {
      selector: 'node.group-unscheduled',
      style: { 'border-style': 'dashed', 'border-color': p.pending, 'background-opacity': 0.25, color: p.pending },
    },
  ];
}

function statusRules(p: Palette, img: ImageUrl): Rule[] {
  return STATUS_CLASSES.map((s) => ({
    selector: `node.kind-Pod.status-${s}`,
    style: {
      'background-color': p[STATUS_COLOR[s]],
      'border-color': p[STATUS_COLOR[s]],
      'background-image': img(statusSvg(s, '#ffffff')),
      'background-width': '78%',
      'background-height': '78%',
    },
  }));
}

function kindRules(p: Palette, img: ImageUrl): Rule[] {
  const rules: Rule[] = Object.entries(KIND_SHAPE).map(([kind, s]) => ({
    selector: `node.kind-${kind}`,
    style: {
      shape: s.shape,
      width: s.width,
      height: s.height,
      'background-image': img(kindSvg(kind, kind === 'Secret' ? p.warning : p.accent, p.sans)),
      'background-fit': 'contain',
      'background-width': '90%',
      'background-height': '90%',
    },
  }));
  // Controllers and claims show their state as the border colour.
  for (const s of STATUS_CLASSES) {
    rules.push({
      selector: `node[kind != "Pod"][kind != "Node"].status-${s}`,
      style: { 'border-color': p[STATUS_COLOR[s]], 'border-width': 2 },
    });
  }
  return rules;
}

function edgeRules(p: Palette): Rule[] {
  const line = (color: string, extra: Record<string, unknown> = {}) => ({
    'line-color': color,
    'target-arrow-color': color,
    ...extra,
  });
  return [
    {
      selector: 'edge',
      style: {
        width: 1.4,
        'curve-style': 'straight',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
        'line-color': p.muted,
        'target-arrow-color': p.muted,
        opacity: 0.8,
      },
    },
    { selector: 'edge.edge-selector', style: line(p.info, { width: 1.8 }) },
    { selector: 'edge.notready', style: { 'line-style': 'dashed', 'line-dash-pattern': [5, 4], opacity: 0.6 } },
    { selector: 'edge.edge-policy', style: line(p.warning, { 'line-style': 'dotted' }) },
    { selector: 'edge.edge-route', style: line(p.accent) },
    { selector: 'edge.edge-scale', style: line(p.accent, { 'line-style': 'dashed', 'line-dash-pattern': [6, 3] }) },
    { selector: 'edge.edge-budget', style: line(p.warning, { 'line-style': 'dashed', 'line-dash-pattern': [1, 3] }) },
    { selector: 'edge.edge-volume, edge.edge-storage', style: line(p.ok) },
    { selector: 'edge.edge-config', style: line(p.muted, { 'line-style': 'dashed', 'line-dash-pattern': [2, 3] }) },
    {
      selector: 'edge.dangling',
      style: line(p.danger, { 'line-style': 'dashed', 'target-arrow-shape': 'tee', opacity: 0.9 }),
    },
  ];
}

function stateRules(p: Palette, img: ImageUrl): Rule[] {
  return [
    {
      selector: 'node.missing',
      style: {
        'background-opacity': 0,
        'background-image-opacity': 0.5,
        'border-style': 'dashed',
        'border-color': p.danger,
        'border-width': 1.5,
        color: p.danger,
      },
    },
    { selector: 'node.kind-Pod.missing', style: { 'background-image': img(statusSvg('Unknown', p.danger)) } },
    { selector: 'node.collapsed', style: { 'border-style': 'double', 'border-width': 5, width: 64, height: 36 } },
    {
      selector: 'node.progress',
      style: { 'border-width': 3, 'border-style': 'dashed', 'border-color': p.info, 'border-dash-pattern': [4, 3] },
    },
    {
      selector: 'node.kind-Pod.progress',
      style: { 'background-color': p.panel, 'background-image': img(statusSvg('ContainerCreating', p.info)) },
    },
    { selector: 'node.progress.tick', style: { 'border-dash-offset': 3.5 } },
    { selector: 'node.flash', style: { 'overlay-color': p.accent, 'overlay-opacity': 0.4, 'overlay-padding': 7 } },
    { selector: 'node:selected', style: { 'border-color': p.accent, 'border-width': 3 } },
    {
      selector: 'node.hover, edge.hover',
      style: { 'overlay-color': p.accent, 'overlay-opacity': 0.12, 'overlay-padding': 4 },
    },
    { selector: 'edge:selected', style: { width: 3 } },
  ];
}

/** The policy overlay: allowed green, denied red and dashed, drawn over everything else, which fades. */
function overlayRules(p: Palette): Rule[] {
  return [
    { selector: 'node.dimmed', style: { opacity: 0.22 } },
    { selector: 'edge.dimmed', style: { opacity: 0.08 } },
    {
      selector: 'node.overlay-focus',
      style: { 'border-color': p.accent, 'border-width': 4, 'overlay-color': p.accent, 'overlay-opacity': 0.15 },
    },
    {
      selector: 'edge.overlay',
      style: {
        'curve-style': 'unbundled-bezier',
        'control-point-distances': 'data(arc)',
        'control-point-weights': 0.5,
        width: 2.2,
        'arrow-scale': 1,
        opacity: 0.95,
        'z-index': 20,
      },
    },
    { selector: 'edge.overlay.allowed', style: { 'line-color': p.ok, 'target-arrow-color': p.ok } },
    {
      selector: 'edge.overlay.denied',
      style: {
        'line-color': p.danger,
        'target-arrow-color': p.danger,
        'target-arrow-shape': 'tee',
        'line-style': 'dashed',
        'line-dash-pattern': [6, 4],
        width: 1.6,
        opacity: 0.75,
      },
    },
  ];
}
