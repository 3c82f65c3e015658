/**
 * @module The beacon detector's table of a source's destinations: pairs tracked with a ring of their newest beats,
 * first contacts noted before a pair is tracked, which pair a full table gives up, and what an idle host keeps.
 * A pair's numbers sit side by side in one flat array of numbers (no object per pair: an object and its boxed
 * numbers cost more than the numbers); plain arrays, sized to what they hold (snapshots: ../state-codec.ts).
 * No scoring (./beacon.ts judges the pairs).
 */
import { isLocal } from '../address-facts.js';
import { grownBy } from '../evidence.js';

/** The longest period judged (an hour) with the widest jitter (±50 %): the longest gap a beacon may leave. */
export const LONGEST_GAP_MS = 5_400_000;
/** First contacts remembered per source (see `seen`). */
const SEEN = 32;
/** Pairs an idle host keeps (the first ones worth keeping). */
export const IDLE_PAIRS = 4;
/** A pair idle this long has stopped (or never was) a beacon: its place goes first. */
const STALE_MS = LONGEST_GAP_MS;
/**
 * Beats closer than this are a session, not a beacon (volume and scan judge those). Empire's default sleep is 5 s
 * (Covenant's and Mythic's 10 s), so a beacon can beat every 4 s with jitter.
 */
export const MIN_GAP_MS = 4_000;
/** Beats of a pair before it can be weak evidence (`beacon_like`); a young pair's consistency is read over as many. */
export const LIKE_BEATS = 6;
/** Example refs kept per pair (of its newest beats, once it has `minBeats − 2`). */
export const REFS = 3;

/**
 * A pair's numbers, at these offsets of its row in {@link BeaconState.pairs} (row `i` starts at `i * FIELDS`):
 * - `KEY`: {@link pairKey} of the destination; with `PORT` (0 when the flow has none), what a flow is matched on
 *   (two addresses of one source would need the same port and the same 30-bit hash to be taken for one another);
 * - `LAST`: its newest beat (event time); `COUNT`: beats seen in all (it keeps the newest `beats` of them, see
 *   {@link beatsKept});
 * - `SCORE`, `C`, `GAP`: score and contribution at the last scored beat, and its median gap;
 * - `FLAGS`: the bits {@link DIRTY}, {@link ODD} and {@link DOUBTED};
 * - `FIRST`: the time of the oldest beat it keeps (in the row, so that choosing a pair to give up reads the rows
 *   alone, not every pair's ring).
 */
export const KEY = 0;
export const PORT = 1;
export const LAST = 2;
export const COUNT = 3;
export const SCORE = 4;
export const C = 5;
export const GAP = 6;
export const FLAGS = 7;
export const FIRST = 8;
export const FIELDS = 9;

/** A pair's `FLAGS` bit: it got a beat in the open bucket. */
export const DIRTY = 1;
/** A pair's `FLAGS` bit: judged and far from regular (or faster than a beacon): its place goes before others'. */
export const ODD = 2;
/** A pair's `FLAGS` bit: given up as odd before, it needs twice the beats to be proven (a fresh window, a fresh chance). */
export const DOUBTED = 4;

/** Whether the pair at `row` of `p` has flag `bit`. */
export const flagged = (p: number[], row: number, bit: number): boolean => (p[row + FLAGS]! & bit) !== 0;

/** Sets or clears flag `bit` of the pair at `row` of `p`. */
export function flag(p: number[], row: number, bit: number, on: boolean): void {
  const f = p[row + FLAGS]!;
  p[row + FLAGS] = on ? f | bit : f & ~bit;
}

/** A first contact's numbers, at these offsets of its slot in {@link BeaconState.seen}. */
const SEEN_KEY = 0;
const SEEN_AT = 1;
const SEEN_ODD = 2;
const SEEN_FIELDS = 3;

/**
 * Pairs, `FIELDS` numbers each in `pairs` (see {@link KEY}), their addresses in `ips` (same order); the beats of
 * pair `k` live in `beats` and `refs` at slot `k`: a flow touches a few cache lines, not every pair of its source.
 * A new destination takes the place of an evicted one, so no row ever moves but for an idle host's.
 */
export interface BeaconState {
  /** Rows of numbers of the destinations tracked (see {@link KEY}). */
  pairs: number[];
  /** Destination address of each pair. */
  ips: string[];
  /** Pairs with a contribution (`C > 0`). */
  scored: number;
  /**
   * Per slot, a ring of (time, bytes out) of its newest beats, written at `count mod beats`: it grows with its beats,
   * two at a time (most pairs of a busy host are seen a few times), sized as it goes rather than by the array's own
   * growth.
   */
  beats: number[][];
  /** Per slot, a ring of the refs of its newest beats (from the (`minBeats` − 2)-th on), written at `count mod 3`. */
  refs: string[];
  /**
   * Destinations contacted once, not (yet) tracked, three numbers a slot: {@link pairKey} (negated minus one for an
   * internet address; NaN once tracked), when, and 1 when the destination was tracked and given up as far from
   * regular. A ring of at most {@link SEEN}. A pair is tracked from its second contact on, so that a busy host's
   * one-off destinations never push out a slow beacon between its calls.
   */
  seen: number[];
  seenNext: number;
}

