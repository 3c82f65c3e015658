/** @module What a threat-intelligence feed is made of once parsed: indicators, their observables, what was skipped. */

/** The kinds of value an indicator can name, as Watchfloor matches them. */
export const OBSERVABLE_TYPES = ['ip', 'cidr', 'domain', 'url', 'hash'] as const;
export type ObservableType = (typeof OBSERVABLE_TYPES)[number];

/** One value an indicator names (an address, a CIDR, a domain, a URL, a hex digest: MD5/SHA-1/SHA-256/JA3/JA3S). */
export interface Observable {
  type: ObservableType;
  /** Normalized: canonical address, lower-case domain, `host/path` URL, lower-case hex. */
  value: string;
}

/** An indicator and what it says about its values. Shared by every observable it names. */
export interface Indicator {
  /** The feed it came from (its name in `WF_INTEL`). */
  feed: string;
  /** Its id in the feed (STIX id, MISP attribute uuid, `list:<line>`). */
  id: string;
  /** A short human name (STIX name, MISP event info). */
  name?: string;
  /** 0–100. */
  confidence: number;
  labels: string[];
  /** ATT&CK technique ids it is evidence of. */
  attack: string[];
  /** End of validity (epoch ms); absent when open-ended. */
  validUntil?: number;
  observables: Observable[];
}

/** Something a feed held that Watchfloor does not match, and why (listed for the admin). */
export interface Skipped {
  id: string;
  why: string;
  /** The pattern or value, truncated. */
  text?: string;
}

export interface ParsedFeed {
  indicators: Indicator[];
  skipped: Skipped[];
  /** Indicators left out because their validity ended or they were revoked. */
  expired: number;
}

/** Confidence given to an indicator whose feed says none. */
export const DEFAULT_CONFIDENCE = 50;
/** Confidence from which one match alerts on its own (DESIGN "Intelligence"). */
export const ALERT_CONFIDENCE = 80;
/** At most this many skipped entries are kept per feed for the admin (the count is exact). */
export const MAX_SKIPPED_LISTED = 200;

/** Adds a skipped entry, keeping at most {@link MAX_SKIPPED_LISTED}; returns the feed for chaining. */
export function skip(feed: ParsedFeed, id: string, why: string, text?: string): void {
  if (feed.skipped.length < MAX_SKIPPED_LISTED) feed.skipped.push({ id, why, text: text?.slice(0, 200) });
  else feed.skipped.push({ id, why });
}
