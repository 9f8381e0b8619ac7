/**
 * What the main process shows the learner itself (menus, dialogs), in the two
 * languages of the lab. The window's own text lives in the renderer's
 * catalogues; these few strings are needed before and outside the window, so
 * their language follows the system's preferred languages.
 */
export type MainLocale = 'en' | 'zh-CN';

const en = {
  file: 'File',
  openManifest: 'Open Manifest…',
  saveManifest: 'Save Manifest…',
  openLab: 'Open Lab…',
  saveLab: 'Save Lab…',
  quit: 'Quit KubeLab',
  edit: 'Edit',
  undo: 'Undo',
  redo: 'Redo',
  cut: 'Cut',
  copy: 'Copy',
  paste: 'Paste',
  selectAll: 'Select All',
  view: 'View',
  reload: 'Reload',
  devTools: 'Toggle Developer Tools',
  resetZoom: 'Actual Size',
  zoomIn: 'Zoom In',
  zoomOut: 'Zoom Out',
  fullScreen: 'Toggle Full Screen',
  toggleTheme: 'Toggle Light/Dark Theme',
  help: 'Help',
  openKubeconfig: 'Show the Kubeconfig File',
  readme: 'KubeLab README',
  kubernetesDocs: 'Kubernetes Documentation',
  manifestFilter: 'Kubernetes manifests',
  labFilter: 'KubeLab labs',
  allFiles: 'All files',
  tooLarge: '“{name}” is larger than {limit} MiB, too large to open.',
  notText: '“{name}” is not a text file.',
  cannotRead: 'Could not read “{name}”: {reason}',
  cannotWrite: 'Could not save “{name}”: {reason}',
  hostFailed: 'The KubeLab cluster stopped unexpectedly (exit code {code}).',
  hostFailedDetail: 'Restart it to continue; the workspace saved before the stop is restored.',
  hostStartFailed: 'The KubeLab cluster could not start: {reason}',
  restart: 'Restart',
  noUi: 'The lab window has not been built yet. Run “npm run build:ui”, then start KubeLab again.',
};

export type TextKey = keyof typeof en;

const zh: Record<TextKey, string> = {
  file: '文件',
  openManifest: '打开清单…',
  saveManifest: '保存清单…',
  openLab: '打开实验…',
  saveLab: '保存实验…',
  quit: '退出 KubeLab',
  edit: '编辑',
  undo: '撤销',
  redo: '重做',
  cut: '剪切',
  copy: '复制',
  paste: '粘贴',
  selectAll: '全选',
  view: '视图',
  reload: '重新加载',
  devTools: '切换开发者工具',
  resetZoom: '实际大小',
  zoomIn: '放大',
  zoomOut: '缩小',
  fullScreen: '切换全屏',
  toggleTheme: '切换浅色/深色主题',
  help: '帮助',
  openKubeconfig: '显示 kubeconfig 文件',
  readme: 'KubeLab 说明文档',
  kubernetesDocs: 'Kubernetes 文档',
  manifestFilter: 'Kubernetes 清单',
  labFilter: 'KubeLab 实验',
  allFiles: '所有文件',
  tooLarge: '“{name}”大于 {limit} MiB，无法打开。',
  notText: '“{name}”不是文本文件。',
  cannotRead: '无法读取“{name}”：{reason}',
  cannotWrite: '无法保存“{name}”：{reason}',
  hostFailed: 'KubeLab 集群意外停止（退出码 {code}）。',
  hostFailedDetail: '重新启动即可继续；停止前保存的工作区会被恢复。',
  hostStartFailed: 'KubeLab 集群无法启动：{reason}',
  restart: '重新启动',
  noUi: '实验窗口尚未构建。请运行“npm run build:ui”，然后重新启动 KubeLab。',
};

const CATALOGUES: Record<MainLocale, Record<TextKey, string>> = { en, 'zh-CN': zh };

/** The first of the system's preferred languages that the lab speaks; English otherwise. */
export function pickLocale(preferred: readonly string[]): MainLocale {
  for (const language of preferred) {
    const lower = language.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export type Translate = (key: TextKey, values?: Record<string, string | number>) => string;

export function translator(locale: MainLocale): Translate {
  const catalogue = CATALOGUES[locale];
  return (key, values = {}) =>
    catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** For the catalogue test: both languages, same keys, same placeholders. */
export const catalogues = CATALOGUES;
