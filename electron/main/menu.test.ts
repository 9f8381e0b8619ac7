/** The menu template: the items the issue asks for, wired to their actions, dev-only items hidden. */
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuTemplate } from './menu.ts';
import type { MenuActions, MenuOptions } from './menu.ts';
import { translator } from './text.ts';

function actions(): MenuActions {
  return {
    openManifest: vi.fn(),
    saveManifest: vi.fn(),
    openLab: vi.fn(),
    saveLab: vi.fn(),
    toggleTheme: vi.fn(),
    showKubeconfig: vi.fn(),
    openReadme: vi.fn(),
    openKubernetesDocs: vi.fn(),
  };
}

const OPTIONS: MenuOptions = { t: translator('en'), mac: false, dev: false, hasKubeconfig: true, hasReadme: true };

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((m) => [m, ...(Array.isArray(m.submenu) ? items(m.submenu) : [])]);
}

function byId(template: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions {
  const item = items(template).find((i) => i.id === id);
  if (!item) throw new Error(`no menu item ${id}`);
  return item;
}

describe('menuTemplate', () => {
  it('has File, Edit, View and Help, and Quit in File off macOS', () => {
    const template = menuTemplate(actions(), OPTIONS);
    expect(template.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(items(template).some((i) => i.role === 'quit')).toBe(true);
    const mac = menuTemplate(actions(), { ...OPTIONS, mac: true });
    expect(mac[0]).toEqual({ role: 'appMenu' });
    expect(items(mac).some((i) => i.role === 'quit')).toBe(false);
  });

  it('wires each item to its action', () => {
    const a = actions();
    const template = menuTemplate(a, OPTIONS);
    const click = (id: string) => (byId(template, id).click as () => void)();
    const pairs: [string, keyof MenuActions][] = [
      ['open-manifest', 'openManifest'],
      ['save-manifest', 'saveManifest'],
      ['open-lab', 'openLab'],
      ['save-lab', 'saveLab'],
      ['toggle-theme', 'toggleTheme'],
      ['show-kubeconfig', 'showKubeconfig'],
      ['readme', 'openReadme'],
      ['kubernetes-docs', 'openKubernetesDocs'],
    ];
    for (const [id, action] of pairs) {
      click(id);
      expect(a[action], id).toHaveBeenCalledTimes(1);
    }
    expect(byId(template, 'open-manifest').accelerator).toBe('CmdOrCtrl+O');
    expect(byId(template, 'save-lab').accelerator).toBe('CmdOrCtrl+Shift+S');
  });

  it('offers developer tools only in development, and the kubeconfig once it exists', () => {
    const hasDevTools = (o: MenuOptions) => items(menuTemplate(actions(), o)).some((i) => i.role === 'toggleDevTools');
    expect(hasDevTools(OPTIONS)).toBe(false);
    expect(hasDevTools({ ...OPTIONS, dev: true })).toBe(true);
    expect(byId(menuTemplate(actions(), { ...OPTIONS, hasKubeconfig: false }), 'show-kubeconfig').enabled).toBe(false);
    expect(items(menuTemplate(actions(), { ...OPTIONS, hasReadme: false })).some((i) => i.id === 'readme')).toBe(false);
  });

  it('speaks Chinese when the system does', () => {
    const template = menuTemplate(actions(), { ...OPTIONS, t: translator('zh-CN') });
    expect(template.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助']);
  });
});
