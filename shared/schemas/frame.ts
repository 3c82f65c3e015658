/** @module Series points, frames (one per tick) and snapshots (full state on connect and on resync). */
import { z } from 'zod';
import { alertSchema } from './alert.js';
import { wallHandoverSchema } from './handover.js';
import { hostScoreSchema, segmentScoreSchema } from './score.js';
import { INGEST_DOWN, statsSchema } from './stats.js';
import { EVENT_KINDS } from './telemetry.js';
import { watchedHostSchema } from './watch-mark.js';

/**
 * The hosts the screen shows (its top hosts, its unresolved alerts' hosts, within its segments) that are on the
 * watchlist; absent when none is. Nothing else of the watchlist reaches a screen this way.
 */
const watchedSchema = z.array(watchedHostSchema).optional();

const kindCounts = z.object(
  Object.fromEntries(EVENT_KINDS.map((k) => [k, z.number()])) as Record<
    (typeof EVENT_KINDS)[number],
    z.ZodNumber
  >,
);

/** One segment's one-second event-time bucket. */
export const seriesPointSchema = z.object({
  segment: z.string(),
  /** Bucket start, epoch ms (a multiple of 1000). */
  t: z.number(),
  events: z.number(),
  bytesOut: z.number(),
  byKind: kindCounts,
  /** Segment score at the bucket's close (for the open bucket: the score so far). */
  score: z.number(),
  /** True while the bucket may still receive events; a later frame repeats it with final values. */
  open: z.boolean(),
});
export type SeriesPoint = z.infer<typeof seriesPointSchema>;

export const frameSchema = z.object({
  /** Server wall clock when the frame was built, epoch ms. */
  now: z.number(),
  seq: z.number(),
  /** Event-time watermark: buckets before it are closed. */
  watermark: z.number(),
  points: z.array(seriesPointSchema),
  segments: z.array(segmentScoreSchema),
  topHosts: z.array(hostScoreSchema),
  /** Network-wide ingest health; null on screens limited to some segments, which get only their own figures. */
  stats: statsSchema.nullable(),
  /**
   * Segments whose partition has no live scorer (several processes, `WF_ROLES`): their figures are the last known,
   * to be shown as stale, never as zero. Absent when every segment is live (and always in one process).
   */
  stale: z.array(z.string()).optional(),
  watched: watchedSchema,
  /**
   * What stops ingest right now (`INGEST_DOWN`), on every screen, segment-limited ones too (the wall must not blame
   * the sensors for Watchfloor's own store being down); absent while ingest goes through.
   */
  ingestDown: z.enum(INGEST_DOWN).optional(),
});
export type Frame = z.infer<typeof frameSchema>;

export const snapshotSchema = z.object({
  now: z.number(),
  /** `seq` of the last frame sent before this snapshot; the next frame carries seq + 1. */
  seq: z.number(),
  tickMs: z.number(),
  watermark: z.number(),
  /** The last 15 minutes of per-second points, every segment, oldest first. */
  series: z.array(seriesPointSchema),
  segments: z.array(segmentScoreSchema),
  topHosts: z.array(hostScoreSchema),
  /**
   * The unresolved alerts, then those resolved in the last hour (`RESOLVED_EXPLAINS_MS`, at most
   * `RESOLVED_IN_SNAPSHOT`): what a score still in an alert band after its alert was resolved is explained with.
   */
  alerts: z.array(alertSchema),
  /** As in a frame: null on screens limited to some segments. */
  stats: statsSchema.nullable(),
  /** What the wall shows of the written handover; absent on screens limited to some segments. */
  handover: wallHandoverSchema.optional(),
  /** As in a frame. */
  stale: z.array(z.string()).optional(),
  /** As in a frame. */
  watched: watchedSchema,
  /** As in a frame. */
  ingestDown: z.enum(INGEST_DOWN).optional(),
});
export type Snapshot = z.infer<typeof snapshotSchema>;
/** A snapshot but its series: a client may check the series (thousands of points) apart, in slices. */
export const snapshotHeadSchema = snapshotSchema.omit({ series: true });
