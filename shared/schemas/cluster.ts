/** @module The cluster as the admin sees it (`GET /api/cluster`): processes, their roles, and who scores each partition. */
import { z } from 'zod';
import { seriesPointSchema } from './frame.js';
import { hostScoreSchema, segmentScoreSchema } from './score.js';

/** What a process may run (`WF_ROLES`); all three is the one-process default. */
export const PROCESS_ROLES = ['ingest', 'score', 'web'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

export const clusterMemberSchema = z.object({
  id: z.string(),
  roles: z.array(z.enum(PROCESS_ROLES)),
  /** Partitions this member scores (its leases). */
  partitions: z.array(z.number()),
  /** Its last heartbeat, epoch ms. */
  lastSeen: z.number(),
  /** Events per second it ingested (routed) or scored, over the last seconds. */
  eventsPerSec: z.number(),
});
export type ClusterMember = z.infer<typeof clusterMemberSchema>;

export const clusterPartitionSchema = z.object({
  n: z.number(),
  /** The member holding the lease; null while nobody does (its segments are shown stale). */
  owner: z.string().nullable(),
  /** Entries (batches of events) routed to it and not yet applied by its owner (at most 100,000 counted). */
  lag: z.number(),
  /** Age of its last snapshot, ms; null when it has none. */
  snapshotAge: z.number().nullable(),
});
export type ClusterPartition = z.infer<typeof clusterPartitionSchema>;

export const clusterSchema = z.object({
  members: z.array(clusterMemberSchema),
  partitions: z.array(clusterPartitionSchema),
});
export type Cluster = z.infer<typeof clusterSchema>;

/**
 * One partition's share of a tick, as its owner writes it (fenced) for the web instances to merge: the closed points
 * of the last seconds (a web instance takes each once) and the open ones, its segments, its top hosts, its rate.
 */
export const partitionPartSchema = z.object({
  n: z.number(),
  member: z.string(),
  /** Wall clock of the owner's tick, epoch ms: a part much older than a tick has no live owner. */
  at: z.number(),
  seq: z.number(),
  watermark: z.number(),
  points: z.array(seriesPointSchema),
  segments: z.array(segmentScoreSchema),
  topHosts: z.array(hostScoreSchema),
  eventsPerSec: z.number(),
  applied: z.number(),
  newestEventTs: z.number(),
  /** The partition stream's last applied entry, and when the last snapshot was written (0: none yet). */
  pos: z.string(),
  snapshotAt: z.number(),
});
export type PartitionPart = z.infer<typeof partitionPartSchema>;
