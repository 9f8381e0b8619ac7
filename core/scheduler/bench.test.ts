import { describe, expect, it } from 'vitest';
import { benchSchedule } from './bench.ts';

describe('benchSchedule', () => {
  it('schedules every pod and reports a rate from the caller clock', () => {
    let t = 0;
    // A fake clock: 1 ms per reading, so the rate is exact.
    const r = benchSchedule(20, 200, () => (t += 1));
    expect(r.scheduled).toBe(200);
    expect(r.milliseconds).toBe(1);
    expect(r.podsPerSecond).toBe(200_000);
  });
});
