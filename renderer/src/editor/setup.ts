/**
 * The editor's heavy half, loaded as its own chunk (`import('./setup.ts')`) so the window, the
 * graph and the connection start while Monaco downloads: Monaco itself, the YAML language features
 * and the Kubernetes schema, set up once per page.
 */
import { ASSETS, applyTheme, monaco } from './monaco.ts';
import { setupYamlLanguage } from './yaml/client.ts';
import type { JsonSchema } from './yaml/client.ts';

export { applyTheme, monaco };
export type Monaco = typeof monaco;

/** URIs of editor tabs: the schema applies to these models only (not to the diff's). */
export const TAB_SCHEME_PATH = '/kubelab-tab/';

let language: Promise<boolean> | undefined;

async function available(url: string, method = 'GET'): Promise<Response | undefined> {
  try {
    const r = await fetch(url, { method });
    return r.ok ? r : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Start the YAML language (once): resolves true when the schema and the language worker were found,
 * false when the build lacks them (the editor then only highlights; `npm run build:ui` makes them).
 */
export function startYamlLanguage(): Promise<boolean> {
  language ??= (async () => {
    const [schema, worker] = await Promise.all([
      available(ASSETS + 'kubernetes.json'),
      available(ASSETS + 'yaml.worker.js', 'HEAD'),
    ]);
    if (!schema || !worker) return false;
    setupYamlLanguage({
      schema: schema.json() as Promise<JsonSchema>,
      schemaUri: new URL(ASSETS + 'kubernetes.json', document.baseURI).href,
      fileMatch: [TAB_SCHEME_PATH + '*.yaml'],
    });
    return true;
  })();
  return language;
}

/** The tabs' editor widget, set up for YAML manifests. */
export function createTabEditor(host: HTMLElement, ariaLabel: string) {
  return monaco.editor.create(host, {
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 13,
    tabSize: 2,
    insertSpaces: true,
    scrollBeyondLastLine: false,
    fixedOverflowWidgets: true,
    renderLineHighlight: 'line',
    overviewRulerBorder: false,
    hideCursorInOverviewRuler: true,
    quickSuggestions: { other: true, comments: false, strings: true },
    ariaLabel,
  });
}

/** The model URI of an editor tab. */
export function tabUri(id: string) {
  return monaco.Uri.parse(`file://${TAB_SCHEME_PATH}${id}.yaml`);
}
