/**
 * @module Which band a score is in, in words: the alert severities from the server's bands, then "elevated" for a
 * score below them that has a finding of substance behind it, "weak sign" for weak evidence only, and "normal" only
 * when nothing was found. The one definition every screen imports (the wall's tiles, badges, lists).
 */

import { combine } from '../../../shared/noisy-or.js';
import { type Severity, type SeverityBands, severityOf, shownScore } from '../../../shared/schemas/alert.js';
import { type Reason, SCORED_MIN, type SegmentHost } from '../../../shared/schemas/score.js';

export type Band = Severity | 'elevated' | 'weak' | 'normal';

/**
 * Points from which a reason counts as something found: below it a detector's z-score is within a few standard
 * deviations of its baseline (noise, such as the IDS's policy alerts at 2–7 points). The weakest evidence a detector
 * names is the beacon's "beacon-like, few beats yet" (20 points, never an alert alone), which ordinary hosts polling a
 * cloud service on a timer earn. A score of 20 or more counts too (its reasons may have been left out).
 */
export const WEAK_MIN = 20;

/**
 * Points from which what was found (the reasons of at least {@link WEAK_MIN} combined, as the scorer combines them) is a
 * finding of substance: two weak signs (20 and 20 combine to 36), an IDS alert of severity 2 (30), an intelligence
 * match (+36), a scan reason however decayed (+98). A host with a +36 match at 44, or a +98 scan reason whose held score
 * has decayed to 40, is "elevated"; one weak sign with some noise (a score of 31) is a "weak sign".
 */
export const ELEVATED_MIN = 30;

/**
 * The band of a score, given the reasons behind it (they may be older than the decayed score); with no reasons given,
 * the score is taken for what was found. A score faded below {@link SCORED_MIN} is normal: its reasons are the past.
 */
export function bandOf(
  score: number,
  reasons: readonly Pick<Reason, 'contribution'>[],
  bands: SeverityBands,
): Band {
  // judged as shown: whole points, a reason's as "+20" (one of 19.9 read "20 normal" beside "+20")
  const shown = shownScore(score);
  const severity = severityOf(shown, bands);
  if (severity) return severity;
  if (shown < SCORED_MIN) return 'normal';
  const found =
    reasons.length > 0
      ? shownScore(
          combine(
            reasons
              .filter((r) => shownScore(r.contribution) >= WEAK_MIN)
              .map((r) => shownScore(r.contribution)),
          ),
        )
      : shown;
  if (found >= ELEVATED_MIN) return 'elevated';
  if (found >= WEAK_MIN || shown >= WEAK_MIN) return 'weak';
  return 'normal';
}

/** Whether a band is one of the alert severities (the rest, "elevated", "weak sign" and "normal", are below them). */
export const isSeverityBand = (b: Band): b is Severity => b !== 'elevated' && b !== 'weak' && b !== 'normal';

/**
 * The hosts a segment's detail lists: its most anomalous hosts whose band is not "normal", by the same rule as the
 * band of the segment's tile (whose score and top reason come from its strongest host).
 */
export function bandedHosts(hosts: readonly SegmentHost[], bands: SeverityBands): SegmentHost[] {
  return hosts.filter((h) => bandOf(h.score, h.reasons, bands) !== 'normal');
}
