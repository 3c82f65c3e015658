/**
 * @module How reasons make a score, once for the scorer and the screens: contributions (0–100 points each) combine as
 * independent evidence (noisy-OR), and a combined score is split between the detectors behind it in proportion to
 * what each explains.
 */

/** What a contribution (0–100, clamped) leaves unexplained: the factor noisy-OR multiplies. */
export const doubt = (c: number): number => 1 - Math.min(Math.max(c, 0), 100) / 100;

/** Combines contributions as independent evidence (noisy-OR): 100 · (1 − Π(1 − cᵢ/100)). */
export function combine(contributions: Iterable<number>): number {
  let keep = 1;
  for (const c of contributions) keep *= doubt(c);
  return 100 * (1 - keep);
}

/**
 * Splits `score` between the detectors of `reasons`: each detector's own reasons combined, in proportion to the sum of
 * those (unrounded; they add up to `score`). Empty when no reason has points.
 */
export function detectorShares(
  reasons: readonly { detector: string; contribution: number }[],
  score: number,
): Map<string, number> {
  const keep = new Map<string, number>();
  for (const r of reasons) keep.set(r.detector, (keep.get(r.detector) ?? 1) * doubt(r.contribution));
  let total = 0;
  for (const v of keep.values()) total += 1 - v;
  const out = new Map<string, number>();
  if (total <= 0) return out;
  for (const [d, v] of keep) out.set(d, (score * (1 - v)) / total);
  return out;
}

/**
 * {@link detectorShares} in whole points that add up to the score as shown (`Math.round(score)`): each share rounded
 * down, then the points left over go to the largest remainders (ties to the larger share, then by name).
 */
export function wholeShares(
  reasons: readonly { detector: string; contribution: number }[],
  score: number,
): Map<string, number> {
  const exact = [...detectorShares(reasons, score)];
  const out = new Map(exact.map(([d, v]) => [d, Math.floor(v)]));
  let left = Math.round(score) - [...out.values()].reduce((a, b) => a + b, 0);
  const order = [...exact].sort(
    ([a, x], [b, y]) => y - Math.floor(y) - (x - Math.floor(x)) || y - x || a.localeCompare(b),
  );
  for (let i = 0; left > 0 && order.length > 0; i = (i + 1) % order.length, left--) {
    const d = order[i]![0];
    out.set(d, out.get(d)! + 1);
  }
  return out;
}
