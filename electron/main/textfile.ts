/**
 * Reading and writing the learner's files for the File menu, without
 * Electron (unit-tested in plain Node): size limits checked before reading,
 * binary files refused; writes go through host/atomic.ts.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { FileKind } from '../preload/api.ts';

export type ReadResult =
  | { ok: true; name: string; path: string; text: string }
  | { ok: false; error: 'tooLarge' | 'notText' | 'cannotRead'; name: string; reason?: string };

/** A text file of at most `limit` bytes; a leading BOM is dropped. */
export async function readTextFile(path: string, limit: number): Promise<ReadResult> {
  const name = basename(path);
  try {
    if ((await stat(path)).size > limit) return { ok: false, error: 'tooLarge', name };
    const data = await readFile(path);
    // A second check: the file may have grown between stat and read.
    if (data.length > limit) return { ok: false, error: 'tooLarge', name };
    if (data.includes(0)) return { ok: false, error: 'notText', name };
    const text = data.toString('utf8');
    return { ok: true, name, path, text: text.startsWith('\uFEFF') ? text.slice(1) : text };
  } catch (e) {
    return { ok: false, error: 'cannotRead', name, reason: (e as Error).message };
  }
}

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** The name offered in the save dialog: `web` → `web.yaml`; a lab always ends in `.kubelab`. */
export function withExtension(name: string, kind: FileKind): string {
  if (kind === 'lab') return /\.kubelab(\.json)?$/i.test(name) ? name : `${name}.kubelab`;
  return MANIFEST_EXTENSIONS.has(extname(name).toLowerCase()) ? name : `${name}.yaml`;
}
