/**
 * The lab protocol: one typed message set between the UI and the core host,
 * whatever carries it (in-process for tests, a MessagePort in Electron, a
 * WebSocket for the browser build). Payloads are plain JSON.
 *
 * - The UI sends a `Request` (with an id); the host answers with exactly one
 *   `Response` carrying the same id: `ok` with a result, or a Kubernetes Status.
 * - The host pushes `Notification`s: cluster changes batched per frame, clock
 *   ticks, lesson progress, notices.
 */
import type { KubeObject, Status } from '../api/types.ts';
import type { TraceEntry } from '../api/trace.ts';
import type { Verdict } from '../network/types.ts';

export type { Direction, RuleMatch, SideVerdict, Verdict } from '../network/types.ts';

export const PROTOCOL_VERSION = 1;

/** How the UI names one object. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

export type ClockMode = 'manual' | 'realtime';

export interface ClockState {
  /** Virtual time, ms since the epoch. */
  nowMs: number;
  mode: ClockMode;
  /** Virtual seconds per wall second in realtime mode (1, 10, 60). */
  speed: number;
  /** When the next scheduled thing happens, if anything is scheduled. */
  nextAtMs?: number;
}

export type ComponentName = 'scheduler' | 'controller-manager' | 'kubelet';

export interface FaultState {
  scheduler: 'running' | 'stopped';
  'controller-manager': 'running' | 'stopped';
  /** Per node: its kubelet's state; `down` when the machine is failed. */
  nodes: Record<string, 'running' | 'stopped' | 'down'>;
  /** Offered CPU load per Service, "namespace/name" → millicores (core/cluster/load.ts). */
  loads?: Record<string, number>;
}

export type Fault =
  | { action: 'stop' | 'start'; component: 'scheduler' | 'controller-manager' }
  | { action: 'stop' | 'start'; component: 'kubelet'; node: string }
  | { action: 'fail' | 'recover'; component: 'node'; node: string }
  /** A new worker machine joins (k8s-node3, k8s-node4…): its kubelet registers it. */
  | { action: 'add'; component: 'node' }
  /** Offer `cpuMillis` of CPU load to a Service, shared by its ready endpoints; 0 removes it. */
  | { action: 'load'; component: 'service'; namespace: string; name: string; cpuMillis: number };

/** One document's outcome of an apply (or its dry run). */
export interface ApplyDocResult {
  /** 0-based document index in the text. */
  index: number;
  /** 1-based line where the document starts. */
  line: number;
  /** `deployment.apps/nginx-deployment` */
  ref: string;
  outcome?: 'created' | 'configured' | 'unchanged';
  /** For dry runs: the live object before (absent when it would be created). */
  live?: KubeObject;
  /** The object as stored (or as it would be stored, for dry runs). */
  object?: KubeObject;
  error?: Status;
  /** Where in the text the error points, when a field path could be located. */
  errorAt?: { line: number; column: number };
}

export interface ApplyResponse {
  ok: boolean;
  dryRun: boolean;
  results: ApplyDocResult[];
  /** YAML syntax errors: nothing was applied. */
  parseErrors: { index: number; line: number; column: number; message: string }[];
}

export interface KubectlResponse {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** The terminal's namespace after the command. */
  namespace: string;
}

export interface SchedulingReasons {
  pod: string;
  time: string;
  message?: string;
  nodeName?: string;
  /** Per node, per plugin: why the node was rejected. */
  perNode?: Record<string, { plugin: string; reason: string }[]>;
  /** The chosen node's score: the total and each plugin's weighted part. */
  scores?: { total: number; plugins: { plugin: string; score: number; weight: number }[] };
}

export interface WhyResponse {
  /** Trace entries about this object (and the objects that caused it), oldest first. */
  trace: TraceEntry[];
  scheduling?: SchedulingReasons;
  /**
   * Why a claim is Pending (each volume considered and why it does not fit), a volume is not
   * Bound, or a Service has no endpoints — markdown, in both locales.
   */
  explanation?: Record<Locale, string>;
}

export interface LessonSummary {
  id: string;
  number: number;
  title: Record<Locale, string>;
  summary: Record<Locale, string>;
  steps: number;
  /** Steps passed so far (saved progress). */
  passed: number;
}

