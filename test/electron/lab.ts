/**
 * Driving the lab window in Electron for the smoke tests: launch the built
 * app with its files in a temporary folder, read the graph straight from
 * Cytoscape, and use the menus the way a learner would (with main's file
 * dialog answered by the test).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import type { ElectronApplication, Page } from 'playwright-core';
import { rendererBuilt } from '../../electron/host/ui-server.ts';
import { buildElectron } from '../../scripts/build-electron.ts';

export interface LaunchedLab {
  app: ElectronApplication;
  page: Page;
  dir: string;
  userData: string;
  kubeconfig: string;
}

/** Build what Electron loads (the UI only when missing: it takes a while) and open the lab. */
export async function launchLab(executablePath: string): Promise<LaunchedLab> {
  if (!rendererBuilt()) {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const built = spawnSync(npm, ['run', 'build:ui'], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error('npm run build:ui failed');
  }
  const main = await buildElectron();
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-electron-'));
  const userData = join(dir, 'user-data');
  const kubeconfig = join(dir, 'kubeconfig');
  const app = await electron.launch({
    executablePath,
    args: [main],
    env: { ...process.env, KUBELAB_USER_DATA: userData, KUBELAB_KUBECONFIG: kubeconfig },
    timeout: 60_000,
  });
  const page = await app.firstWindow();
  return { app, page, dir, userData, kubeconfig };
}

export interface GraphNode {
  id: string;
  kind?: string;
  label?: string;
  status?: string;
}

/**
 * The graph's nodes, read from the Cytoscape instance itself (Cytoscape keeps it on its container
 * as `_cyreg.cy`), so the test does not depend on the graph pane's markup. Empty before it mounts.
 */
export function graphNodes(page: Page): Promise<GraphNode[]> {
  return page.evaluate(`(() => {
    for (const el of document.querySelectorAll('div')) {
      const cy = el._cyreg && el._cyreg.cy;
      if (cy) return cy.nodes().map((n) => {
        const d = n.data();
        return { id: n.id(), kind: d.kind, label: d.label, status: d.status };
      });
    }
    return [];
  })()`);
}

/** Poll `get` until `done` holds (or time out with the last value in the message). */
export async function waitFor<T>(get: () => Promise<T>, done: (v: T) => boolean, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  let last: T = await get();
  while (!done(last)) {
    if (Date.now() > end) throw new Error(`timed out; last value: ${JSON.stringify(last).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 250));
    last = await get();
  }
  return last;
}

/** File → Open Manifest…, with main's open dialog answering `file`. */
export async function openManifestFromMenu(app: ElectronApplication, file: string): Promise<void> {
  await app.evaluate(({ dialog, Menu }, path) => {
    dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [path] })) as typeof dialog.showOpenDialog;
    const item = Menu.getApplicationMenu()?.getMenuItemById('open-manifest');
    if (!item) throw new Error('no File → Open Manifest… item');
    item.click();
  }, file);
}

/**
 * Apply the active editor tab as a learner does: Ctrl/Cmd+Enter in the editor, then confirm the
 * dry-run diff (a button named Apply / 应用) when the UI shows one.
 */
export async function applyFromEditor(page: Page): Promise<void> {
  await page.locator('.monaco-editor').first().click();
  await page.keyboard.press(process.platform === 'darwin' ? 'Meta+Enter' : 'Control+Enter');
  const confirm = page.getByRole('dialog').getByRole('button', { name: /^(apply|应用)/i });
  try {
    await confirm.first().click({ timeout: 5_000 });
  } catch {
    // No confirmation step: the apply went straight through.
  }
}
