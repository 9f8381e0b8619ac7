/** Debian's Chromium through playwright-core (never `playwright install`), and `kubelab start` as a child. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

export const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM!,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

export interface RunningLab {
  uiUrl: string;
  kubeconfig: string;
  child: ChildProcess;
  stop(): void;
}

/** Start `kubelab start` on free ports and wait for its two ready lines. */
export function startLab(extra: string[] = []): Promise<RunningLab> {
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-e2e-'));
  const kubeconfig = join(dir, 'kubeconfig');
  const child = spawn(
    process.execPath,
    ['bin/kubelab.js', 'start', '--port', '0', '--ui-port', '0', '--no-open', '--kubeconfig', kubeconfig, ...extra],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`kubelab start did not become ready: ${out}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /KubeLab UI at (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ uiUrl: m[1]!, kubeconfig, child, stop: () => child.kill('SIGTERM') });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`kubelab start exited with ${code}: ${out}`)));
  });
}
