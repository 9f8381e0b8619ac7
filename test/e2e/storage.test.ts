/**
 * The storage view in the lab window (Debian Chromium against `kubelab start`): a claim
 * of the default StorageClass and a pod that mounts it, applied from the editor. While
 * the clock is paused the claim is Pending; once time moves the provisioner creates a
 * PersistentVolume, the binder binds them, and the graph draws the chain
 * Pod → PVC → PV → StorageClass with the claim Bound.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM } from './browser.ts';
import type { RunningLab } from './browser.ts';
import { advance, applyFromEditor, graphNodes, openLabInChromium, setEditorText } from './ui.ts';

const CLAIM = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
`;

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: writer
spec:
  containers:
  - name: writer
    image: busybox
    command: ["sh", "-c", "echo hello > /data/hello; sleep 3600"]
    volumeMounts:
    - {name: data, mountPath: /data}
  volumes:
  - name: data
    persistentVolumeClaim: {claimName: data}
`;

interface GraphEdge {
  source: string;
  target: string;
  type: string;
}

function graphEdges(page: Page): Promise<GraphEdge[]> {
  return page.evaluate(`(() => {
    for (const el of document.querySelectorAll('div')) {
      const cy = el._cyreg && el._cyreg.cy;
      if (cy) return cy.edges().map((e) => ({ source: e.source().id(), target: e.target().id(), type: e.data('type') }));
    }
    return [];
  })()`);
}

describe.skipIf(!CHROMIUM)('the storage view (browser mode)', () => {
  let lab: RunningLab;
  let browser: Browser;
  let page: Page;
  let errors: string[] = [];

  beforeAll(async () => {
    ({ lab, browser, page, errors } = await openLabInChromium(['--clock', 'manual']));
  });

  afterAll(async () => {
    await browser?.close();
    lab?.stop();
  });

  it('draws a new claim Pending while the clock is paused, with the default StorageClass', async () => {
    await page.locator('.monaco-editor .view-lines').first().waitFor();
    await page.getByRole('radio', { name: 'Storage' }).click();
    for (const doc of [CLAIM, POD]) {
      await setEditorText(page, doc);
      await applyFromEditor(page);
    }
    const claim = async () => (await graphNodes(page)).find((n) => n.id === '/PersistentVolumeClaim/default/data');
    await expect.poll(async () => (await claim())?.statusText).toBe('Pending');
    // The DefaultStorageClass admission gave it the default class: the claim points at it until bound.
    await expect
      .poll(async () =>
        (await graphEdges(page)).some(
          (e) =>
            e.source === '/PersistentVolumeClaim/default/data' && e.target === 'storage.k8s.io/StorageClass//standard',
        ),
      )
      .toBe(true);
  });

  it('binds it as time moves, and draws Pod → PVC → PV → StorageClass', async () => {
    await advance(lab.kubeconfig, 30);
    const nodes = async () => graphNodes(page);
    await expect
      .poll(async () => (await nodes()).find((n) => n.id === '/PersistentVolumeClaim/default/data')?.statusText)
      .toBe('Bound');
    const pv = (await nodes()).find((n) => n.kind === 'PersistentVolume');
    expect(pv?.statusText).toBe('Bound');
    await expect
      .poll(async () =>
        (await graphEdges(page))
          .filter((e) => e.type === 'volume' || e.type === 'storage')
          .map((e) => `${e.type}: ${e.source} → ${e.target}`)
          .sort(),
      )
      .toEqual(
        [
          `storage: /PersistentVolumeClaim/default/data → /PersistentVolume//${pv!.id.split('/')[3]}`,
          `storage: /PersistentVolume//${pv!.id.split('/')[3]} → storage.k8s.io/StorageClass//standard`,
          'volume: /Pod/default/writer → /PersistentVolumeClaim/default/data',
        ].sort(),
      );
    const pod = (await nodes()).find((n) => n.id === '/Pod/default/writer');
    expect(pod?.statusText).toMatch(/^Running/);
    expect(errors).toEqual([]);
  });
});
