/**
 * Electron smoke tests: the real app (main, utility-process host, preload,
 * the built UI on kubelab://app/) launched with Playwright's Electron
 * launcher. The window opens locked down, the graph shows the cluster, and a
 * Deployment opened through File → Open Manifest… and applied from the editor
 * gets its pods. Skipped, with a message, where no Electron binary exists
 * (it is downloaded on first `npm start`, which needs the network).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronBinary } from '../../electron/cli/start.ts';
import { applyFromEditor, graphNodes, graphPods, launchLab, openManifestFromMenu, waitFor } from './lab.ts';
import type { LaunchedLab } from './lab.ts';

const SKIP_MESSAGE =
  'Electron binary not installed (it downloads on first `npm start` with network); skipping Electron smoke tests';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: smoke-web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: smoke-web
  template:
    metadata:
      labels:
        app: smoke-web
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

const binary = electronBinary();

describe('Electron smoke', () => {
  if (!binary) {
    console.warn(SKIP_MESSAGE);
    it.skip(SKIP_MESSAGE, () => undefined);
    return;
  }
  let lab: LaunchedLab;
  let closed = false;

  beforeAll(async () => {
    lab = await launchLab(binary);
  }, 180_000);

  afterAll(async () => {
    if (lab && !closed) await lab.app.close();
  });

  it('opens one locked-down window titled KubeLab on the app origin', async () => {
    const { app, page } = lab;
    await page.waitForLoadState('domcontentloaded');
    expect(await page.title()).toBe('KubeLab');
    expect(page.url()).toBe('kubelab://app/index.html');
    expect(app.windows()).toHaveLength(1);
    // No Node in the page: only the bridge, with exactly its three members.
    expect(await page.evaluate('typeof require + " " + typeof process')).toBe('undefined undefined');
    expect(await page.evaluate('Object.keys(window.kubelab).sort().join()')).toBe('electron,onMenu,saveFile');
  });

  it('refuses to navigate away from the app', async () => {
    const { page } = lab;
    await page.evaluate(`location.href = 'https://example.com/'`);
    await new Promise((r) => setTimeout(r, 500));
    expect(page.url()).toBe('kubelab://app/index.html');
  });

  it('shows the cluster nodes in the graph', async () => {
    const nodes = await waitFor(
      () => graphNodes(lab.page),
      (ns) => ['k8s-master', 'k8s-node1', 'k8s-node2'].every((n) => ns.some((g) => g.label?.includes(n))),
    );
    expect(nodes.filter((n) => n.kind === 'Node').length).toBeGreaterThanOrEqual(3);
  });

  it('applies a Deployment from File → Open Manifest… and shows its pods', async () => {
    const file = join(lab.dir, 'smoke-web.yaml');
    writeFileSync(file, DEPLOYMENT);
    await openManifestFromMenu(lab.app, file);
    await lab.page.getByText('smoke-web', { exact: false }).first().waitFor({ timeout: 15_000 });
    await applyFromEditor(lab.page);
    const pods = await waitFor(
      () => graphPods(lab.page, 'smoke-web-'),
      (ps) => ps.length === 2,
      60_000,
    );
    expect(pods).toHaveLength(2);
  });

  it('remembers the window state when it closes', async () => {
    await lab.app.close();
    closed = true;
    expect(existsSync(join(lab.userData, 'window-state.json'))).toBe(true);
    expect(existsSync(join(lab.userData, 'workspace.json'))).toBe(true);
  });
});
