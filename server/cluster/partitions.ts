/**
 * @module Which partition a segment's events go to, and which scorer owns a partition: both pure and stable, so every
 * process agrees without asking. Events are partitioned by segment because the volume detector judges a new host
 * against its segment's peers (the segment's state must live with its hosts' states), and because a segment's
 * series points then come from one owner only, so a web instance merges partitions' ticks by concatenation.
 */

/**
 * FNV-1a, 32 bits, with murmur3's finalizer so that names differing in one last character land far apart: stable
 * across processes, versions and machines (never `Math.random`, never a seeded hash).
 */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The partition (0 … n-1) of a segment. */
export function partitionOf(segment: string, partitions: number): number {
  return fnv1a(segment) % partitions;
}

/**
 * The member a partition belongs to among the live scorers (rendezvous hashing: the highest hash of member and
 * partition wins), so a scorer joining or leaving moves only the partitions it gains or held.
 */
export function ownerOf(partition: number, scorers: readonly string[]): string | null {
  let best: string | null = null;
  let bestHash = -1;
  for (const m of scorers) {
    const h = fnv1a(`${m}#${partition}`);
    if (h > bestHash || (h === bestHash && best !== null && m < best)) {
      best = m;
      bestHash = h;
    }
  }
  return best;
}

/** The partitions assigned to `member` among `scorers`. */
export function assignedTo(member: string, scorers: readonly string[], partitions: number): number[] {
  const out: number[] = [];
  for (let n = 0; n < partitions; n++) if (ownerOf(n, scorers) === member) out.push(n);
  return out;
}
