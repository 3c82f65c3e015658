import { describe, expect, it } from 'vitest';
import {
  combine,
  contributionOf,
  isWarm,
  newBaseline,
  observe,
  observeZeros,
  zScore,
} from '../../server/scoring/baseline.js';

describe('EWMA baseline', () => {
  it('is a plain running mean during warm-up', () => {
    const b = newBaseline();
    for (const x of [2, 4, 6]) observe(b, x, 0.01);
    expect(b.mean).toBeCloseTo(4);
    expect(b.n).toBe(3);
    expect(isWarm(b, 3)).toBe(true);
    expect(isWarm(b, 4)).toBe(false);
  });

  it('converges to the mean and variance of a stationary series', () => {
    const b = newBaseline();
    for (let i = 0; i < 20_000; i++) observe(b, i % 2 === 0 ? 10 : 20, 0.01);
    expect(b.mean).toBeCloseTo(15, 0);
    expect(b.variance).toBeGreaterThan(20);
    expect(b.variance).toBeLessThan(30);
  });

  it('learns idle buckets as zeros', () => {
    const b = newBaseline();
    for (let i = 0; i < 200; i++) observe(b, 10, 0.05);
    observeZeros(b, 100, 0.05);
    expect(b.mean).toBeLessThan(0.1);
  });

  it('floors the variance so a flat history does not turn noise into alarms', () => {
    const b = newBaseline();
    for (let i = 0; i < 500; i++) observe(b, 4, 0.01);
    expect(zScore(b, 6, 1, true)).toBeCloseTo(1, 1); // Poisson floor: variance ≥ mean = 4
    expect(zScore(b, 6, 0.01, false)).toBeCloseTo(20, 0);
  });

  it('maps z to a bounded contribution and combines them as noisy-OR', () => {
    expect(contributionOf(3)).toBe(0);
    expect(contributionOf(10)).toBeCloseTo(63.2, 1);
    expect(contributionOf(1e9)).toBeCloseTo(100);
    expect(combine([])).toBe(0);
    expect(combine([50, 50])).toBeCloseTo(75);
    expect(combine([100, 10])).toBe(100);
  });
});
