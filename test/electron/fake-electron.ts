/**
 * A stand-in for the `electron` module, just large enough to run the real
 * bundled main process (dist/electron/main.cjs) and utility process
 * (dist/electron/utility.cjs) in plain Node where no Electron binary exists.
 * It records what main asks of Electron (windows, menus, IPC handlers, the
 * scheme handler, dialogs) so tests can play the renderer's and the
 * learner's part. Its "utility process" runs utility.cjs in this process,
 * wired through a fake parentPort; its MessagePorts deliver asynchronously
 * and queue until started, as MessagePortMain does.
 */
import { EventEmitter } from 'node:events';
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
type Fn = (...args: never[]) => unknown;

export class FakePort extends EventEmitter {
  other!: FakePort;
  private started = false;
  private closed = false;
  private queue: unknown[] = [];
  postMessage(data: unknown): void {
    if (!this.closed) setImmediate(() => this.other.deliver(data));
  }
  private deliver(data: unknown): void {
    if (this.started) this.emit('message', { data, ports: [] });
    else this.queue.push(data);
  }
  start(): void {
    this.started = true;
    for (const data of this.queue.splice(0)) this.emit('message', { data, ports: [] });
  }
  close(): void {
    if (this.closed) return;
    this.closed = this.other.closed = true;
    this.emit('close');
    this.other.emit('close');
  }
}

class MessageChannelMain {
  port1 = new FakePort();
  port2 = new FakePort();
  constructor() {
    this.port1.other = this.port2;
    this.port2.other = this.port1;
  }
}

export class FakeWebContents extends EventEmitter {
  sent: { channel: string; args: unknown[] }[] = [];
  posted: { channel: string; message: unknown; ports: FakePort[] }[] = [];
  openHandler: ((details: { url: string }) => { action: string }) | undefined;
  reloads = 0;
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  postMessage(channel: string, message: unknown, ports: FakePort[] = []): void {
    this.posted.push({ channel, message, ports });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
  isDestroyed(): boolean {
    return false;
  }
  reload(): void {
    this.reloads++;
  }
}

export interface Fake {
  electron: Record<string, unknown>;
  windows: FakeWindow[];
  ipc: { on: Map<string, Fn>; handle: Map<string, Fn> };
  schemes: unknown[];
  schemeHandler: ((request: { url: string; method: string }) => Promise<Response>) | undefined;
  permissionRequest: ((contents: unknown, permission: string, callback: (ok: boolean) => void) => void) | undefined;
  menu: { template: MenuItem[] } | undefined;
  dialog: Record<string, Fn>;
  shellCalls: string[];
  quitted: boolean;
  exitCode: number | undefined;
  utilities: EventEmitter[];
  /** The fake parentPort of the most recent utility process. */
  parentPort: EventEmitter | undefined;
  ready(): void;
}

export interface MenuItem {
  id?: string;
  label?: string;
  submenu?: MenuItem[];
  click?: () => void;
}

export class FakeWindow extends EventEmitter {
  webContents = new FakeWebContents();
  url: string | undefined;
  shown = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
  }
  loadURL(url: string): Promise<void> {
    this.url = url;
    return Promise.resolve();
  }
  getNormalBounds() {
    return { x: 40, y: 30, width: 1280, height: 820 };
  }
  isMaximized = () => false;
  isMinimized = () => false;
  isDestroyed = () => false;
  maximize(): void {}
  restore(): void {}
  focus(): void {}
  show(): void {
    this.shown = true;
  }
}

function fakeUtilityProcess(fake: Fake) {
  return {
    fork(modulePath: string, args: string[]) {
      const child = Object.assign(new EventEmitter(), {
        postMessage(data: unknown, ports: FakePort[] = []) {
          setImmediate(() => parent.emit('message', { data, ports }));
        },
        kill() {
          setImmediate(() => child.emit('exit', 137));
          return true;
        },
      });
      const parent = Object.assign(new EventEmitter(), {
        postMessage(message: unknown) {
          setImmediate(() => child.emit('message', message));
        },
      });
      fake.utilities.push(child);
      fake.parentPort = parent;
      const argv = process.argv;
      (process as { parentPort?: unknown }).parentPort = parent;
      process.argv = [process.execPath, modulePath, ...args];
      try {
        delete require.cache[modulePath];
        require(modulePath);
      } finally {
        process.argv = argv;
      }
      return child;
    },
  };
}

