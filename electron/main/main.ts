/**
 * Electron main process: forks the core host into a utility process
 * (host-process.ts), serves the built UI on kubelab://app/ with a strict CSP
 * (security.ts), opens the locked-down lab window (window.ts), hands each
 * page load a MessagePort to the host, and runs the menus (menu.ts, files.ts).
 * Every IPC message is checked: it must come from the lab window's top frame
 * on the app origin, with arguments that pass electron/preload/api.ts.
 *
 * Bundled by scripts/build-electron.ts into dist/electron/main.cjs; launched by
 * `npm start`. KUBELAB_USER_DATA and KUBELAB_KUBECONFIG move its files (tests).
 */
import { Menu, app, dialog, ipcMain, session, shell } from 'electron';
import type { BrowserWindow, IpcMainEvent, IpcMainInvokeEvent, MessageBoxOptions } from 'electron';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHANNELS, parseSaveFile } from '../preload/api.ts';
import type { FileKind, MenuEvent, SaveFileResult } from '../preload/api.ts';
import { FileDialogs } from './files.ts';
import { HostProcess } from './host-process.ts';
import { menuTemplate } from './menu.ts';
import type { MenuActions } from './menu.ts';
import { APP_URL, isAppUrl } from './policy.ts';
import { hardenApp, lockDownSession, serveApp } from './security.ts';
import { pickLocale, translator } from './text.ts';
import type { Translate } from './text.ts';
import { createMainWindow } from './window.ts';

// Both electron/main/main.ts and dist/electron/main.cjs sit two folders below the project root.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PATHS = {
  renderer: join(ROOT, 'dist', 'renderer'),
  preload: join(ROOT, 'dist', 'electron', 'preload.cjs'),
  utility: join(ROOT, 'dist', 'electron', 'utility.cjs'),
  readme: join(ROOT, 'README.md'),
};
const KUBERNETES_DOCS = 'https://kubernetes.io/docs/home/';

class KubeLabApp {
  private win: BrowserWindow | undefined;
  private t: Translate = translator('en');
  private files = new FileDialogs((key, values) => this.t(key, values));
  private quitting = false;
  private hostStopped = false;
  private readonly host: HostProcess;

  constructor(userData: string, kubeconfig: string) {
    this.host = new HostProcess(PATHS.utility, { userData, kubeconfig });
    this.host.onCrash = (code) => void this.onHostCrash(code);
  }

  async start(): Promise<void> {
    await app.whenReady();
    this.t = translator(pickLocale(app.getPreferredSystemLanguages()));
    if (!existsSync(join(PATHS.renderer, 'index.html'))) {
      dialog.showErrorBox('KubeLab', this.t('noUi'));
      app.exit(1);
      return;
    }
    lockDownSession(session.defaultSession);
    serveApp(PATHS.renderer);
    this.handleIpc();
    const hostReady = this.host.start();
    this.installMenu();
    this.openWindow();
    try {
      await hostReady;
      this.installMenu(); // now with the kubeconfig item enabled
    } catch (e) {
      dialog.showErrorBox('KubeLab', this.t('hostStartFailed', { reason: (e as Error).message }));
      app.exit(1);
    }
  }

  private openWindow(): void {
    const win = createMainWindow({
      preload: PATHS.preload,
      stateFile: join(app.getPath('userData'), 'window-state.json'),
      dev: !app.isPackaged,
    });
    this.win = win;
    win.on('closed', () => {
      if (this.win === win) this.win = undefined;
    });
    void win.loadURL(APP_URL);
  }

  focus(): void {
    if (!this.win) return;
    if (this.win.isMinimized()) this.win.restore();
    this.win.focus();
  }

  /** Only the lab window's top frame, showing the app, may talk to main. */
  private trusted(event: IpcMainEvent | IpcMainInvokeEvent): boolean {
    const frame = event.senderFrame;
    return (
      !!this.win && event.sender === this.win.webContents && !!frame && frame.parent === null && isAppUrl(frame.url)
    );
  }

