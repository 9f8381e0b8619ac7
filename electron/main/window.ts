/**
 * The lab window: a locked-down BrowserWindow (context isolation, sandbox,
 * no Node anywhere in the page, web security on, no webviews, no drag-and-drop
 * navigation) with the preload bridge, opened where and as large as it was
 * last time (state.ts).
 */
import { BrowserWindow, nativeTheme, screen } from 'electron';
import { MIN_HEIGHT, MIN_WIDTH, fitToDisplays, loadWindowState, saveWindowState } from './state.ts';
import type { WindowState } from './state.ts';

export interface MainWindowOptions {
  /** The bundled preload (dist/electron/preload.cjs). */
  preload: string;
  /** `<userData>/window-state.json` */
  stateFile: string;
  /** Developer tools only when running from sources. */
  dev: boolean;
}

/** --bg of renderer/src/app.css in each theme, so the window does not flash white before the page paints. */
const BACKGROUND = { light: '#f3f4f7', dark: '#14171d' };

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const state = fitToDisplays(loadWindowState(options.stateFile), workAreas);
  const win = new BrowserWindow({
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : { center: true }),
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: 'KubeLab',
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? BACKGROUND.dark : BACKGROUND.light,
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: options.dev,
    },
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  rememberState(win, options.stateFile);
  return win;
}

/** Save size, position and maximized state half a second after they settle, and on close. */
function rememberState(win: BrowserWindow, file: string): void {
  let timer: NodeJS.Timeout | undefined;
  const capture = (): WindowState => {
    // Normal bounds: a maximized or full-screen window comes back to its previous size when restored.
    const bounds = win.getNormalBounds();
    return { ...bounds, maximized: win.isMaximized() };
  };
  const saveSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!win.isDestroyed()) saveWindowState(file, capture());
    }, 500);
  };
  win.on('resize', saveSoon);
  win.on('move', saveSoon);
  win.on('maximize', saveSoon);
  win.on('unmaximize', saveSoon);
  win.on('close', () => {
    clearTimeout(timer);
    saveWindowState(file, capture());
  });
}
