/**
 * The saved workspace: open manifests and view preferences (owned by the UI),
 * lesson progress, and a snapshot of the cluster. Written atomically (a
 * temporary file, fsync, then rename), so a crash leaves the old or the new
 * file, never half of one. A file that cannot be read is set aside under a
 * new name and reported; the lab starts fresh instead of crashing.
 */
import { readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { isObject } from '../../core/api/types.ts';
import { writeAtomic } from './atomic.ts';
import { asSnapshot } from '../../core/cluster/snapshot.ts';
import type { ClusterSnapshot } from '../../core/cluster/snapshot.ts';
import { parseRequest } from '../../core/protocol/index.ts';
import type { WorkspaceUi } from '../../core/protocol/index.ts';

export const WORKSPACE_VERSION = 1;

export interface SavedWorkspace {
  version: typeof WORKSPACE_VERSION;
  ui: WorkspaceUi;
  /** Lesson id → ids of the steps passed. */
  passed: Record<string, string[]>;
  cluster?: ClusterSnapshot;
}

export function emptyWorkspace(): SavedWorkspace {
  return { version: WORKSPACE_VERSION, ui: { tabs: [] }, passed: {} };
}

/** The UI part is checked with the protocol's own validator (it arrives through saveWorkspace). */
function validUi(ui: unknown): ui is WorkspaceUi {
  return parseRequest({ id: 0, type: 'saveWorkspace', workspace: ui }).ok;
}

function validPassed(p: unknown): p is Record<string, string[]> {
  return isObject(p) && Object.values(p).every((v) => Array.isArray(v) && v.every((s) => typeof s === 'string'));
}

/** Parse a workspace or lab file; a message says what is wrong with it. */
export function parseWorkspace(text: string): { ok: true; workspace: SavedWorkspace } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `it is not valid JSON (${(e as Error).message})` };
  }
  if (!isObject(value) || value.version !== WORKSPACE_VERSION)
    return { ok: false, message: `it is not a KubeLab workspace (version ${WORKSPACE_VERSION})` };
  if (!validUi(value.ui)) return { ok: false, message: 'its open manifests or settings are malformed' };
  if (!validPassed(value.passed)) return { ok: false, message: 'its lesson progress is malformed' };
  const cluster = value.cluster === undefined ? undefined : asSnapshot(value.cluster);
  if (value.cluster !== undefined && !cluster) return { ok: false, message: 'its cluster snapshot is malformed' };
  return {
    ok: true,
    workspace: { version: WORKSPACE_VERSION, ui: value.ui, passed: value.passed, ...(cluster ? { cluster } : {}) },
  };
}

export class WorkspaceFile {
  readonly path: string;

  constructor(dir: string) {
    this.path = join(dir, 'workspace.json');
  }

  /** The saved workspace, or an empty one (with a notice when a bad file was set aside). */
  load(): { workspace: SavedWorkspace; notice?: string } {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return { workspace: emptyWorkspace() };
    }
    const parsed = parseWorkspace(text);
    if (parsed.ok) return { workspace: parsed.workspace };
    const aside = `${this.path.replace(/\.json$/, '')}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
    try {
      renameSync(this.path, aside);
    } catch {
      /* reported below either way */
    }
    return {
      workspace: emptyWorkspace(),
      notice: `Your saved workspace could not be read: ${parsed.message}. It was set aside as ${aside} and a fresh lab was started.`,
    };
  }

  save(workspace: SavedWorkspace): void {
    writeAtomic(this.path, JSON.stringify(workspace));
  }
}
