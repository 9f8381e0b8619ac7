/**
 * The clock controls' logic: the virtual time as HH:MM:SS (UTC, as the
 * cluster's timestamps), which control is active, and the requests that
 * Pause, Step, Play ×1 and fast-forward ×10/×60 send, for buttons and keys.
 */
import type { ClockState, RequestBody } from '../../../core/protocol/index.ts';

export type ClockRequest = Extract<RequestBody, { type: 'clock' }>;

export const SPEEDS = [1, 10, 60] as const;

const two = (n: number) => String(n).padStart(2, '0');

/** `14:03:07`, the virtual time of day (UTC). */
export function formatClock(nowMs: number): string {
  const d = new Date(nowMs);
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/** `2025-01-01 14:03:07 UTC`, for the tooltip. */
export function formatClockLong(nowMs: number): string {
  return `${new Date(nowMs).toISOString().slice(0, 10)} ${formatClock(nowMs)} UTC`;
}

export const isPaused = (c: ClockState): boolean => c.mode === 'manual';

/** Whether a speed button shows as pressed. */
export const isPlayingAt = (c: ClockState, speed: number): boolean => c.mode === 'realtime' && c.speed === speed;

export const pause = (): ClockRequest => ({ type: 'clock', action: 'pause' });
export const step = (): ClockRequest => ({ type: 'clock', action: 'step' });
export const play = (speed: number): ClockRequest => ({ type: 'clock', action: 'play', speed });

/** Space toggles: pause when running, play again at the last speed when paused. */
export function toggle(c: ClockState): ClockRequest {
  return isPaused(c) ? play(c.speed || 1) : pause();
}

/**
 * The request a key asks for when the dock (not the terminal, a text box or a
 * button) has focus: Space toggles, `.` steps while paused.
 */
export function clockKey(key: string, c: ClockState): ClockRequest | undefined {
  if (key === ' ') return toggle(c);
  if (key === '.' && isPaused(c)) return step();
  return undefined;
}

/** Elements that own Space and `.` themselves. */
export function ownsKeys(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  return (
    (target as Element).closest('input, textarea, select, button, [contenteditable], .xterm, [role="menu"]') !== null
  );
}
