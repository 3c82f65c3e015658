/**
 * @module Beaconing, after RITA: connections from one source to one destination (address and port) at regular
 * intervals with similar sizes, held over many beats. Sub-scores in [0, 1]: interval regularity (Bowley skew and
 * median absolute deviation of the gaps), size regularity (the same on bytes out, and smallness) and persistence
 * (beats seen, full at 24); the beacon score is their weighted mean 0.5 / 0.25 / 0.25.
 */
import type { Reason } from '../../../shared/schemas/score.js';
import type { NormalizedEvent } from '../../../shared/schemas/telemetry.js';
import { isGroupAddress, isLocalAddress, quantile, reason, saturate } from '../evidence.js';
import type { Detector, EvaluateContext } from '../types.js';
import { sortedBowley, sortedDispersion, space, trimmedCv } from './beacon-stats.js';

/** Connections this close to the previous one belong to the same beat. */
const SAME_BEAT_MS = 1000;
/** The longest period judged (an hour) with the widest jitter (±50 %): the longest gap a beacon may leave. */
const LONGEST_GAP_MS = 5_400_000;
/** First contacts remembered per source (see `seen`). */
const SEEN = 32;
/** Pairs an idle host keeps (the first ones worth keeping). */
const IDLE_PAIRS = 4;
/** A pair idle this long has stopped (or never was) a beacon: its place goes first. */
const STALE_MS = LONGEST_GAP_MS;
/**
 * Beats closer than this are a session, not a beacon (volume and scan judge those). Empire's default sleep is 5 s
 * (Covenant's and Mythic's 10 s), so a beacon can beat every 4 s with jitter.
 */
const MIN_GAP_MS = 4_000;
/** Services that are periodic by design (NTP, DHCP, NetBIOS, SSDP, mDNS, LLMNR): never judged as beacons. */
const PERIODIC_PORTS = new Set([67, 68, 123, 137, 138, 1900, 5353, 5355]);
/**
 * A pair with this many beats, slow (a median gap of {@link LIKE_GAP_MS} or more) and regular so far, is weak
 * evidence of a beacon ({@link LIKE_POINTS}: never an alert alone) before it has the beats to be proven.
 */
const LIKE_BEATS = 6;
const LIKE_GAP_MS = 30_000;
const LIKE_POINTS = 20;
/** Beats a pair jittered by more than ±20 % (a MAD over 0.2 of its gap) needs with regular sizes. */
const WIDE_BEATS = 24;
/** Example refs kept per pair (of its newest beats, once it has `minBeats − 2`). */
const REFS = 3;

