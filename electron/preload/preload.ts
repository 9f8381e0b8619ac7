/**
 * The preload of the lab window: one small typed bridge, `window.kubelab`
 * (see api.ts), plus the hand-over of the MessagePort that carries the lab
 * protocol to the core host in the utility process.
 *
 * It runs sandboxed (only `require('electron')` is available, so
 * scripts/build-electron.ts bundles it as CommonJS) in an isolated world: the
 * page never sees ipcRenderer, only the frozen bridge, and every message that
 * crosses is checked here and again in main.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, READY_MESSAGE, parseMenuEvent, parseSaveFile, parseSaveResult } from './api.ts';
import type { KubelabBridge, MenuEvent, SaveFileResult } from './api.ts';

/** The bit of the DOM window the preload uses (the electron layer compiles without DOM types). */
interface PreloadWindow {
  addEventListener(type: 'message', listener: (event: { source: unknown; data: unknown }) => void): void;
  postMessage(message: unknown, targetOrigin: string, transfer?: unknown[]): void;
}

const win = globalThis as unknown as PreloadWindow;

// The renderer posts 'kubelab:ready' when it waits for its port (on every load, so a reload gets a
// fresh port and the host drops the old connection). Main answers on CHANNELS.port; the port is
// then posted into the page as a window message, as Electron's context-isolation guide does.
win.addEventListener('message', (event) => {
  if (event.source === win && event.data === READY_MESSAGE) ipcRenderer.send(CHANNELS.ready);
});
ipcRenderer.on(CHANNELS.port, (event) => {
  const port = event.ports[0];
  if (port) win.postMessage(CHANNELS.port, '*', [port]);
});

const menuListeners = new Set<(event: MenuEvent) => void>();
ipcRenderer.on(CHANNELS.menu, (_event, payload: unknown) => {
  const menuEvent = parseMenuEvent(payload);
  if (!menuEvent) {
    console.warn('kubelab: ignored a malformed menu message');
    return;
  }
  for (const listener of menuListeners) listener(menuEvent);
});

const bridge: KubelabBridge = Object.freeze({
  electron: true as const,
  onMenu(listener: (event: MenuEvent) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('kubelab.onMenu expects a function');
    menuListeners.add(listener);
    return () => void menuListeners.delete(listener);
  },
  async saveFile(name: string, text: string): Promise<SaveFileResult> {
    const args = parseSaveFile(name, text);
    if (typeof args === 'string') return { saved: false, error: args };
    return parseSaveResult(await ipcRenderer.invoke(CHANNELS.saveFile, args.name, args.text));
  },
});

contextBridge.exposeInMainWorld('kubelab', bridge);
