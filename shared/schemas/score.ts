/** @module Scores and the reasons that explain them. */
import { z } from 'zod';
import { techniquesSchema } from '../attack.js';
import { geoSchema } from './geo.js';
import { watchKindSchema } from './watch-mark.js';

/** What a reason of the `intel` detector says about the indicator that matched. */
export const intelMatchSchema = z.object({
  /** The indicator's value that matched (an address, a CIDR, a parent domain, a URL, a hash). */
  indicator: z.string(),
  /** The event field it matched (`dst_ip`, `query`, `tls_sni`, `ja3`…). */
  field: z.string(),
  feed: z.string(),
  /** Its id in the feed (STIX id, MISP attribute uuid, `line N` of a list). */
  id: z.string(),
  name: z.string().optional(),
  confidence: z.number(),
  labels: z.array(z.string()),
  /** End of validity, epoch ms. */
  validUntil: z.number().optional(),
});
export type IntelMatch = z.infer<typeof intelMatchSchema>;

/** The highest score: a score is 0–100. */
export const MAX_SCORE = 100;

/**
 * An expected band is the baseline mean ± this many standard deviations: the band a reason carries and the band the
 * screens shade are the same one, the one the detector judged by.
 */
export const BAND_SIGMAS = 3;

/**
 * The IDS detector counts a signature's alerts weighted by age: each alert's weight halves every this long, so the
 * count its reasons carry (`observed`) is a weighted count (2.4), not whole alerts; the screens say so.
 */
export const IDS_HALF_LIFE_MS = 600_000;
/**
 * A held score below this has faded: the engine lets the entity go from the top lists, its sparkline and its
 * timeline, and screens read it as normal whatever its last reasons (they were found when it was scored).
 */
export const SCORED_MIN = 0.5;

/** One piece of evidence behind a score: what was observed, what was expected, how much it added. */
export const reasonSchema = z.object({
  detector: z.string(),
  feature: z.string(),
  observed: z.number(),
  expected: z.number(),
  /** Expected band [low, high] when the detector has one. */
  band: z.tuple([z.number(), z.number()]).optional(),
  /** Points this reason adds, 0–100, before combination. */
  contribution: z.number(),
  /** Ids of example events behind the reason (event_id or stream entry id). */
  examples: z.array(z.string()).optional(),
  /** ATT&CK technique ids the reason is evidence of. */
  attack: techniquesSchema.optional(),
  /** Present on reasons of the `intel` detector. */
  intel: intelMatchSchema.optional(),
  /**
   * Where the external peer the reason names is (`WF_GEOIP_DB`, `WF_ASN_DB`): a first contact's country or AS, a
   * beacon's or an indicator's address. Absent without databases, or when they know nothing of the address.
   */
  geo: geoSchema.extend({ ip: z.string().optional() }).optional(),
});
export type Reason = z.infer<typeof reasonSchema>;

/** What the asset inventory (`WF_ASSETS`) says about a host. */
export const hostAssetSchema = z.object({
  name: z.string(),
  owner: z.string().optional(),
  criticality: z.enum(['low', 'medium', 'high', 'critical']),
});
export type HostAsset = z.infer<typeof hostAssetSchema>;

export const hostScoreSchema = z.object({
  ip: z.string(),
  segment: z.string(),
  score: z.number(),
  reasons: z.array(reasonSchema),
  /** Recent per-second scores, oldest first, for a sparkline. */
  spark: z.array(z.number()),
  lastSeen: z.number(),
  /** Present when the inventory names the host. */
  asset: hostAssetSchema.optional(),
  /** Present when the host is on the watchlist: by its address, a range, or a domain its recent events reached. */
  watched: watchKindSchema.optional(),
});
export type HostScore = z.infer<typeof hostScoreSchema>;

/** How many of a segment's most anomalous hosts its score carries. */
export const SEGMENT_TOP_HOSTS = 4;

/**
 * One of a segment's most anomalous hosts: its address, score and strongest reasons (what its band is read from), and
 * how it is watched when it is.
 */
export const segmentHostSchema = hostScoreSchema.pick({
  ip: true,
  score: true,
  reasons: true,
  watched: true,
});
export type SegmentHost = z.infer<typeof segmentHostSchema>;

export const segmentScoreSchema = z.object({
  segment: z.string(),
  score: z.number(),
  reasons: z.array(reasonSchema),
  /**
   * The segment's most anomalous hosts (score ≥ 1), at most {@link SEGMENT_TOP_HOSTS}, strongest first: the hosts its
   * score comes from, whether or not they are among the network's top hosts. Absent from scorers before it existed.
   */
  topHosts: z.array(segmentHostSchema).max(SEGMENT_TOP_HOSTS).optional(),
  activeHosts: z.number(),
  eventsPerSec: z.number(),
  /** Baseline of the segment's event rate (EWMA mean and one standard deviation). */
  baseline: z.object({ mean: z.number(), std: z.number() }),
  lastSeen: z.number(),
});
export type SegmentScore = z.infer<typeof segmentScoreSchema>;
