/**
 * @module Volume: bytes out (all, and to external addresses), flows and distinct peers per second, smoothed over
 * about 30 s and judged against the entity's own EWMA baseline of that smoothed value; while a host is new, its
 * per-second values are judged against its segment's per-active-host distribution (peer fallback).
 */
import type { Reason } from '../../../shared/schemas/score.js';
import type { NormalizedEvent } from '../../../shared/schemas/telemetry.js';
import { addressFacts, factHash, isLocal } from '../address-facts.js';
import { type Baseline, contributionOf, isWarm, newBaseline, observe } from '../baseline.js';
import { newRefRing, type RefRing, reason, ringRef, ringRefs } from '../evidence.js';
import { clearRows, type KeyedRows, newKeyedRows, rowOfHashed } from '../keyed-rows.js';
import {
  BASELINE,
  isWarmAt,
  meanAt,
  observeAt,
  observeZerosFastAt,
  packedNumbers,
  varianceAt,
} from '../packed-numbers.js';
import type { Detector, EntityType, EvaluateContext } from '../types.js';

const FEATURES = ['bytes_out_ext', 'bytes_out', 'flows', 'peers'] as const;
/** Floors of the standard deviation per feature (per second), so quiet hosts do not alarm on noise. */
const STD_FLOOR = [40_000, 400_000, 0.5, 0.5] as const;
const VAR_FLOOR = STD_FLOOR.map((x) => x ** 2);
/** Floors relative to the mean: byte volumes are heavy-tailed (one large transfer is normal), counts are not. */
const CV_FLOOR = [2, 2, 0, 0] as const;
/** z-score where points start, per feature: internal bytes (backups, file copies) need twice the evidence. */
const Z0 = [4, 8, 4, 4] as const;
const Z_SCALE = [6, 8, 6, 6] as const;
/** Features the segment also keeps per active host for the peer fallback (peers are not additive). */
const PEER_FEATURES = 3;
const SNAPSHOTS = 5;
/** Weight of one active host-second in the peer baselines. */
const PEER_ALPHA = 1 / 5000;
const MINUTE = 60_000;
/** Active host-seconds a segment's peer baseline needs before a new host is judged against it. */
export const PEER_WARMUP = 300;
const MAX_PEERS_PER_BUCKET = 64;
const MAX_HOSTS_PER_BUCKET = 2048;

/**
 * A feature's numbers, at these offsets of its row in {@link VolumeState.f} (feature `i` at `i * FEATURE`): `FAST`,
 * the EWMA of its per-second value (about a 30 s average), and `BASE`, the baseline of that (./packed-numbers.ts).
 */
const FAST = 0;
const BASE = 1;
const FEATURE = BASE + BASELINE;

export interface VolumeState {
  /** Open bucket: values of the features, distinct destinations, example refs. */
  x: number[];
  dsts: string[];
  refs: RefRing;
  /** Per feature, its smoothed value and baseline (see {@link FAST}). */
  f: number[];
  /** Segment only (null on hosts: one shape for both keeps the code that reads it monomorphic). */
  peers: SegmentPeers | null;
}

/** What a segment keeps for the peer fallback of its new hosts. */
interface SegmentPeers {
  /** Per-host values of the open bucket (the first `PEER_FEATURES` features), by address. */
  hosts: KeyedRows;
  /** Baselines of per-active-host-second values. */
  peer: Baseline[];
  /** `peer` as it was before the first bucket of each recent minute (`at`), oldest first. */
  snaps: { at: number; peer: Baseline[] }[];
}

export interface VolumeOptions {
  /** Smoothing weight of the per-second value. @default 1/30 */
  fastAlpha?: number;
  /** Baseline EWMA weight per second. @default 1/900 */
  alpha?: number;
  /** Seconds before an entity's own baseline is trusted. @default 300 */
  warmup?: number;
}

