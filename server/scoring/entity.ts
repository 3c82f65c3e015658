/** @module One scored entity (a host or a segment) and its wire view. */
import type { HostScore, Reason } from '../../shared/schemas/score.js';
import type { NormalizedEvent } from '../../shared/schemas/telemetry.js';
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
  /** One state per detector that scores this entity type, same order as `byType[type]` (null while slim). */
  states: unknown[];
  /** Idle past the sweep, kept only for the states a detector still needs (the others are null). */
  slim: boolean;
  /** Bit i set: detector i is `fadesOnly`, returned no reasons and has observed nothing since (it is skipped). */
  quiet: number;
  /** Start of the bucket currently filling, or -1 when nothing is pending evaluation. */
  openBucket: number;
  /** Whether the engine's pending list holds it. */
  listed: boolean;
  /** Held score at the engine's latest close (scored entities). */
  held: number;
  lastEvaluated: number;
  lastSeen: number;
  reasons: Reason[];
  /** Held score: set at `heldAt` (event time, a second boundary), then halving every half-life until beaten. */
  heldScore: number;
  heldAt: number;
  spark: Spark | null;
  /** A host's held score per tick and the reasons behind it (scored hosts only). */
  timeline: Timeline | null;
  /** Recent events of a host, a ring: `recentNext` counts writes, so the oldest slot is `recentNext % length`. */
  recent: NormalizedEvent[] | null;
  /** The ref of each recent event (same slots): what a reason's examples name. */
  recentRefs: string[] | null;
  recentNext: number;
  asset: Asset | null;
}

/** An entity's held score at `t` (≥ the time it was set): it halves every `halfLifeMs` of event time. */
export function heldAt(e: Pick<Entity, 'heldScore' | 'heldAt'>, t: number, halfLifeMs: number): number {
  return e.heldScore * 0.5 ** (Math.max(0, t - e.heldAt) / halfLifeMs);
}

/** A sparkline: the last {@link SPARK} held scores (rounded), a ring written at `n % SPARK`. */
export interface Spark {
  v: Uint8Array;
  n: number;
}

export const newSpark = (): Spark => ({ v: new Uint8Array(SPARK), n: 0 });

export function pushSpark(sp: Spark, score: number): void {
  sp.v[sp.n % SPARK] = Math.round(score);
  sp.n++;
}

/** The sparkline's values, oldest first. */
export function sparkValues(sp: Spark | null): number[] {
  if (!sp) return [];
  const out: number[] = [];
  for (let k = Math.max(0, sp.n - SPARK); k < sp.n; k++) out.push(sp.v[k % SPARK]!);
  return out;
}

/** A ring (recent events, or their refs), newest first. */
export function newestFirst<T>(ring: readonly T[], next: number): T[] {
  const out: T[] = [];
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
    slim: false,
    openBucket: -1,
    listed: false,
    held: 0,
    lastEvaluated: -1,
    lastSeen: 0,
    reasons: [],
    heldScore: 0,
    heldAt: 0,
    spark: null,
    timeline: null,
    recent: null,
    recentRefs: null,
    recentNext: 0,
    asset,
  };
}

/**
 * A ring of the last {@link TIMELINE} ticks of a host: time and held score in typed arrays, and the reasons array
 * current at each tick (a reference: reasons are replaced, never changed), split into parts only when read.
 */
export interface Timeline {
  t: Float64Array;
  score: Float32Array;
  reasons: (readonly Reason[])[];
  /** Points written; the oldest is at `n % TIMELINE` once full. */
  n: number;
}

export const newTimeline = (): Timeline => ({
  t: new Float64Array(TIMELINE),
  score: new Float32Array(TIMELINE),
  reasons: [],
  n: 0,
});

export function pushTimeline(tl: Timeline, t: number, score: number, reasons: readonly Reason[]): void {
  const i = tl.n % TIMELINE;
  tl.t[i] = t;
  tl.score[i] = score;
  tl.reasons[i] = reasons;
  tl.n++;
}

/** The timeline's points, oldest first, each with every detector's share of its score. */
export function timelinePoints(tl: Timeline | null): TimelinePoint[] {
  if (!tl) return [];
  const len = Math.min(tl.n, TIMELINE);
  const out: TimelinePoint[] = [];
  for (let k = tl.n - len; k < tl.n; k++) {
    const i = k % TIMELINE;
    const score = Math.round(tl.score[i]! * 10) / 10;
    out.push({ t: tl.t[i]!, score, parts: scoreParts(tl.reasons[i]!, score) });
  }
  return out;
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
    spark: sparkValues(e.spark),
    lastSeen: e.lastSeen,
  };
  if (e.asset) view.asset = e.asset;
  return view;
}
