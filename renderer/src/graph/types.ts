/**
 * The graph's own element model: plain data that the pure mapping produces,
 * the diff compares and the Cytoscape adapter applies. It mirrors
 * Cytoscape's ElementDefinition (group, data, classes) without importing it,
 * so the mapping stays testable without a DOM.
 */
import type { ObjectRef } from '../../../core/protocol/index.ts';

export type View = 'workloads' | 'network' | 'storage' | 'all';
export const VIEWS: readonly View[] = ['workloads', 'network', 'storage', 'all'];

/** The colour/glyph class of an object's state. */
export type StatusClass =
  | 'Pending'
  | 'ContainerCreating'
  | 'Running'
  | 'Ready'
  | 'NotReady'
  | 'Terminating'
  | 'Succeeded'
  | 'Failed'
  | 'CrashLoopBackOff'
  | 'ImagePullBackOff'
  | 'Unknown';

export const STATUS_CLASSES: readonly StatusClass[] = [
  'Pending',
  'ContainerCreating',
  'Running',
  'Ready',
  'NotReady',
  'Terminating',
  'Succeeded',
  'Failed',
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'Unknown',
];

/** What an edge says: ownership, a selector match, a volume or config reference… */
export type EdgeType = 'owner' | 'selector' | 'policy' | 'budget' | 'scale' | 'volume' | 'config' | 'storage' | 'route';

export interface NodeData {
  id: string;
  /** The compound box holding it (a cluster Node, or the "not scheduled" group). */
  parent?: string;
  kind: string;
  /** Shown under the node: the object's name, with a short summary for some kinds. */
  label: string;
  status?: StatusClass;
  /** kubectl's word for the state (Running, CrashLoopBackOff, Bound…), shown on hover. */
  statusText?: string;
  /** Pods: container restarts (shown on hover). */
  restarts?: number;
  /** The object, for selection and the context menu; absent for placeholders and groups. */
  ref?: ObjectRef;
  /** For "missing" placeholders: why the target is drawn missing. */
  detail?: string;
}

export interface EdgeData {
  id: string;
  source: string;
  target: string;
  type: EdgeType;
  /** Why the edge exists, shown on hover ("selector app=web matched", "claimName=data"). */
  reason: string;
}

export interface GraphNode {
  group: 'nodes';
  data: NodeData;
  /** Space-separated Cytoscape classes (kind, status, progress, missing, collapsed…). */
  classes: string;
}

export interface GraphEdge {
  group: 'edges';
  data: EdgeData;
  classes: string;
}

export type GraphElement = GraphNode | GraphEdge;

/** Every element by id. Insertion order: nodes (parents first), then edges. */
export type Elements = ReadonlyMap<string, GraphElement>;

/** Namespace filter: every namespace, all but the kube-* system ones, or one. */
export const ALL_NAMESPACES = '*';
export const USER_NAMESPACES = '';

export interface MapOptions {
  view: View;
  /** ALL_NAMESPACES, USER_NAMESPACES or a namespace name. */
  namespace: string;
  /** Kinds the learner unticked. */
  hiddenKinds: ReadonlySet<string>;
  /** Keys (keyOf) of Deployments drawn as one node, their ReplicaSets and pods folded in. */
  collapsed: ReadonlySet<string>;
}

/** Turns a message key and params into text (the i18n `t`, or the English catalogue in tests). */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

export interface Position {
  x: number;
  y: number;
}