export const newBeaconState = (): BeaconState => ({
  pairs: [],
  ips: [],
  scored: 0,
  beats: [],
  refs: [],
  seen: [],
  seenNext: 0,
});

/** The engine snapshot version (`ENGINE_STATE_VERSION`) from which a pair's row is the one above; before it, ten numbers. */
export const ROWS_OF_NINE_SINCE = 3;

/**
 * A table saved in snapshot version 2's layout, rows of ten (key, port, last beat, count, dirty, score, contribution,
 * gap, odd, doubted), in this one: the flags as bits, and the oldest kept beat read from the pair's ring.
 */
export function fromRowsOfTen(s: BeaconState, maxBeats: number): BeaconState {
  const old = s.pairs;
  const pairs: number[] = [];
  for (let i = 0; i < old.length / 10; i++) {
    const o = i * 10;
    const count = old[o + 3]!;
    const flags =
      (old[o + 4] === 1 ? DIRTY : 0) | (old[o + 8] === 1 ? ODD : 0) | (old[o + 9] === 1 ? DOUBTED : 0);
    const first = count === 0 ? 0 : s.beats[i]![2 * ((count - Math.min(count, maxBeats)) % maxBeats)]!;
    // in the order of the offsets, KEY to FIRST
    pairs.push(old[o]!, old[o + 1]!, old[o + 2]!, count, old[o + 5]!, old[o + 6]!, old[o + 7]!, flags, first);
  }
  return { ...s, pairs };
}

/** Pairs tracked. */
export const pairCount = (s: BeaconState): number => s.ips.length;

/** A ring of beats for a new pair: room for two. */
export const newBeats = (): number[] => [0, 0, 0, 0];
/** What a full ring grows by, in numbers: two beats (most pairs stop at a few; doubling left a quarter of the room unused). */
const GROWTH = 4;

/** Beats pair `i` keeps: all it has seen, up to its ring's `maxBeats`. */
export const beatsKept = (s: BeaconState, i: number, maxBeats: number): number =>
  Math.min(s.pairs[i * FIELDS + COUNT]!, maxBeats);

/** The time of the oldest beat pair `i` keeps. */
export const firstBeat = (s: BeaconState, i: number): number => s.pairs[i * FIELDS + FIRST]!;

/** Records a beat of pair `i`. */
export function addBeat(
  s: BeaconState,
  i: number,
  ts: number,
  bytes: number,
  ref: string,
  maxBeats: number,
  minBeats: number,
): void {
  const p = s.pairs;
  const row = i * FIELDS;
  const count = p[row + COUNT]!;
  const at = 2 * (count % maxBeats);
  let ring = s.beats[i]!;
  if (at >= ring.length) {
    ring = grownBy(ring, Math.min(GROWTH, 2 * maxBeats - ring.length));
    s.beats[i] = ring;
  }
  ring[at] = ts;
  ring[at + 1] = bytes;
  // the oldest kept: the first beat until the ring is full, then the one the next beat will overwrite
  if (count === 0) p[row + FIRST] = ts;
  else if (count >= maxBeats) p[row + FIRST] = ring[2 * ((count + 1) % maxBeats)]!;
  if (count + 1 >= minBeats - 2) s.refs[i * REFS + (count % REFS)] = ref;
  p[row + COUNT] = count + 1;
  p[row + LAST] = ts;
  p[row + FLAGS] = p[row + FLAGS]! | DIRTY;
}

/** Sets pair `i` (a new slot, or one whose pair was given up) to a new destination with no beats. */
export function startPair(
  s: BeaconState,
  i: number,
  ip: string,
  key: number,
  port: number,
  doubted: boolean,
): void {
  const p = s.pairs;
  const row = i * FIELDS;
  p[row + KEY] = key;
  p[row + PORT] = port;
  p[row + LAST] = Number.NEGATIVE_INFINITY;
  p[row + COUNT] = 0;
  p[row + SCORE] = 0;
  p[row + C] = 0;
  p[row + GAP] = 0;
  p[row + FLAGS] = doubted ? DOUBTED : 0;
  p[row + FIRST] = 0;
  s.ips[i] = ip;
  s.beats[i] = newBeats();
}