export function volumeDetector(opts: VolumeOptions = {}): Detector<VolumeState> {
  const fa = opts.fastAlpha ?? 1 / 30;
  const alpha = opts.alpha ?? 1 / 900;
  const warmup = opts.warmup ?? 300;
  // Winsorized: an anomalous value teaches the baseline at most mean + 4σ, so an attack does not hide itself.
  /** The baseline of the feature at `at` learns its smoothed value (capped at 4σ above its mean once warm). */
  const learn = (f: number[], at: number, std: number) =>
    observeAt(
      f,
      at + BASE,
      isWarmAt(f, at + BASE, warmup)
        ? Math.min(f[at + FAST]!, meanAt(f, at + BASE) + 4 * std)
        : f[at + FAST]!,
      alpha,
    );
  // The same event reaches the segment's state and then its host's: its scope is worked out once.
  let lastEvent: NormalizedEvent | null = null;
  let lastExternal = false;
  return {
    id: 'volume',
    kinds: ['flow'],
    entities: ['host', 'segment'],
    init(type: EntityType): VolumeState {
      const s: VolumeState = {
        x: [0, 0, 0, 0],
        dsts: [],
        refs: newRefRing(),
        f: packedNumbers(FEATURES.length * FEATURE),
        peers:
          type === 'segment'
            ? {
                hosts: newKeyedRows(PEER_FEATURES),
                peer: Array.from({ length: PEER_FEATURES }, newBaseline),
                snaps: [],
              }
            : null,
      };
      return s;
    },
    observe(s, ev: NormalizedEvent, ref) {
      if (ev.kind !== 'flow') return;
      const out = ev.bytes_out ?? 0;
      const dst = ev.dst_ip;
      if (ev !== lastEvent) {
        lastEvent = ev;
        lastExternal = dst !== undefined && !isLocal(dst);
      }
      const ext = lastExternal ? out : 0;
      const x = s.x;
      x[0]! += ext;
      x[1]! += out;
      x[2]!++;
      if (dst !== undefined && s.dsts.length < MAX_PEERS_PER_BUCKET && !s.dsts.includes(dst))
        s.dsts.push(dst);
      if (out > 0 || s.refs.n < 5) ringRef(s.refs, ref);
      const peers = s.peers;
      if (peers) {
        const t = peers.hosts;
        const row = rowOfHashed(
          t,
          ev.src_ip,
          factHash(addressFacts(ev.src_ip)),
          t.keys.length < MAX_HOSTS_PER_BUCKET,
        );
        if (row >= 0) {
          const at = row * PEER_FEATURES;
          t.rows[at]! += ext;
          t.rows[at + 1]! += out;
          t.rows[at + 2]!++;
        }
      }
    },
    evaluate(s, ctx: EvaluateContext): Reason[] {
      const x = s.x;
      x[3] = s.dsts.length;
      const reasons: Reason[] = [];
      const idle = ctx.idleBuckets;
      // Idle seconds: the smoothed value decays and the baseline learns it, second by second for the first
      // 30 s, then (the value being near zero) as zeros in closed form.
      const stepwise = Math.min(idle, 30);
      const f = s.f;
      for (let i = 0; i < FEATURES.length; i++) {
        const at = i * FEATURE;
        for (let k = 0; k < stepwise; k++) {
          f[at + FAST] = f[at + FAST]! * (1 - fa);
          learn(f, at, stdOf(f, at + BASE, i));
        }
        if (idle > stepwise) {
          f[at + FAST] = f[at + FAST]! * (1 - fa) ** (idle - stepwise);
          observeZerosFastAt(f, at + BASE, Math.min(idle - stepwise, 86_400), alpha);
        }
        f[at + FAST] = f[at + FAST]! + fa * (x[i]! - f[at + FAST]!);
        const std = stdOf(f, at + BASE, i);
        const r = isWarmAt(f, at + BASE, warmup)
          ? ownReason(f, at, i, std, s.refs)
          : peerReason(x[i]!, i, ctx.peer as VolumeState | undefined, ctx.bucketStart, s.refs);
        if (r) reasons.push(r);
        learn(f, at, std);
      }
      if (s.peers) updatePeers(s.peers, ctx.bucketStart);
      x[0] = 0;
      x[1] = 0;
      x[2] = 0;
      x[3] = 0;
      // Fresh per bucket rather than emptied: what they hold is young, and a young array holding it costs the
      // collector nothing, where a long-lived one would be written through the barrier on every flow.
      s.dsts = [];
      s.refs = newRefRing();
      return reasons;
    },
  };
}

/** The spread feature `i` (baseline at `at` of `f`) is judged with: its variance, with an absolute and a relative floor. */
function stdOf(f: number[], at: number, i: number): number {
  return Math.sqrt(Math.max(varianceAt(f, at), VAR_FLOOR[i]!, (CV_FLOOR[i]! * meanAt(f, at)) ** 2));
}

/** Feature `i` (its row at `at` of `f`) against its own baseline. */
function ownReason(f: number[], at: number, i: number, std: number, refs: RefRing): Reason | null {
  const fast = f[at + FAST]!;
  const mean = meanAt(f, at + BASE);
  const c = contributionOf((fast - mean) / std, Z0[i], Z_SCALE[i]);
  if (c <= 0) return null;
  const band: [number, number] = [Math.max(0, mean - 3 * std), mean + 3 * std];
  return reason('volume', `${FEATURES[i]}_per_s`, fast, mean, c, ringRefs(refs), band);
}

/** A new host's per-second value against its segment's per-active-host values (stricter: 8σ before any points). */
function peerReason(x: number, i: number, seg: VolumeState | undefined, at: number, refs: RefRing) {
  // Internal bytes are left out: backups and file copies make the peer spread too wide to say anything.
  if (i >= PEER_FEATURES || i === 1 || !seg?.peers || x === 0) return null;
  const b = peerAt(seg, at)[i]!;
  if (!isWarm(b, PEER_WARMUP)) return null;
  const std = Math.sqrt(Math.max(b.variance, STD_FLOOR[i]! ** 2));
  const c = contributionOf((x - b.mean) / std, 8, 8);
  if (c <= 0) return null;
  const band: [number, number] = [Math.max(0, b.mean - 3 * std), b.mean + 3 * std];
  return reason('volume', `${FEATURES[i]}_vs_peers`, x, b.mean, c, ringRefs(refs), band);
}

/**
 * The segment's peer baselines as they were before the previous minute began: keyed by event time, so the answer
 * does not depend on whether the segment has already closed buckets the host has not.
 */
export function peerAt(seg: VolumeState, bucketStart: number): Baseline[] {
  const k = bucketStart - (bucketStart % MINUTE) - MINUTE;
  const peers = seg.peers;
  if (!peers) return [];
  for (const snap of peers.snaps) if (snap.at >= k) return snap.peer;
  return peers.peer;
}

function updatePeers(s: SegmentPeers, bucketStart: number): void {
  const snaps = s.snaps;
  const minute = bucketStart - (bucketStart % MINUTE);
  if (snaps.length === 0 || snaps[snaps.length - 1]!.at < minute) {
    snaps.push({ at: minute, peer: s.peer.map((b) => ({ mean: b.mean, variance: b.variance, n: b.n })) });
    if (snaps.length > SNAPSHOTS) snaps.shift();
  }
  const rows = s.hosts.rows;
  for (let at = 0; at < rows.length; at += PEER_FEATURES)
    for (let i = 0; i < PEER_FEATURES; i++) observe(s.peer[i]!, rows[at + i]!, PEER_ALPHA);
  clearRows(s.hosts);
}
