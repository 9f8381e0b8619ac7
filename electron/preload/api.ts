/**
 * The bridge between the Electron main process and the lab window, defined
 * once: channel names, message shapes and their checks. Both the preload and
 * the main process import this file, so a channel name or a shape cannot drift
 * between the two sides (Headlamp lists its channels twice; we don't), and
 * each side validates what it receives because the other may be compromised.
 *
 * Pure TypeScript (no Electron, no Node): unit-tested in api.test.ts.
 */

/** IPC channels. `ready`/`port` hand over the protocol's MessagePort; `menu`/`saveFile` serve the menus. */
export const CHANNELS = {
  /** renderer → main: the page is listening; send it a fresh MessagePort to the core host. */
  ready: 'kubelab:ready',
  /** main → renderer: the MessagePort (in `event.ports[0]`). Also the window message the preload posts. */
  port: 'kubelab:port',
  /** main → renderer: a menu command (`MenuEvent`). */
  menu: 'kubelab:menu',
  /** renderer → main (invoke): save text to a file the learner picks. */
  saveFile: 'kubelab:save-file',
} as const;

/** The window message the renderer posts when it waits for its port (renderer/src/lib/protocol/transport.ts). */
export const READY_MESSAGE = 'kubelab:ready';

/** A file larger than this is not a manifest a learner edits by hand. */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
/** A lab file (workspace + cluster snapshot); matches core/protocol's MAX_MESSAGE_BYTES. */
export const MAX_LAB_BYTES = 32 * 1024 * 1024;
const MAX_NAME_LENGTH = 255;
const MAX_PATH_LENGTH = 4096;

/** What the menus ask the lab window to do. */
export type MenuEvent =
  /** File → Open manifest…: main read the file; open it in a new editor tab. */
  | { type: 'open-manifest'; name: string; path: string; text: string }
  /** File → Save manifest…: call `saveFile(title, text)` with the active tab. */
  | { type: 'save-manifest' }
  /** File → Open lab…: main read the file; send it as `importLab {lab: text}`. */
  | { type: 'open-lab'; name: string; text: string }
  /** File → Save lab…: request `exportLab`, then `saveFile('<name>.kubelab', lab)`. */
  | { type: 'save-lab' }
  /** View → Toggle theme. */
  | { type: 'toggle-theme' };

export type MenuEventType = MenuEvent['type'];

export type SaveFileResult =
  | { saved: true; name: string; path: string }
  /** Cancelled by the learner (no error) or failed (with a message already shown in a dialog). */
  | { saved: false; error?: string };

/** What the preload exposes as `window.kubelab` (contextBridge). */
export interface KubelabBridge {
  readonly electron: true;
  /** Listen to menu commands; returns an unsubscribe function. */
  onMenu(listener: (event: MenuEvent) => void): () => void;
  /**
   * Ask main to save `text` under a name the learner confirms in a save dialog. A name ending in
   * `.kubelab` is a lab file; anything else a YAML manifest (`.yaml` is added when missing).
   */
  saveFile(name: string, text: string): Promise<SaveFileResult>;
}

export type FileKind = 'manifest' | 'lab';

/** Which dialog filter and size limit a file name gets. */
export function fileKind(name: string): FileKind {
  return /\.kubelab(\.json)?$/i.test(name) ? 'lab' : 'manifest';
}

export function maxBytes(kind: FileKind): number {
  return kind === 'lab' ? MAX_LAB_BYTES : MAX_MANIFEST_BYTES;
}

/** UTF-8 byte length without Buffer or TextEncoder (so this file stays free of Node and DOM types). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4; // a surrogate pair is one 4-byte code point
      i++;
    } else bytes += 3;
  }
  return bytes;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A file name as the learner sees it: no directories, no control characters. */
export function isFileName(v: unknown): v is string {
  return (
    typeof v === 'string' &&
    v.length > 0 &&
    v.length <= MAX_NAME_LENGTH &&
    v !== '.' &&
    v !== '..' &&
    // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
    !/[/\\\u0000-\u001f]/.test(v)
  );
}

const isText = (v: unknown, limit: number): v is string => typeof v === 'string' && utf8Length(v) <= limit;

/** Checks a menu event from main before the page sees it (preload side). */
export function parseMenuEvent(v: unknown): MenuEvent | undefined {
  if (!isRecord(v)) return undefined;
  switch (v.type) {
    case 'save-manifest':
    case 'save-lab':
    case 'toggle-theme':
      return { type: v.type };
    case 'open-manifest':
      return isFileName(v.name) &&
        typeof v.path === 'string' &&
        v.path.length <= MAX_PATH_LENGTH &&
        isText(v.text, MAX_MANIFEST_BYTES)
        ? { type: v.type, name: v.name, path: v.path, text: v.text }
        : undefined;
    case 'open-lab':
      return isFileName(v.name) && isText(v.text, MAX_LAB_BYTES)
        ? { type: v.type, name: v.name, text: v.text }
        : undefined;
    default:
      return undefined;
  }
}

/** Checks the arguments of `saveFile` (both in the preload and again in main). */
export function parseSaveFile(name: unknown, text: unknown): { name: string; text: string; kind: FileKind } | string {
  if (!isFileName(name)) return 'the file name must be 1–255 characters without slashes or control characters';
  const kind = fileKind(name);
  if (typeof text !== 'string') return 'the file content must be text';
  if (utf8Length(text) > maxBytes(kind)) return `the file is larger than ${maxBytes(kind) / 1024 / 1024} MiB`;
  return { name, text, kind };
}

/** Checks main's answer to `saveFile` (preload side). */
export function parseSaveResult(v: unknown): SaveFileResult {
  if (isRecord(v) && v.saved === true && isFileName(v.name) && typeof v.path === 'string')
    return { saved: true, name: v.name, path: v.path };
  if (isRecord(v) && v.saved === false)
    return typeof v.error === 'string' ? { saved: false, error: v.error } : { saved: false };
  return { saved: false, error: 'unexpected answer from the main process' };
}
