/** Window state: parsed defensively, kept on-screen, saved atomically. */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STATE,
  MIN_WIDTH,
  fitToDisplays,
  loadWindowState,
  parseWindowState,
  saveWindowState,
} from './state.ts';

const PRIMARY = { x: 0, y: 0, width: 1920, height: 1040 };

describe('parseWindowState', () => {
  it('keeps a valid state', () => {
    const s = { x: 10, y: 20, width: 1400, height: 900, maximized: true };
    expect(parseWindowState(s)).toEqual(s);
  });

  it('falls back to defaults for junk and clamps tiny sizes', () => {
    expect(parseWindowState(null)).toEqual(DEFAULT_STATE);
    expect(parseWindowState('big')).toEqual(DEFAULT_STATE);
    expect(parseWindowState({ width: 'wide', height: 1.5, maximized: 'yes' })).toEqual(DEFAULT_STATE);
    expect(parseWindowState({ width: 100, height: 800 }).width).toBe(MIN_WIDTH);
    // A position needs both coordinates.
    expect(parseWindowState({ x: 5, width: 1000, height: 700 })).toEqual({
      width: 1000,
      height: 700,
      maximized: false,
    });
  });
});

describe('fitToDisplays', () => {
  it('keeps a position whose title strip is on a display', () => {
    const s = { x: 100, y: 50, width: 1200, height: 800, maximized: false };
    expect(fitToDisplays(s, [PRIMARY])).toEqual(s);
    // Mostly off the right edge, but 100 px of the title bar still shows.
    expect(fitToDisplays({ ...s, x: 1820 }, [PRIMARY]).x).toBe(1820);
  });

  it('drops a position left on an unplugged monitor', () => {
    const s = { x: 2200, y: 100, width: 1200, height: 800, maximized: false };
    expect(fitToDisplays(s, [PRIMARY])).toEqual({ width: 1200, height: 800, maximized: false });
    expect(fitToDisplays(s, [PRIMARY, { x: 1920, y: 0, width: 2560, height: 1400 }])).toEqual(s);
    // Above the top of the screen: the title bar cannot be grabbed.
    expect(fitToDisplays({ ...s, x: 100, y: -200 }, [PRIMARY]).x).toBeUndefined();
  });
});

describe('load and save', () => {
  it('round-trips through the file, atomically, and survives a corrupt file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubelab-state-'));
    const file = join(dir, 'sub', 'window-state.json');
    expect(loadWindowState(file)).toEqual(DEFAULT_STATE);
    const s = { x: 1, y: 2, width: 1000, height: 700, maximized: false };
    saveWindowState(file, s);
    expect(loadWindowState(file)).toEqual(s);
    expect(readdirSync(join(dir, 'sub'))).toEqual(['window-state.json']);
    writeFileSync(file, '{"width": 10');
    expect(loadWindowState(file)).toEqual(DEFAULT_STATE);
  });
});
