/**
 * The YAML editor in Debian's Chromium against `kubelab start` (browser mode): bad YAML and API
 * rejections become markers at the right line and nothing is applied; a change is reviewed in the
 * dry-run diff first; the Kubernetes schema checks fields as you type (when the UI was built with
 * `npm run build:ui`, which generates it); starter templates open in tabs.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, launchChromium, startLab } from './browser.ts';
import type { RunningLab } from './browser.ts';
import { WEB, editorText, graphNodes, monacoText, newLabPage, setEditorText } from './ui.ts';

const SCHEMA_BUILT =
  existsSync('dist/renderer/schema/kubernetes.json') && existsSync('dist/renderer/schema/yaml.worker.js');

/** Lines (1-based) where Monaco draws a squiggle of `kind`, read from its rendered overlays. */
function squiggleLines(page: Page, kind: 'error' | 'warning'): Promise<number[]> {
  return page.evaluate(`(() => {
    const editor = document.querySelector('.monaco-editor');
    const lineAt = new Map();
    for (const n of editor.querySelectorAll('.margin-view-overlays .line-numbers')) lineAt.set(n.parentElement.style.top, Number(n.textContent));
    const lines = [...editor.querySelectorAll('.view-overlays .squiggly-${kind}')].map((s) => lineAt.get(s.parentElement.style.top));
    return [...new Set(lines)].sort((a, b) => a - b);
  })()`);
}

async function apply(page: Page): Promise<void> {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('ControlOrMeta+Enter');
}

const results = (page: Page) => page.getByRole('region', { name: 'Apply results' });

describe.skipIf(!CHROMIUM)('the YAML editor (browser mode)', () => {
  let lab: RunningLab;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    lab = await startLab(['--clock', 'manual']);
    browser = await launchChromium();
    page = await newLabPage(browser, lab.uiUrl);
    page.on('pageerror', (e) => errors.push(e.message));
    await page.locator('.monaco-editor').first().waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    lab?.stop();
  });

  it('opens with the course nginx-deployment.yaml', async () => {
    expect(await page.getByRole('tab', { name: /nginx-deployment\.yaml/ }).count()).toBe(1);
    expect(await editorText(page)).toContain('nginx:1.7.9');
  });

  it('marks bad YAML at its line, shows no diff and applies nothing', async () => {
    // A tab as indentation on line 6: YAML forbids it, and the parser says so at that line.
    await setEditorText(page, WEB.replace('name: web', 'name: broken').replace('  replicas: 2', '\treplicas: 2'));
    await apply(page);
    await expect.poll(() => results(page).innerText()).toContain('YAML syntax error');
    expect(await results(page).innerText()).toContain('line 6');
    expect(await page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => squiggleLines(page, 'error')).toContain(6);
    expect((await graphNodes(page)).some((n) => n.kind === 'Deployment' && n.label?.startsWith('broken'))).toBe(false);
  });

  it('puts an API rejection on the field it names, in the API server’s words', async () => {
    await setEditorText(page, WEB.replace('replicas: 2', 'replicaz: 2'));
    await apply(page);
    await expect.poll(() => results(page).innerText()).toContain('unknown field "spec.replicaz"');
    expect(await page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => squiggleLines(page, 'error')).toEqual([6]);
  });

  it('shows the dry-run diff, applies on confirm, and reviews a change side by side', async () => {
    await setEditorText(page, WEB);
    await apply(page);
    const dialog = page.getByRole('dialog', { name: 'Review before applying' });
    await expect.poll(() => dialog.innerText()).toContain('will be created');
    await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
    await expect.poll(() => results(page).innerText()).toContain('deployment.apps/web');
    expect(await results(page).innerText()).toContain('created');
    await expect
      .poll(async () => (await graphNodes(page)).some((n) => n.kind === 'Deployment' && n.label?.startsWith('web')))
      .toBe(true);

    await setEditorText(page, WEB.replace('replicas: 2', 'replicas: 3'));
    await apply(page);
    await expect.poll(() => dialog.innerText()).toContain('will be changed');
    try {
      await expect.poll(() => monacoText(dialog.locator('.editor.original .view-lines'))).toContain('replicas: 2');
      expect(await monacoText(dialog.locator('.editor.modified .view-lines'))).toContain('replicas: 3');
    } finally {
      await dialog.getByRole('button', { name: 'Cancel' }).click();
    }
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it.skipIf(!SCHEMA_BUILT)('checks fields against the Kubernetes schema as you type', async () => {
    await setEditorText(page, WEB.replace('replicas: 2', 'replicas: two'));
    await expect.poll(() => squiggleLines(page, 'warning'), { timeout: 15_000 }).toEqual([6]);
    await page.locator('.view-line span span').filter({ hasText: /^two$/ }).first().hover();
    // One hover: the problem, and the field's documentation from the schema.
    const hover = async () => (await page.locator('.monaco-hover').allInnerTexts()).join('\n');
    await expect.poll(hover).toContain('Incorrect type. Expected "integer"');
    expect(await hover()).toContain('Number of desired pods');
  });

  it('opens a starter template in a new tab, renamed by double-click', async () => {
    await page.getByRole('button', { name: 'New from template' }).click();
    await page.getByRole('menuitem', { name: /^Service/ }).click();
    const tab = page.getByRole('tablist', { name: 'Open manifests' }).getByRole('tab', { selected: true });
    await expect.poll(() => tab.innerText()).toContain('httpd-svc.yaml');
    await tab.dblclick();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('front');
    await page.keyboard.press('Enter');
    await expect.poll(() => tab.innerText()).toContain('front.yaml');
  });

  it('raised no page errors', () => {
    expect(errors).toEqual([]);
  });
});
