/**
 * @module A partition's memory of the input entries it applied, on a Redis Cluster, so that a scorer drops entries
 * written twice. There ingest cannot route and acknowledge in one MULTI (a producer's key and a partition stream are in
 * different slots): it writes the partition entries, then acknowledges, and an ingest that fails in between (a crash, a
 * refused acknowledgement) writes them again. Each partition entry therefore names its origin: the input key, and for a
 * fresh read (XREADGROUP `>`, which delivers every entry between its first and last id, no other consumer getting any
 * of them) that range, or for a batch taken from an input list its first and last element; each event carries its
 * input entry id. A fresh range seen before is a repeat as a whole; an entry read again (a restart's or a takeover's
 * pending entries, a list's processing list) is a repeat when a remembered range or entry holds its id. Pure; the
 * state travels in the partition's snapshot, so a successor drops the same repeats.
 */

/** Where a partition entry's events came from. */
export interface EntryOrigin {
  /** The input key (a producer's stream or list). */
  source: string;
  /** First and last entry id of a fresh read; null for entries read again (not a contiguous run). */
  range: readonly [first: string, last: string] | null;
}

/** What a snapshot carries: ranges as `source\u0000first\u0000last`, entries as `source\u0000id`, oldest first. */
export interface RepeatFilterState {
  ranges: string[];
  entries: string[];
}

/** Remembered fresh reads per partition: at WF_BATCH 500, 5M events, far more than a takeover's wait. */
export const REMEMBERED_RANGES = 10_000;
/** Remembered entries read again (rare: a crash or a refused acknowledgement). */
export const REMEMBERED_ENTRIES = 50_000;

const SEP = '\u0000';

/**
 * An entry id as its two numbers, for comparisons that parse nothing: a stream id `<ms>-<seq>`, or a list element's
 * `<batch>.<index>` (`list-consumer.ts`), ordered by batch, then index.
 */
function idParts(id: string): [first: number, second: number] {
  const [first = '0', second = '0'] = id.split(id.includes('-') ? '-' : '.');
  return [Number(first), Number(second)];
}

/** A remembered fresh read: its key (as a snapshot carries it), its input key and its first and last ids, parsed. */
interface Range {
  key: string;
  source: string;
  first: [number, number];
  last: [number, number];
}

const atOrAfter = (a: readonly [number, number], b: readonly [number, number]) =>
  a[0] > b[0] || (a[0] === b[0] && a[1] >= b[1]);

export class RepeatFilter {
  private ranges: Range[] = [];
  private readonly rangeSet = new Set<string>();
  private entries: string[] = [];
  private readonly entrySet = new Set<string>();
  /** Events dropped as repeats (for logs and tests). */
  dropped = 0;

  constructor(
    state?: RepeatFilterState,
    private readonly caps = { ranges: REMEMBERED_RANGES, entries: REMEMBERED_ENTRIES },
  ) {
    for (const r of state?.ranges ?? []) this.rememberRange(r);
    for (const e of state?.entries ?? []) this.rememberEntry(e);
  }

  /**
   * The events of one partition entry that were not applied before, remembering them. `entryOf` gives an event's
   * input entry id (events without one are always admitted).
   */
  admit<T>(
    origin: EntryOrigin,
    events: readonly T[],
    entryOf: (event: T) => string | undefined,
  ): readonly T[] {
    if (origin.range) {
      const key = [origin.source, origin.range[0], origin.range[1]].join(SEP);
      if (this.rangeSet.has(key)) {
        this.dropped += events.length;
        return [];
      }
      this.rememberRange(key);
      return events;
    }
    const out: T[] = [];
    for (const ev of events) {
      const id = entryOf(ev);
      if (id === undefined) {
        out.push(ev);
        continue;
      }
      const key = origin.source + SEP + id;
      if (this.entrySet.has(key) || this.inRange(origin.source, id)) {
        this.dropped++;
        continue;
      }
      this.rememberEntry(key);
      out.push(ev);
    }
    return out;
  }

  export(): RepeatFilterState {
    return { ranges: this.ranges.map((r) => r.key), entries: [...this.entries] };
  }

  private inRange(source: string, id: string): boolean {
    const at = idParts(id);
    for (const r of this.ranges)
      if (r.source === source && atOrAfter(at, r.first) && atOrAfter(r.last, at)) return true;
    return false;
  }

  private rememberRange(key: string): void {
    const [source = '', first = '0', last = '0'] = key.split(SEP);
    this.rangeSet.add(key);
    this.ranges.push({ key, source, first: idParts(first), last: idParts(last) });
    if (this.ranges.length > this.caps.ranges) {
      const gone = this.ranges.splice(0, this.ranges.length - this.caps.ranges);
      for (const g of gone) this.rangeSet.delete(g.key);
    }
  }

  private rememberEntry(key: string): void {
    this.entrySet.add(key);
    this.entries.push(key);
    if (this.entries.length > this.caps.entries) {
      const gone = this.entries.splice(0, this.entries.length - this.caps.entries);
      for (const g of gone) this.entrySet.delete(g);
    }
  }
}
