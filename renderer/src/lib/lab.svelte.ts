/**
 * The lab's shared UI state, handed to components through Svelte context:
 * the protocol client, the cluster mirror, clock and fault state, the
 * selection, and the editor bridge (so the graph, lessons and inspector can
 * load YAML into the editor without knowing about Monaco).
 */
import { getContext, setContext } from 'svelte';
import type {
  ClockState,
  FaultState,
  HelloResponse,
  LessonProgress,
  Notification,
  ObjectRef,
  WorkspaceUi,
} from '../../../core/protocol/index.ts';
import { ClusterMirror } from './cluster/mirror.svelte.ts';
import type { LabClient } from './protocol/client.ts';

export interface EditorBridge {
  /** Open text in a new tab (or the tab with that title), focus it. */
  open(text: string, title: string): void;
  /** The active tab's text. */
  activeText(): string;
  /** The active tab's title (the file name it saves as). */
  activeTitle(): string;
  /** Rename the active tab (after it was saved under another name). */
  renameActive(title: string): void;
}

export interface Notice {
  id: number;
  level: 'info' | 'warning' | 'error';
  message: string;
}

export class Lab {
  readonly mirror = new ClusterMirror();
  #hello = $state.raw<HelloResponse | undefined>();
  #clock = $state.raw<ClockState>({ nowMs: 0, mode: 'realtime', speed: 1 });
  #faults = $state.raw<FaultState>({ scheduler: 'running', 'controller-manager': 'running', nodes: {} });
  #selected = $state.raw<ObjectRef | undefined>();
  #notices = $state.raw<Notice[]>([]);
  #progress = $state.raw<Record<string, LessonProgress>>({});
  #connected = $state.raw(true);
  #theme = $state.raw<'light' | 'dark'>('light');
  #overlayPod = $state.raw<ObjectRef | undefined>();
  private noticeId = 0;
  editor: EditorBridge | undefined;
  /** Workspace parts owned by panes (tabs by the editor, layout by the shell…), saved together. */
  workspace: WorkspaceUi = { tabs: [] };
  private saveTimer = 0;

  constructor(readonly client: LabClient) {
    client.onNotification((n) => this.receive(n));
    client.onClose(() => (this.#connected = false));
  }

  get hello() {
    return this.#hello;
  }
  get clock() {
    return this.#clock;
  }
  get faults() {
    return this.#faults;
  }
  get selected() {
    return this.#selected;
  }
  get notices() {
    return this.#notices;
  }
  get progress() {
    return this.#progress;
  }
  get connected() {
    return this.#connected;
  }
  get theme() {
    return this.#theme;
  }
  set theme(t: 'light' | 'dark') {
    this.#theme = t;
    document.documentElement.dataset.theme = t;
    this.saveSoon({ theme: t });
  }

  select(ref: ObjectRef | undefined): void {
    this.#selected = ref;
  }

  /** The pod whose policy overlay the graph draws (who may reach it, whom it may reach), if any. */
  get overlayPod() {
    return this.#overlayPod;
  }

  showOverlay(pod: ObjectRef | undefined): void {
    this.#overlayPod = pod;
  }

  notify(level: Notice['level'], message: string): void {
    const id = ++this.noticeId;
    this.#notices = [...this.#notices, { id, level, message }];
    if (level !== 'error') setTimeout(() => this.dismiss(id), 6000);
  }

  dismiss(id: number): void {
    this.#notices = this.#notices.filter((n) => n.id !== id);
  }

  async start(): Promise<HelloResponse> {
    const hello = await this.client.request({ type: 'hello' });
    this.#hello = hello;
    this.#clock = hello.clock;
    this.#faults = hello.faults;
    this.workspace = hello.workspace;
    if (hello.workspace.theme) this.theme = hello.workspace.theme;
    if (hello.restoreNotice) this.notify('warning', hello.restoreNotice);
    await this.client.request({ type: 'subscribe' });
    return hello;
  }

  /**
   * Merge a part of the workspace and save it within ~300 ms (so a crash
   * loses at most the last second of typing).
   */
  saveSoon(part: Partial<WorkspaceUi>): void {
    this.workspace = { ...this.workspace, ...part };
    clearTimeout(this.saveTimer);
    this.saveTimer = window.setTimeout(() => void this.saveNow(), 300);
  }

  async saveNow(): Promise<void> {
    clearTimeout(this.saveTimer);
    await this.client.request({ type: 'saveWorkspace', workspace: this.workspace }).catch(() => undefined);
  }

  private receive(n: Notification): void {
    if (this.mirror.receive(n)) return;
    switch (n.type) {
      case 'clock':
        this.#clock = n.clock;
        return;
      case 'faults':
        this.#faults = n.faults;
        return;
      case 'lessonProgress':
        this.#progress = { ...this.#progress, [n.progress.lessonId]: n.progress };
        return;
      case 'notice':
        this.notify(n.level, n.message);
        return;
    }
  }
}

const KEY = Symbol('lab');

export function provideLab(lab: Lab): void {
  setContext(KEY, lab);
}

export function useLab(): Lab {
  return getContext<Lab>(KEY);
}
