/** @module One scored entity (a host or a segment) and its wire view. */
import type { HostScore, Reason } from '../../shared/schemas/score.js';
import type { NormalizedEvent } from '../../shared/schemas/telemetry.js';
import { type AlertTrack, newTrack } from './alert-rule.js';
import type { Asset } from './assets.js';
import type { EntityType } from './types.js';

/** Sparkline length (one point per engine tick). */
export const SPARK = 60;

/** A host view: the wire `HostScore`, plus its asset when the inventory names it. */
export type HostView = HostScore & { asset?: Asset };

export interface Entity {
  type: EntityType;
  id: string;
  segment: string;
  /** One state per detector that scores this entity type, same order as `byType[type]`. */
  states: unknown[];
  /** Bit i set: detector i is `fadesOnly`, returned no reasons and has observed nothing since (it is skipped). */
  quiet: number;
  /** Start of the bucket currently filling, or -1 when nothing is pending evaluation. */
  openBucket: number;
  lastEvaluated: number;
  lastSeen: number;
  reasons: Reason[];
  track: AlertTrack;
  spark: number[] | null;
  /** A host's held score per tick with each detector's share of it, oldest first (scored hosts only). */
  timeline: TimelinePoint[] | null;
  /** Recent events of a host, a ring: `recentNext` counts writes, so the oldest slot is `recentNext % length`. */
  recent: NormalizedEvent[] | null;
  recentNext: number;
  asset: Asset | null;
}

/** The ring of recent events, newest first. */
export function newestFirst(ring: readonly NormalizedEvent[], next: number): NormalizedEvent[] {
  const out: NormalizedEvent[] = [];
  for (let i = 1; i <= ring.length; i++) out.push(ring[(next - i + ring.length * 2) % ring.length]!);
  return out;
}

export function newEntity(
  type: EntityType,
  id: string,
  segment: string,
  states: unknown[],
  asset: Asset | null,
): Entity {
  return {
    type,
    id,
    segment,
    states,
    quiet: 0,
    openBucket: -1,
    lastEvaluated: -1,
    lastSeen: 0,
    reasons: [],
    track: newTrack(),
    spark: null,
    timeline: null,
    recent: null,
    recentNext: 0,
    asset,
  };
}

export interface TimelinePoint {
  t: number;
  score: number;
  /** Detector → its share of `score` (each detector's combined contributions, in proportion). */
  parts: Record<string, number>;
}

/** Ticks kept in a host's timeline (five minutes at the default tick). */
export const TIMELINE = 300;

/** Splits a held score between the detectors behind it. */
export function scoreParts(reasons: readonly Reason[], score: number): Record<string, number> {
  const keep = new Map<string, number>();
  for (const r of reasons)
    keep.set(
      r.detector,
      (keep.get(r.detector) ?? 1) * (1 - Math.min(Math.max(r.contribution, 0), 100) / 100),
    );
  let total = 0;
  for (const v of keep.values()) total += 1 - v;
  const parts: Record<string, number> = {};
  if (total <= 0) return parts;
  for (const [d, v] of keep) parts[d] = Math.round(((score * (1 - v)) / total) * 10) / 10;
  return parts;
}

export function hostView(e: Entity, score: number, reasons: number): HostView {
  const view: HostView = {
    ip: e.id,
    segment: e.segment,
    score: Math.round(score * 10) / 10,
    reasons: e.reasons.slice(0, reasons),
    spark: e.spark ? [...e.spark] : [],
    lastSeen: e.lastSeen,
  };
  if (e.asset) view.asset = e.asset;
  return view;
}
