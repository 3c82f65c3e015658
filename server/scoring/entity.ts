/** @module One scored entity (a host or a segment) and its wire view. */
import { detectorShares } from '../../shared/noisy-or.js';
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
 * A ring of the last {@link TIMELINE} ticks of a host in one buffer: per tick its time, its held score (32-bit) and
 * each detector's share of that score, worked out as the tick is written (the reasons behind it are not kept: their
 * examples would hold the events' refs for five minutes). Up to {@link INLINE_PARTS} shares per tick sit in the
 * buffer as (detector code, tenths); a tick with more keeps them in `more`. It grows with its ticks up to
 * {@link TIMELINE}, so a host scored for a minute holds a minute.
 */
export interface Timeline {
  /**
   * Tick times in whole seconds (ticks close second boundaries: 4 bytes a tick, not 8); `ms` holds them in
   * milliseconds instead once a tick is not a whole second (it is then the one read and written).
   */
  t: Uint32Array;
  ms: Float64Array | null;
  score: Float32Array;
  /**
   * Shares of each tick: detector codes ({@link partCode}; {@link NO_PART} after the last, {@link IN_MORE} first
   * when they are in `more`) and tenths.
   */
  codes: Uint8Array;
  tenths: Uint16Array;
  /** Shares of ticks that did not fit, by slot. */
  more: Map<number, Record<string, number>> | null;
  /** Points written; the oldest is at `n % TIMELINE` once full. */
  n: number;
}

/** Ticks kept in a host's timeline (five minutes at the default tick). */
export const TIMELINE = 300;
/** Detector shares kept in the buffer per tick. */
const INLINE_PARTS = 2;
const IN_MORE = 254;
const NO_PART = 255;
/** Slots of a new timeline. */
const FIRST_SLOTS = 16;

/** Detector names by code (a detector's id, or `asset`): the few names reasons carry, numbered as first seen. */
const partNames: string[] = [];
const partCodes = new Map<string, number>();
function partCode(name: string): number {
  let code = partCodes.get(name);
  if (code === undefined && partNames.length < IN_MORE) {
    code = partNames.length;
    partNames.push(name);
    partCodes.set(name, code);
  }
  return code ?? -1;
}

function timelineOf(slots: number): Timeline {
  const buf = new ArrayBuffer(slots * (4 + 4 + INLINE_PARTS * 3));
  let at = 0;
  const view = <T>(make: new (b: ArrayBuffer, o: number, n: number) => T, bytes: number, n: number): T => {
    const v = new make(buf, at, n);
    at += bytes * n;
    return v;
  };
  return {
    t: view(Uint32Array, 4, slots),
    ms: null,
    score: view(Float32Array, 4, slots),
    tenths: view(Uint16Array, 2, slots * INLINE_PARTS),
    codes: view(Uint8Array, 1, slots * INLINE_PARTS),
    more: null,
    n: 0,
  };
}

export const newTimeline = (): Timeline => timelineOf(FIRST_SLOTS);

/** The time of slot `i` (ms). */
const timeAt = (tl: Timeline, i: number): number => (tl.ms ? tl.ms[i]! : tl.t[i]! * 1000);

/** Sets the time of slot `i` (ms): in whole seconds while every tick is one, else in milliseconds from then on. */
function setTime(tl: Timeline, i: number, t: number): void {
  if (!tl.ms && t % 1000 === 0 && t >= 0 && t / 1000 <= 0xffff_ffff) {
    tl.t[i] = t / 1000;
    return;
  }
  if (!tl.ms) {
    tl.ms = new Float64Array(tl.t.length);
    for (let k = 0; k < tl.t.length; k++) tl.ms[k] = tl.t[k]! * 1000;
  }
  tl.ms[i] = t;
}

/** Scratch of {@link pushTimeline}: each detector of a tick's reasons and what its contributions leave unexplained. */
const names: string[] = [];
const keeps: number[] = [];

export function pushTimeline(tl: Timeline, t: number, score: number, reasons: readonly Reason[]): Timeline {
  // by half (doubling left a quarter of the room of a long-scored host unused)
  if (tl.n === tl.t.length && tl.n < TIMELINE)
    tl = grown(tl, Math.min(TIMELINE, tl.n + Math.floor(tl.n / 2)));
  const i = tl.n % TIMELINE;
  setTime(tl, i, t);
  tl.score[i] = score;
  tl.n++;
  if (tl.more?.delete(i) && tl.more.size === 0) tl.more = null;
  // as scoreParts(reasons, the score as read back), without the objects
  const rounded = Math.round(tl.score[i]! * 10) / 10;
  let d = 0;
  for (const r of reasons) {
    let k = names.indexOf(r.detector);
    if (k < 0 || k >= d) {
      k = d++;
      names[k] = r.detector;
      keeps[k] = 1;
    }
    keeps[k] = keeps[k]! * (1 - Math.min(Math.max(r.contribution, 0), 100) / 100);
  }
  let total = 0;
  for (let k = 0; k < d; k++) total += 1 - keeps[k]!;
  if (total <= 0) d = 0;
  let fits = d <= INLINE_PARTS;
  for (let k = 0; k < d && fits; k++) {
    const code = partCode(names[k]!);
    const tenths = Math.round(((rounded * (1 - keeps[k]!)) / total) * 10);
    fits = code >= 0 && tenths >= 0 && tenths <= 0xffff;
    tl.codes[i * INLINE_PARTS + k] = code;
    tl.tenths[i * INLINE_PARTS + k] = tenths;
  }
  for (let k = d; k < INLINE_PARTS && fits; k++) tl.codes[i * INLINE_PARTS + k] = NO_PART;
  if (!fits) tl.codes[i * INLINE_PARTS] = IN_MORE;
  if (!fits) keepMore(tl, i, scoreParts(reasons, rounded));
  names.length = 0;
  return tl;
}

