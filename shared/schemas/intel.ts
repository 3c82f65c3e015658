/** @module Threat-intelligence feed status as the admin page shows it (`GET /api/intel`). */
import { z } from 'zod';

export const intelSkippedSchema = z.object({ id: z.string(), why: z.string(), text: z.string().optional() });

export const intelFeedStatusSchema = z.object({
  name: z.string(),
  kind: z.enum(['stix', 'misp', 'list', 'auto']),
  location: z.string(),
  /** `ok`: loaded at the last attempt; `error`: the last attempt failed and the previous contents are kept. */
  state: z.enum(['loading', 'ok', 'error']),
  /** Why the last attempt failed. */
  error: z.string().optional(),
  /** Kind recognised from the content (for a bare location). */
  recognisedAs: z.enum(['stix', 'misp', 'list']).optional(),
  /** Epoch ms of the last attempt and of the last success. */
  attemptedAt: z.number().optional(),
  loadedAt: z.number().optional(),
  indicators: z.number(),
  observables: z.number(),
  expired: z.number(),
  skipped: z.number(),
  /** The first skipped entries, with why. */
  skippedList: z.array(intelSkippedSchema),
});
export type IntelFeedStatus = z.infer<typeof intelFeedStatusSchema>;

export const intelStatusSchema = z.object({
  feeds: z.array(intelFeedStatusSchema),
  /** Observables matched against every event, over every feed. */
  observables: z.number(),
  refreshS: z.number(),
  refreshing: z.boolean(),
});
export type IntelStatus = z.infer<typeof intelStatusSchema>;
