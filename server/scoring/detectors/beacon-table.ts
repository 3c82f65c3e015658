/**
 * @module The beacon detector's table of a source's destinations: pairs tracked with a ring of their newest beats in
 * flat arrays, first contacts noted before a pair is tracked, which pair a full table gives up, and what an idle host
 * keeps. Plain arrays (JSON-serializable); no scoring (./beacon.ts judges the pairs).
 */
import { isLocalAddress } from '../evidence.js';

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

export interface Pair {
  /** Destination address and port (0 when the flow has none). */
  ip: string;
  port: number;
  /** Score and contribution at the last scored beat, and its median gap. */
  score: number;
  c: number;
  gap: number;
  /** Judged and far from regular (or faster than a beacon): its place goes before others'. */
  odd: boolean;
  /** Given up as odd before: it needs twice the beats to be proven (a fresh window is a fresh chance). */
  doubted: boolean;
}

/**
 * Pairs, and per pair (same order) the numbers a flow or an evaluation needs, in compact arrays; the beats of
 * pair `k` live in `beats` and `refs` at slot `k`: a flow touches a few cache lines, not every pair of its source.
 * A new destination takes the place of an evicted one, so no array ever shrinks or moves.
 */
export interface BeaconState {
  /** Destinations tracked. */
  pairs: Pair[];
  /**
   * {@link pairKey} of each pair: with the port, what a flow is matched on (two addresses of one source would need
   * the same port and the same 30-bit hash to be taken for one another).
   */
  keys: number[];
  ports: number[];
  /** Its newest beat (event time). */
  lasts: number[];
  /** Beats it keeps (at most `beats`), and beats seen in all. */
  lens: number[];
  counts: number[];
  /** 1 when it got a beat in the open bucket. */
  dirty: number[];
  /** Pairs with a contribution (`c > 0`). */
  scored: number;
  /**
   * Per slot, a ring of (time, bytes out) of its newest beats, written at `count mod beats`: it grows with its beats
   * (most pairs of a busy host are seen a few times), sized as it goes rather than by the array's own growth.
   */
  beats: number[][];
  /** Per slot, a ring of the refs of its newest beats (from the (`minBeats` − 2)-th on), written at `count mod 3`. */
  refs: string[];
  /**
   * Destinations contacted once, not (yet) tracked: {@link pairKey}, negated minus one for an internet address, and
   * when; a ring of at most {@link SEEN}. A pair is tracked from its second contact on, so that a busy host's
   * one-off destinations never push out a slow beacon between its calls.
   */
  seen: number[];
  seenAt: number[];
  /** 1 when the destination was tracked and given up as far from regular. */
  seenOdd: number[];
  seenNext: number;
}

/** A ring of beats for a new pair: room for two. */
export const newBeats = (): number[] => [0, 0, 0, 0];

/** The time of the oldest beat pair `i` keeps. */
export function firstBeat(s: BeaconState, i: number, maxBeats: number): number {
  return s.beats[i]![2 * ((s.counts[i]! - s.lens[i]!) % maxBeats)]!;
}

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
  const count = s.counts[i]!;
  const at = 2 * (count % maxBeats);
  let ring = s.beats[i]!;
  if (at >= ring.length) {
    ring = ring.concat(new Array<number>(Math.min(ring.length, 2 * maxBeats - ring.length)).fill(0));
    s.beats[i] = ring;
  }
  ring[at] = ts;
  ring[at + 1] = bytes;
  if (count + 1 >= minBeats - 2) s.refs[i * REFS + (count % REFS)] = ref;
  s.counts[i] = count + 1;
  if (count < maxBeats) s.lens[i] = count + 1;
  s.lasts[i] = ts;
  s.dirty[i] = 1;
}

/** Notes a first contact (or moves on the time of one at `j` within the same beat). */
export function remember(s: BeaconState, j: number, signed: number, ts: number, odd: number): void {
  if (j >= 0) {
    if (ts > s.seenAt[j]!) s.seenAt[j] = ts;
    return;
  }
  const k = s.seen.length < SEEN ? s.seen.length : s.seenNext % SEEN;
  s.seen[k] = signed;
  s.seenAt[k] = ts;
  s.seenOdd[k] = odd;
  s.seenNext++;
}

/** Notes the odd pair `i`, about to be replaced, among first contacts: if it comes back, it is doubted. */
export function noteOdd(s: BeaconState, i: number): void {
  const p = s.pairs[i]!;
  remember(s, -1, isLocalAddress(p.ip) ? s.keys[i]! : -s.keys[i]! - 1, s.lasts[i]!, 1);
}

