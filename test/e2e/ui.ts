/**
 * Page helpers shared by the browser and Electron end-to-end tests: read the
 * graph from Cytoscape itself, put text in Monaco, apply as a learner does,
 * type into the terminal, and drive the virtual clock through the lab API.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import type { Browser, Locator, Page } from 'playwright-core';
import { parse } from 'yaml';
import { launchChromium, startLab } from './browser.ts';
import type { RunningLab } from './browser.ts';

/** A two-replica httpd Deployment named web, as the course writes them. */
export const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: httpd
        image: httpd
`;

export interface GraphNode {
  id: string;
  kind?: string;
  label?: string;
  status?: string;
  statusText?: string;
  /** The compound box holding it: `node:k8s-node1`-like id of a cluster Node. */
  parent?: string;
}

/**
 * The graph's nodes, read from the Cytoscape instance itself (Cytoscape keeps it on its container
 * as `_cyreg.cy`), so tests do not depend on the graph pane's markup. Empty before it mounts.
 */
export function graphNodes(page: Page): Promise<GraphNode[]> {
  return page.evaluate(`(() => {
    for (const el of document.querySelectorAll('div')) {
      const cy = el._cyreg && el._cyreg.cy;
      if (cy) return cy.nodes().map((n) => {
        const d = n.data();
        return { id: n.id(), kind: d.kind, label: d.label, status: d.status, statusText: d.statusText, parent: d.parent };
      });
    }
    return [];
  })()`);
}

/** Pods in the graph whose name starts with `prefix` (from the id `/Pod/NAMESPACE/NAME`: labels are shortened). */
export async function graphPods(page: Page, prefix: string): Promise<GraphNode[]> {
  return (await graphNodes(page)).filter((n) => n.kind === 'Pod' && n.id.split('/')[3]?.startsWith(prefix));
}

/**
 * Replace the active editor tab's text by pasting it, as a learner pastes a manifest (typing it
 * would trigger the editor's auto-indent on every newline): a synthetic paste event on Monaco's
 * input, then wait until the editor shows the text.
 */
export async function setEditorText(page: Page, text: string): Promise<void> {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    // The focused element is Monaco's input (an EditContext div, or its textarea in older browsers).
    const input = document.activeElement ?? document.body;
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  const expected = text.replaceAll('\t', '  ').trim();
  const deadline = Date.now() + 10_000;
  while ((await editorText(page)).trim() !== expected) {
    if (Date.now() > deadline) throw new Error('the editor did not show the pasted text');
    await page.waitForTimeout(50);
  }
}

/** A Monaco editor's visible text (it draws spaces as no-break spaces). */
export async function monacoText(lines: Locator): Promise<string> {
  return (await lines.innerText()).replaceAll('\u00a0', ' ');
}

/** The editor's visible text. */
export function editorText(page: Page): Promise<string> {
  return monacoText(page.locator('.monaco-editor .view-lines').first());
}

/** A lab page of the size the tests assume. */
export async function newLabPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
  await page.goto(url);
  return page;
}

/** `kubelab start` with `extra`, Chromium, and a lab page whose uncaught errors are collected in `errors`. */
export async function openLabInChromium(
  extra: string[],
): Promise<{ lab: RunningLab; browser: Browser; page: Page; errors: string[] }> {
  const lab = await startLab(extra);
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await newLabPage(browser, lab.uiUrl);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    return { lab, browser, page, errors };
  } catch (e) {
    // Nothing returned means nothing for the caller's afterAll to close.
    await browser?.close();
    lab.stop();
    throw e;
  }
}

/**
 * Apply the active editor tab as a learner does: Ctrl/Cmd+Enter in the editor, then confirm the
 * dry-run diff (a button named Apply / 应用) when the UI shows one.
 */
export async function applyFromEditor(page: Page): Promise<void> {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('ControlOrMeta+Enter');
  const confirm = page.getByRole('dialog').getByRole('button', { name: /^(apply|应用)$/i });
  try {
    await confirm.first().click({ timeout: 5_000 });
  } catch {
    // No confirmation step: the apply went straight through.
  }
}

/** Type a command line into the dock's terminal and run it. */
export async function runInTerminal(page: Page, line: string): Promise<void> {
  await page.locator('.xterm').first().click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/** The terminal's visible text (xterm's DOM rows). */
export function terminalText(page: Page): Promise<string> {
  return page.locator('.xterm-rows').first().innerText();
}

/** POST to the lab control API (`/lab/v1/...`) with the kubeconfig's server, CA and token. */
export function labApi(kubeconfig: string, path: string, body: unknown): Promise<unknown> {
  const kc = parse(readFileSync(kubeconfig, 'utf8')) as {
    clusters: { cluster: { server: string; 'certificate-authority-data': string } }[];
    users: { user: { token: string } }[];
  };
  const cluster = kc.clusters[0]!.cluster;
  const url = new URL(`/lab/v1/${path}`, cluster.server);
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        ca: Buffer.from(cluster['certificate-authority-data'], 'base64'),
        headers: { Authorization: `Bearer ${kc.users[0]!.user.token}`, 'Content-Type': 'application/json' },
      },
      (res) => {
        let out = '';
        res.on('data', (c: Buffer) => (out += c.toString()));
        res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(out)) : reject(new Error(out))));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** Move the virtual clock forward (the lab must run with `--clock manual`). */
export function advance(kubeconfig: string, seconds: number): Promise<unknown> {
  return labApi(kubeconfig, 'clock/advance', { seconds });
}