/** The slot of first contact `signed` ({@link pairKey}, negated minus one for an internet address), or −1. */
export function findSeen(s: BeaconState, signed: number): number {
  const seen = s.seen;
  for (let at = SEEN_KEY; at < seen.length; at += SEEN_FIELDS)
    if (seen[at] === signed) return at / SEEN_FIELDS;
  return -1;
}

/** When first contact `j` was made (or last touched within its first beat). */
export const seenAt = (s: BeaconState, j: number): number => s.seen[j * SEEN_FIELDS + SEEN_AT]!;

/** Whether first contact `j` was a pair given up as far from regular. */
export const seenOdd = (s: BeaconState, j: number): boolean => s.seen[j * SEEN_FIELDS + SEEN_ODD] === 1;

/** Marks first contact `j` as tracked from now on (its slot is free for the ring's next). */
export function forgetSeen(s: BeaconState, j: number): void {
  s.seen[j * SEEN_FIELDS + SEEN_KEY] = Number.NaN;
}

/** Notes a first contact (or moves on the time of one at `j` within the same beat). */
export function remember(s: BeaconState, j: number, signed: number, ts: number, odd: number): void {
  if (j >= 0) {
    const at = j * SEEN_FIELDS + SEEN_AT;
    if (ts > s.seen[at]!) s.seen[at] = ts;
    return;
  }
  const len = s.seen.length / SEEN_FIELDS;
  // the ring grows a slot at a time up to its size (sized to what it holds), then wraps
  if (len < SEEN) s.seen = s.seen.concat(signed, ts, odd);
  else {
    const at = (s.seenNext % SEEN) * SEEN_FIELDS;
    s.seen[at + SEEN_KEY] = signed;
    s.seen[at + SEEN_AT] = ts;
    s.seen[at + SEEN_ODD] = odd;
  }
  s.seenNext++;
}

/** Notes the odd pair `i`, about to be replaced, among first contacts: if it comes back, it is doubted. */
export function noteOdd(s: BeaconState, i: number): void {
  const key = s.pairs[i * FIELDS + KEY]!;
  remember(s, -1, isLocal(s.ips[i]!) ? key : -key - 1, s.pairs[i * FIELDS + LAST]!, 1);
}

/**
 * Keeps the first contacts of internet addresses within the longest gap at `now` (their next call may come), at
 * most `max`; returns how many.
 */
export function keepSeen(s: BeaconState, now: number, max: number): number {
  const seen = s.seen;
  let kept = 0;
  for (let at = 0; at < seen.length; at += SEEN_FIELDS) {
    if (seen[at + SEEN_KEY]! < 0 && now - seen[at + SEEN_AT]! <= LONGEST_GAP_MS && kept < max) {
      const to = kept++ * SEEN_FIELDS;
      seen[to + SEEN_KEY] = seen[at + SEEN_KEY]!;
      seen[to + SEEN_AT] = seen[at + SEEN_AT]!;
      seen[to + SEEN_ODD] = seen[at + SEEN_ODD]!;
    }
  }
  s.seen = seen.slice(0, kept * SEEN_FIELDS);
  s.seenNext = kept;
  return kept;
}

/** Whether an idle host's pair `i` could still prove a beacon at `now`. */
export function worthKeeping(
  s: BeaconState,
  i: number,
  now: number,
  maxBeats: number,
  minBeats: number,
): boolean {
  const row = i * FIELDS;
  const p = s.pairs;
  const n = beatsKept(s, i, maxBeats);
  const idle = now - p[row + LAST]!;
  if (n === 1) return idle <= LONGEST_GAP_MS && !isLocal(s.ips[i]!);
  if (n >= minBeats && p[row + SCORE]! < 0.5) return false; // judged, and far from regular
  const first = firstBeat(s, i);
  const gap = p[row + GAP]! || (p[row + LAST]! - first) / (n - 1);
  return gap >= MIN_GAP_MS * 0.8 && gap <= LONGEST_GAP_MS && idle <= Math.min(2 * gap, LONGEST_GAP_MS);
}

/** Moves pair `from` to slot `to` (≤ from), beats and refs too. */
export function moveSlot(s: BeaconState, from: number, to: number): void {
  if (from === to) return;
  const p = s.pairs;
  for (let k = 0; k < FIELDS; k++) p[to * FIELDS + k] = p[from * FIELDS + k]!;
  s.ips[to] = s.ips[from]!;
  s.beats[to] = s.beats[from]!;
  for (let k = 0; k < REFS; k++) s.refs[to * REFS + k] = s.refs[from * REFS + k]!;
}

