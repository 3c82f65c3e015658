/**
 * @module Beaconing, after RITA: connections from one source to one destination (address and port) at regular
 * intervals with similar sizes, held over many beats. Sub-scores in [0, 1]: interval regularity (Bowley skew and
 * median absolute deviation of the gaps), size regularity (the same on bytes out, and smallness) and persistence
 * (beats seen, full at 24); the beacon score is their weighted mean 0.5 / 0.25 / 0.25.
 */
import type { Reason } from '../../../shared/schemas/score.js';
import type { NormalizedEvent } from '../../../shared/schemas/telemetry.js';
import { addressFacts, FACT_GROUP, FACT_LOCAL, factHash } from '../address-facts.js';
import { quantile, reason, saturate } from '../evidence.js';
import type { Detector, EvaluateContext } from '../types.js';
import { sortedBowley, sortedDispersion, space, trimmedCv } from './beacon-stats.js';
import {
  addBeat,
  append,
  type BeaconState,
  beatsKept,
  C,
  COUNT,
  DIRTY,
  DOUBTED,
  FIELDS,
  FLAGS,
  find,
  findSeen,
  firstBeat,
  flag,
  flagged,
  forgetSeen,
  fromRowsOfTen,
  GAP,
  IDLE_PAIRS,
  keepSeen,
  LAST,
  LIKE_BEATS,
  MIN_GAP_MS,
  moveSlot,
  newBeaconState,
  noteOdd,
  ODD,
  PORT,
  pairCount,
  pairKey,
  ROWS_OF_NINE_SINCE,
  refsOf,
  remember,
  SCORE,
  seenAt,
  seenOdd,
  startPair,
  truncate,
  victim,
  worthKeeping,
} from './beacon-table.js';

export type { BeaconState } from './beacon-table.js';

/** Connections this close to the previous one belong to the same beat. */
const SAME_BEAT_MS = 1000;
/** Services that are periodic by design (NTP, DHCP, NetBIOS, SSDP, mDNS, LLMNR): never judged as beacons. */
const PERIODIC_PORTS = new Set([67, 68, 123, 137, 138, 1900, 5353, 5355]);
/**
 * A pair with {@link LIKE_BEATS} beats, slow (a median gap of {@link LIKE_GAP_MS} or more) and regular so far, is
 * weak evidence of a beacon ({@link LIKE_POINTS}: never an alert alone) before it has the beats to be proven.
 */
const LIKE_GAP_MS = 30_000;
const LIKE_POINTS = 20;
/** The widest spread of a young pair's gaps (median absolute deviation over the median gap) that is beacon-like. */
const LIKE_SPREAD = 0.3;
/** The same limit as timing ({@link timing}: 1 − the spread), the figure a `beacon_like` reason shows. */
const LIKE_TIMING = 1 - LIKE_SPREAD;
/** Beats a pair jittered by more than ±20 % (a MAD over 0.2 of its gap) needs with regular sizes. */
const WIDE_BEATS = 24;

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
    init: newBeaconState,
    upgrade: (state, from) =>
      from < ROWS_OF_NINE_SINCE ? fromRowsOfTen(state as BeaconState, maxBeats) : (state as BeaconState),
    peers(s, visit) {
      for (let i = 0; i < s.ips.length; i++) if (s.ips[i]) visit(s.ips[i]!, s.pairs[i * FIELDS + LAST]!);
    },
    observe(s, ev: NormalizedEvent, ref) {
      const ip = ev.dst_ip;
      if (ev.kind !== 'flow' || ip === undefined) return;
      const port = ev.dst_port ?? 0;
      const facts = addressFacts(ip);
      const key = pairKey(factHash(facts), port);
      let i = find(s, key, port);
      if (i < 0) {
        // Multicast and broadcast announcements (SSDP, mDNS…) are periodic by design and never reach a C2 server.
        // (A pair that exists has passed these checks, which depend on its address and port only.)
        if (facts & FACT_GROUP || (ev.dst_port !== undefined && PERIODIC_PORTS.has(ev.dst_port))) return;
        const signed = facts & FACT_LOCAL ? key : -key - 1;
        const j = findSeen(s, signed);
        if (j < 0 || ev.ts - seenAt(s, j) < SAME_BEAT_MS) {
          remember(s, j, signed, ev.ts, 0);
          return;
        }
        // its second contact: tracked from now on, with the first contact as its first beat (its size unknown)
        const first = seenAt(s, j);
        forgetSeen(s, j);
        if (ev.ts < first) return;
        i = pairCount(s) < maxPairs ? append(s) : victim(s, ev.ts, maxBeats);
        // a pair given up as far from regular is remembered as such (it comes back with a fresh window of beats)
        if (flagged(s.pairs, i * FIELDS, ODD)) noteOdd(s, i);
        if (s.pairs[i * FIELDS + C]! > 0) s.scored--;
        startPair(s, i, ip, key, port, seenOdd(s, j));
        addBeat(s, i, first, -1, '', maxBeats, minBeats);
      }
      const prev = s.pairs[i * FIELDS + LAST]!;
      if (ev.ts - prev < SAME_BEAT_MS && ev.ts >= prev) return;
      if (ev.ts < prev) return; // out of order: a beacon's beats arrive in order; ignore stragglers
      addBeat(s, i, ev.ts, ev.bytes_out ?? 0, ref, maxBeats, minBeats);
    },
    keepIdle(s, now) {
      // Pairs that could still be a beacon's: one call out to the internet within the longest gap (its next call
      // may come), or a gap that could be a beacon's with its next beat due within two gaps. The rest goes.
      let kept = 0;
      for (let i = 0; i < pairCount(s); i++) {
        if (worthKeeping(s, i, now, maxBeats, minBeats) && kept < IDLE_PAIRS) moveSlot(s, i, kept++);
      }
      truncate(s, kept);
      // first contacts of internet addresses within the longest gap: their next call may come
      const seen = keepSeen(s, now, IDLE_PAIRS);
      return kept > 0 || seen > 0;
    },
    evaluate(s, ctx: EvaluateContext): Reason[] {
      const p = s.pairs;
      for (let i = 0; i < pairCount(s); i++) {
        const row = i * FIELDS;
        const flags = p[row + FLAGS]!;
        if ((flags & DIRTY) === 0) continue;
        p[row + FLAGS] = flags & ~DIRTY;
        // Pairs faster than beacons are skipped cheaply; long-known pairs are re-scored every fourth beat.
        const n = beatsKept(s, i, maxBeats);
        if (n < LIKE_BEATS) continue;
        const first = firstBeat(s, i);
        const meanGap = (p[row + LAST]! - first) / (n - 1);
        const before = p[row + C]!;
        if (meanGap < MIN_GAP_MS * 0.8) {
          p[row + C] = 0;
          flag(p, row, ODD, true);
        } else if (n <= Math.max(2 * minBeats, WIDE_BEATS) || p[row + COUNT]! % 4 === 0 || before > 0)
          score(s, i, maxBeats, minBeats);
        s.scored += (p[row + C]! > 0 ? 1 : 0) - (before > 0 ? 1 : 0);
      }
      if (s.scored === 0) return [];
      const now = ctx.bucketStart + 1000;
      let best = -1;
      for (let i = 0; i < pairCount(s); i++) {
        const row = i * FIELDS;
        const c = p[row + C]!;
        if (c > 0 && now - p[row + LAST]! <= 3 * p[row + GAP]! && (best < 0 || c > p[best * FIELDS + C]!))
          best = i;
      }
      if (best < 0) return [];
      const row = best * FIELDS;
      const to = `${s.ips[best]}:${p[row + PORT]}`;
      const refs = refsOf(s, best, minBeats, maxBeats);
      // A young pair is judged on its timing alone (see `score`): its reason shows that timing against the limit
      // it passed, not the RITA score, which its few beats keep low.
      if (beatsKept(s, best, maxBeats) < minBeats)
        return [
          reason('beacon', `beacon_like ${to}`, timing(s, best, maxBeats), LIKE_TIMING, p[row + C]!, refs, [
            0,
            LIKE_TIMING,
          ]),
        ];
      return [reason('beacon', `beacon_score ${to}`, p[row + SCORE]!, 0.55, p[row + C]!, refs, [0, 0.75])];
    },
  };
}

