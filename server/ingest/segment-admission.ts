/**
 * @module How many segments producers may name. Every segment costs every frame to every screen its share: a
 * producer naming a new segment in each of 3,000 events made frames of 1.7 MB a tick, snapshots of 62 MB that no
 * screen could take, and gigabytes of server memory. Past `WF_MAX_SEGMENTS` a new segment's events are refused
 * (dead-lettered, `bad_value`, so they can be requeued once the limit is raised) until a segment that has sent nothing
 * for as long as the engine keeps an idle entity is forgotten. The segments the CIDR map names, and `unassigned`, are
 * always admitted and not counted.
 */

export class SegmentAdmission {
  /** Each counted segment's last event, wall-clock ms (updated at most once a second). */
  private readonly lastSeen = new Map<string, number>();
  private readonly always: ReadonlySet<string>;
  private lastSweep = 0;

  constructor(
    readonly limit: number,
    private readonly idleMs: number,
    always: Iterable<string>,
  ) {
    this.always = new Set(always);
  }

  /** Whether an event of `segment` may come in at `now` (and it is counted from then). */
  admit(segment: string, now: number): boolean {
    const seen = this.lastSeen.get(segment);
    if (seen !== undefined) {
      if (now - seen >= 1000) this.lastSeen.set(segment, now);
      return true;
    }
    if (this.always.has(segment)) return true;
    if (this.lastSeen.size >= this.limit && now - this.lastSweep >= 1000) this.forgetIdle(now);
    if (this.lastSeen.size >= this.limit) return false;
    this.lastSeen.set(segment, now);
    return true;
  }

  /** Segments counted now. */
  get size(): number {
    return this.lastSeen.size;
  }

  private forgetIdle(now: number): void {
    this.lastSweep = now;
    for (const [segment, at] of this.lastSeen) if (now - at > this.idleMs) this.lastSeen.delete(segment);
  }
}
