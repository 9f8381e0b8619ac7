import { describe, expect, it } from 'vitest';
import type { ClockState } from '../../../core/protocol/index.ts';
import { clockKey, formatClock, formatClockLong, isPlayingAt, toggle } from './clock.ts';

const NOW = Date.parse('2025-01-01T14:03:07.900Z');
const paused: ClockState = { nowMs: NOW, mode: 'manual', speed: 10 };
const running: ClockState = { nowMs: NOW, mode: 'realtime', speed: 60 };

describe('clock controls', () => {
  it('shows the virtual time of day in UTC', () => {
    expect(formatClock(NOW)).toBe('14:03:07');
    expect(formatClockLong(NOW)).toBe('2025-01-01 14:03:07 UTC');
  });

  it('marks the speed that is playing', () => {
    expect(isPlayingAt(running, 60)).toBe(true);
    expect(isPlayingAt(running, 10)).toBe(false);
    expect(isPlayingAt(paused, 10)).toBe(false);
  });

  it('toggles with Space, playing again at the last speed', () => {
    expect(toggle(running)).toEqual({ type: 'clock', action: 'pause' });
    expect(toggle(paused)).toEqual({ type: 'clock', action: 'play', speed: 10 });
    expect(clockKey(' ', paused)).toEqual({ type: 'clock', action: 'play', speed: 10 });
  });

  it('steps with . only while paused and ignores other keys', () => {
    expect(clockKey('.', paused)).toEqual({ type: 'clock', action: 'step' });
    expect(clockKey('.', running)).toBeUndefined();
    expect(clockKey('x', paused)).toBeUndefined();
  });
});
