/**
 * Regenerates the README's screenshots (docs/screenshots/*.png) from a fresh
 * lab in Debian's Chromium: lesson 1 in progress with nginx-deployment
 * applied, in light and dark; the inspector's Why for a Pending pod; the
 * apply diff; the window in 中文; the issue-4 workloads (DaemonSet, StatefulSet,
 * CronJob, an autoscaler under load, a PodDisruptionBudget) with the faults menu open; a three-tier
 * app's NetworkPolicies: the backend pod's policy overlay, and the connectivity matrix (dark).
 *   npm run build:ui && node --import tsx test/e2e/screenshots.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launchChromium, startLab } from './browser.ts';
import { advance, labApi, runInTerminal } from './ui.ts';
import { WORKLOADS } from './workloads.fixture.ts';
import { THREE_TIER } from './threeTier.fixture.ts';

const OUT = 'docs/screenshots';

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(600); // let animations (status flashes) finish before the picture
  await page.screenshot({ path: `${OUT}/${name}.png` });
  console.log(`wrote ${OUT}/${name}.png`);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const lab = await startLab(['--clock', 'manual']);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 940 } });
    await page.goto(lab.uiUrl);
    const panel = page.locator('.lesson-panel');
    await panel.getByRole('button', { name: /Begin with lesson 1/ }).click();
    await panel.getByRole('button', { name: 'Start lesson' }).click();
    await panel.getByRole('button', { name: 'Show solution' }).first().click();
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('ControlOrMeta+Enter');
    await page.getByRole('dialog').waitFor();
    await shot(page, 'apply-diff');
    await page.getByRole('dialog').getByRole('button', { name: 'Apply', exact: true }).click();
    await advance(lab.kubeconfig, 40);
    await runInTerminal(page, 'kubectl get pods -o wide');
    await shot(page, 'lab-light');

    await runInTerminal(page, 'kubectl cordon k8s-node1 k8s-node2');
    await runInTerminal(page, 'kubectl run pending-demo --image=nginx');
    await advance(lab.kubeconfig, 2);
    await page.getByRole('tab', { name: 'Events' }).click();
    await page
      .getByRole('row', { name: /FailedScheduling/ })
      .first()
      .click();
    await page.getByRole('region', { name: 'Inspector' }).getByRole('tab', { name: 'Why' }).click();
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await shot(page, 'why-dark');
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: 'Terminal' }).click();

    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await shot(page, 'lab-zh-dark');
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');

    await runInTerminal(page, 'kubectl uncordon k8s-node1 k8s-node2');
    await runInTerminal(page, 'kubectl delete deployment nginx-deployment');
    await runInTerminal(page, 'kubectl delete pod pending-demo');
    // Applied with the learner's own kubectl, as the README's "Use your own kubectl" shows.
    execFileSync('kubectl', ['--kubeconfig', lab.kubeconfig, 'apply', '-f', '-'], { input: WORKLOADS });
    await advance(lab.kubeconfig, 70);
    await labApi(lab.kubeconfig, 'load', { namespace: 'default', service: 'php-apache', cpu: '1000m' });
    await advance(lab.kubeconfig, 40);
    await page.getByRole('button', { name: 'Light theme' }).click();
    await page.getByRole('button', { name: /^Faults/ }).click();
    await shot(page, 'workloads');
    await page.keyboard.press('Escape');
    await netpolShots(page, lab.kubeconfig);
  } finally {
    await browser.close();
    lab.stop();
  }
}

/** The three-tier app in namespace shop: the backend pod's policy overlay, then the matrix with a cell's why. */
async function netpolShots(page: Page, kubeconfig: string): Promise<void> {
  const kubectl = (args: string[], input?: string) =>
    execFileSync('kubectl', ['--kubeconfig', kubeconfig, ...args], input ? { input } : {});
  kubectl(['create', 'namespace', 'shop']);
  kubectl(['apply', '-n', 'shop', '-f', '-'], THREE_TIER.join('---\n'));
  await advance(kubeconfig, 60);
  await page.getByRole('radio', { name: 'Network' }).click();
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption('shop');
  await page.waitForTimeout(1500);
  const backend = `${kubectl(['get', 'pods', '-n', 'shop', '-l', 'tier=backend', '-o', 'name'])}`.trim().split('/')[1]!;
  const at = (await page.evaluate(`(() => {
    for (const el of document.querySelectorAll('div')) {
      const cy = el._cyreg && el._cyreg.cy;
      if (!cy) continue;
      const p = cy.getElementById('/Pod/shop/${backend}').renderedPosition();
      const b = el.getBoundingClientRect();
      return { x: b.left + p.x, y: b.top + p.y };
    }
  })()`)) as { x: number; y: number };
  await page.mouse.click(at.x, at.y, { button: 'right' });
  await page.getByRole('menuitem', { name: 'Show who can reach this pod' }).click();
  await page.waitForTimeout(800);
  await shot(page, 'netpol-overlay');

  await page.getByRole('button', { name: 'Dark theme' }).click();
  await page.getByRole('button', { name: 'Connectivity matrix' }).click();
  const dialog = page.getByRole('dialog', { name: 'Connectivity matrix' });
  await dialog.getByRole('combobox', { name: 'Namespace' }).selectOption('shop');
  await dialog
    .getByRole('gridcell', { name: new RegExp(`^From frontend-\\S+ to ${backend}:`) })
    .first()
    .click();
  const box = dialog.getByRole('region', { name: 'What if…' });
  await box.getByRole('combobox', { name: 'Source' }).selectOption({ label: 'An IP address…' });
  await box.getByRole('textbox', { name: 'Source IP address' }).fill('203.0.113.7');
  await box.getByRole('combobox', { name: 'Destination' }).selectOption(`shop/${backend}`);
  await box.getByRole('button', { name: 'Check' }).click();
  await shot(page, 'netpol-matrix');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Light theme' }).click();
}

await main();
