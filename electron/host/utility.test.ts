/**
 * The utility-process entry, driven in plain Node with stand-ins for
 * Electron's parentPort and MessagePortMain: it starts the real lab host,
 * reports where the API is, serves the protocol on each port it is given,
 * and shuts down on request.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { HostMessage } from '../../core/protocol/index.ts';
import { parseUtilityArgs } from './utility.ts';
import type { UtilityReport } from './utility.ts';

class FakePort extends EventEmitter {
  sent: string[] = [];
  started = false;
  postMessage(data: string): void {
    this.sent.push(data);
  }
  start(): void {
    this.started = true;
  }
  close(): void {
    this.emit('close');
  }
}

class FakeParent extends EventEmitter {
  reports: UtilityReport[] = [];
  postMessage(message: UtilityReport): void {
    this.reports.push(message);
    this.emit('report', message);
  }
}

async function until<T>(get: () => T | undefined, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('parseUtilityArgs', () => {
  it('reads the two paths and tolerates switches it does not know', () => {
    expect(parseUtilityArgs(['--user-data', '/u', '--kubeconfig', '/k', '--enable-logging', 'x'])).toEqual({
      userData: '/u',
      kubeconfig: '/k',
    });
    expect(() => parseUtilityArgs(['--user-data', '/u'])).toThrow(/--kubeconfig/);
  });
});

describe('utility process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-utility-'));
  const parent = new FakeParent();
  const exit = vi.spyOn(process, 'exit').mockImplementation(() => undefined as never);
  const argv = process.argv;
  afterAll(() => {
    process.argv = argv;
    exit.mockRestore();
    delete (process as { parentPort?: unknown }).parentPort;
  });

  it('starts the host, serves the protocol on a port and closes on shutdown', async () => {
    process.argv = [argv[0]!, 'utility.cjs', '--user-data', dir, '--kubeconfig', join(dir, 'kubeconfig')];
    (process as { parentPort?: unknown }).parentPort = parent;
    vi.resetModules();
    await import('./utility.ts');
    const ready = await until(() => parent.reports.find((r) => r.type !== 'closed'));
    expect(ready).toMatchObject({ type: 'ready', kubeconfigPath: join(dir, 'kubeconfig') });
    expect(ready.type === 'ready' && ready.apiUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);

    const port = new FakePort();
    parent.emit('message', { data: { type: 'connect' }, ports: [port] });
    await until(() => (port.started ? true : undefined));
    port.emit('message', { data: JSON.stringify({ id: 1, type: 'hello' }) });
    const reply = await until(() => port.sent[0]);
    const message = JSON.parse(reply) as HostMessage;
    expect(message).toMatchObject({ kind: 'response', response: { id: 1, ok: true } });
    port.close();

    parent.emit('message', { data: { type: 'shutdown' }, ports: [] });
    await until(() => parent.reports.find((r) => r.type === 'closed'));
    expect(exit).toHaveBeenCalledWith(0);
  });
});