interface Pair {
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
  /** Per slot, a ring of (time, bytes out) of its newest beats, written at `count mod beats`. */
  beats: number[];
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

export interface BeaconOptions {
  /** Destinations tracked per source. @default 16 */
  pairs?: number;
  /** Beats kept per destination. @default 32 */
  beats?: number;
  /** Beats before a pair can contribute. @default 10 */
  minBeats?: number;
}

export function beaconDetector(opts: BeaconOptions = {}): Detector<BeaconState> {
  const maxPairs = opts.pairs ?? 16;
  const maxBeats = opts.beats ?? 32;
  const minBeats = opts.minBeats ?? 10;
  return {
    id: 'beacon',
    entities: ['host'],
    kinds: ['flow'],
    fadesOnly: true,
    init: () => ({
      pairs: [],
      keys: [],
      ports: [],
      lasts: [],
      lens: [],
      counts: [],
      dirty: [],
      scored: 0,
      beats: [],
      refs: [],
      seen: [],
      seenAt: [],
      seenOdd: [],
      seenNext: 0,
    }),
    observe(s, ev: NormalizedEvent, ref) {
      const ip = ev.dst_ip;
      if (ev.kind !== 'flow' || ip === undefined) return;
      const port = ev.dst_port ?? 0;
      const key = pairKey(ip, port);
      let i = find(s, key, port);
      if (i < 0) {
        // Multicast and broadcast announcements (SSDP, mDNS…) are periodic by design and never reach a C2 server.
        // (A pair that exists has passed these checks, which depend on its address and port only.)
        if (isGroupAddress(ip) || (ev.dst_port !== undefined && PERIODIC_PORTS.has(ev.dst_port))) return;
        const signed = isLocalAddress(ip) ? key : -key - 1;
        const j = s.seen.indexOf(signed);
        if (j < 0 || ev.ts - s.seenAt[j]! < SAME_BEAT_MS) {
          remember(s, j, signed, ev.ts, 0);
          return;
        }
        // its second contact: tracked from now on, with the first contact as its first beat (its size unknown)
        const first = s.seenAt[j]!;
        s.seen[j] = Number.NaN;
        if (ev.ts < first) return;
        i = s.pairs.length < maxPairs ? append(s, maxBeats) : victim(s, ev.ts, maxBeats);
        // a pair given up as far from regular is remembered as such (it comes back with a fresh window of beats)
        if (i < s.pairs.length && s.pairs[i]!.odd) noteOdd(s, i);
        if (s.pairs[i]?.c) s.scored--;
        s.pairs[i] = { ip, port, score: 0, c: 0, gap: 0, odd: false, doubted: false };
        s.keys[i] = key;
        s.ports[i] = port;
        s.lasts[i] = Number.NEGATIVE_INFINITY;
        s.lens[i] = 0;
        s.counts[i] = 0;
        s.dirty[i] = 0;
        s.pairs[i]!.doubted = s.seenOdd[j] === 1;
        addBeat(s, i, first, -1, '', maxBeats, minBeats);
      }
      const prev = s.lasts[i]!;
      if (ev.ts - prev < SAME_BEAT_MS && ev.ts >= prev) return;
      if (ev.ts < prev) return; // out of order: a beacon's beats arrive in order; ignore stragglers
      addBeat(s, i, ev.ts, ev.bytes_out ?? 0, ref, maxBeats, minBeats);
    },
    keepIdle(s, now) {
      // Pairs that could still be a beacon's: one call out to the internet within the longest gap (its next call
      // may come), or a gap that could be a beacon's with its next beat due within two gaps. The rest goes.
      let kept = 0;
      for (let i = 0; i < s.pairs.length; i++) {
        if (worthKeeping(s, i, now, maxBeats, minBeats) && kept < IDLE_PAIRS)
          moveSlot(s, i, kept++, maxBeats);
      }
      truncate(s, kept, maxBeats);
      // first contacts of internet addresses within the longest gap: their next call may come
      let seen = 0;
      for (let j = 0; j < s.seen.length; j++) {
        if (s.seen[j]! < 0 && now - s.seenAt[j]! <= LONGEST_GAP_MS && seen < IDLE_PAIRS) {
          s.seen[seen] = s.seen[j]!;
          s.seenOdd[seen] = s.seenOdd[j]!;
          s.seenAt[seen++] = s.seenAt[j]!;
        }
      }
      s.seen.length = seen;
      s.seenAt.length = seen;
      s.seenOdd.length = seen;
      s.seenNext = seen;
      return kept > 0 || seen > 0;
    },
    evaluate(s, ctx: EvaluateContext): Reason[] {
      for (let i = 0; i < s.dirty.length; i++) {
        if (s.dirty[i] === 0) continue;
        s.dirty[i] = 0;
        // Pairs faster than beacons are skipped cheaply; long-known pairs are re-scored every fourth beat.
        const n = s.lens[i]!;
        if (n < LIKE_BEATS) continue;
        const p = s.pairs[i]!;
        const base = i * 2 * maxBeats;
        const first = s.beats[base + 2 * ((s.counts[i]! - n) % maxBeats)]!;
        const meanGap = (s.lasts[i]! - first) / (n - 1);
        const before = p.c;
        if (meanGap < MIN_GAP_MS * 0.8) {
          p.c = 0;
          p.odd = true;
        } else if (n <= Math.max(2 * minBeats, WIDE_BEATS) || s.counts[i]! % 4 === 0 || p.c > 0)
          score(s, i, maxBeats, minBeats);
        s.scored += (p.c > 0 ? 1 : 0) - (before > 0 ? 1 : 0);
      }
      if (s.scored === 0) return [];
      const now = ctx.bucketStart + 1000;
      let best = -1;
      for (let i = 0; i < s.pairs.length; i++) {
        const p = s.pairs[i]!;
        if (p.c > 0 && now - s.lasts[i]! <= 3 * p.gap && (best < 0 || p.c > s.pairs[best]!.c)) best = i;
      }
      if (best < 0) return [];
      const p = s.pairs[best]!;
      const feature = `${s.lens[best]! < minBeats ? 'beacon_like' : 'beacon_score'} ${p.ip}:${p.port}`;
      return [reason('beacon', feature, p.score, 0.55, p.c, refsOf(s, best, minBeats, maxBeats), [0, 0.75])];
    },
  };
}

/** Records a beat of pair `i`. */
function addBeat(
  s: BeaconState,
  i: number,
  ts: number,
  bytes: number,
  ref: string,
  maxBeats: number,
  minBeats: number,
): void {
  const count = s.counts[i]!;
  const at = i * 2 * maxBeats + 2 * (count % maxBeats);
  s.beats[at] = ts;
  s.beats[at + 1] = bytes;
  if (count + 1 >= minBeats - 2) s.refs[i * REFS + (count % REFS)] = ref;
  s.counts[i] = count + 1;
  if (count < maxBeats) s.lens[i] = count + 1;
  s.lasts[i] = ts;
  s.dirty[i] = 1;
}

/** Notes a first contact (or moves on the time of one at `j` within the same beat). */
function remember(s: BeaconState, j: number, signed: number, ts: number, odd: number): void {
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
function noteOdd(s: BeaconState, i: number): void {
  const p = s.pairs[i]!;
  remember(s, -1, isLocalAddress(p.ip) ? s.keys[i]! : -s.keys[i]! - 1, s.lasts[i]!, 1);
}

/** Whether an idle host's pair `i` could still prove a beacon at `now`. */
function worthKeeping(s: BeaconState, i: number, now: number, maxBeats: number, minBeats: number): boolean {
  const n = s.lens[i]!;
  const idle = now - s.lasts[i]!;
  if (n === 1) return idle <= LONGEST_GAP_MS && !isLocalAddress(s.pairs[i]!.ip);
  const p = s.pairs[i]!;
  if (n >= minBeats && p.score < 0.5) return false; // judged, and far from regular
  const first = s.beats[i * 2 * maxBeats + 2 * ((s.counts[i]! - n) % maxBeats)]!;
  const gap = p.gap || (s.lasts[i]! - first) / (n - 1);
  return gap >= MIN_GAP_MS * 0.8 && gap <= LONGEST_GAP_MS && idle <= Math.min(2 * gap, LONGEST_GAP_MS);
}

/** Moves pair `from` to slot `to` (≤ from), beats and refs too. */
function moveSlot(s: BeaconState, from: number, to: number, maxBeats: number): void {
  if (from === to) return;
  s.pairs[to] = s.pairs[from]!;
  s.keys[to] = s.keys[from]!;
  s.ports[to] = s.ports[from]!;
  s.lasts[to] = s.lasts[from]!;
  s.lens[to] = s.lens[from]!;
  s.counts[to] = s.counts[from]!;
  s.dirty[to] = s.dirty[from]!;
  for (let k = 0; k < 2 * maxBeats; k++) s.beats[to * 2 * maxBeats + k] = s.beats[from * 2 * maxBeats + k]!;
  for (let k = 0; k < REFS; k++) s.refs[to * REFS + k] = s.refs[from * REFS + k]!;
}

/** Keeps the first `n` pairs. */
function truncate(s: BeaconState, n: number, maxBeats: number): void {
  if (n === s.pairs.length) return;
  for (const list of [s.pairs, s.keys, s.ports, s.lasts, s.lens, s.counts, s.dirty]) list.length = n;
  s.beats.length = n * 2 * maxBeats;
  s.refs.length = n * REFS;
  s.scored = s.pairs.filter((p) => p.c > 0).length;
}

/** A 30-bit hash of a destination (FNV-1a over the address, then the port). */
function pairKey(ip: string, port: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < ip.length; i++) h = Math.imul(h ^ ip.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ port, 0x01000193);
  return h >>> 2;
}

/** Index of the pair of a destination, or −1. */
function find(s: BeaconState, key: number, port: number): number {
  const keys = s.keys;
  for (let i = 0; i < keys.length; i++) if (keys[i] === key && s.ports[i] === port) return i;
  return -1;
}

/** Makes room for one more pair at the end (its fields are set by the caller); returns its index. */
function append(s: BeaconState, maxBeats: number): number {
  const i = s.pairs.length;
  for (let k = 0; k < 2 * maxBeats; k++) s.beats.push(0);
  for (let k = 0; k < REFS; k++) s.refs.push('');
  return i;
}

/**
 * The pair a new one replaces: the stalest of those idle longer than a beacon's longest gap; else the longest idle
 * of those judged odd; else the most overdue of those idle more than three of their own mean gaps (no beacon misses
 * three calls: a busy pair that went quiet); else the one calling most often (a session more than a slow beacon).
 */
function victim(s: BeaconState, now: number, maxBeats: number): number {
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
      const first = s.beats[i * 2 * maxBeats + 2 * ((s.counts[i]! - n) % maxBeats)]!;
      const meanGap = Math.max(1, (s.lasts[i]! - first) / (n - 1));
      if (idle > 3 * meanGap) {
        r = 2;
        k = idle / meanGap;
      } else k = 1 / meanGap;
    }
    if (r < rank || (r === rank && k > key)) {
      worst = i;
      rank = r;
      key = k;
    }
  }
  return worst;
}