/** Keeps the shares of slot `i` that do not fit in the buffer. */
function keepMore(tl: Timeline, i: number, parts: Record<string, number>): void {
  tl.more ??= new Map();
  tl.more.set(i, parts);
}

/** A copy of a timeline not yet wrapped, with room for `slots` ticks. */
function grown(tl: Timeline, slots: number): Timeline {
  const out = timelineOf(slots);
  out.t.set(tl.t);
  if (tl.ms) {
    out.ms = new Float64Array(slots);
    out.ms.set(tl.ms);
  }
  out.score.set(tl.score);
  out.codes.set(tl.codes);
  out.tenths.set(tl.tenths);
  out.more = tl.more;
  out.n = tl.n;
  return out;
}

/** A timeline as plain values (its slots in ring order, shares by detector name), for a host's snapshot. */
export interface TimelineSnapshot {
  n: number;
  t: number[];
  score: number[];
  parts: Record<string, number>[];
}

export function exportTimeline(tl: Timeline): TimelineSnapshot {
  const slots = Math.min(tl.n, tl.t.length);
  const parts: Record<string, number>[] = [];
  for (let i = 0; i < slots; i++) parts.push(partsAt(tl, i));
  return {
    n: tl.n,
    t: Array.from({ length: slots }, (_, i) => timeAt(tl, i)),
    score: Array.from(tl.score.subarray(0, slots)),
    parts,
  };
}

export function importTimeline(snap: TimelineSnapshot): Timeline {
  const slots = snap.t.length;
  const tl = timelineOf(Math.max(slots, FIRST_SLOTS));
  tl.n = snap.n;
  for (let i = 0; i < slots; i++) setTime(tl, i, snap.t[i]!);
  tl.score.set(snap.score);
  for (let i = 0; i < slots; i++) {
    const names = Object.keys(snap.parts[i]!);
    let fits = names.length <= INLINE_PARTS;
    for (let k = 0; k < names.length && fits; k++) {
      const code = partCode(names[k]!);
      const tenths = Math.round(snap.parts[i]![names[k]!]! * 10);
      fits = code >= 0 && tenths >= 0 && tenths <= 0xffff;
      tl.codes[i * INLINE_PARTS + k] = code;
      tl.tenths[i * INLINE_PARTS + k] = tenths;
    }
    for (let k = names.length; k < INLINE_PARTS && fits; k++) tl.codes[i * INLINE_PARTS + k] = NO_PART;
    if (!fits) tl.codes[i * INLINE_PARTS] = IN_MORE;
    if (!fits) keepMore(tl, i, { ...snap.parts[i]! });
  }
  return tl;
}

/** The timeline's points, oldest first, each with every detector's share of its score. */
export function timelinePoints(tl: Timeline | null): TimelinePoint[] {
  if (!tl) return [];
  const len = Math.min(tl.n, TIMELINE);
  const out: TimelinePoint[] = [];
  for (let k = tl.n - len; k < tl.n; k++) {
    const i = k % TIMELINE;
    const score = Math.round(tl.score[i]! * 10) / 10;
    out.push({ t: timeAt(tl, i), score, parts: partsAt(tl, i) });
  }
  return out;
}

function partsAt(tl: Timeline, i: number): Record<string, number> {
  if (tl.codes[i * INLINE_PARTS] === IN_MORE) return { ...tl.more!.get(i)! };
  const parts: Record<string, number> = {};
  for (let k = 0; k < INLINE_PARTS && tl.codes[i * INLINE_PARTS + k] !== NO_PART; k++)
    parts[partNames[tl.codes[i * INLINE_PARTS + k]!]!] = tl.tenths[i * INLINE_PARTS + k]! / 10;
  return parts;
}

export interface TimelinePoint {
  t: number;
  score: number;
  /** Detector → its share of `score` (each detector's combined contributions, in proportion). */
  parts: Record<string, number>;
}

/** Splits a held score between the detectors behind it (`detectorShares`), each to a tenth. */
export function scoreParts(reasons: readonly Reason[], score: number): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const [d, v] of detectorShares(reasons, score)) parts[d] = Math.round(v * 10) / 10;
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
