/**
 * Electron main process: starts the core host (cluster + Kubernetes API),
 * serves the lab window locally and shows it in a locked-down BrowserWindow
 * (context isolation, sandbox, no Node in the page, navigation and new
 * windows denied, strict CSP from the server). Bundled by
 * scripts/build-electron.ts; launched by `npm start`.
 */
import { app, BrowserWindow, shell } from 'electron';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { startHost } from '../host/host.ts';
import { startUiServer, uiUrl } from '../host/ui-server.ts';

async function main(): Promise<void> {
  await app.whenReady();
  const host = await startHost({ kubeconfig: join(homedir(), '.kubelab', 'kubeconfig'), clock: 'realtime' });
  const ui = await startUiServer(host, 0);
  const origin = uiUrl(ui);
  console.log(`KubeLab API ready at ${host.url} (kubeconfig: ${host.kubeconfigPath ?? ''})`);
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    title: 'KubeLab',
    backgroundColor: '#f7f8fa',
    webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true },
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://kubernetes.io/')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(origin)) event.preventDefault();
  });
  await win.loadURL(origin);
  app.on('window-all-closed', () => {
    void host.close().then(() => app.quit());
  });
}

main().catch((e: unknown) => {
  console.error('KubeLab failed to start:', e);
  app.exit(1);
});
