/**
 * @module The alert rule, shared by the evaluation and the alert engine: an entity alerts once its held score has
 * been at or above {@link ALERT_THRESHOLD} at {@link ALERT_SUSTAIN_S} consecutive seconds of event time.
 *
 * The held score is sampled at every second boundary of event time (the end of each one-second bucket): a score
 * set at `at` decays with the engine's half-life until a higher one replaces it. {@link AlertTrack} applies the rule
 * to those samples without visiting every second, so it gives the same answer whatever the engine's tick cadence.
 */

/** Score at or above which a second counts towards an alert (the "medium" severity floor of DESIGN.md). */
export const ALERT_THRESHOLD = 60;
/** Consecutive seconds at or above the threshold before an alert is raised. */
export const ALERT_SUSTAIN_S = 3;

/**
 * The rule on one sample: the number of consecutive seconds at or above the threshold after `score` (0 when it is
 * below). The entity is alerting while the result is ≥ {@link ALERT_SUSTAIN_S}.
 */
export function alertRule(run: number, score: number, threshold = ALERT_THRESHOLD): number {
  return score >= threshold ? run + 1 : 0;
}

export const isAlerting = (run: number): boolean => run >= ALERT_SUSTAIN_S;

/** An alert episode: raised at the third second at or above the threshold, cleared at the first below. */
export interface AlertTransition {
  kind: 'raise' | 'clear';
  /** Event time of the sample (ms, a second boundary). */
  at: number;
}

/** The rule applied to a held (decaying) score: serializable per-entity state. */
export interface AlertTrack {
  /** Held score and when it was set (event time, a second boundary). */
  score: number;
  at: number;
  /** Consecutive seconds at or above the threshold up to and including second `to`. */
  run: number;
  to: number;
}

export const newTrack = (): AlertTrack => ({ score: 0, at: 0, run: 0, to: -1 });

/** The held score of a track at second `t` (≥ its `at`). */
export function heldAt(track: AlertTrack, t: number, halfLifeMs: number): number {
  return track.score * 0.5 ** (Math.max(0, t - track.at) / halfLifeMs);
}

/**
 * Moves the track through every second in (to, t], as {@link alertRule} on each sample would, and returns the
 * transitions on the way. Between updates the held score only decays, so the seconds above the threshold form one
 * prefix of the interval.
 */
export function runTo(track: AlertTrack, t: number, halfLifeMs: number, out: AlertTransition[]): void {
  if (t <= track.to) return;
  const first = track.to < 0 ? track.at : track.to + 1000;
  if (t < first) return;
  const last = lastAbove(track, halfLifeMs);
  const end = Math.min(t, last);
  const above = end >= first ? (end - first) / 1000 + 1 : 0;
  const before = track.run;
  const run = before + above;
  if (!isAlerting(before) && isAlerting(run))
    out.push({ kind: 'raise', at: first + (ALERT_SUSTAIN_S - before - 1) * 1000 });
  if (end < t) {
    if (isAlerting(run)) out.push({ kind: 'clear', at: Math.max(end, first - 1000) + 1000 });
    track.run = 0;
  } else track.run = run;
  track.to = t;
}

/** Sets a new held score at second `at`, first running the old one up to the second before. */
export function setScore(
  track: AlertTrack,
  score: number,
  at: number,
  halfLifeMs: number,
  out: AlertTransition[],
): void {
  const when = Math.max(at, track.to + 1000);
  runTo(track, when - 1000, halfLifeMs, out);
  track.score = score;
  track.at = when;
  runTo(track, when, halfLifeMs, out);
}

/** The last second boundary (≥ at) where the held score is still at or above the threshold, or at − 1000. */
function lastAbove(track: AlertTrack, halfLifeMs: number): number {
  if (track.score < ALERT_THRESHOLD) return track.at - 1000;
  const seconds = Math.floor((Math.log2(track.score / ALERT_THRESHOLD) * halfLifeMs) / 1000 + 1e-9);
  return track.at + seconds * 1000;
}
