/**
 * ui-interactive-ms: browser mode, from navigation to an editor that accepts
 * input and a graph that shows the cluster. A `kubelab serve` child (fresh
 * workspace, the course's three nodes) serves the built UI; Debian's Chromium
 * opens a new page (cold cache each run: a new browser context) and we time
 * page.goto until (1) the graph (its Cytoscape instance) holds the cluster's
 * three nodes and (2) a key typed into Monaco shows in the editor's text. Median of 5 runs after one warm-up of the server.
 */
import { performance } from 'node:perf_hooks';
import { CHROMIUM, launchChromium, startLab } from '../e2e/browser.ts';
import { list, median, round } from './stats.ts';
import type { Figure } from './types.ts';

const RUNS = 5;

export async function run(log: (line: string) => void): Promise<Figure[]> {
  if (!CHROMIUM) throw new Error('Debian Chromium is not installed (apt-get install -y chromium)');
  const lab = await startLab(['--clock', 'manual']);
  const browser = await launchChromium();
  const times: number[] = [];
  try {
    for (let i = 0; i <= RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(lab.uiUrl);
      await page.waitForFunction(() =>
        [...document.querySelectorAll('div')].some((el) => {
          const cy = (el as unknown as { _cyreg?: { cy?: { nodes(s: string): { length: number } } } })._cyreg?.cy;
          return (cy?.nodes('[kind = "Node"]').length ?? 0) >= 3;
        }),
      );
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.type('#');
      await page.waitForFunction(() =>
        [...document.querySelectorAll('.monaco-editor .view-line')].some((l) => l.textContent?.includes('#')),
      );
      const ms = performance.now() - t0;
      if (i > 0) times.push(ms);
      log(`run ${i}${i === 0 ? ' (warm-up)' : ''}: ${Math.round(ms)} ms`);
      await context.close();
    }
  } finally {
    await browser.close();
    lab.stop();
  }
  return [
    {
      name: 'ui-interactive-ms',
      value: round(median(times), 0),
      unit: 'ms',
      note: `median of ${RUNS} cold page loads (new browser context each): ${list(times)} ms`,
    },
  ];
}
