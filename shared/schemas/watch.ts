/**
 * @module Watchlists and saved hunts: what a lead watches (a host, a CIDR range or a domain, with a reason and an
 * expiry) and the hunts the team shares (filters over hosts, alerts and events). Matching a watch entry is here too,
 * so the alert rule's lower threshold and every screen's mark agree.
 */
import { z } from 'zod';
import { techniqueIdSchema } from '../attack.js';
import { canonicalIP, cidrMatcher, isIPv4 } from '../ip.js';
import { alertSchema } from './alert.js';
import { recentEventSchema } from './api.js';
import { hostScoreSchema } from './score.js';
import { WATCH_KINDS, type WatchKind } from './watch-mark.js';

export { WATCH_KINDS, type WatchKind };

/** Longest a watch entry may last: 90 days. */
export const MAX_WATCH_HOURS = 24 * 90;

const DOMAIN = /^(?=.{1,253}$)([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/;

/** The canonical value of a watch entry (address, CIDR as given, lower-case domain), or null when it is not one. */
export function watchValue(kind: WatchKind, raw: string): string | null {
  const v = raw.trim();
  if (kind === 'host') return canonicalIP(v);
  if (kind === 'cidr') return /\/\d{1,3}$/.test(v) && cidrMatcher(v) ? v : null;
  const d = v.toLowerCase().replace(/\.$/, '');
  return DOMAIN.test(d) ? d : null;
}

export const watchEntrySchema = z.object({
  id: z.string(),
  kind: z.enum(WATCH_KINDS),
  value: z.string(),
  reason: z.string(),
  /** Epoch ms; an expired entry is no longer listed nor matched. */
  expiresAt: z.number(),
  author: z.string(),
  createdAt: z.number(),
});
export type WatchEntry = z.infer<typeof watchEntrySchema>;

/** `POST /api/watchlist`. */
export const newWatchEntrySchema = z
  .object({
    kind: z.enum(WATCH_KINDS),
    value: z.string().trim().min(1).max(260),
    reason: z.string().trim().min(1, 'a reason is required').max(500),
    expiresInHours: z.number().int().min(1).max(MAX_WATCH_HOURS),
  })
  .superRefine((b, ctx) => {
    if (watchValue(b.kind, b.value) === null) {
      const what = {
        host: 'an IP address',
        cidr: 'a CIDR range such as 10.1.0.0/16',
        domain: 'a domain name',
      };
      ctx.addIssue({ code: 'custom', path: ['value'], message: `must be ${what[b.kind]}` });
    }
  });
export type NewWatchEntry = z.input<typeof newWatchEntrySchema>;

export const watchlistAnswerSchema = z.object({ entries: z.array(watchEntrySchema) });

/** What a screen or the alert rule asks about: an address, and the names it was seen with. */
export interface WatchSubject {
  ip?: string;
  domains?: readonly string[];
}

/** Whether a domain is the watched one or under it (`a.evil.example` is under `evil.example`). */
const under = (name: string, watched: string) => {
  const n = name.toLowerCase().replace(/\.$/, '');
  return n === watched || n.endsWith(`.${watched}`);
};

/**
 * The watch entries (live at `now`) a subject matches: a host by address, a CIDR by range, a domain by any of the
 * subject's names. `matchers` caches each CIDR's matcher across calls.
 */
export function watchMatches(
  entries: readonly WatchEntry[],
  s: WatchSubject,
  now: number,
  matchers: Map<string, ((ip: string) => boolean) | null> = new Map(),
): WatchEntry[] {
  const ip = s.ip ? canonicalIP(s.ip) : null;
  return entries.filter((e) => {
    if (e.expiresAt <= now) return false;
    if (e.kind === 'host') return ip !== null && e.value === ip;
    if (e.kind === 'cidr') {
      if (!ip) return false;
      if (!matchers.has(e.value)) matchers.set(e.value, cidrMatcher(e.value));
      return matchers.get(e.value)?.(ip) ?? false;
    }
    return (s.domains ?? []).some((d) => under(d, e.value));
  });
}

/** Whether a subject is watched, answered from an index of the live entries (what the alert rule asks each tick). */
export interface WatchIndex {
  matches(s: WatchSubject): boolean;
  /** The kind of the entry a subject matches (an address before a range before a domain), or null. */
  kindOf(s: WatchSubject): WatchKind | null;
  /** Whether any entry is a domain (only then are a host's names worth reading). */
  readonly hasDomains: boolean;
}

const ipv4Int = (ip: string): number => ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);

/**
 * An index of the entries live at `now`: addresses in a set; IPv4 ranges as a set of network numbers per prefix
 * length (one lookup per length in use); IPv6 ranges through their matchers; domains in a set, a name looked up with
 * each of its parent domains. The same answers as {@link watchMatches}, at a cost that does not grow with the list.
 */
export function watchIndex(entries: readonly WatchEntry[], now: number): WatchIndex {
  const live = entries.filter((e) => e.expiresAt > now);
  const hosts = new Set(live.filter((e) => e.kind === 'host').map((e) => e.value));
  const domains = new Set(live.filter((e) => e.kind === 'domain').map((e) => e.value));
  const v4 = new Map<number, Set<number>>();
  const v6: ((ip: string) => boolean)[] = [];
  for (const e of live) {
    if (e.kind !== 'cidr') continue;
    const [addr = '', bits = ''] = e.value.split('/');
    if (isIPv4(addr)) {
      const len = Number(bits);
      const nets = v4.get(len) ?? new Set<number>();
      nets.add(len === 0 ? 0 : Math.floor(ipv4Int(addr) / 2 ** (32 - len)));
      v4.set(len, nets);
    } else {
      const m = cidrMatcher(e.value);
      if (m) v6.push(m);
    }
  }
  const kindOf = (s: WatchSubject): WatchKind | null => {
    const ip = s.ip ? canonicalIP(s.ip) : null;
    if (ip) {
      if (hosts.has(ip)) return 'host';
      if (isIPv4(ip)) {
        const n = ipv4Int(ip);
        for (const [len, nets] of v4)
          if (nets.has(len === 0 ? 0 : Math.floor(n / 2 ** (32 - len)))) return 'cidr';
      } else if (v6.some((m) => m(ip))) return 'cidr';
    }
    if (domains.size === 0) return null;
    for (const name of s.domains ?? []) {
      let d = name.toLowerCase();
      if (d.endsWith('.')) d = d.slice(0, -1);
      for (;;) {
        if (domains.has(d)) return 'domain';
        const dot = d.indexOf('.');
        if (dot < 0) break;
        d = d.slice(dot + 1);
      }
    }
    return null;
  };
  return {
    hasDomains: domains.size > 0,
    kindOf,
    matches: (s) => kindOf(s) !== null,
  };
}

/** Filters of a saved hunt; every one given must hold. */
export const huntFiltersSchema = z
  .object({
    segment: z.string().trim().min(1).max(64).optional(),
    detector: z.string().trim().min(1).max(64).optional(),
    technique: techniqueIdSchema.optional(),
    /** An intelligence feed's name: reasons matched from it. */
    feed: z.string().trim().min(1).max(128).optional(),
    /** Lowest score (a host's now, an alert's peak). */
    minScore: z.number().min(0).max(100).optional(),
    /** The time range: the last so many minutes, or from/to (epoch ms). */
    lastMinutes: z.number().int().min(1).max(43_200).optional(),
    from: z.number().int().nonnegative().optional(),
    to: z.number().int().nonnegative().optional(),
  })
  .strict()
  .refine((f) => f.lastMinutes === undefined || (f.from === undefined && f.to === undefined), {
    message: 'give lastMinutes or from/to, not both',
  })
  .refine((f) => f.from === undefined || f.to === undefined || f.from < f.to, {
    message: 'from must be before to',
  });
export type HuntFilters = z.infer<typeof huntFiltersSchema>;

export const huntSchema = z.object({
  id: z.string(),
  name: z.string(),
  filters: huntFiltersSchema,
  author: z.string(),
  createdAt: z.number(),
});
export type Hunt = z.infer<typeof huntSchema>;

/** `POST /api/hunts`. */
export const newHuntSchema = z.object({
  name: z.string().trim().min(1, 'a name is required').max(80),
  filters: huntFiltersSchema,
});
export type NewHunt = z.input<typeof newHuntSchema>;

/** How many of each a hunt finds now. */
export const huntCountsSchema = z.object({
  alerts: z.number().int(),
  hosts: z.number().int(),
  events: z.number().int(),
});

/** `GET /api/hunts`: the team's hunts, newest first, each with what it finds now. */
export const huntsAnswerSchema = z.object({
  hunts: z.array(huntSchema.extend({ counts: huntCountsSchema })),
});

/** `GET /api/hunts/:id`: the hunt and what it finds (at most 100 of each, strongest first). */
export const huntResultsSchema = z.object({
  hunt: huntSchema,
  from: z.number(),
  to: z.number(),
  alerts: z.array(alertSchema),
  hosts: z.array(hostScoreSchema),
  events: z.array(recentEventSchema),
  counts: huntCountsSchema,
});
export type HuntResults = z.infer<typeof huntResultsSchema>;
