import { describe, expect, it } from 'vitest';
import { isWarm, newBaseline, observe, observeZerosFast } from '../../server/scoring/baseline.js';
import { addDecaying, decayedValue, newDecaying } from '../../server/scoring/evidence.js';
import {
  addDecayingAt,
  BASELINE,
  DECAYING,
  decayedAt,
  isWarmAt,
  meanAt,
  observeAt,
  observeZerosFastAt,
  packedNumbers,
  varianceAt,
} from '../../server/scoring/packed-numbers.js';

/** A seeded sequence in [0, 1). */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('counters and baselines packed in an array of numbers', () => {
  it('decay and add exactly as Decaying objects do, beside other numbers', () => {
    const r = random(1);
    const d = newDecaying();
    const a = packedNumbers(1 + DECAYING + 1);
    let t = 1_709_625_600_000;
    for (let i = 0; i < 5000; i++) {
      t += Math.floor(r() * 3000) - 500; // some late
      const x = r() < 0.2 ? 0 : Math.round(r() * 1500);
      addDecaying(d, t, x, 5000);
      addDecayingAt(a, 1, t, x, 5000);
      expect(a[1]).toBe(d.v);
      expect(a[2]).toBe(d.t);
      expect(decayedAt(a, 1, t + 777, 5000)).toBe(decayedValue(d, t + 777, 5000));
    }
    expect([a[0], a[3]]).toEqual([0, 0]);
  });

  it('learn exactly as Baseline objects do, zeros in closed form included', () => {
    const r = random(2);
    const b = newBaseline();
    const a = packedNumbers(2 * BASELINE);
    for (let i = 0; i < 3000; i++) {
      if (r() < 0.05) {
        const k = Math.floor(r() * 900);
        observeZerosFast(b, k, 1 / 900);
        observeZerosFastAt(a, BASELINE, k, 1 / 900);
      } else {
        const x = r() * 1e6;
        observe(b, x, 1 / 900);
        observeAt(a, BASELINE, x, 1 / 900);
      }
      expect(meanAt(a, BASELINE)).toBe(b.mean);
      expect(varianceAt(a, BASELINE)).toBe(b.variance);
      expect(isWarmAt(a, BASELINE, 300)).toBe(isWarm(b, 300));
    }
    expect(a.slice(0, BASELINE)).toEqual([0, 0, 0]);
  });
});
