/** @module Which alert marks of a chart carry their letter: the live charts' and the explored charts' one rule. */
/** Pixels a mark's letter needs from the one before it (at 6 h, minutes apart, they were drawn over each other). */
const MARK_LETTER_GAP = 14;

/**
 * Which marks carry their letter: each one at least {@link MARK_LETTER_GAP} px after the last lettered one, in time
 * order; the others keep their line and their title (a hover names every one).
 */
export function letteredMarks(marks: readonly { t: number }[], xAt: (t: number) => number): boolean[] {
  const order = marks.map((_, i) => i).sort((a, b) => marks[a]!.t - marks[b]!.t);
  const out = marks.map(() => false);
  let last = Number.NEGATIVE_INFINITY;
  for (const i of order) {
    const px = xAt(marks[i]!.t);
    if (px - last >= MARK_LETTER_GAP) {
      out[i] = true;
      last = px;
    }
  }
  return out;
}
