/**
 * The File menu's side in main: native open/save dialogs, reading and
 * writing through textfile.ts (size limits, atomic writes), and the errors
 * shown as dialogs. The page never names a path to read: it only receives
 * the text of a file the learner picked, and it can only ask to save text
 * under a file name the learner then confirms in a save dialog.
 */
import { app, dialog } from 'electron';
import type { BrowserWindow, FileFilter } from 'electron';
import { basename, dirname, join } from 'node:path';
import { maxBytes } from '../preload/api.ts';
import type { FileKind, SaveFileResult } from '../preload/api.ts';
import { writeAtomic } from '../host/atomic.ts';
import { readTextFile, withExtension } from './textfile.ts';
import type { Translate } from './text.ts';

export interface OpenedFile {
  name: string;
  path: string;
  text: string;
}

export class FileDialogs {
  /** The folder of the last file opened or saved, so the next dialog starts there. */
  private lastDir: string | undefined;

  constructor(private readonly t: Translate) {}

  private filters(kind: FileKind): FileFilter[] {
    const all = { name: this.t('allFiles'), extensions: ['*'] };
    return kind === 'lab'
      ? [{ name: this.t('labFilter'), extensions: ['kubelab', 'json'] }, all]
      : [{ name: this.t('manifestFilter'), extensions: ['yaml', 'yml', 'json'] }, all];
  }

  private startDir(): string {
    return this.lastDir ?? app.getPath('documents');
  }

  private async error(win: BrowserWindow, message: string): Promise<void> {
    await dialog.showMessageBox(win, { type: 'error', message, buttons: ['OK'] });
  }

  /** Let the learner pick a file and read it; undefined when cancelled or unreadable (after saying why). */
  async open(win: BrowserWindow, kind: FileKind): Promise<OpenedFile | undefined> {
    const picked = await dialog.showOpenDialog(win, {
      defaultPath: this.startDir(),
      properties: ['openFile'],
      filters: this.filters(kind),
    });
    const path = picked.filePaths[0];
    if (picked.canceled || !path) return undefined;
    this.lastDir = dirname(path);
    const limit = maxBytes(kind);
    const read = await readTextFile(path, limit);
    if (read.ok) return { name: read.name, path: read.path, text: read.text };
    await this.error(
      win,
      this.t(read.error, { name: read.name, limit: limit / 1024 / 1024, reason: read.reason ?? '' }),
    );
    return undefined;
  }

  /** Save `text` where the learner confirms; `name` is only the suggestion. */
  async save(win: BrowserWindow, name: string, text: string, kind: FileKind): Promise<SaveFileResult> {
    const picked = await dialog.showSaveDialog(win, {
      defaultPath: join(this.startDir(), withExtension(name, kind)),
      filters: this.filters(kind),
      properties: ['showOverwriteConfirmation', 'createDirectory'],
    });
    if (picked.canceled || !picked.filePath) return { saved: false };
    const path = picked.filePath;
    this.lastDir = dirname(path);
    const saved = basename(path);
    try {
      writeAtomic(path, text, 0o666);
      return { saved: true, name: saved, path };
    } catch (e) {
      const reason = (e as Error).message;
      await this.error(win, this.t('cannotWrite', { name: saved, reason }));
      return { saved: false, error: reason };
    }
  }
}