  private handleIpc(): void {
    ipcMain.on(CHANNELS.ready, (event) => {
      if (!this.trusted(event)) return;
      this.host.connect(event.sender).catch((e: unknown) => console.error('kubelab: no port for the window', e));
    });
    ipcMain.handle(CHANNELS.saveFile, async (event, name: unknown, text: unknown): Promise<SaveFileResult> => {
      if (!this.trusted(event) || !this.win) return { saved: false, error: 'refused' };
      const args = parseSaveFile(name, text);
      if (typeof args === 'string') return { saved: false, error: args };
      return this.files.save(this.win, args.name, args.text, args.kind);
    });
  }

  private send(event: MenuEvent): void {
    this.win?.webContents.send(CHANNELS.menu, event);
  }

  private async open(kind: FileKind): Promise<void> {
    if (!this.win) return;
    const file = await this.files.open(this.win, kind);
    if (!file) return;
    this.send(
      kind === 'lab' ? { type: 'open-lab', name: file.name, text: file.text } : { type: 'open-manifest', ...file },
    );
  }

  private installMenu(): void {
    const kubeconfigPath = this.host.info?.kubeconfigPath;
    const actions: MenuActions = {
      openManifest: () => void this.open('manifest'),
      saveManifest: () => this.send({ type: 'save-manifest' }),
      openLab: () => void this.open('lab'),
      saveLab: () => this.send({ type: 'save-lab' }),
      toggleTheme: () => this.send({ type: 'toggle-theme' }),
      showKubeconfig: () => {
        if (kubeconfigPath) shell.showItemInFolder(kubeconfigPath);
      },
      openReadme: () => void shell.openPath(PATHS.readme),
      openKubernetesDocs: () => void shell.openExternal(KUBERNETES_DOCS),
    };
    const options = {
      t: this.t,
      mac: process.platform === 'darwin',
      dev: !app.isPackaged,
      hasKubeconfig: !!kubeconfigPath,
      hasReadme: existsSync(PATHS.readme),
    };
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(actions, options)));
  }

  /** The host died on its own: offer to restart it (the window reconnects on reload) or quit. */
  private async onHostCrash(code: number): Promise<void> {
    if (this.quitting) return;
    const options: MessageBoxOptions = {
      type: 'error',
      message: this.t('hostFailed', { code }),
      detail: this.t('hostFailedDetail'),
      buttons: [this.t('restart'), this.t('quit')],
      defaultId: 0,
      cancelId: 1,
    };
    const { response } = this.win
      ? await dialog.showMessageBox(this.win, options)
      : await dialog.showMessageBox(options);
    if (response !== 0) return app.quit();
    try {
      await this.host.start();
      this.installMenu();
      this.win?.webContents.reload();
    } catch (e) {
      dialog.showErrorBox('KubeLab', this.t('hostStartFailed', { reason: (e as Error).message }));
      app.exit(1);
    }
  }

  /** Let the host save the workspace and close before the app exits. */
  handleQuit(): void {
    app.on('window-all-closed', () => app.quit());
    app.on('will-quit', (event) => {
      this.quitting = true;
      if (this.hostStopped) return;
      event.preventDefault();
      void this.host.stop().finally(() => {
        this.hostStopped = true;
        app.quit();
      });
    });
  }
}

function main(): void {
  // Run as `electron dist/electron/main.cjs` there is no package.json to name the app, so name it
  // here (else its files land in ~/.config/Electron). Tests and side-by-side runs keep their files
  // apart with KUBELAB_USER_DATA. Both must happen before the app is ready.
  app.setName('KubeLab');
  const userData = process.env.KUBELAB_USER_DATA ?? join(app.getPath('appData'), 'KubeLab');
  app.setPath('userData', resolve(userData));
  const kubeconfig = resolve(process.env.KUBELAB_KUBECONFIG ?? join(homedir(), '.kubelab', 'kubeconfig'));
  hardenApp();
  // One lab per user-data folder: a second launch focuses the first (two would fight over the workspace).
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  const lab = new KubeLabApp(app.getPath('userData'), kubeconfig);
  app.on('second-instance', () => lab.focus());
  lab.handleQuit();
  lab.start().catch((e: unknown) => {
    console.error('KubeLab failed to start:', e);
    app.exit(1);
  });
}

main();
