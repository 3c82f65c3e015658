/**
 * @module Segment views of the engine's entities: a segment's score (its own evidence and its most anomalous host),
 * its active hosts and baseline for the overview, and its open series points. Reads only; the engine owns the state.
 */
import type { SeriesPoint } from '../../shared/schemas/frame.js';
import { type Reason, SCORED_MIN, SEGMENT_TOP_HOSTS, type SegmentScore } from '../../shared/schemas/score.js';
import { combine2 } from './baseline.js';
import type { Entity } from './entity.js';
import type { SeriesBuffer } from './series.js';
import type { Detector } from './types.js';

/** What the projection reads of the engine. */
export interface EngineView {
  /** Entities with a non-zero score. */
  readonly scored: ReadonlySet<Entity>;
  readonly hosts: ReadonlyMap<string, Entity>;
  readonly segments: ReadonlyMap<string, Entity>;
  readonly series: SeriesBuffer;
  /** Segment detectors, in the order of a segment entity's states. */
  readonly segmentDetectors: readonly Detector[];
  held(e: Entity, at: number): number;
}

/** A host counts as active on its segment when seen within this much event time. */
const ACTIVE_MS = 60_000;

export class SegmentProjection {
  /** The segment detector whose baseline the overview draws (the first that exposes one), or −1. */
  private readonly baselineIndex: number;

  constructor(private readonly v: EngineView) {
    this.baselineIndex = v.segmentDetectors.findIndex((d) => d.baseline !== undefined);
  }

  /** A segment's score: its own evidence and its most anomalous host, combined. */
  score(segment: string, at: number): number {
    const own = this.v.segments.get(segment);
    let topHost = 0;
    for (const e of this.v.scored)
      if (e.type === 'host' && e.segment === segment) topHost = Math.max(topHost, this.v.held(e, at));
    return Math.round(combine2(own ? this.v.held(own, at) : 0, topHost) * 10) / 10;
  }

  /**
   * Every segment of the series, by name, with its most anomalous hosts. Their reasons go without their example refs
   * (the wall names a host's reason, it opens no event): with them a frame's segments were five times as large
   * (8 segments: 15.5 KB, of which 12.6 KB hosts), and every screen receives every frame.
   */
  scores(eventsPerSec: (segment: string) => number, at: number): SegmentScore[] {
    // every scored host once, by segment (not every host once per segment), each held score worked out once
    const bySegment = new Map<string, { e: Entity; s: number }[]>();
    for (const e of this.v.scored) {
      if (e.type !== 'host') continue;
      const list = bySegment.get(e.segment);
      const h = { e, s: this.v.held(e, at) };
      if (list) list.push(h);
      else bySegment.set(e.segment, [h]);
    }
    // the segments of the series and those the engine knows (after a restart, a segment whose sensors went quiet
    // has no recent series and was missing from the wall, its unresolved critical alert counted but no tile)
    const names = new Set(this.v.series.segments);
    for (const id of this.v.segments.keys()) names.add(id);
    return [...names].sort().map((segment) => {
      const own = this.v.segments.get(segment);
      const hosts = (bySegment.get(segment) ?? []).sort((a, b) => b.s - a.s);
      const top = hosts[0];
      return {
        segment,
        score: this.score(segment, at),
        reasons: segmentReasons(own, own ? this.v.held(own, at) : 0, top?.e, top?.s ?? 0),
        topHosts: hosts
          .filter((h) => h.s >= 1)
          .slice(0, SEGMENT_TOP_HOSTS)
          .map(({ e, s }) => ({
            ip: e.id,
            score: Math.round(s * 10) / 10,
            reasons: e.reasons.slice(0, 3).map(withoutExamples),
          })),
        activeHosts: this.activeHosts(segment, at),
        eventsPerSec: eventsPerSec(segment),
        baseline: this.baseline(own),
        lastSeen: own?.lastSeen ?? 0,
      };
    });
  }

  /** Open series points, stamped with current segment scores. */
  openPoints(at: number): SeriesPoint[] {
    return this.v.series.openPoints((s) => this.score(s, at));
  }

  private baseline(own: Entity | undefined): { mean: number; std: number } {
    const i = this.baselineIndex;
    const state = own && i >= 0 ? own.states[i] : undefined;
    return state ? this.v.segmentDetectors[i]!.baseline!(state) : { mean: 0, std: 0 };
  }

  private activeHosts(segment: string, at: number): number {
    let n = 0;
    for (const e of this.v.hosts.values()) if (e.segment === segment && e.lastSeen >= at - ACTIVE_MS) n++;
    return n;
  }
}

function withoutExamples(r: Reason): Reason {
  const { examples: _, ...rest } = r;
  return rest;
}

/**
 * A segment's reasons: its own and its strongest host's top reason, the part that weighs more in its score now first;
 * a part whose score has faded below {@link SCORED_MIN} is the past and is left out (a sensor's silence, over since,
 * was the top reason beside a score its hosts made for as long as the segment's own reasons were kept).
 */
function segmentReasons(
  own: Entity | undefined,
  ownHeld: number,
  top: Entity | undefined,
  topHeld: number,
): Reason[] {
  const mine = own && ownHeld >= SCORED_MIN ? own.reasons : [];
  const host = top && topHeld >= SCORED_MIN ? top.reasons.slice(0, 1) : [];
  return (ownHeld >= topHeld ? [...mine, ...host] : [...host, ...mine]).slice(0, 3);
}
