/**
 * The editor's tabs: one Monaco model per tab, which tab is shown, which have changes since they
 * were opened, saved or applied (the dirty dot), and the workspace they are saved in (a reload
 * restores them). Tab rules live in tabs.ts; this class only keeps Monaco and the Lab in step.
 */
/* eslint-disable svelte/prefer-svelte-reactivity -- the maps hold Monaco objects, not state; the dirty set is replaced whole, never mutated. */
import type { editor, IDisposable } from 'monaco-editor/editor/editor.api';
import type { EditorTab } from '../../../core/protocol/index.ts';
import type { Lab } from '../lib/lab.svelte.ts';
import type { Monaco } from './setup.ts';
import { NGINX_DEPLOYMENT } from './templates.ts';
import { cleanTitle, closeTab, newTabId, restoredActive, tabWithTitle, uniqueTitle } from './tabs.ts';

/** How long after the last keystroke the tabs are handed to the workspace (which adds its own ~300 ms). */
const PERSIST_MS = 200;

export class EditorSession {
  #tabs = $state.raw<EditorTab[]>([]);
  #active = $state.raw<string | undefined>();
  #dirty = $state.raw<ReadonlySet<string>>(new Set());
  private readonly models = new Map<string, { model: editor.ITextModel; sub: IDisposable }>();
  /** Per tab, the text it had when opened, saved to a file or applied. */
  private readonly clean = new Map<string, string>();
  private readonly views = new Map<string, editor.ICodeEditorViewState | null>();
  private view: editor.IStandaloneCodeEditor | undefined;
  private timer = 0;

  constructor(
    private readonly lab: Lab,
    private readonly monaco: Monaco,
    private readonly uriOf: (id: string) => ReturnType<Monaco['Uri']['parse']>,
  ) {}

  get tabs(): readonly EditorTab[] {
    return this.#tabs;
  }
  get active(): string | undefined {
    return this.#active;
  }
  isDirty(id: string): boolean {
    return this.#dirty.has(id);
  }

  /** The saved tabs, or the course's nginx-deployment.yaml when there are none. */
  restore(saved: readonly EditorTab[], active: string | undefined): void {
    for (const t of saved) this.addModel(t.id, t.text);
    this.#tabs = saved.map((t) => ({ ...t, text: '' }));
    if (!saved.length) this.create(NGINX_DEPLOYMENT.yaml, NGINX_DEPLOYMENT.file);
    else this.#active = restoredActive(saved, active);
  }

  /** Show the tabs in `view` (the editor widget, created once Monaco has loaded). */
  attach(view: editor.IStandaloneCodeEditor): void {
    this.view = view;
    this.show(this.#active);
  }

  model(id: string | undefined): editor.ITextModel | undefined {
    return id === undefined ? undefined : this.models.get(id)?.model;
  }

  activeText(): string {
    return this.model(this.#active)?.getValue() ?? '';
  }

  activeTab(): EditorTab | undefined {
    return this.#tabs.find((t) => t.id === this.#active);
  }

  /** After the active tab was saved to a file under `title` (Electron's Save dialog). */
  renameActive(title: string): void {
    const id = this.#active;
    if (id === undefined) return;
    this.rename(id, title);
    this.markClean(id, this.activeText());
  }

  create(text: string, title: string, path?: string): string {
    const id = newTabId(this.#tabs);
    this.addModel(id, text);
    this.#tabs = [...this.#tabs, { id, title: uniqueTitle(title, this.#tabs), text: '', ...(path ? { path } : {}) }];
    this.activate(id);
    return id;
  }

  /** EditorBridge.open: the tab with that title gets the text (undoably), or a new tab does. */
  open(text: string, title: string): void {
    const existing = tabWithTitle(this.#tabs, title);
    const model = this.model(existing?.id);
    if (!existing || !model) return void this.create(text, title);
    if (model.getValue() !== text) {
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
      this.clean.set(existing.id, text);
    }
    this.activate(existing.id);
  }

  activate(id: string): void {
    if (!this.models.has(id)) return;
    if (this.view && this.#active && this.#active !== id) this.views.set(this.#active, this.view.saveViewState());
    this.#active = id;
    this.show(id);
    this.persist();
  }

  close(id: string): void {
    const next = closeTab(this.#tabs, id, this.#active);
    const entry = this.models.get(id);
    this.models.delete(id);
    this.clean.delete(id);
    this.views.delete(id);
    this.#tabs = next.tabs;
    this.#active = next.active;
    this.show(next.active);
    entry?.sub.dispose();
    entry?.model.dispose();
    this.refreshDirty();
    this.persist();
  }

  rename(id: string, raw: string): void {
    const others = this.#tabs.filter((t) => t.id !== id);
    const current = this.#tabs.find((t) => t.id === id);
    if (!current) return;
    const title = uniqueTitle(cleanTitle(raw, current.title), others);
    this.#tabs = this.#tabs.map((t) => (t.id === id ? { ...t, title } : t));
    this.persist();
  }

  /** The tab's text was saved or applied as it is now: no dirty dot. */
  markClean(id: string, text: string): void {
    this.clean.set(id, text);
    this.refreshDirty();
  }

  /** Every tab with its current text, as the workspace keeps them. */
  snapshot(): EditorTab[] {
    return this.#tabs.map((t) => ({ ...t, text: this.model(t.id)?.getValue() ?? '' }));
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.flush();
    for (const { model, sub } of this.models.values()) {
      sub.dispose();
      model.dispose();
    }
    this.models.clear();
  }

  private addModel(id: string, text: string): void {
    const uri = this.uriOf(id);
    this.monaco.editor.getModel(uri)?.dispose();
    const model = this.monaco.editor.createModel(text, 'yaml', uri);
    this.models.set(id, { model, sub: model.onDidChangeContent(() => this.persist()) });
    this.clean.set(id, text);
  }

  private show(id: string | undefined): void {
    if (!this.view) return;
    this.view.setModel(this.model(id) ?? null);
    const state = id === undefined ? undefined : this.views.get(id);
    if (state) this.view.restoreViewState(state);
  }

  private persist(): void {
    clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.flush(), PERSIST_MS);
  }

  private flush(): void {
    this.refreshDirty();
    this.lab.saveSoon({ tabs: this.snapshot(), ...(this.#active ? { activeTab: this.#active } : {}) });
  }

  private refreshDirty(): void {
    const dirty = new Set<string>();
    for (const t of this.#tabs) if (this.model(t.id)?.getValue() !== this.clean.get(t.id)) dirty.add(t.id);
    if (dirty.size !== this.#dirty.size || [...dirty].some((id) => !this.#dirty.has(id))) this.#dirty = dirty;
  }
}
