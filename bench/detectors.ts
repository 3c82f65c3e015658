/** The detector set Watchfloor runs, for the benchmarks (v0 when the full set is not wired). */
import { rateDetector } from '../server/scoring/detectors/rate.js';
import type { Detector } from '../server/scoring/types.js';

export function benchDetectors(): Detector[] {
  return [rateDetector()];
}
