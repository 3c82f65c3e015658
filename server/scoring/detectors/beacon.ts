/**
 * @module Beaconing, after RITA: connections from one source to one destination (address and port) at regular
 * intervals with similar sizes, held over many beats. Sub-scores in [0, 1]: interval regularity (Bowley skew and
 * median absolute deviation of the gaps), size regularity (the same on bytes out, and smallness) and persistence
 * (beats seen, full at 24); the beacon score is their weighted mean 0.5 / 0.25 / 0.25.
 */
import type { Reason } from '../../../shared/schemas/score.js';
import type { NormalizedEvent } from '../../../shared/schemas/telemetry.js';
import { bowley, dispersion, isGroupAddress, keepRef, quantile, reason, saturate } from '../evidence.js';
import type { Detector, EvaluateContext } from '../types.js';

/** Connections this close to the previous one belong to the same beat. */
const SAME_BEAT_MS = 1000;
const STALE_MS = 3_600_000;
/** Beats closer than this are a session, not a beacon (volume and scan judge those). */
const MIN_GAP_MS = 10_000;
/** Services that are periodic by design (NTP, DHCP, NetBIOS, SSDP, mDNS, LLMNR): never judged as beacons. */
const PERIODIC_PORTS = new Set([67, 68, 123, 137, 138, 1900, 5353, 5355]);

interface Pair {
  last: number;
  /** Beat times (ms) and bytes out of the most recent beats, oldest first. */
  ts: number[];
  sz: number[];
  refs: string[];
  /** Beats seen in all (the arrays keep the most recent). */
  beats: number;
  /** Score and contribution at the last beat, and its median gap. */
  score: number;
  c: number;
  gap: number;
}

export interface BeaconState {
  pairs: Record<string, Pair>;
  /** Pairs that got a beat in the open bucket. */
  dirty: string[];
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
    init: () => ({ pairs: {}, dirty: [] }),
    observe(s, ev: NormalizedEvent, ref) {
      // Multicast and broadcast announcements (SSDP, mDNS…) are periodic by design and never reach a C2 server.
      if (ev.kind !== 'flow' || ev.dst_ip === undefined || isGroupAddress(ev.dst_ip)) return;
      if (ev.dst_port !== undefined && PERIODIC_PORTS.has(ev.dst_port)) return;
      const key = `${ev.dst_ip}:${ev.dst_port ?? 0}`;
      let p = s.pairs[key];
      if (!p) {
        evict(s, maxPairs - 1, ev.ts);
        p = { last: ev.ts, ts: [], sz: [], refs: [], score: 0, c: 0, gap: 0, beats: 0 };
        s.pairs[key] = p;
      }
      const prev = p.ts.length > 0 ? p.ts[p.ts.length - 1]! : Number.NEGATIVE_INFINITY;
      if (ev.ts - prev < SAME_BEAT_MS && ev.ts >= prev) return;
      if (ev.ts < prev) return; // out of order: a beacon's beats arrive in order; ignore stragglers
      p.ts.push(ev.ts);
      p.sz.push(ev.bytes_out ?? 0);
      p.beats++;
      if (p.ts.length > maxBeats) {
        p.ts.shift();
        p.sz.shift();
      }
      p.last = ev.ts;
      if (p.ts.length >= minBeats - 2) keepRef(p.refs, ref, 3);
      if (!s.dirty.includes(key)) s.dirty.push(key);
    },
    evaluate(s, ctx: EvaluateContext): Reason[] {
      for (const key of s.dirty) {
        const p = s.pairs[key];
        // Pairs faster than beacons are skipped cheaply; long-known pairs are re-scored every fourth beat.
        if (!p || p.ts.length < minBeats) continue;
        const meanGap = (p.ts[p.ts.length - 1]! - p.ts[0]!) / (p.ts.length - 1);
        if (meanGap < MIN_GAP_MS * 0.8) p.c = 0;
        else if (p.ts.length < 2 * minBeats || p.beats % 4 === 0 || p.c > 0) score(p, minBeats);
      }
      s.dirty = [];
      const now = ctx.bucketStart + 1000;
      let best: [string, Pair] | null = null;
      for (const key in s.pairs) {
        const p = s.pairs[key]!;
        if (p.c > 0 && now - p.last <= 3 * p.gap && (!best || p.c > best[1].c)) best = [key, p];
      }
      if (!best) return [];
      const [key, p] = best;
      const r = reason('beacon', `beacon_score ${key}`, p.score, 0.55, p.c, p.refs, [0, 0.75]);
      return [r];
    },
  };
}

/**
 * RITA-style sub-scores of a pair. The contribution needs regular gaps — median absolute deviation ≤ 0.2 of the
 * median, |Bowley skew| ≤ 0.5, coefficient of variation ≤ 0.3 once the shortest and longest gap are set aside, a
 * median gap ≥ 10 s — and either regular sizes (dispersion ≤ 0.15) over `minBeats` beats or twice as many beats.
 */
function score(p: Pair, minBeats: number): void {
  const gaps = p.ts.slice(1).map((t, i) => t - p.ts[i]!);
  const gapD = dispersion(gaps);
  const skew = Math.abs(bowley(gaps));
  const sizeD = dispersion(p.sz.map((b) => b + 1));
  const ts = (1 - skew + Math.max(0, 1 - gapD)) / 2;
  const sorted = [...p.sz].sort((a, b) => a - b);
  const small = Math.max(0, 1 - quantile(sorted, 0.5) / 65_535);
  const ds = (1 - Math.abs(bowley(p.sz)) + Math.max(0, 1 - sizeD) + small) / 3;
  const persistence = Math.min(1, p.ts.length / 24);
  p.score = 0.5 * ts + 0.25 * ds + 0.25 * persistence;
  const byLength = [...gaps].sort((a, b) => a - b);
  p.gap = quantile(byLength, 0.5);
  const regular = gapD <= 0.2 && skew <= 0.5 && p.gap >= MIN_GAP_MS && trimmedCv(byLength) <= 0.3;
  const enough = (sizeD <= 0.15 && p.ts.length >= minBeats) || p.ts.length >= 2 * minBeats;
  p.c = regular && enough ? saturate((p.score - 0.6) * 100, 10) : 0;
}

/** Coefficient of variation of sorted values without the smallest and the largest. */
function trimmedCv(sorted: readonly number[]): number {
  const mid = sorted.slice(1, -1);
  if (mid.length < 2) return 1;
  const mean = mid.reduce((a, b) => a + b, 0) / mid.length;
  const v = mid.reduce((a, b) => a + (b - mean) ** 2, 0) / (mid.length - 1);
  return mean > 0 ? Math.sqrt(v) / mean : 1;
}

/** Makes room: stale pairs first, then the pair with the fewest beats (oldest among equals). */
function evict(s: BeaconState, keep: number, now: number): void {
  const keys = Object.keys(s.pairs);
  if (keys.length <= keep) return;
  for (const k of keys) if (now - s.pairs[k]!.last > STALE_MS) delete s.pairs[k];
  const left = Object.keys(s.pairs);
  if (left.length <= keep) return;
  let worst = left[0]!;
  for (const k of left) {
    const a = s.pairs[k]!;
    const b = s.pairs[worst]!;
    if (a.ts.length < b.ts.length || (a.ts.length === b.ts.length && a.last < b.last)) worst = k;
  }
  delete s.pairs[worst];
}