function fakeApp(fake: Fake, events: EventEmitter, base: string) {
  const paths: Record<string, string> = {
    appData: base,
    documents: join(base, 'Documents'),
    userData: join(base, 'Electron'),
  };
  let ready!: () => void;
  const whenReady = new Promise<void>((r) => (ready = r));
  fake.ready = ready;
  return {
    isPackaged: false,
    setName: () => undefined,
    getPath: (name: string) => paths[name] ?? join(base, name),
    setPath: (name: string, path: string) => (paths[name] = path),
    enableSandbox: () => undefined,
    requestSingleInstanceLock: () => true,
    whenReady: () => whenReady,
    getPreferredSystemLanguages: () => ['en-US'],
    on: (event: string, listener: (...a: unknown[]) => void) => events.on(event, listener),
    quit: () => {
      let prevented = false;
      events.emit('will-quit', { preventDefault: () => (prevented = true) });
      if (!prevented) fake.quitted = true;
    },
    exit: (code: number) => (fake.exitCode = code),
  };
}

/** The module object main and the utility get from `require('electron')`. */
function electronModule(fake: Fake, appEvents: EventEmitter, base: string): Record<string, unknown> {
  return {
    app: fakeApp(fake, appEvents, base),
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => fake.schemes.push(...schemes),
      handle: (_scheme: string, handler: Fake['schemeHandler']) => (fake.schemeHandler = handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Fake['permissionRequest']) => (fake.permissionRequest = h),
        setPermissionCheckHandler: () => undefined,
        setDevicePermissionHandler: () => undefined,
      },
    },
    BrowserWindow: class extends FakeWindow {
      constructor(options: Record<string, unknown>) {
        super(options);
        fake.windows.push(this);
        appEvents.emit('web-contents-created', {}, this.webContents);
      }
    },
    MessageChannelMain,
    Menu: {
      buildFromTemplate: (template: MenuItem[]) => ({ template }),
      setApplicationMenu: (menu: Fake['menu']) => (fake.menu = menu),
    },
    ipcMain: {
      on: (channel: string, listener: Fn) => fake.ipc.on.set(channel, listener),
      handle: (channel: string, handler: Fn) => fake.ipc.handle.set(channel, handler),
    },
    // Tests replace dialog functions as they go (showOpenDialog, showSaveDialog…).
    dialog: new Proxy({}, { get: (_t, name: string) => fake.dialog[name] }),
    shell: {
      openExternal: async (url: string) => void fake.shellCalls.push(`openExternal ${url}`),
      showItemInFolder: (path: string) => void fake.shellCalls.push(`showItemInFolder ${path}`),
      openPath: async (path: string) => (fake.shellCalls.push(`openPath ${path}`), ''),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] },
    nativeTheme: { shouldUseDarkColors: false },
    utilityProcess: fakeUtilityProcess(fake),
  };
}

/** Build the fake and install it as `electron` for every later `require('electron')`. */
export function installFakeElectron(base: string): Fake {
  const appEvents = new EventEmitter();
  const fake = {
    windows: [],
    ipc: { on: new Map(), handle: new Map() },
    schemes: [],
    dialog: {
      showMessageBox: async () => ({ response: 0 }),
      showErrorBox: (title: string, message: string) => console.error(`[showErrorBox] ${title}: ${message}`),
    },
    shellCalls: [],
    quitted: false,
    utilities: [],
  } as unknown as Fake;
  fake.electron = electronModule(fake, appEvents, base);
  const path = require.resolve('electron');
  const module = new Module(path);
  module.exports = fake.electron;
  module.loaded = true;
  require.cache[path] = module;
  return fake;
}
