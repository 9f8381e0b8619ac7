/**
 * A minimal Linux root layout for a container's MemFs, so tutorial commands
 * that write to /tmp or read /etc/hostname work without an image tree.
 */

import { MemFs } from './fs.ts';

const DIRS = [
  '/bin',
  '/dev',
  '/etc',
  '/home',
  '/proc',
  '/root',
  '/run',
  '/sbin',
  '/sys',
  '/tmp',
  '/usr/bin',
  '/usr/sbin',
  '/usr/local/bin',
  '/var/log',
  '/var/tmp',
];

/** A MemFs with the usual top-level directories and /etc/hostname. */
export function createRootFs(nowMs: number, hostname?: string): MemFs {
  const fs = new MemFs(nowMs);
  for (const d of DIRS) fs.mkdir(d, nowMs, { parents: true });
  if (hostname !== undefined) fs.write('/etc/hostname', `${hostname}\n`, nowMs);
  return fs;
}
