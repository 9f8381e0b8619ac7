/**
 * The lab window's size, position and maximized flag, remembered between
 * runs in `<userData>/window-state.json`. Written atomically (temporary file,
 * then rename) so a crash mid-write leaves the previous state, never half a
 * file; read defensively, because a state file from another screen setup
 * must not put the window off-screen and a corrupt one must not stop startup.
 */
import { readFileSync } from 'node:fs';
import { writeAtomic } from '../host/atomic.ts';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  width: number;
  height: number;
  /** Absent: let the system place the window (first run, or the saved spot is off-screen). */
  x?: number;
  y?: number;
  maximized: boolean;
}

export const MIN_WIDTH = 900;
export const MIN_HEIGHT = 600;
export const DEFAULT_STATE: WindowState = { width: 1280, height: 820, maximized: false };
/** How much of the window's title bar strip must lie on a display for a saved position to count. */
const MIN_VISIBLE = 64;

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

/** A saved state from untrusted JSON: the defaults for anything missing or wrong. */
export function parseWindowState(raw: unknown): WindowState {
  if (typeof raw !== 'object' || raw === null) return { ...DEFAULT_STATE };
  const r = raw as Record<string, unknown>;
  const size = (v: unknown, min: number, fallback: number) => (isInt(v) ? Math.min(Math.max(v, min), 16384) : fallback);
  const state: WindowState = {
    width: size(r.width, MIN_WIDTH, DEFAULT_STATE.width),
    height: size(r.height, MIN_HEIGHT, DEFAULT_STATE.height),
    maximized: r.maximized === true,
  };
  if (isInt(r.x) && isInt(r.y)) {
    state.x = r.x;
    state.y = r.y;
  }
  return state;
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Keep the saved position only if the window's top strip (where it is dragged from) is visible on
 * one of the displays' work areas; otherwise drop it so the system centres the window. Example: a
 * window saved at x=2200 on an unplugged second monitor comes back on the primary one.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  if (state.x === undefined || state.y === undefined) return state;
  const strip: Rect = { x: state.x, y: state.y, width: state.width, height: 32 };
  const visible = workAreas.some((area) => {
    const o = overlap(strip, area);
    return o.width >= MIN_VISIBLE && o.height > 0;
  });
  if (visible) return state;
  const { x: _x, y: _y, ...rest } = state;
  return rest;
}

/** The state saved in `file`, or the defaults when there is none or it cannot be read. */
export function loadWindowState(file: string): WindowState {
  try {
    return parseWindowState(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return { ...DEFAULT_STATE };
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  try {
    writeAtomic(file, `${JSON.stringify(state)}\n`);
  } catch (e) {
    // Losing the window position is not worth an error dialog.
    console.error('kubelab: could not save the window state', e);
  }
}
