/**
 * A whole lesson completed through the UI in Chromium: lesson 1 started from
 * the lesson panel, its solution loaded into the editor and applied, then a
 * pod deleted from the terminal; every step passes against the live cluster.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, launchChromium, startLab } from './browser.ts';
import type { RunningLab } from './browser.ts';
import { newLabPage, runInTerminal } from './ui.ts';

/** The n/m of the open lesson's header. */
const stepsPassed = (page: Page) => page.locator('.lesson-panel .pane-header .count').textContent();

/** Apply the editor's active tab, confirming the review dialog when the editor shows one. */
async function applyFromEditor(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Apply', exact: true }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => undefined);
  if (await dialog.isVisible()) await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
}

describe.skipIf(!CHROMIUM)('a lesson completed through the UI', () => {
  let lab: RunningLab | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    lab = await startLab();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    lab?.stop();
  });

  it('lesson 1: start, apply the solution, watch the pods, delete one, complete', async () => {
    const page = await newLabPage(browser!, lab!.uiUrl);
    const panel = page.locator('.lesson-panel');

    await panel.getByRole('button', { name: /Begin with lesson 1/ }).click();
    await panel.getByRole('button', { name: 'Start lesson' }).click();
    await expect.poll(() => stepsPassed(page)).toBe('0/3');

    await panel.getByRole('button', { name: 'Show solution' }).click();
    await expect.poll(() => page.locator('.monaco-editor').first().textContent()).toContain('nginx-deployment');
    await applyFromEditor(page);
    await expect.poll(() => stepsPassed(page), { timeout: 30_000 }).toBe('2/3');
    expect(await panel.getByText('What happened').first().isVisible()).toBe(true);

    await runInTerminal(page, 'kubectl delete pod -l app=nginx');
    await expect.poll(() => stepsPassed(page), { timeout: 30_000 }).toBe('3/3');
    await expect.poll(() => panel.getByText('Lesson complete').isVisible()).toBe(true);
  });
});
