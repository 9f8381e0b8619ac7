/**
 * NetworkPolicy in the lab window (Debian Chromium against `kubelab start`): a
 * three-tier app (frontend → backend:8080 → db:5432, everything else denied)
 * applied from the editor; the policy overlay of the backend pod (edge colours,
 * tooltips, following a deleted policy live); the connectivity matrix (cells,
 * a clicked cell's reason); the what-if box; and the Why tab's Network card.
 * The clock is manual and moved through the lab API, never by sleeping.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM } from './browser.ts';
import type { RunningLab } from './browser.ts';
import { advance, applyFromEditor, graphPods, openLabInChromium, runInTerminal, setEditorText } from './ui.ts';
import { THREE_TIER } from './threeTier.fixture.ts';

/** Apply every document from the editor, one at a time, as a learner pastes them. */
async function applyAll(page: Page, docs: string[]): Promise<void> {
  for (const doc of docs) {
    await setEditorText(page, doc);
    await applyFromEditor(page);
  }
}

interface OverlayEdge {
  source: string;
  target: string;
  allowed: boolean;
  color: string;
  style: string;
  title: string;
  lines: string[];
}

/** The overlay's edges as Cytoscape draws them: ends (pod names), verdict class, colour, tooltip words. */
function overlayEdges(page: Page): Promise<OverlayEdge[]> {
  return page.evaluate(`(() => {
    for (const el of document.querySelectorAll('div')) {
      const cy = el._cyreg && el._cyreg.cy;
      if (cy) return cy.edges('.overlay').map((e) => ({
        source: e.source().id().split('/')[3],
        target: e.target().id().split('/')[3],
        allowed: e.hasClass('allowed'),
        color: e.style('line-color'),
        style: e.style('line-style'),
        title: e.data('title'),
        lines: e.data('lines'),
      }));
    }
    return [];
  })()`);
}

/** Where a graph element (a node's centre, an edge's midpoint) is on the page, for clicks and hovers. */
function pointOf(page: Page, id: string): Promise<{ x: number; y: number }> {
  return page.evaluate(`(() => {
    for (const el of document.querySelectorAll('div')) {
      const cy = el._cyreg && el._cyreg.cy;
      if (!cy) continue;
      const e = cy.getElementById(${JSON.stringify(id)});
      const p = e.isEdge() ? e.renderedMidpoint() : e.renderedPosition();
      const box = el.getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    }
    throw new Error('no graph');
  })()`);
}

/** The palette colour of a theme variable, as Cytoscape reports colours (rgb(r,g,b)). */
function cssColor(page: Page, name: string): Promise<string> {
  return page.evaluate((name) => {
    const probe = document.createElement('div');
    probe.style.color = `var(${name})`;
    document.body.append(probe);
    const c = getComputedStyle(probe).color.replace(/\s+/g, '');
    probe.remove();
    return c;
  }, name);
}

