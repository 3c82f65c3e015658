/**
 * @module Which band a score is in, in words: the alert severities from the server's bands, then "elevated" for a
 * score below them that still has a reason of substance, and "normal" only when nothing was found.
 */

import { type Severity, type SeverityBands, severityOf } from '../../../shared/schemas/alert.js';
import type { Reason } from '../../../shared/schemas/score.js';

export type Band = Severity | 'elevated' | 'normal';

/**
 * Points from which a reason (or a score) counts as a finding: below it a detector's z-score is within a few
 * standard deviations of its baseline. A host with a +36 intelligence match or a +98 scan reason whose held score
 * has decayed to 40 is "elevated", not "normal".
 */
export const ELEVATED_MIN = 20;

/** The band of a score, given the reasons behind it (they may be older than the decayed score). */
export function bandOf(
  score: number,
  reasons: readonly Pick<Reason, 'contribution'>[],
  bands: SeverityBands,
): Band {
  const severity = severityOf(score, bands);
  if (severity) return severity;
  if (score >= ELEVATED_MIN) return 'elevated';
  for (const r of reasons) if (r.contribution >= ELEVATED_MIN) return 'elevated';
  return 'normal';
}
