/**
 * @module Where an external address is in the world, as the MaxMind-format databases (`WF_GEOIP_DB`, `WF_ASN_DB`) say:
 * its country and its autonomous system. Carried by events (`src_geo`, `dst_geo`), by reasons that name a peer, and
 * so by alerts; every field optional (a database may know one and not the other).
 */
import { z } from 'zod';

/** ISO 3166-1 alpha-2 country code, upper case. */
export const COUNTRY_CODE = /^[A-Z]{2}$/;
/** The longest autonomous-system organisation name kept (longer names are cut). */
export const MAX_AS_ORG = 128;

export const geoSchema = z.object({
  /** ISO 3166-1 alpha-2 code of the country (`EE`); the screens name it in the reader's language. */
  country: z.string().regex(COUNTRY_CODE).optional(),
  /** Autonomous system number. */
  asn: z.number().int().nonnegative().optional(),
  /** The autonomous system's organisation, as the database names it. */
  org: z.string().max(MAX_AS_ORG).optional(),
});
export type Geo = z.infer<typeof geoSchema>;
