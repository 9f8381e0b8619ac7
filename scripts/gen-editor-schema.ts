/**
 * Writes the YAML editor's two static assets into renderer/public/schema/ (Vite copies them into
 * the built UI; the editor loads them relative to the page, so it works offline):
 * - kubernetes.json: the Kubernetes JSON Schema (core/api/schema/editor-schema.ts), for validation,
 *   completion and hover docs;
 * - yaml.worker.js: monaco-yaml's language worker (yaml-language-server), bundled here with esbuild.
 *   Vite cannot bundle it: it imports Monaco's pre-0.53 path `monaco-editor/esm/vs/editor/
 *   editor.worker.js`, which monaco-editor 0.57's package exports no longer map to a file. Bundled
 *   here, that one import is pointed at the file itself. (Without these files the editor still edits
 *   and applies; it only lacks schema help.)
 * Run by `npm run build:ui` before `vite build`: node --import tsx scripts/gen-editor-schema.ts [outDir]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { editorSchema } from '../core/api/schema/index.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * monaco-worker-manager/worker, as published, with its Monaco import pointed at the real file:
 * the first message ("ignore") starts Monaco's worker bootstrap, whose first message carries
 * monaco-yaml's settings (see renderer/src/editor/yaml/client.ts).
 */
const WORKER_MANAGER = `
import { initialize as initializeWorker } from ${JSON.stringify(join(ROOT, 'node_modules/monaco-editor/esm/vs/editor/editor.worker.js'))};
export function initialize(fn) {
  self.onmessage = () => {
    initializeWorker((ctx, createData) => Object.create(fn(ctx, createData)));
  };
}
`;

export async function writeYamlWorker(outFile: string): Promise<void> {
  await build({
    entryPoints: [join(ROOT, 'node_modules/monaco-yaml/yaml.worker.js')],
    outfile: outFile,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [
      {
        name: 'monaco-worker-manager',
        setup(b) {
          b.onResolve({ filter: /^monaco-worker-manager\/worker$/ }, () => ({
            path: 'worker-manager',
            namespace: 'kubelab',
          }));
          b.onLoad({ filter: /.*/, namespace: 'kubelab' }, () => ({
            contents: WORKER_MANAGER,
            resolveDir: ROOT,
            loader: 'js',
          }));
        },
      },
    ],
  });
}

export async function writeEditorAssets(outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'kubernetes.json'), JSON.stringify(editorSchema()));
  await writeYamlWorker(join(outDir, 'yaml.worker.js'));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2] ? resolve(process.argv[2]) : join(ROOT, 'renderer/public/schema');
  await writeEditorAssets(outDir);
  console.log(`wrote ${outDir}/kubernetes.json and yaml.worker.js`);
}