/** The refs of a pair's newest beats, oldest first: those of beats from the (`minBeats` − 2)-th on, at most 3. */
function refsOf(s: BeaconState, i: number, minBeats: number, maxBeats: number): string[] {
  if (maxBeats < minBeats - 2) return [];
  const count = s.counts[i]!;
  const kept = Math.min(REFS, count - Math.max(0, minBeats - 3));
  const out: string[] = [];
  for (let k = count - kept; k < count; k++) out.push(s.refs[i * REFS + (k % REFS)]!);
  return out;
}

/**
 * RITA-style sub-scores of a pair. The contribution needs a median gap ≥ 4 s, |Bowley skew| ≤ 0.5 (weighed by the
 * gaps' spread, full from a MAD of 0.1) and one of: tight gaps (MAD ≤ 0.15 of the median, coefficient of variation
 * ≤ 0.25 once the shortest and longest are set aside) with regular sizes (MAD ≤ 0.1, CV ≤ 0.2) over `minBeats`
 * beats; tight gaps over twice as many; loose gaps (MAD ≤ 0.35, CV ≤ 0.4: a ±50 % jitter) with regular sizes over
 * 24 beats. A pair doubted (given up as odd before) needs one of the longer two. Fewer than `minBeats` beats, slow
 * and loosely regular: weak evidence only (`beacon_like`).
 * (Every statistic is read from the values sorted once, as `dispersion`, `bowley` and `quantile` would.)
 */
