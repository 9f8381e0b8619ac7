import { describe, expect, it } from 'vitest';
import { availabilityScaleDown, maxScaledDown, newRSReplicas, proportion, resolveFenceposts } from './arithmetic.ts';

describe('rolling update arithmetic', () => {
  it('resolves percentages like upstream: surge up, unavailable down', () => {
    expect(resolveFenceposts('25%', '25%', 10)).toEqual([3, 2]);
    expect(resolveFenceposts('25%', '25%', 3)).toEqual([1, 0]);
    expect(resolveFenceposts(0, 0, 3)).toEqual([0, 1]);
  });

  it('10 replicas, maxSurge 3, maxUnavailable 2 never drops below 8 available', () => {
    // Each round: the controller scales, then the pods it created become available.
    const [surge, unavailable] = resolveFenceposts(3, 2, 10);
    let oldReplicas = 10;
    let newReplicas = 0;
    let newAvailable = 0;
    for (let round = 0; round < 20 && (oldReplicas > 0 || newReplicas < 10); round++) {
      newReplicas = newRSReplicas(10, surge, oldReplicas + newReplicas, newReplicas);
      expect(oldReplicas + newReplicas).toBeLessThanOrEqual(13);
      const all = oldReplicas + newReplicas;
      const budget = Math.min(
        maxScaledDown(all, 10, unavailable, newReplicas - newAvailable),
        availabilityScaleDown(oldReplicas + newAvailable, 10, unavailable),
      );
      oldReplicas -= Math.max(0, Math.min(budget, oldReplicas));
      expect(oldReplicas + newAvailable).toBeGreaterThanOrEqual(8);
      newAvailable = newReplicas;
    }
    expect([oldReplicas, newReplicas]).toEqual([0, 10]);
  });

  it('first step of the worked example: new grows to 3, old shrinks to 8', () => {
    expect(newRSReplicas(10, 3, 10, 0)).toBe(3);
    expect(maxScaledDown(13, 10, 2, 3)).toBe(2);
    expect(availabilityScaleDown(10, 10, 2)).toBe(2);
  });
});

describe('proportional scaling (GetProportion)', () => {
  it('the docs example: old 8 and new 5 under max 13, scaled to 15 (max 18): +3 and +2', () => {
    const old = proportion(8, 13, 15, 18, 5, 0);
    expect(old).toBe(3);
    expect(proportion(5, 13, 15, 18, 5, old)).toBe(2);
  });

  it('caps by what is left, rounds halves away from zero, and empties everything when scaled to 0', () => {
    expect(proportion(5, 10, 20, 20, 3, 0)).toBe(3);
    expect(proportion(3, 2, 1, 1, -2, 0)).toBe(-1); // 1.5 rounds to 2
    expect(proportion(1, 4, 2, 2, -2, 0)).toBe(0); // 0.5 rounds to 1
    expect(proportion(7, 10, 0, 0, -7, 0)).toBe(-7);
    expect(proportion(0, 10, 5, 5, 3, 0)).toBe(0);
  });
});
