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

export { applyFromEditor, graphNodes, graphPods } from '../e2e/ui.ts';
export type { GraphNode } from '../e2e/ui.ts';
