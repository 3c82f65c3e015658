/** @module Ingest health as served by `GET /api/stats` and carried in every frame. */
import { z } from 'zod';

/**
 * What stops ingest, when something does: Watchfloor's own store (`redis`: unreachable), or reading its input (`input`:
 * a stream read or acknowledgement failing). Screens say which, rather than blaming the sensors for a quiet feed.
 */
export const INGEST_DOWN = ['redis', 'input'] as const;
export type IngestDown = (typeof INGEST_DOWN)[number];

export const statsSchema = z.object({
  /** Entries accepted since the counters began (`countedSince`; shared by every instance, kept in Redis). */
  ingested: z.number(),
  /**
   * When the shared counters began (epoch ms): the first start of the deployment, as stamped by the first process to
   * start with this field. Absent before a process has stamped it.
   */
  countedSince: z.number().optional(),
  /** True when the counters already held counts when `countedSince` was stamped (they began before it). */
  countedSinceBefore: z.boolean().optional(),
  /** Entries dead-lettered. */
  rejected: z.number(),
  rejectedByReason: z.record(z.string(), z.number()),
  /** Accepted entries per second over the last 10 s (this instance). */
  eventsPerSec: z.number(),
  /** Entries in the input streams not yet delivered to the consumer group. */
  lag: z.number(),
  /** Entries producers' trimming removed before the group read them (since the stream began). */
  lostToTrim: z.number(),
  /**
   * Unread entries an input stream held when it was deleted (`DEL`), as far as Watchfloor could know: the lag last
   * seen before the deletion (at most one stats refresh old).
   */
  lostToDelete: z.number().optional(),
  /** Entries delivered but not yet acknowledged. */
  pending: z.number(),
  /** Why ingest is not going through right now (e.g. Redis refusing writes), null while it is. */
  ingestError: z.string().nullable().optional(),
  /** Socket.IO clients connected to this instance. */
  clients: z.number(),
  uptimeS: z.number(),
  /** Newest event time applied (epoch ms), 0 before the first event. */
  newestEventTs: z.number(),
  /** Entries this instance applied since it started; lets a client tell which events a frame covers. */
  applied: z.number(),
});
export type Stats = z.infer<typeof statsSchema>;
