/**
 * Files written atomically: a temporary file in the same folder, flushed to
 * disk, then renamed over the old one, so a crash leaves the old file or the
 * new one, never half of one. Used for the workspace, the kubeconfig, the
 * window state and the learner's saved manifests and labs.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** `mode` 0o600 (the default) for files holding credentials or the workspace; 0o666 (less umask) for the learner's own files. */
export function writeAtomic(path: string, text: string, mode = 0o600): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