describe.skipIf(!CHROMIUM)('NetworkPolicy views (browser mode)', () => {
  let lab: RunningLab;
  let browser: Browser;
  let page: Page;
  let errors: string[] = [];
  let frontend: string[] = [];
  let backend = '';
  let db = '';

  beforeAll(async () => {
    ({ lab, browser, page, errors } = await openLabInChromium(['--clock', 'manual']));
  });

  afterAll(async () => {
    await browser?.close();
    lab?.stop();
  });

  it('runs a three-tier app with its policies', async () => {
    await page.locator('.monaco-editor .view-lines').first().waitFor();
    await applyAll(page, THREE_TIER);
    await advance(lab.kubeconfig, 60);
    await page.getByRole('radio', { name: 'Network' }).click();
    await expect
      .poll(async () => (await graphPods(page, '')).filter((p) => p.statusText?.startsWith('Running')).length)
      .toBe(4);
    const names = (await graphPods(page, '')).map((p) => p.id.split('/')[3]!);
    frontend = names.filter((n) => n.startsWith('frontend-')).sort();
    backend = names.find((n) => n.startsWith('backend-'))!;
    db = names.find((n) => n.startsWith('db-'))!;
  }, 120_000);

  it('draws the backend pod’s overlay from its context menu: allowed green, denied red and dashed', async () => {
    const at = await pointOf(page, `/Pod/default/${backend}`);
    await page.mouse.click(at.x, at.y, { button: 'right' });
    await page.getByRole('menuitem', { name: 'Show who can reach this pod' }).click();
    await expect.poll(async () => (await overlayEdges(page)).length).toBe(6);
    const edges = await overlayEdges(page);
    const edge = (from: string, to: string) => edges.find((e) => e.source === from && e.target === to)!;
    const green = await cssColor(page, '--ok');
    const red = await cssColor(page, '--danger');
    for (const fe of frontend) {
      expect(edge(fe, backend)).toMatchObject({ allowed: true, color: green, style: 'solid' });
      expect(edge(fe, backend).lines.join('\n')).toContain('allow-frontend-to-backend');
      expect(edge(backend, fe)).toMatchObject({ allowed: false, color: red, style: 'dashed' });
    }
    expect(edge(db, backend)).toMatchObject({ allowed: false, title: 'Connection denied' });
    expect(edge(db, backend).lines[0]).toBe(`${db} → ${backend} on 8080/TCP (the destination’s first container port)`);
    expect(edge(backend, db)).toMatchObject({ allowed: true, title: 'Connection allowed' });
    expect(edge(backend, db).lines[0]).toContain('5432/TCP');
    await expect
      .poll(() => page.getByRole('status', { name: `Who can reach ${backend}` }).innerText())
      .toContain('2 of 3 may connect in · 1 of 3 out');
  });

  it('shows an overlay edge’s verdict and deciding policy in its tooltip', async () => {
    // Edges between the same pods overlap near their midpoints: hover this one through Cytoscape.
    const hover = (type: string) =>
      page.evaluate(`(() => {
        for (const el of document.querySelectorAll('div')) {
          const cy = el._cyreg && el._cyreg.cy;
          if (cy) cy.getElementById(${JSON.stringify(`overlay/out//Pod/default/${db}`)}).emit('${type}');
        }
      })()`);
    await hover('mouseover');
    const tip = page.getByRole('tooltip');
    await expect.poll(() => tip.innerText()).toContain('Connection allowed');
    expect(await tip.innerText()).toContain(`${backend} → ${db} on 5432/TCP`);
    expect(await tip.innerText()).toContain('Policies: default/allow-backend-to-db');
    await hover('mouseout');
    await expect.poll(() => tip.count()).toBe(0);
  });

  it('recolours the overlay live when a policy is deleted', async () => {
    await runInTerminal(page, 'kubectl delete networkpolicy allow-backend-to-db');
    await expect
      .poll(async () => (await overlayEdges(page)).find((e) => e.source === backend && e.target === db)?.allowed)
      .toBe(false);
    await runInTerminal(page, 'kubectl delete networkpolicy default-deny');
    // db is selected by no policy now: anyone may reach it again.
    await expect
      .poll(async () => (await overlayEdges(page)).find((e) => e.source === backend && e.target === db)?.allowed)
      .toBe(true);
    // Escape (with the graph focused: the terminal keeps its own keys) ends the overlay.
    await page.getByRole('application', { name: /^Cluster graph/ }).focus();
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await overlayEdges(page)).length).toBe(0);
    // Put the policies back for the matrix.
    await applyAll(page, THREE_TIER.slice(3));
  });

  it('builds the connectivity matrix, and a clicked cell says why', async () => {
    await page.getByRole('button', { name: 'Connectivity matrix' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connectivity matrix' });
    const cell = (from: string, to: string) =>
      dialog.getByRole('gridcell', { name: new RegExp(`^From ${from} to ${to}:`) });
    await expect.poll(() => cell(frontend[0]!, backend).getAttribute('data-state')).toBe('allowed');
    expect(await cell(backend, db).getAttribute('data-state')).toBe('allowed');
    expect(await cell(frontend[0]!, db).getAttribute('data-state')).toBe('denied');
    expect(await cell(db, frontend[1]!).getAttribute('data-state')).toBe('denied');
    expect(await dialog.getByRole('gridcell').count()).toBe(16);

    await cell(frontend[1]!, db).click();
    const verdict = dialog.getByTestId('verdict').first();
    await expect.poll(() => verdict.innerText()).toContain('Denied');
    expect(await verdict.innerText()).toMatch(/default\/allow-backend-to-db|default-deny/);

    // Keyboard: left from the clicked cell to the first column (backend); Enter explains it.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    await expect.poll(() => verdict.innerText()).toContain('Allowed');
    expect(await verdict.innerText()).toContain('allow-frontend-to-backend');

    // Grouped by the tier label: three groups, frontend → backend allowed.
    await dialog.getByRole('combobox', { name: 'Rows and columns' }).selectOption('label');
    await dialog.getByRole('textbox', { name: 'Label key' }).fill('tier');
    await expect.poll(() => dialog.getByRole('gridcell').count()).toBe(9);
    expect(await cell('tier=frontend', 'tier=backend').getAttribute('data-state')).toBe('allowed');
    expect(await cell('tier=db', 'tier=backend').getAttribute('data-state')).toBe('denied');
  });

  it('answers "what if" for a pod pair and for an outside address', async () => {
    const dialog = page.getByRole('dialog', { name: 'Connectivity matrix' });
    const box = dialog.getByRole('region', { name: 'What if…' });
    await box.getByRole('combobox', { name: 'Source' }).selectOption(`default/${frontend[0]}`);
    await box.getByRole('combobox', { name: 'Destination' }).selectOption(`default/${db}`);
    await box.getByRole('textbox', { name: 'Port' }).fill('5432');
    await box.getByRole('button', { name: 'Check' }).click();
    await expect.poll(() => box.getByTestId('verdict').innerText()).toContain('Denied');
    expect(await box.getByTestId('verdict').innerText()).toContain(`${frontend[0]} → ${db} on 5432/TCP`);

    await box.getByRole('combobox', { name: 'Source' }).selectOption({ label: 'An IP address…' });
    await box.getByRole('textbox', { name: 'Source IP address' }).fill('203.0.113.7');
    await box.getByRole('combobox', { name: 'Destination' }).selectOption(`default/${backend}`);
    await box.getByRole('textbox', { name: 'Port' }).fill('');
    await box.getByRole('button', { name: 'Check' }).click();
    await expect.poll(() => box.getByTestId('verdict').innerText()).toContain('203.0.113.7 → ');
    expect(await box.getByTestId('verdict').innerText()).toContain('Denied');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('explains an isolated pod’s network in the Why tab, with a button to the overlay', async () => {
    const at = await pointOf(page, `/Pod/default/${backend}`);
    await page.mouse.click(at.x, at.y);
    const inspector = page.getByRole('region', { name: 'Inspector' });
    await inspector.getByRole('tab', { name: 'Why' }).click();
    const card = inspector.getByRole('region', { name: 'Network' });
    await expect.poll(() => card.innerText()).toContain('Ingress: selected by');
    expect(await card.innerText()).toContain('default/allow-frontend-to-backend');
    expect(await card.innerText()).toContain('2 of 3 pods in default may reach it on port 8080');
    await card.getByRole('button', { name: 'Show on the graph' }).click();
    await expect.poll(async () => (await overlayEdges(page)).length).toBe(6);
    expect(errors).toEqual([]);
  });
});
