/**
 * The lab window in Debian's Chromium against `kubelab start` (browser mode),
 * clicking what a learner clicks. The clock runs in manual mode; tests move it
 * with the lab control API (as scenario tests step the virtual clock), never
 * by sleeping.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, launchChromium, startLab } from './browser.ts';
import type { RunningLab } from './browser.ts';
import {
  WEB,
  advance,
  applyFromEditor,
  editorText,
  graphNodes,
  graphPods,
  newLabPage,
  runInTerminal,
  setEditorText,
  terminalText,
} from './ui.ts';

const why = CHROMIUM ? '' : 'Debian Chromium is not installed (apt-get install -y chromium): browser tests skipped';
if (why) console.warn(why);

function kubectlOnPath(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!CHROMIUM)('the lab window (browser mode)', () => {
  let lab: RunningLab;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    lab = await startLab(['--clock', 'manual']);
    browser = await launchChromium();
    page = await newLabPage(browser, lab.uiUrl);
    page.on('pageerror', (e) => errors.push(e.message));
  });

  it('opens with the course’s three nodes in the graph', async () => {
    await expect
      .poll(async () => (await graphNodes(page)).filter((n) => n.kind === 'Node').map((n) => n.label?.split(' ')[0]))
      .toEqual(['k8s-master', 'k8s-node1', 'k8s-node2']);
  });

  afterAll(async () => {
    await browser?.close();
    lab?.stop();
  });

  it('applies a Deployment typed into the editor, and the graph shows its pods going Running', async () => {
    await setEditorText(page, WEB);
    await applyFromEditor(page);
    // The clock is paused: the Deployment is stored, but nothing acts on it until time moves.
    await expect
      .poll(async () => (await graphNodes(page)).some((n) => n.kind === 'Deployment' && n.label === 'web'))
      .toBe(true);
    await advance(lab.kubeconfig, 30);
    await expect
      .poll(async () => (await graphPods(page, 'web-')).map((p) => p.statusText?.split(' ')[0]))
      .toEqual(['Running', 'Running']);
    // Each pod sits in the box of the node it was scheduled to.
    const pods = await graphPods(page, 'web-');
    expect(pods.every((p) => /k8s-node[12]/.test(p.parent ?? ''))).toBe(true);
  });

  it('runs kubectl in the terminal', async () => {
    await runInTerminal(page, 'kubectl get deploy web');
    await expect.poll(() => terminalText(page)).toMatch(/web\s+2\/2\s+2\s+2/);
  });

  it.skipIf(!kubectlOnPath())('shows a change made with real kubectl from outside at once', async () => {
    const file = join(dirname(lab.kubeconfig), 'outside.yaml');
    writeFileSync(file, WEB.replaceAll('web', 'outside').replace('replicas: 2', 'replicas: 1'));
    execFileSync('kubectl', ['apply', '-f', file], { env: { ...process.env, KUBECONFIG: lab.kubeconfig } });
    await advance(lab.kubeconfig, 1);
    await expect.poll(async () => (await graphPods(page, 'outside-')).length).toBe(1);
    execFileSync('kubectl', ['delete', 'deployment', 'outside'], {
      env: { ...process.env, KUBECONFIG: lab.kubeconfig },
    });
    await advance(lab.kubeconfig, 60);
    await expect.poll(async () => (await graphPods(page, 'outside-')).length).toBe(0);
  });

  it('explains a Pending pod in the inspector’s Why, with the scheduler’s per-node reasons', async () => {
    await runInTerminal(page, 'kubectl cordon k8s-node1 k8s-node2');
    await runInTerminal(page, 'kubectl run big --image=nginx');
    await advance(lab.kubeconfig, 2);
    await expect.poll(async () => (await graphPods(page, 'big')).length).toBe(1);
    await page.getByRole('tab', { name: 'Events' }).click();
    await page
      .getByRole('row', { name: /FailedScheduling/ })
      .first()
      .click();
    const inspector = page.getByRole('region', { name: 'Inspector' });
    await inspector.getByRole('tab', { name: 'Why' }).click();
    await expect.poll(() => inspector.innerText()).toContain('0/3 nodes are available');
    const text = await inspector.innerText();
    expect(text).toContain('untolerated taint');
    expect(text).toContain('were unschedulable');
    for (const node of ['k8s-master', 'k8s-node1', 'k8s-node2']) expect(text).toContain(node);
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: 'Terminal' }).click();
    await runInTerminal(page, 'kubectl uncordon k8s-node1 k8s-node2');
    await runInTerminal(page, 'kubectl delete pod big');
    await advance(lab.kubeconfig, 40);
    await expect.poll(async () => (await graphPods(page, 'big')).length).toBe(0);
  });

  it('pauses and steps the clock from the dock', async () => {
    const clock = page.getByRole('group', { name: 'Virtual clock' });
    const time = async () => (await clock.innerText()).match(/\d\d:\d\d:\d\d/)?.[0];
    const before = await time();
    await clock.getByRole('button', { name: /Step to the next event/ }).click();
    await expect.poll(time).not.toBe(before);
  });

  it('fails a node from the faults menu, and its pods move to the other node', async () => {
    const pods = await graphPods(page, 'web-');
    const victim = pods[0]!.parent!.replace(/^.*(k8s-node\d).*$/, '$1');
    const survivor = victim === 'k8s-node1' ? 'k8s-node2' : 'k8s-node1';
    await page.getByRole('button', { name: /^Faults/ }).click();
    const faults = page.getByRole('dialog', { name: /Inject faults/ });
    const row = faults.getByRole('row', { name: new RegExp(victim) });
    await row.getByRole('button', { name: 'Fail node' }).click();
    await expect.poll(() => row.innerText()).toContain('down');
    // The focused button was replaced by "Recover": Escape still closes the menu.
    await page.keyboard.press('Escape');
    await expect.poll(() => faults.count()).toBe(0);
    // NotReady after 50 s, pods evicted after the 300 s toleration, replacements scheduled elsewhere.
    await advance(lab.kubeconfig, 400);
    await expect
      .poll(
        async () =>
          (await graphPods(page, 'web-')).filter(
            (p) => p.statusText?.startsWith('Running') && p.parent?.includes(survivor),
          ).length,
      )
      .toBe(2);
  });

  it('adds a node from the faults menu: its box appears in the graph, Ready', async () => {
    await page.getByRole('button', { name: /^Faults/ }).click();
    const faults = page.getByRole('dialog', { name: /Inject faults/ });
    await faults.getByRole('button', { name: 'Add a node' }).click();
    await expect.poll(() => faults.getByRole('row', { name: /k8s-node3/ }).count()).toBe(1);
    await page.getByRole('button', { name: /^Faults/ }).click();
    await expect.poll(() => faults.count()).toBe(0);
    await advance(lab.kubeconfig, 5);
    await expect
      .poll(async () => (await graphNodes(page)).find((n) => n.id === '/Node//k8s-node3')?.statusText)
      .toBe('Ready');
  });

  it('switches the whole window to 中文', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expect.poll(() => page.getByRole('tab', { name: '终端' }).count()).toBe(1);
    expect(await page.locator('header.topbar').innerText()).toContain('使用你自己的 kubectl');
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  });

  it('restores the workspace after a reload: open manifests and settings', async () => {
    await setEditorText(page, WEB.replace('replicas: 2', 'replicas: 4') + '# kept across reloads\n');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    // The UI saves within ~300 ms of a change: reload once the host has written it.
    const saved = () => readFileSync(join(dirname(lab.kubeconfig), 'workspace.json'), 'utf8');
    await expect.poll(saved).toContain('kept across reloads');
    await expect.poll(saved).toContain('"theme":"dark"');
    await page.reload();
    await expect.poll(() => editorText(page)).toContain('kept across reloads');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.getByRole('button', { name: 'Light theme' }).click();
  });

  it('raised no page errors', () => {
    expect(errors).toEqual([]);
  });
});