export type Locale = 'en' | 'zh-CN';

export interface LessonStepView {
  id: string;
  title: Record<Locale, string>;
  /** Markdown. */
  goal: Record<Locale, string>;
  text: Record<Locale, string>;
  hints: Record<Locale, string>[];
  solution:
    | { kind: 'manifest'; yaml: string; file: string }
    | { kind: 'kubectl'; commands: string[] }
    | { kind: 'action'; description: Record<Locale, string> };
}

export interface LessonView {
  id: string;
  number: number;
  title: Record<Locale, string>;
  summary: Record<Locale, string>;
  steps: LessonStepView[];
}

export interface LessonProgress {
  lessonId: string;
  /** The step the learner is on (the first not yet passed). */
  current: number;
  /** Per step: passed (✓), with the check's message when it does not pass yet. */
  steps: { id: string; passed: boolean; detail?: Record<Locale, string>; explanation?: Record<Locale, string> }[];
  complete: boolean;
}

export interface EditorTab {
  id: string;
  title: string;
  text: string;
  /** Where it was opened from or saved to, when it is a file. */
  path?: string;
}

/** The part of the workspace the UI owns; the host saves it atomically. */
export interface WorkspaceUi {
  tabs: EditorTab[];
  activeTab?: string;
  locale?: Locale;
  theme?: 'light' | 'dark';
  activeLesson?: string;
  /** Pane sizes and other view preferences, opaque to the host. */
  layout?: Record<string, number>;
}

export interface HelloResponse {
  protocolVersion: number;
  /** The Kubernetes API URL for real kubectl, and the kubeconfig written for it. */
  apiUrl: string;
  kubeconfigPath?: string;
  clock: ClockState;
  faults: FaultState;
  workspace: WorkspaceUi;
  /** Set when the saved workspace could not be read and was set aside. */
  restoreNotice?: string;
}

/** One end of a connection the UI asks about: a pod by name, or a bare address (a node, the outside world). */
export type PeerRef = { kind: 'pod'; namespace: string; name: string } | { kind: 'ip'; ip: string };

export type NetProtocol = 'TCP' | 'UDP' | 'SCTP';

export interface NetpolVerdictResult {
  /** `namespace/name` of a pod, or the address. */
  from: string;
  to: string;
  port: number;
  protocol: NetProtocol;
  portFrom: PortSource;
  verdict: Verdict;
}

/** A row or column of the connectivity matrix: one pod, or the pods sharing a label value. */
export interface MatrixGroup {
  id: string;
  /** `web-1`, `app=web` (prefixed `namespace/` when several namespaces are shown). */
  label: string;
  namespace: string;
  /** `namespace/name` of every pod in it. */
  pods: string[];
}

/** allowed: every pod pair may connect; denied: none may; partial: some may (label groups only). */
export type CellState = 'allowed' | 'denied' | 'partial';

export interface NetpolMatrixResult {
  groupBy: 'pod' | 'label';
  labelKey?: string;
  /** Absent: every namespace. */
  namespace?: string;
  /** Absent: each destination's first container port (80 when it declares none). */
  port?: number;
  protocol: NetProtocol;
  /** The groups, both as sources (rows) and as destinations (columns): the first `limit` of them. */
  groups: MatrixGroup[];
  /** Row-major, rows = sources. */
  cells: CellState[][];
  /** Allowed pod pairs per cell, out of `groups[i].pods × groups[j].pods` (label groups only). */
  allowedPairs?: number[][];
  /** How many groups there are in all (more than `groups.length` when capped). */
  total: number;
}

/** Where the port of a connection came from when the UI gave none. */
export type PortSource = 'request' | 'containerPort' | 'default';

export interface OverlayEdge {
  /** The other pod. */
  namespace: string;
  name: string;
  port: number;
  protocol: NetProtocol;
  portFrom: PortSource;
  allowed: boolean;
  /** The deciding sentence. */
  reason: string;
  /** `namespace/name` of the policies that decided it (selecting the isolated side), or of the rules that allowed it. */
  policies: string[];
}

export interface NetpolOverlayResult {
  pod: { namespace: string; name: string };
  /** Policies that select the pod for ingress / egress (empty: not isolated in that direction). */
  ingressPolicies: string[];
  egressPolicies: string[];
  /** Every other pod as the source, this pod the destination. */
  ingress: OverlayEdge[];
  /** This pod the source, every other pod the destination. */
  egress: OverlayEdge[];
}

