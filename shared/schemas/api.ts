/** @module HTTP answers the client validates: host detail and client configuration. */
import { z } from 'zod';
import { hostScoreSchema } from './score.js';

export const clientConfigSchema = z.object({
  classification: z.object({ text: z.string(), colour: z.string() }),
  tickMs: z.number(),
});
export type ClientConfig = z.infer<typeof clientConfigSchema>;

/** One event as kept for drill-down (a normalized event). */
export const recentEventSchema = z.record(z.string(), z.unknown());

/** `GET /api/hosts/:ip`: the host's live score and reasons, or null when the scorer holds nothing for it. */
/** One tick of a host's held score, with each detector's share of it. */
export const timelinePointSchema = z.object({
  t: z.number(),
  score: z.number(),
  parts: z.record(z.string(), z.number()),
});
export type TimelinePoint = z.infer<typeof timelinePointSchema>;

export const hostDetailSchema = z.object({
  ip: z.string(),
  host: hostScoreSchema
    .extend({ recent: z.array(recentEventSchema), timeline: z.array(timelinePointSchema).default([]) })
    .nullable(),
});
export type HostDetail = z.infer<typeof hostDetailSchema>;
