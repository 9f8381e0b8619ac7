/**
 * A page with only the lab's YAML editor (the same Monaco setup and YAML language client as the
 * app, the same generated schema), for test/bench/editor.ts: no host, no Svelte. It exposes a
 * small driver on `window.editorBench` that Playwright calls.
 */
import { monaco, applyTheme } from '../monaco.ts';
import { setupYamlLanguage } from '../yaml/client.ts';
import type { JsonSchema } from '../yaml/client.ts';

const schema = fetch('./schema/kubernetes.json').then((r) => r.json() as Promise<JsonSchema>);
const yaml = setupYamlLanguage({
  schema,
  schemaUri: 'kubelab://schema/kubernetes.json',
  fileMatch: ['/kubelab-tab/*.yaml'],
});
applyTheme('light');

const model = monaco.editor.createModel('', 'yaml', monaco.Uri.parse('file:///kubelab-tab/bench.yaml'));
const editor = monaco.editor.create(document.getElementById('editor')!, { model, automaticLayout: true });

/** Marker changes of the model, stamped with performance.now(). */
const changes: { at: number; count: number; messages: string[] }[] = [];
monaco.editor.onDidChangeMarkers((uris) => {
  if (!uris.some((u) => String(u) === String(model.uri))) return;
  const markers = monaco.editor.getModelMarkers({ resource: model.uri, owner: 'yaml' });
  changes.push({
    at: performance.now(),
    count: markers.length,
    messages: markers.map((m) => `${m.startLineNumber}:${m.startColumn} ${m.message}`),
  });
});

declare global {
  interface Window {
    editorBench: unknown;
  }
}

window.editorBench = {
  setText(text: string) {
    model.setValue(text);
  },
  focusAt(line: number, column: number) {
    editor.setPosition({ lineNumber: line, column });
    editor.focus();
  },
  changes: () => changes,
  markers: () =>
    monaco.editor.getModelMarkers({ resource: model.uri }).map((m) => ({
      line: m.startLineNumber,
      column: m.startColumn,
      message: m.message,
      owner: m.owner,
      severity: m.severity,
    })),
  /** What the worker answers at a 1-based position (for checking the schema's completions and hovers). */
  async complete(line: number, column: number) {
    const w = await yaml.worker(model.uri);
    return w.doComplete(String(model.uri), { line: line - 1, character: column - 1 });
  },
  async hover(line: number, column: number) {
    const w = await yaml.worker(model.uri);
    return w.doHover(String(model.uri), { line: line - 1, character: column - 1 });
  },
  /** One validation round trip, without an edit (worker cost only). */
  async validate() {
    const w = await yaml.worker(model.uri);
    return w.doValidation(String(model.uri));
  },
  text: () => model.getValue(),
};