function score(s: BeaconState, i: number, maxBeats: number, minBeats: number): void {
  const p = s.pairs[i]!;
  const n = s.lens[i]!;
  const base = i * 2 * maxBeats;
  const oldest = s.counts[i]! - n;
  const buf = space(n);
  const gaps = buf.subarray(0, n - 1);
  // a first contact's size is not known (−1): sizes are those known
  const first = s.beats[base + 2 * (oldest % maxBeats) + 1]! < 0 ? 1 : 0;
  const sizes = buf.subarray(n, 2 * n - first);
  let prev = 0;
  for (let k = 0; k < n; k++) {
    const at = base + 2 * ((oldest + k) % maxBeats);
    const t = s.beats[at]!;
    if (k > 0) gaps[k - 1] = t - prev;
    prev = t;
    if (k >= first) sizes[k - first] = s.beats[at + 1]!;
  }
  gaps.sort();
  sizes.sort();
  const dev = buf.subarray(2 * n, 3 * n);
  const gapD = sortedDispersion(gaps, dev, 0);
  // Bowley skew is scale-free: the shape of a jitter of 1 % counts as much as that of 50 %. Weighed by the
  // jitter's width (full from a deviation of a tenth of the gap), it says how lopsided the timing really is.
  const skew = Math.abs(sortedBowley(gaps)) * Math.min(1, gapD / 0.1);
  const sizeD = sortedDispersion(sizes, dev, 1);
  const ts = (1 - skew + Math.max(0, 1 - gapD)) / 2;
  const small = Math.max(0, 1 - quantile(sizes, 0.5) / 65_535);
  const ds = (1 - Math.abs(sortedBowley(sizes)) + Math.max(0, 1 - sizeD) + small) / 3;
  const persistence = Math.min(1, n / 24);
  p.score = 0.5 * ts + 0.25 * ds + 0.25 * persistence;
  p.gap = quantile(gaps, 0.5);
  // ±50 % jitter (gaps uniform over [0.5, 1.5] of the period) spreads gaps to a MAD of 0.25 and a CV of 0.29,
  // which busy benign pairs (a workstation and its proxy) also reach: a wide jitter needs regular sizes, as a
  // C2 heartbeat has, over a day's persistence (24 beats).
  const cv = trimmedCv(gaps);
  // Tight: a jitter up to about ±25 % (gaps uniform within ±20 % have a MAD of 0.1 and a CV of 0.12). Loose: up to
  // ±50 % (a MAD of 0.25, a CV of 0.29). A person's or a service's timing spreads gaps to about 0.7 and 1, but over
  // ten beats a few benign pairs in a thousand look tight by chance, and busy ones come back with fresh windows.
  const tight = gapD <= 0.15 && cv <= 0.25;
  const loose = gapD <= 0.35 && cv <= 0.4;

  // sizes regular in the middle and in their spread (a MAD alone is met by a few benign sizes close by chance)
  const sized = sizeD <= 0.1 && trimmedCv(sizes) <= 0.2;
  const proven =
    skew <= 0.5 &&
    p.gap >= MIN_GAP_MS &&
    ((tight && sized && n >= minBeats && !p.doubted) ||
      (tight && n >= 2 * minBeats) ||
      (loose && sized && n >= WIDE_BEATS));
  // odd: far from regular, faster than a beacon, or judged over a full ring and not proven (a busy benign pair)
  p.odd = !loose || p.gap < MIN_GAP_MS || (n >= maxBeats && !proven);
  if (n < minBeats) {
    const like = gapD <= 0.3 && skew <= 0.5 && p.gap >= LIKE_GAP_MS && cv <= 0.35;
    p.c = like ? LIKE_POINTS : 0;
    return;
  }
  p.c = proven ? saturate((p.score - 0.6) * 100, 10) : 0;
}