/** Whether an idle host's pair `i` could still prove a beacon at `now`. */
export function worthKeeping(
  s: BeaconState,
  i: number,
  now: number,
  maxBeats: number,
  minBeats: number,
): boolean {
  const n = s.lens[i]!;
  const idle = now - s.lasts[i]!;
  if (n === 1) return idle <= LONGEST_GAP_MS && !isLocalAddress(s.pairs[i]!.ip);
  const p = s.pairs[i]!;
  if (n >= minBeats && p.score < 0.5) return false; // judged, and far from regular
  const first = firstBeat(s, i, maxBeats);
  const gap = p.gap || (s.lasts[i]! - first) / (n - 1);
  return gap >= MIN_GAP_MS * 0.8 && gap <= LONGEST_GAP_MS && idle <= Math.min(2 * gap, LONGEST_GAP_MS);
}

/** Moves pair `from` to slot `to` (≤ from), beats and refs too. */
export function moveSlot(s: BeaconState, from: number, to: number): void {
  if (from === to) return;
  s.pairs[to] = s.pairs[from]!;
  s.keys[to] = s.keys[from]!;
  s.ports[to] = s.ports[from]!;
  s.lasts[to] = s.lasts[from]!;
  s.lens[to] = s.lens[from]!;
  s.counts[to] = s.counts[from]!;
  s.dirty[to] = s.dirty[from]!;
  s.beats[to] = s.beats[from]!;
  for (let k = 0; k < REFS; k++) s.refs[to * REFS + k] = s.refs[from * REFS + k]!;
}

/** Keeps the first `n` pairs. */
export function truncate(s: BeaconState, n: number): void {
  if (n === s.pairs.length) return;
  for (const list of [s.pairs, s.keys, s.ports, s.lasts, s.lens, s.counts, s.dirty]) list.length = n;
  s.beats.length = n;
  s.refs.length = n * REFS;
  s.scored = s.pairs.filter((p) => p.c > 0).length;
}

/** A 30-bit hash of a destination (FNV-1a over the address, then the port). */
export function pairKey(ip: string, port: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < ip.length; i++) h = Math.imul(h ^ ip.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ port, 0x01000193);
  return h >>> 2;
}

/** Index of the pair of a destination, or −1. */
export function find(s: BeaconState, key: number, port: number): number {
  const keys = s.keys;
  for (let i = 0; i < keys.length; i++) if (keys[i] === key && s.ports[i] === port) return i;
  return -1;
}

/** Makes room for one more pair at the end (its fields are set by the caller); returns its index. */
export function append(s: BeaconState): number {
  const i = s.pairs.length;
  s.beats.push(newBeats());
  for (let k = 0; k < REFS; k++) s.refs.push('');
  return i;
}

/**
 * The pair a new one replaces: the stalest of those idle longer than a beacon's longest gap; else the longest idle
 * of those judged odd; else the most overdue of those idle more than three of their own mean gaps (no beacon misses
 * three calls: a busy pair that went quiet); else, of those whose gaps so far disagree (the longest over three
 * times the shortest: no beacon jitters that much), the one calling most often; else the one calling most often.
 */
export function victim(s: BeaconState, now: number, maxBeats: number): number {
  let worst = 0;
  let rank = 4;
  let key = 0;
  for (let i = 0; i < s.pairs.length; i++) {
    const idle = now - s.lasts[i]!;
    const n = s.lens[i]!;
    let r = 3;
    let k = 0;
    if (idle > STALE_MS) {
      r = 0;
      k = idle;
    } else if (s.pairs[i]!.odd) {
      r = 1;
      k = idle;
    } else if (n >= 2) {
      const first = firstBeat(s, i, maxBeats);
      const meanGap = Math.max(1, (s.lasts[i]! - first) / (n - 1));
      if (idle > 3 * meanGap) {
        r = 2;
        k = idle / meanGap;
      } else {
        r = n >= 3 && !consistent(s, i, maxBeats) ? 2.5 : 3;
        k = 1 / meanGap;
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
  const n = Math.min(s.lens[i]!, LIKE_BEATS);
  const count = s.counts[i]!;
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
  const count = s.counts[i]!;
  const kept = Math.min(REFS, count - Math.max(0, minBeats - 3));
  const out: string[] = [];
  for (let k = count - kept; k < count; k++) out.push(s.refs[i * REFS + (k % REFS)]!);
  return out;
}
