/**
 * The bundled Electron main process, run in plain Node against a stand-in
 * `electron` (fake-electron.ts), with the real utility-process host behind
 * it. Where the Electron binary exists the smoke tests cover the same ground
 * for real; these run everywhere and check main's wiring: the locked-down
 * window, the app scheme and its CSP, the MessagePort hand-over to the host,
 * the menus and file dialogs, IPC checks, the navigation and permission
 * guards, a host crash and restart, and a clean quit that saves the workspace.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildElectronBundles } from '../../scripts/build-electron.ts';
import type { FakePort, FakeWebContents, FakeWindow, Fake, MenuItem } from './fake-electron.ts';
import { installFakeElectron } from './fake-electron.ts';
import { waitFor } from './lab.ts';

const require = createRequire(import.meta.url);
const APP_URL = 'kubelab://app/index.html';

let fake: Fake;
let base: string;
let win: FakeWindow;
let contents: FakeWebContents;
const exit = vi.spyOn(process, 'exit');

const trusted = () => ({ sender: contents, senderFrame: { parent: null, url: APP_URL } });

function menuItem(id: string): MenuItem {
  const walk = (items: MenuItem[]): MenuItem | undefined =>
    items.reduce<MenuItem | undefined>((hit, i) => hit ?? (i.id === id ? i : walk(i.submenu ?? [])), undefined);
  const item = walk(fake.menu?.template ?? []);
  if (!item) throw new Error(`no menu item ${id}`);
  return item;
}

/** Play the renderer: ask for a port, as the preload does on 'kubelab:ready'. */
async function connect(): Promise<{ port: FakePort; received: unknown[] }> {
  const before = contents.posted.length;
  fake.ipc.on.get('kubelab:ready')!(trusted() as never);
  await waitFor(
    async () => contents.posted.length,
    (n) => n > before,
  );
  const { channel, ports } = contents.posted.at(-1)!;
  expect(channel).toBe('kubelab:port');
  const port = ports[0]!;
  const received: unknown[] = [];
  port.on('message', (e: { data: string }) => received.push(JSON.parse(e.data)));
  port.start();
  return { port, received };
}

/** The response to request `id` among what the host sent (clock notifications come too). */
async function responseTo(received: unknown[], id: number): Promise<unknown> {
  const isIt = (m: unknown) => (m as { response?: { id?: number } }).response?.id === id;
  const all = await waitFor(
    async () => received,
    (r) => r.some(isIt),
  );
  return all.find(isIt);
}

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'kubelab-main-'));
  process.env.KUBELAB_USER_DATA = join(base, 'user-data');
  process.env.KUBELAB_KUBECONFIG = join(base, 'kubeconfig');
  // The utility process ends itself with process.exit; here that ends only its fake child.
  exit.mockImplementation(((code: number) => fake.utilities.at(-1)?.emit('exit', code ?? 0)) as never);
  const bundles = await buildElectronBundles();
  fake = installFakeElectron(base);
  require(bundles.main);
  fake.ready();
  win = await waitFor(
    async () => fake.windows[0],
    (w) => w !== undefined,
  ).then((w) => w!);
  contents = win.webContents;
}, 120_000);

afterAll(() => {
  exit.mockRestore();
  delete (process as { parentPort?: unknown }).parentPort;
});

