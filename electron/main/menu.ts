/**
 * The application menu as a template: File (manifests and labs), Edit (the
 * standard roles), View (reload, zoom, theme, developer tools in development
 * only) and Help (the kubeconfig, docs). Only type imports from Electron, so
 * the template is unit-tested in plain Node; main.ts builds it into a Menu.
 * Items with an `id` can be clicked from tests (`Menu.getApplicationMenu().getMenuItemById`).
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { Translate } from './text.ts';

export interface MenuActions {
  openManifest(): void;
  saveManifest(): void;
  openLab(): void;
  saveLab(): void;
  toggleTheme(): void;
  showKubeconfig(): void;
  openReadme(): void;
  openKubernetesDocs(): void;
}

export interface MenuOptions {
  t: Translate;
  /** macOS keeps Quit in the app menu. */
  mac: boolean;
  /** Developer tools are offered only when running from sources (not packaged). */
  dev: boolean;
  /** The kubeconfig is known once the core host has started. */
  hasKubeconfig: boolean;
  hasReadme: boolean;
}

function fileMenu(a: MenuActions, { t, mac }: MenuOptions): MenuItemConstructorOptions {
  return {
    label: t('file'),
    submenu: [
      { id: 'open-manifest', label: t('openManifest'), accelerator: 'CmdOrCtrl+O', click: () => a.openManifest() },
      { id: 'save-manifest', label: t('saveManifest'), accelerator: 'CmdOrCtrl+S', click: () => a.saveManifest() },
      { type: 'separator' },
      { id: 'open-lab', label: t('openLab'), accelerator: 'CmdOrCtrl+Shift+O', click: () => a.openLab() },
      { id: 'save-lab', label: t('saveLab'), accelerator: 'CmdOrCtrl+Shift+S', click: () => a.saveLab() },
      ...(mac ? [] : [{ type: 'separator' as const }, { role: 'quit' as const, label: t('quit') }]),
    ],
  };
}

function editMenu({ t }: MenuOptions): MenuItemConstructorOptions {
  return {
    label: t('edit'),
    submenu: [
      { role: 'undo', label: t('undo') },
      { role: 'redo', label: t('redo') },
      { type: 'separator' },
      { role: 'cut', label: t('cut') },
      { role: 'copy', label: t('copy') },
      { role: 'paste', label: t('paste') },
      { role: 'selectAll', label: t('selectAll') },
    ],
  };
}

function viewMenu(a: MenuActions, { t, dev }: MenuOptions): MenuItemConstructorOptions {
  return {
    label: t('view'),
    submenu: [
      { role: 'reload', label: t('reload') },
      ...(dev ? [{ role: 'toggleDevTools' as const, label: t('devTools') }] : []),
      { type: 'separator' },
      { id: 'toggle-theme', label: t('toggleTheme'), click: () => a.toggleTheme() },
      { type: 'separator' },
      { role: 'resetZoom', label: t('resetZoom') },
      { role: 'zoomIn', label: t('zoomIn') },
      { role: 'zoomOut', label: t('zoomOut') },
      { type: 'separator' },
      { role: 'togglefullscreen', label: t('fullScreen') },
    ],
  };
}

function helpMenu(a: MenuActions, { t, hasKubeconfig, hasReadme }: MenuOptions): MenuItemConstructorOptions {
  return {
    role: 'help',
    label: t('help'),
    submenu: [
      { id: 'show-kubeconfig', label: t('openKubeconfig'), enabled: hasKubeconfig, click: () => a.showKubeconfig() },
      { type: 'separator' },
      ...(hasReadme ? [{ id: 'readme', label: t('readme'), click: () => a.openReadme() }] : []),
      { id: 'kubernetes-docs', label: t('kubernetesDocs'), click: () => a.openKubernetesDocs() },
    ],
  };
}

export function menuTemplate(actions: MenuActions, options: MenuOptions): MenuItemConstructorOptions[] {
  return [
    ...(options.mac ? [{ role: 'appMenu' as const }] : []),
    fileMenu(actions, options),
    editMenu(options),
    viewMenu(actions, options),
    helpMenu(actions, options),
  ];
}
