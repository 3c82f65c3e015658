/** @module Threat-intelligence feed and geo database status as the admin page shows it (`GET /api/intel`). */
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
  /** Observables left out because a warninglist names them (counted among `skipped` and listed there too). */
  warned: z.number(),
  /** The first skipped entries, with why. */
  skippedList: z.array(intelSkippedSchema),
});
export type IntelFeedStatus = z.infer<typeof intelFeedStatusSchema>;

/** A geo database (`WF_GEOIP_DB`, `WF_ASN_DB`): its file, whether its last read worked, what is loaded. */
export const geoDatabaseStatusSchema = z.object({
  variable: z.enum(['WF_GEOIP_DB', 'WF_ASN_DB']),
  path: z.string(),
  /** `ok`: the file's last version loaded; `error`: it did not open, and the database loaded before is kept. */
  state: z.enum(['ok', 'error']),
  /** Why the last version did not open. */
  error: z.string().optional(),
  /** The loaded database's own type (`GeoLite2-Country`…) and build date (epoch ms). */
  type: z.string().optional(),
  builtAt: z.number().optional(),
  /** Epoch ms of the last load, and of the last attempt after a change of the file. */
  loadedAt: z.number().optional(),
  attemptedAt: z.number().optional(),
});
export type GeoDatabaseStatus = z.infer<typeof geoDatabaseStatusSchema>;
/** One `WF_INTEL_WARNINGLISTS` location: a MISP warninglist, a folder of them, or a plain list of benign values. */
export const warninglistStatusSchema = z.object({
  location: z.string(),
  /** `error`: the last attempt failed and the lists loaded before are kept. */
  state: z.enum(['loading', 'ok', 'error']),
  error: z.string().optional(),
  /** The lists' names (a folder holds one list per `list.json`). */
  names: z.array(z.string()),
  /** Entries understood, and entries of kinds not matched (`substring`, `regex`). */
  entries: z.number(),
  unsupported: z.number(),
  loadedAt: z.number().optional(),
});
export type WarninglistStatus = z.infer<typeof warninglistStatusSchema>;

export const intelStatusSchema = z.object({
  feeds: z.array(intelFeedStatusSchema),
  warninglists: z.array(warninglistStatusSchema),
  /** Observables matched against every event, over every feed. */
  observables: z.number(),
  refreshS: z.number(),
  refreshing: z.boolean(),
  /** The geo databases, read again when their files change (and by the same refresh); absent when none is set. */
  geo: z.array(geoDatabaseStatusSchema).optional(),
});
export type IntelStatus = z.infer<typeof intelStatusSchema>;

/** The feature of the intel detector's system alert for a feed that failed to load: `feed_failed: <why>`. */
export const FEED_FAILED = 'feed_failed:';
