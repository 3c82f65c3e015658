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
 * Which live scorer owns each partition: rendezvous hashing with bounded loads. Every (member, partition) pair has a
 * stable hash; pairs are taken highest hash first, and a partition goes to the first member of its pairs that still has
 * room: every member holds floor(partitions / members) or one more (as many "one more" as the division leaves over).
 * Pure rendezvous leaves a member with nothing about one time in nine (three
 * scorers, eight partitions); the bound keeps every scorer busy while a joining or leaving scorer still moves few
 * partitions besides the ones it gains or held. Index n of the result is partition n's owner (null with no scorer).
 */
export function assignment(scorers: readonly string[], partitions: number): (string | null)[] {
  const members = [...new Set(scorers)].sort();
  const owners: (string | null)[] = new Array(partitions).fill(null);
  if (members.length === 0) return owners;
  const least = Math.floor(partitions / members.length);
  let oneMore = partitions % members.length; // members that may still hold least + 1
  const pairs: { hash: number; member: number; partition: number }[] = [];
  members.forEach((m, member) => {
    for (let partition = 0; partition < partitions; partition++)
      pairs.push({ hash: fnv1a(`${m}#${partition}`), member, partition });
  });
  pairs.sort((a, b) => b.hash - a.hash || a.member - b.member || a.partition - b.partition);
  const load = new Array<number>(members.length).fill(0);
  for (const { member, partition } of pairs) {
    if (owners[partition] !== null) continue;
    if (load[member]! === least) {
      if (oneMore === 0) continue;
      oneMore--;
    } else if (load[member]! > least) continue;
    owners[partition] = members[member]!;
    load[member]!++;
  }
  return owners;
}

/** The owner of one partition among the live scorers (see `assignment`). */
export function ownerOf(partition: number, scorers: readonly string[], partitions: number): string | null {
  return assignment(scorers, partitions)[partition] ?? null;
}

/** The partitions assigned to `member` among `scorers`. */
export function assignedTo(member: string, scorers: readonly string[], partitions: number): number[] {
  const out: number[] = [];
  assignment(scorers, partitions).forEach((owner, n) => {
    if (owner === member) out.push(n);
  });
  return out;
}
