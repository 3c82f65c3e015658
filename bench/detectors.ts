/** The detector set Watchfloor runs, for the benchmarks. */
import { defaultDetectors } from '../server/scoring/detectors/index.js';
import type { Detector } from '../server/scoring/types.js';

export function benchDetectors(): Detector[] {
  return defaultDetectors();
}