describe('Electron main process (stand-in Electron)', () => {
  it('opens one locked-down window on the app origin', async () => {
    await waitFor(
      async () => win.url,
      (u) => u !== undefined,
    );
    expect(win.url).toBe(APP_URL);
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(existsSync((win.options.webPreferences as { preload: string }).preload)).toBe(true);
    expect(fake.schemes).toEqual([
      { scheme: 'kubelab', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
  });

  it('serves the built UI with the CSP and nothing outside it', async () => {
    const index = await fake.schemeHandler!({ url: APP_URL, method: 'GET' });
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self';");
    expect(await index.text()).toContain('<title>KubeLab</title>');
    const outside = await fake.schemeHandler!({
      url: 'kubelab://app/assets/..%2f..%2f..%2fpackage.json',
      method: 'GET',
    });
    expect(outside.status).toBe(404);
    expect((await fake.schemeHandler!({ url: APP_URL, method: 'POST' })).status).toBe(405);
  });

  it('hands the page a MessagePort that speaks the lab protocol to the host', async () => {
    const { port, received } = await connect();
    port.postMessage(JSON.stringify({ id: 1, type: 'hello' }));
    const hello = await responseTo(received, 1);
    expect(hello).toMatchObject({ kind: 'response', response: { id: 1, ok: true, result: { protocolVersion: 1 } } });
    expect(JSON.stringify(hello)).toContain(join(base, 'kubeconfig'));
    port.close();
  });

  it('ignores IPC from anything but the window top frame on the app origin', async () => {
    const before = contents.posted.length;
    fake.ipc.on.get('kubelab:ready')!({
      sender: contents,
      senderFrame: { parent: null, url: 'https://evil.example/' },
    } as never);
    fake.ipc.on.get('kubelab:ready')!({ sender: contents, senderFrame: { parent: {}, url: APP_URL } } as never);
    fake.ipc.on.get('kubelab:ready')!({
      sender: new EventTarget(),
      senderFrame: { parent: null, url: APP_URL },
    } as never);
    await new Promise((r) => setTimeout(r, 200));
    expect(contents.posted.length).toBe(before);
    const save = fake.ipc.handle.get('kubelab:save-file')!;
    expect(await save({ sender: contents, senderFrame: null } as never, 'a.yaml' as never, 'x' as never)).toEqual({
      saved: false,
      error: 'refused',
    });
  });

  it('File → Open Manifest… sends the picked file to the page', async () => {
    const file = join(base, 'web.yaml');
    writeFileSync(file, 'kind: Deployment\n');
    fake.dialog.showOpenDialog = async () => ({ canceled: false, filePaths: [file] });
    menuItem('open-manifest').click!();
    const sent = await waitFor(
      async () => contents.sent.filter((s) => s.channel === 'kubelab:menu'),
      (s) => s.length > 0,
    );
    expect(sent[0]!.args[0]).toEqual({
      type: 'open-manifest',
      name: 'web.yaml',
      path: file,
      text: 'kind: Deployment\n',
    });
    menuItem('save-lab').click!();
    expect(contents.sent.at(-1)!.args[0]).toEqual({ type: 'save-lab' });
  });

  it('saves a file the page hands over, where the learner confirms', async () => {
    const target = join(base, 'out', 'web.yaml');
    let offered = '';
    fake.dialog.showSaveDialog = async (_win: unknown, options: { defaultPath: string }) => {
      offered = options.defaultPath;
      return { canceled: false, filePath: target };
    };
    const save = fake.ipc.handle.get('kubelab:save-file')!;
    expect(await save(trusted() as never, 'web' as never, 'kind: Pod\n' as never)).toEqual({
      saved: true,
      name: 'web.yaml',
      path: target,
    });
    expect(offered.endsWith('web.yaml')).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('kind: Pod\n');
    expect(await save(trusted() as never, '../../etc/passwd' as never, 'x' as never)).toMatchObject({ saved: false });
  });

  it('keeps the window on the app: no navigation, no new windows, docs links open outside', () => {
    let prevented = false;
    contents.emit('will-navigate', {
      url: 'https://kubernetes.io/docs/concepts/',
      preventDefault: () => (prevented = true),
    });
    expect(prevented).toBe(true);
    expect(contents.openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(fake.shellCalls).toEqual(['openExternal https://kubernetes.io/docs/concepts/']);
    const answers: boolean[] = [];
    fake.permissionRequest!(contents, 'media', (ok) => answers.push(ok));
    fake.permissionRequest!(contents, 'clipboard-sanitized-write', (ok) => answers.push(ok));
    expect(answers).toEqual([false, true]);
  });

  it('offers a restart when the host dies, and the page reconnects', async () => {
    const crashed = fake.utilities.length;
    // The host going away on its own: to main this is an exit it did not ask for.
    fake.parentPort!.emit('message', { data: { type: 'shutdown' }, ports: [] });
    await waitFor(
      async () => fake.utilities.length,
      (n) => n > crashed,
    );
    await waitFor(
      async () => contents.reloads,
      (n) => n > 0,
    );
    const { port, received } = await connect();
    port.postMessage(JSON.stringify({ id: 2, type: 'lessons' }));
    expect(await responseTo(received, 2)).toMatchObject({ response: { id: 2, ok: true } });
  });

  it('saves the window state and the workspace when it quits', async () => {
    win.emit('close');
    (fake.electron.app as { quit(): void }).quit();
    await waitFor(
      async () => fake.quitted,
      (q) => q,
    );
    const userData = join(base, 'user-data');
    expect(JSON.parse(readFileSync(join(userData, 'window-state.json'), 'utf8'))).toEqual({
      x: 40,
      y: 30,
      width: 1280,
      height: 820,
      maximized: false,
    });
    expect(existsSync(join(userData, 'workspace.json'))).toBe(true);
    expect(fake.exitCode).toBeUndefined();
  });
});
