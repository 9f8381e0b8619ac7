/**
 * graph-patch-p95-ms and graph-layout-1k-ms, measured in Debian's Chromium
 * on a page that runs the graph's real modules (renderer/src/graph/benchPage.ts,
 * bundled here with Vite's build API into a temp dir and served on loopback):
 *
 * - graph-layout-1k-ms: a fresh GraphView lays out a cluster drawn as ~1,000
 *   graph nodes (3 Nodes, 44 Deployments → ReplicaSets → 880 pods, 44
 *   Services): map → layout Web Worker (started fresh each run, its start-up
 *   counted) → Cytoscape add → fit → the next animation frame. Median of 5
 *   runs; the first (cold) run is in the note.
 * - graph-patch-p95-ms: 2,000 pods on 3 nodes (100 Deployments, ReplicaSets,
 *   Services and EndpointSlices), laid out once (not timed); then 20 warm-up
 *   batches (excluded) and 200 batches of 20 pods flipping Ready ↔ NotReady
 *   together with their EndpointSlices. Timed per batch: the mirror's reducer
 *   (applyWatchEvents) + GraphView.update (incremental mapping, diff,
 *   placement, one cy.batch), i.e. from the watch changes to Cytoscape
 *   updated. Cytoscape redraws on its next animation frame (software
 *   rendering with --disable-gpu); that frame is not counted.
 */
import { createReadStream, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { BenchResult, GraphBench } from '../../renderer/src/graph/benchTypes.ts';
import { launchChromium } from '../e2e/browser.ts';
import { list, median, percentile, round } from './stats.ts';
import type { Figure } from './types.ts';

const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const PAGE = join(REPO, 'renderer/src/graph/benchPage.ts');
const LAYOUT_RUNS = 5;
const BATCHES = 200;
const WARMUP = 20;

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

async function bundle(dir: string): Promise<string> {
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html><body><script type="module" src="./main.ts"></script></body></html>',
  );
  writeFileSync(join(dir, 'main.ts'), `import ${JSON.stringify(PAGE)};\n`);
  await build({
    configFile: false,
    root: dir,
    base: './',
    logLevel: 'warn',
    build: { outDir: 'dist', target: 'es2022', reportCompressedSize: false, chunkSizeWarningLimit: 8000 },
    worker: { format: 'es' },
  });
  return join(dir, 'dist');
}

function serve(root: string): Promise<{ url: string; close: () => void }> {
  const server = createServer((req, res) => {
    const path = normalize(join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    const file = path.endsWith('/') ? join(path, 'index.html') : path;
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () =>
      ok({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() }),
    ),
  );
}

export async function run(log: (line: string) => void): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-graph-bench-'));
  const browser = await launchChromium();
  let server: { url: string; close: () => void } | undefined;
  try {
    log('bundling the graph bench page with Vite…');
    server = await serve(await bundle(dir));
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    page.on('pageerror', (e) => log(`page error: ${e.message}`));
    await page.goto(server.url);
    await page.waitForFunction(() => typeof (globalThis as { graphBench?: GraphBench }).graphBench === 'function');
    log(`running ${LAYOUT_RUNS} layouts and ${WARMUP}+${BATCHES} patch batches in Chromium…`);
    const r: BenchResult = await page.evaluate(
      (o) => (globalThis as unknown as { graphBench: GraphBench }).graphBench(o),
      {
        layoutRuns: LAYOUT_RUNS,
        batches: BATCHES,
        warmup: WARMUP,
      },
    );
    return figures(r);
  } finally {
    await browser.close();
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function figures(r: BenchResult): Figure[] {
  return [
    {
      name: 'graph-patch-p95-ms',
      value: round(percentile(r.patchMs, 95), 2),
      unit: 'ms',
      note:
        `${r.patchMs.length} batches of 20 pods (+ EndpointSlices) in ${r.patchPods} pods / ${r.patchElements} elements; ` +
        `p50 ${round(percentile(r.patchMs, 50), 2)}, max ${round(Math.max(...r.patchMs), 2)} ms; Cytoscape's redraw on the next frame not counted`,
    },
    {
      name: 'graph-layout-1k-ms',
      value: round(median(r.layoutMs), 0),
      unit: 'ms',
      note:
        `${r.layoutNodes} graph nodes, fresh view + worker each run, to the next frame; runs ${list(r.layoutMs)} (first is cold); ` +
        `median map ${phase(r, 'mapMs')}, worker ${phase(r, 'layoutMs')}, draw ${phase(r, 'drawMs')} ms`,
    },
  ];
}

const phase = (r: BenchResult, k: keyof BenchResult['layoutPhases'][number]) =>
  round(median(r.layoutPhases.map((p) => p[k])), 0);
