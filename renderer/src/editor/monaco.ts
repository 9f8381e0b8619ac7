/**
 * Monaco, trimmed to what a YAML manifest editor uses: the editor API, the YAML grammar, and the
 * contributions for suggestions, hovers, folding, find, comments, line operations, snippets,
 * go-to-error and the diff editor. Everything else (other languages, the command palette, GPU
 * rendering…) stays out of the bundle and out of startup.
 *
 * Workers are module workers from this origin, so no blob URLs or eval are needed and a strict CSP
 * (`worker-src 'self'`) holds: Monaco's editor worker is built by Vite; the YAML language worker is
 * a static asset next to the schema (scripts/gen-editor-schema.ts says why it is not built by Vite).
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/languages/definitions/yaml/register';
import 'monaco-editor/editor/browser/coreCommands';
import 'monaco-editor/editor/browser/widget/diffEditor/diffEditor.contribution';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard';
import 'monaco-editor/editor/contrib/comment/browser/comment';
import 'monaco-editor/editor/contrib/contextmenu/browser/contextmenu';
import 'monaco-editor/editor/contrib/cursorUndo/browser/cursorUndo';
import 'monaco-editor/editor/contrib/find/browser/findController';
import 'monaco-editor/editor/contrib/folding/browser/folding';
import 'monaco-editor/editor/contrib/format/browser/formatActions';
import 'monaco-editor/editor/contrib/gotoError/browser/gotoError';
import 'monaco-editor/editor/contrib/gotoError/browser/markerSelectionStatus';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution';
import 'monaco-editor/editor/contrib/indentation/browser/indentation';
import 'monaco-editor/editor/contrib/linesOperations/browser/linesOperations';
import 'monaco-editor/editor/contrib/multicursor/browser/multicursor';
import 'monaco-editor/editor/contrib/smartSelect/browser/smartSelect';
import 'monaco-editor/editor/contrib/snippet/browser/snippetController2';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/editor/contrib/wordOperations/browser/wordOperations';
import 'monaco-editor/editor/common/standaloneStrings';

export { monaco };

/** Where the YAML language worker and the Kubernetes schema are served, relative to the page. */
export const ASSETS = './schema/';

/** A module worker by label: Monaco's own editor worker, or the YAML language worker. */
export function createWorker(label: string): Worker {
  if (label === 'yaml') {
    return new Worker(new URL(ASSETS + 'yaml.worker.js', document.baseURI), { type: 'module', name: 'yaml' });
  }
  return new Worker(new URL('./editor.worker.ts', import.meta.url), { type: 'module', name: label });
}

globalThis.MonacoEnvironment = { getWorker: (_moduleId: string, label: string) => createWorker(label) };

/** A CSS variable of the page's theme as a #rrggbb colour Monaco accepts (Monaco takes hex only). */
function cssColor(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return /^#[0-9a-f]{6}$/i.test(value) ? value : fallback;
}

/**
 * Define the editor theme for the page's current theme (app.css tokens) and switch to it.
 * Called whenever `lab.theme` changes: `data-theme` is already set on <html> by then.
 */
export function applyTheme(theme: 'light' | 'dark'): void {
  const dark = theme === 'dark';
  const name = dark ? 'kubelab-dark' : 'kubelab-light';
  const background = cssColor('--panel', dark ? '#1b1f27' : '#ffffff');
  const foreground = cssColor('--text', dark ? '#dfe3ea' : '#1d2330');
  const muted = cssColor('--muted', dark ? '#98a1b3' : '#5d6577');
  const accent = cssColor('--accent', dark ? '#5b8def' : '#326ce5');
  monaco.editor.defineTheme(name, {
    base: dark ? 'vs-dark' : 'vs',
    inherit: true,
    rules: [],
    colors: {
      'editor.background': background,
      'editor.foreground': foreground,
      'editorGutter.background': background,
      'editorLineNumber.foreground': muted + '99',
      'editorLineNumber.activeForeground': foreground,
      'editorCursor.foreground': accent,
      focusBorder: accent + '00',
      'diffEditor.insertedTextBackground': dark ? '#3cc47c26' : '#1f9d5522',
      'diffEditor.removedTextBackground': dark ? '#ef6b6b26' : '#d6454522',
    },
  });
  monaco.editor.setTheme(name);
}
