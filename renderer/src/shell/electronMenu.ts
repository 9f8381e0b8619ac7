/**
 * Electron's menus (File: open/save manifest, open/save lab; View: theme) act
 * on the renderer's state: main shows the dialogs and reads or writes the
 * files, the renderer supplies or receives the text. In the browser there is
 * no bridge and this does nothing (the editor's own buttons open and save).
 */
import type { Lab } from '../lib/lab.svelte.ts';
import { RequestError } from '../lib/protocol/client.ts';
import type { MenuEvent } from '../lib/protocol/transport.ts';
import { t } from '../lib/i18n/index.svelte.ts';

async function handle(lab: Lab, e: MenuEvent): Promise<void> {
  const bridge = window.kubelab;
  if (!bridge) return;
  switch (e.type) {
    case 'open-manifest':
      lab.editor?.open(e.text, e.name);
      return;
    case 'save-manifest': {
      if (!lab.editor) return;
      const r = await bridge.saveFile(lab.editor.activeTitle(), lab.editor.activeText());
      if (r.saved) {
        lab.editor.renameActive(r.name);
        lab.notify('info', t('shell.saved', { path: r.path }));
      }
      return;
    }
    case 'open-lab':
      await lab.client.request({ type: 'importLab', lab: e.text });
      window.location.reload();
      return;
    case 'save-lab': {
      const { lab: text } = await lab.client.request({ type: 'exportLab' });
      const r = await bridge.saveFile('lab.kubelab', text);
      if (r.saved) lab.notify('info', t('shell.saved', { path: r.path }));
      return;
    }
    case 'toggle-theme':
      lab.theme = lab.theme === 'dark' ? 'light' : 'dark';
      return;
  }
}

/** Listen to the menus; returns the disposer. */
export function bindElectronMenu(lab: Lab): () => void {
  const bridge = window.kubelab;
  if (!bridge) return () => {};
  return bridge.onMenu((e) => {
    handle(lab, e).catch((err: unknown) =>
      lab.notify('error', (err instanceof RequestError ? err.status.message : undefined) ?? String(err)),
    );
  });
}
