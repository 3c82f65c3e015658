/** @module Which reasons rejected the most entries: every reason tied at the top (by name), none when nothing was rejected. */
export function mostRejected(byReason: Readonly<Record<string, number>>): string[] {
  const top = Math.max(0, ...Object.values(byReason));
  if (top === 0) return [];
  return Object.keys(byReason)
    .filter((r) => byReason[r] === top)
    .sort();
}
