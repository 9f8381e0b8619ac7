/**
 * Apply, as kubectl users know it but safer to learn with: a server-side dry run first; if the API
 * server accepts every document, a diff per document to review; then the real apply, with
 * per-document results. Rejections (YAML syntax errors, API errors) become markers in the editor at
 * the field they name and results in the strip below it; nothing is applied then.
 */
import type { editor, IDisposable } from 'monaco-editor/editor/editor.api';
import type { ApplyResponse, ObjectRef } from '../../../core/protocol/index.ts';
import type { Lab } from '../lib/lab.svelte.ts';
import { RequestError } from '../lib/protocol/client.ts';
import { t } from '../lib/i18n/index.svelte.ts';
import { markersForApply } from './diagnostics.ts';
import { documentDiffs } from './diff.ts';
import type { DocumentDiff } from './diff.ts';
import type { EditorSession } from './session.svelte.ts';
import type { Monaco } from './setup.ts';

export const MARKER_OWNER = 'kubelab-apply';

export interface ResultItem {
  outcome: 'created' | 'configured' | 'unchanged' | 'error' | 'syntax';
  /** `deployment.apps/nginx-deployment`, or '' for a syntax error. */
  ref: string;
  /** 1-based line in the tab where the document (or the syntax error) is. */
  line: number;
  message?: string;
  /** The object, to select it in the graph. */
  object?: ObjectRef;
}

export interface Results {
  /** The tab the results are about. */
  tabId: string;
  /** True when nothing was applied because the dry run failed. */
  rejected: boolean;
  items: ResultItem[];
  /** A failure of the request itself (connection lost…). */
  failure?: string;
}

export interface Review {
  tabId: string;
  text: string;
  diffs: DocumentDiff[];
}

function items(res: ApplyResponse): ResultItem[] {
  const syntax = res.parseErrors.map((e) => ({
    outcome: 'syntax' as const,
    ref: '',
    line: e.line,
    message: e.message,
  }));
  const docs = res.results.map((r): ResultItem => {
    const o = r.object;
    return {
      outcome: r.error ? 'error' : (r.outcome ?? 'configured'),
      ref: r.ref,
      line: r.line,
      ...(r.error ? { message: r.error.message ?? r.error.reason ?? '' } : {}),
      ...(o && !r.error
        ? {
            object: {
              apiVersion: o.apiVersion,
              kind: o.kind,
              name: o.metadata.name ?? '',
              ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
            },
          }
        : {}),
    };
  });
  return [...syntax, ...docs];
}

export class ApplyFlow {
  #busy = $state.raw<'checking' | 'applying' | undefined>();
  #review = $state.raw<Review | undefined>();
  #results = $state.raw<Results | undefined>();
  private clearOnEdit: IDisposable | undefined;

  constructor(
    private readonly lab: Lab,
    private readonly monaco: Monaco,
    private readonly session: EditorSession,
  ) {}

  get busy() {
    return this.#busy;
  }
  get review() {
    return this.#review;
  }
  get results() {
    return this.#results;
  }

  /** Dry-run the active tab; open the review when the API server accepts it. */
  async start(): Promise<void> {
    const tabId = this.session.active;
    if (this.#busy || this.#review || tabId === undefined) return;
    const text = this.session.activeText();
    this.#busy = 'checking';
    const res = await this.send(tabId, text, true);
    this.#busy = undefined;
    if (!res) return;
    if (!res.ok || res.results.length === 0) {
      this.#results = { tabId, rejected: true, items: items(res) };
      return;
    }
    this.#results = undefined;
    this.#review = { tabId, text, diffs: documentDiffs(res) };
  }

  /** Apply what was reviewed (the text as it was then, whatever was typed since). */
  async confirm(): Promise<void> {
    const review = this.#review;
    if (!review) return;
    this.#review = undefined;
    this.#busy = 'applying';
    const res = await this.send(review.tabId, review.text, false);
    this.#busy = undefined;
    if (!res) return;
    this.#results = { tabId: review.tabId, rejected: false, items: items(res) };
    if (res.ok) this.session.markClean(review.tabId, review.text);
  }

  cancel(): void {
    this.#review = undefined;
  }

  dismiss(): void {
    this.#results = undefined;
  }

  dispose(): void {
    this.clearOnEdit?.dispose();
  }

  private async send(tabId: string, text: string, dryRun: boolean): Promise<ApplyResponse | undefined> {
    const model = this.session.model(tabId);
    try {
      const res = await this.lab.client.request({ type: 'apply', yaml: text, dryRun });
      if (model) this.mark(model, text, res);
      return res;
    } catch (e) {
      const message = e instanceof RequestError ? (e.status.message ?? e.message) : String((e as Error).message ?? e);
      this.#results = { tabId, rejected: true, items: [], failure: message };
      return undefined;
    }
  }

  /** Markers for this response; they go as soon as the text changes (they describe the old text). */
  private mark(model: editor.ITextModel, text: string, res: ApplyResponse): void {
    this.clearOnEdit?.dispose();
    const markers = markersForApply(text, res).map((m) => ({
      ...m,
      severity: m.severity === 'error' ? this.monaco.MarkerSeverity.Error : this.monaco.MarkerSeverity.Warning,
      source: t('editor.markerSource'),
    }));
    this.monaco.editor.setModelMarkers(model, MARKER_OWNER, markers);
    if (!markers.length) return;
    const sub = model.onDidChangeContent(() => {
      sub.dispose();
      if (!model.isDisposed()) this.monaco.editor.setModelMarkers(model, MARKER_OWNER, []);
    });
    this.clearOnEdit = sub;
  }
}
