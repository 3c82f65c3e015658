/**
 * @module What a screen is told of the watchlist about the hosts it already shows: that a host is watched and how
 * (its address, a range it is in, a domain its events reached), never the entry itself (value, reason, author).
 */
import { z } from 'zod';

export const WATCH_KINDS = ['host', 'cidr', 'domain'] as const;
export type WatchKind = (typeof WATCH_KINDS)[number];
export const watchKindSchema = z.enum(WATCH_KINDS);

/** A host a screen shows (a top host, an unresolved alert's host) that is on the watchlist. */
export const watchedHostSchema = z.object({
  ip: z.string(),
  segment: z.string(),
  kind: watchKindSchema,
});
export type WatchedHost = z.infer<typeof watchedHostSchema>;