/** What the UI can ask. Every request carries an id the response echoes. */
export type RequestBody =
  | { type: 'hello' }
  /** Start (or restart) the stream of cluster changes: a `snapshot` notification, then `changes`. */
  | { type: 'subscribe' }
  | { type: 'apply'; yaml: string; dryRun?: boolean; namespace?: string }
  | { type: 'delete'; ref: ObjectRef }
  | { type: 'get'; ref: ObjectRef }
  | { type: 'describe'; ref: ObjectRef }
  | { type: 'why'; ref: ObjectRef }
  /** `files`: what `-f NAME` can read (the editor's tabs by title), so `kubectl apply -f web.yaml` works. */
  | { type: 'kubectl'; argv: string[]; namespace?: string; files?: Record<string, string> }
  | { type: 'complete'; line: string; namespace?: string }
  | { type: 'clock'; action: 'pause' | 'play' | 'step'; speed?: number }
  | { type: 'fault'; fault: Fault }
  | { type: 'lessons' }
  | { type: 'lesson'; lessonId: string }
  /** Reset: a fresh cluster from the lesson's start state; progress of this lesson cleared. */
  | { type: 'lessonStart'; lessonId: string; reset?: boolean }
  | { type: 'saveWorkspace'; workspace: WorkspaceUi }
  /** The whole lab (workspace + cluster snapshot) as JSON, for File → Save lab. */
  | { type: 'exportLab' }
  | { type: 'importLab'; lab: string }
  /** NetworkPolicy verdict for one connection (port: the destination's; absent, as in netpolOverlay). */
  | { type: 'netpolVerdict'; from: PeerRef; to: PeerRef; port?: number; protocol?: NetProtocol }
  /** Who may reach whom: pods (or label groups) × pods, on one port or each destination's first port. */
  | {
      type: 'netpolMatrix';
      namespace?: string;
      groupBy: 'pod' | 'label';
      labelKey?: string;
      port?: number;
      protocol?: NetProtocol;
      /** Cap on rows (and columns); 100 when absent. */
      limit?: number;
    }
  /** For one pod: every other pod as a source and as a destination, with the verdict and why. */
  | { type: 'netpolOverlay'; pod: ObjectRef; port?: number; protocol?: NetProtocol; allNamespaces?: boolean };

export type Request = RequestBody & { id: number };

export type RequestType = RequestBody['type'];

/** The result type of each request. */
export interface ResultOf {
  hello: HelloResponse;
  subscribe: { resourceVersion: string };
  apply: ApplyResponse;
  delete: { ref: ObjectRef };
  get: KubeObject;
  describe: { text: string };
  why: WhyResponse;
  kubectl: KubectlResponse;
  complete: { completions: string[]; prefix: string };
  clock: ClockState;
  fault: FaultState;
  lessons: LessonSummary[];
  lesson: LessonView;
  lessonStart: LessonProgress;
  saveWorkspace: { savedAtMs: number };
  exportLab: { lab: string };
  importLab: { ok: true };
  netpolVerdict: NetpolVerdictResult;
  netpolMatrix: NetpolMatrixResult;
  netpolOverlay: NetpolOverlayResult;
}

export type Response = { id: number; ok: true; result: unknown } | { id: number; ok: false; status: Status };

export interface WatchChange {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: KubeObject;
}

export type Notification =
  /** Every object the UI mirrors, replacing whatever it had (on subscribe and after a reset). */
  | { type: 'snapshot'; resourceVersion: string; objects: KubeObject[] }
  /** Changes since the last notification, in resourceVersion order, batched per frame. */
  | { type: 'changes'; resourceVersion: string; changes: WatchChange[] }
  | { type: 'clock'; clock: ClockState }
  | { type: 'faults'; faults: FaultState }
  | { type: 'lessonProgress'; progress: LessonProgress }
  | { type: 'notice'; level: 'info' | 'warning' | 'error'; message: string };

/** Anything that travels from host to UI. */
export type HostMessage =
  { kind: 'response'; response: Response } | { kind: 'notification'; notification: Notification };
