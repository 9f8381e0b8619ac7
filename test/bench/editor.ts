/**
 * editor-validate-500-ms: in Debian's Chromium, the lab's YAML editor (the same Monaco setup, YAML
 * language client and generated Kubernetes schema as the app, on a page of its own:
 * renderer/src/editor/bench/) holding a 500-line manifest of 20 Deployment + Service pairs. Each
 * keystroke toggles one field between invalid and valid (`replicas: 2x` ↔ `replicas: 2`), so every
 * keystroke must change the markers. Timed, inside the page: from the keydown event's timestamp to
 * the moment Monaco reports the YAML markers changed to the expected state (so it includes the
 * model sync to the worker, yaml-language-server's parse and schema validation, and the marker
 * update on the main thread). 5 warm-up keystrokes are excluded, then 20 are timed; the figure is
 * their median, the typical wait after a keystroke (the note gives the p95; on a machine shared by
 * many processes the tail is mostly scheduling). Not timed: building the page (Vite, once per run)
 * and the first validation, which starts the worker and resolves the schema (the note's `first`).
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeEditorAssets } from '../../scripts/gen-editor-schema.ts';
import { launchChromium } from '../e2e/browser.ts';
import { list, median, percentile, round } from './stats.ts';
import type { Figure } from './types.ts';
import { deploymentYaml } from './workloads.ts';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const PAGE_ROOT = join(ROOT, 'renderer/src/editor/bench');
const WARMUP = 5;
const TIMED = 20;

/** Build the editor-only page with Vite into `outDir`, with the schema and YAML worker next to it. */
export async function buildEditorPage(outDir: string): Promise<void> {
  const { build } = await import('vite');
  await build({
    root: PAGE_ROOT,
    base: './',
    configFile: false,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, target: 'es2022', reportCompressedSize: false, chunkSizeWarningLimit: 8000 },
    worker: { format: 'es' },
  });
  await writeEditorAssets(join(outDir, 'schema'));
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.ttf': 'font/ttf',
};

/** Serve a directory on 127.0.0.1 (a random port). */
export function serveDir(dir: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = join(dir, path === '/' ? 'index.html' : path);
    if (!file.startsWith(dir) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      ok({ url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`, server });
    }),
  );
}

/** 20 Deployment + Service pairs: 500 lines. */
export function manifest500(): string {
  const docs: string[] = [];
  for (let i = 0; docs.join('---\n').split('\n').length < 500; i++) {
    docs.push(deploymentYaml(`web-${i}`, 2));
    docs.push(
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: web-${i}\nspec:\n  selector:\n    app: web-${i}\n  ports:\n  - port: 80\n`,
    );
  }
  return docs.join('---\n');
}

interface Driver {
  setText(text: string): void;
  focusAt(line: number, column: number): void;
  changes(): { at: number; count: number }[];
}
/** The page's globals as the evaluated functions use them (this file compiles without the DOM library). */
declare const window: {
  editorBench: Driver;
  keydownAt: number[];
  addEventListener(type: 'keydown', listener: (e: { timeStamp: number }) => void, capture: boolean): void;
};

export async function run(log: (line: string) => void): Promise<Figure[]> {
  const out = mkdtempSync(join(tmpdir(), 'kubelab-editor-bench-'));
  log('building the editor page with Vite…');
  await buildEditorPage(out);
  const { url, server } = await serveDir(out);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(url);
    await page.waitForFunction(() => 'editorBench' in window);
    // Starts with one error (`replicas: 2x`), so even the first validation changes the markers.
    const text = manifest500().replace('replicas: 2', 'replicas: 2x');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('replicas: 2x')) + 1;
    const column = lines[line - 1]!.length + 1;
    const setAt = await page.evaluate((t) => {
      window.keydownAt = [];
      window.addEventListener('keydown', (e) => window.keydownAt.push(e.timeStamp), true);
      window.editorBench.setText(t);
      return performance.now();
    }, text);
    await page.waitForFunction(() => window.editorBench.changes().length > 0, undefined, { timeout: 60_000 });
    const first = (await page.evaluate(() => window.editorBench.changes()[0]!.at)) - setAt;
    log(`${lines.length} lines; first validation (schema load) ${round(first)} ms`);
    await page.evaluate(([l, c]) => window.editorBench.focusAt(l!, c!), [line, column]);
    const samples: number[] = [];
    for (let i = 0; i < WARMUP + TIMED; i++) {
      const invalid = i % 2 === 1;
      await page.keyboard.press(invalid ? 'x' : 'Backspace');
      const ms = await page.waitForFunction(
        (want) => {
          const at = window.keydownAt[window.keydownAt.length - 1]!;
          const hit = window.editorBench.changes().find((c) => c.at > at && c.count === want);
          return hit ? hit.at - at : false;
        },
        invalid ? 1 : 0,
        { timeout: 10_000, polling: 5 },
      );
      if (i >= WARMUP) samples.push((await ms.jsonValue()) as number);
    }
    log(`keystroke → markers: ${list(samples, 1)} ms`);
    return [
      {
        name: 'editor-validate-500-ms',
        value: round(median(samples)),
        unit: 'ms',
        note: `median of ${TIMED} keystrokes (p95 ${round(percentile(samples, 95))} ms) in a ${lines.length}-line manifest, keydown → markers updated; first validation ${round(first)} ms`,
      },
    ];
  } finally {
    await browser.close();
    server.close();
    rmSync(out, { recursive: true, force: true });
  }
}
