import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { CHROMIUM, launchChromium, startLab } from './browser.ts';
import type { RunningLab } from './browser.ts';

const why = CHROMIUM ? '' : 'Debian Chromium is not installed (apt-get install -y chromium): browser tests skipped';
if (why) console.warn(why);

describe.skipIf(!CHROMIUM)('the lab in the browser (npm start fallback)', () => {
  let lab: RunningLab;
  let browser: Browser;

  beforeAll(async () => {
    lab = await startLab();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    lab?.stop();
  });

  it('shows the cluster’s nodes and how to connect kubectl, and switches to Chinese', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(lab.uiUrl);
    await expect.poll(() => page.locator('table').first().innerText()).toContain('k8s-master');
    const nodes = await page.locator('table').first().innerText();
    expect(nodes).toMatch(/k8s-node1\s+Ready/);
    expect(await page.locator('#connect').innerText()).toContain(`export KUBECONFIG=${lab.kubeconfig}`);
    // The page says plainly that the lab window is not built yet.
    expect(await page.locator('.notice').innerText()).toContain('not built yet');
    await page.getByRole('button', { name: 'Language' }).click();
    await expect.poll(() => page.locator('.notice h2').innerText()).toBe('模拟集群正在运行');
    if (process.env.KUBELAB_SCREENSHOTS)
      await page.screenshot({ path: process.env.KUBELAB_SCREENSHOTS, fullPage: true });
    expect(errors).toEqual([]);
  });
});