/** Keeps the first `n` pairs. */
export function truncate(s: BeaconState, n: number): void {
  if (n === pairCount(s)) return;
  s.pairs = s.pairs.slice(0, n * FIELDS);
  s.ips = s.ips.slice(0, n);
  s.beats.length = n;
  s.refs = s.refs.slice(0, n * REFS);
  let scored = 0;
  for (let i = 0; i < n; i++) if (s.pairs[i * FIELDS + C]! > 0) scored++;
  s.scored = scored;
}

/**
 * A 30-bit hash of a destination: FNV-1a over the address, then the port, continued from the address's own FNV-1a
 * hash (`hashString(ip)`, which ./address-facts.ts remembers).
 */
export function pairKey(ipHash: number, port: number): number {
  return Math.imul(ipHash ^ port, 0x01000193) >>> 2;
}

/** Index of the pair of a destination, or −1. */
export function find(s: BeaconState, key: number, port: number): number {
  const p = s.pairs;
  for (let row = 0; row < p.length; row += FIELDS)
    if (p[row + KEY] === key && p[row + PORT] === port) return row / FIELDS;
  return -1;
}

/**
 * Makes room for one more pair at the end (set by {@link startPair}); returns its index. The arrays grow by
 * exactly one pair (a pair is added at a destination's second contact only: rare on the per-event path).
 */
export function append(s: BeaconState): number {
  const i = pairCount(s);
  s.pairs = s.pairs.concat(EMPTY_ROW);
  s.ips = s.ips.concat('');
  s.beats.push(newBeats());
  s.refs = s.refs.concat(EMPTY_REFS);
  return i;
}

const EMPTY_ROW: readonly number[] = new Array<number>(FIELDS).fill(0);
const EMPTY_REFS: readonly string[] = new Array<string>(REFS).fill('');

/**
 * The pair a new one replaces: the stalest of those idle longer than a beacon's longest gap; else the longest idle
 * of those judged odd; else the most overdue of those idle more than three of their own mean gaps (no beacon misses
 * three calls: a busy pair that went quiet); else, of those whose gaps so far disagree (the longest over three
 * times the shortest: no beacon jitters that much), the one calling most often; else the one calling most often.
 */
export function victim(s: BeaconState, now: number, maxBeats: number): number {
  const p = s.pairs;
  let worst = 0;
  let rank = 4;
  let key = 0;
  for (let i = 0; i < pairCount(s); i++) {
    const row = i * FIELDS;
    const idle = now - p[row + LAST]!;
    const n = beatsKept(s, i, maxBeats);
    let r = 3;
    let k = 0;
    if (idle > STALE_MS) {
      r = 0;
      k = idle;
    } else if (flagged(p, row, ODD)) {
      r = 1;
      k = idle;
    } else if (n >= 2) {
      const first = firstBeat(s, i);
      const meanGap = Math.max(1, (p[row + LAST]! - first) / (n - 1));
      if (idle > 3 * meanGap) {
        r = 2;
        k = idle / meanGap;
      } else {
        k = 1 / meanGap;
        // whether its gaps agree is read only when it could change the choice (it reads the pair's ring)
        const matters = rank > 2.5 || (rank === 2.5 && k > key);
        r = matters && n >= 3 && !consistent(s, i, maxBeats) ? 2.5 : 3;
      }
    }
    if (r < rank || (r === rank && k > key)) {
      worst = i;
      rank = r;
      key = k;
    }
  }
  return worst;
}

/** Whether a pair's gaps agree within a factor of three (its newest {@link LIKE_BEATS} beats at most). */
export function consistent(s: BeaconState, i: number, maxBeats: number): boolean {
  const n = Math.min(beatsKept(s, i, maxBeats), LIKE_BEATS);
  const count = s.pairs[i * FIELDS + COUNT]!;
  let lo = Number.POSITIVE_INFINITY;
  let hi = 0;
  const ring = s.beats[i]!;
  let prev = ring[2 * ((count - n) % maxBeats)]!;
  for (let k = count - n + 1; k < count; k++) {
    const t = ring[2 * (k % maxBeats)]!;
    lo = Math.min(lo, t - prev);
    hi = Math.max(hi, t - prev);
    prev = t;
  }
  return hi <= 3 * lo;
}

/** The refs of a pair's newest beats, oldest first: those of beats from the (`minBeats` − 2)-th on, at most 3. */
export function refsOf(s: BeaconState, i: number, minBeats: number, maxBeats: number): string[] {
  if (maxBeats < minBeats - 2) return [];
  const count = s.pairs[i * FIELDS + COUNT]!;
  const kept = Math.min(REFS, count - Math.max(0, minBeats - 3));
  const out: string[] = [];
  for (let k = count - kept; k < count; k++) out.push(s.refs[i * REFS + (k % REFS)]!);
  return out;
}
