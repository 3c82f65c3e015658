/**
 * @module `WF_INTEL` parsed: a comma list of feeds, each `stix:PATH|URL`, `misp:DIR|URL` (a MISP feed with
 * `manifest.json`), `list:PATH|URL`, or a bare path or URL whose kind is recognised from its content when loaded.
 */
import { hasUserInfo, redactUrl } from '../../shared/redact-url.js';

export const FEED_KINDS = ['stix', 'misp', 'list'] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

export interface FeedSpec {
  /** Declared kind; `auto` is recognised from the content. */
  kind: FeedKind | 'auto';
  /** A file or folder path, or an http(s) URL. */
  location: string;
  /** The feed's name in reasons and on the admin page: the location's last path part (made unique). */
  name: string;
}

export const isUrl = (location: string): boolean => /^https?:\/\//i.test(location);

/** Where a feed is, as errors and system alerts name it: a path as it is, a URL without its secrets. */
export const shownLocation = (location: string): string => (isUrl(location) ? redactUrl(location) : location);

/** Parses the list; throws an Error naming the bad part. */
export function parseFeedSpecs(text: string): FeedSpec[] {
  const out: FeedSpec[] = [];
  for (const part of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(stix|misp|list):(.+)$/i.exec(part);
    const kind = m ? (m[1]!.toLowerCase() as FeedKind) : 'auto';
    const location = m ? m[2]!.trim() : part;
    if (/^[a-z]+:/i.test(location) && !isUrl(location) && !/^[a-z]:[\\/]/i.test(location))
      throw new Error(`"${part}": a feed is stix:, misp: or list: followed by a path or an http(s) URL`);
    // fetch refuses user info: such a feed failed at every refresh, its password shown in the system alert
    if (isUrl(location) && hasUserInfo(location))
      throw new Error(
        `"${redactUrl(location)}": a feed URL with a user name or password (user:password@) cannot be fetched; put the key in the query`,
      );
    const base =
      location
        .replace(/[?#].*$/, '')
        .replace(/[\\/]+$/, '')
        .split(/[\\/]/)
        .pop() || location;
    let name = base;
    for (let n = 2; out.some((f) => f.name === name); n++) name = `${base}#${n}`;
    out.push({ kind, location, name });
  }
  return out;
}