/**
 * How regular a pair's timing is: 1 − the spread of its gaps (their median absolute deviation over the median gap,
 * as `score` reads it), 1 when every call comes on time. Read only for the pair a reason names.
 */
function timing(s: BeaconState, i: number, maxBeats: number): number {
  const n = beatsKept(s, i, maxBeats);
  const ring = s.beats[i]!;
  const oldest = s.pairs[i * FIELDS + COUNT]! - n;
  const buf = space(n);
  const gaps = buf.subarray(0, n - 1);
  let prev = ring[2 * (oldest % maxBeats)]!;
  for (let k = 1; k < n; k++) {
    const t = ring[2 * ((oldest + k) % maxBeats)]!;
    gaps[k - 1] = t - prev;
    prev = t;
  }
  gaps.sort();
  return Math.max(0, 1 - sortedDispersion(gaps, buf.subarray(2 * n, 3 * n), 0));
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
  const p = s.pairs;
  const row = i * FIELDS;
  const n = beatsKept(s, i, maxBeats);
  const ring = s.beats[i]!;
  const oldest = p[row + COUNT]! - n;
  const buf = space(n);
  const gaps = buf.subarray(0, n - 1);
  // a first contact's size is not known (−1): sizes are those known
  const first = ring[2 * (oldest % maxBeats) + 1]! < 0 ? 1 : 0;
  const sizes = buf.subarray(n, 2 * n - first);
  let prev = 0;
  for (let k = 0; k < n; k++) {
    const at = 2 * ((oldest + k) % maxBeats);
    const t = ring[at]!;
    if (k > 0) gaps[k - 1] = t - prev;
    prev = t;
    if (k >= first) sizes[k - first] = ring[at + 1]!;
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
  const gap = quantile(gaps, 0.5);
  p[row + SCORE] = 0.5 * ts + 0.25 * ds + 0.25 * persistence;
  p[row + GAP] = gap;
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
    gap >= MIN_GAP_MS &&
    ((tight && sized && n >= minBeats && !flagged(p, row, DOUBTED)) ||
      (tight && n >= 2 * minBeats) ||
      (loose && sized && n >= WIDE_BEATS));
  // odd: far from regular, faster than a beacon, or judged over a full ring and not proven (a busy benign pair)
  flag(p, row, ODD, !loose || gap < MIN_GAP_MS || (n >= maxBeats && !proven));
  if (n < minBeats) {
    const like = gapD <= LIKE_SPREAD && skew <= 0.5 && gap >= LIKE_GAP_MS && cv <= 0.35;
    p[row + C] = like ? LIKE_POINTS : 0;
    return;
  }
  p[row + C] = proven ? saturate((p[row + SCORE]! - 0.6) * 100, 10) : 0;
}
