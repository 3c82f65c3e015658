/**
 * @module A URL as it may be shown to people who may not read the settings it came from: webhook URLs carry their
 * secret in the path (`https://hooks.slack.com/services/T…/B…/<secret>`), feed URLs in the query (`?apikey=`) or in
 * user info. The one place that decides what of such a URL is shown, and whether one carries user info at all.
 */

/** What is shown of a text that is not a URL at all (nothing of it can be told safe). */
const UNREADABLE = '(URL not shown)';

/**
 * The URL without its secrets: scheme, host and port kept; user info, query and fragment dropped; a path longer than
 * one segment shortened to its first followed by `/…`. `https://hooks.slack.com/services/T/B/secret` →
 * `https://hooks.slack.com/services/…`; `http://u:p@feeds.example:8443/list.txt?apikey=K` →
 * `http://feeds.example:8443/list.txt`.
 */
export function redactUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    // not a URL the platform reads: keep no more than a scheme and a host, if it has them
    const m = /^([a-z][a-z0-9+.-]*:\/\/)(?:[^@/?#\\]*@)?([^/?#\\@]*)/i.exec(url);
    return m?.[2] ? `${m[1]}${m[2]}/…` : UNREADABLE;
  }
  // a path that is not a hierarchy (`mailto:`, `javascript:`) is shown as "…" whole
  if (!u.pathname.startsWith('/'))
    return `${u.protocol}${u.host ? `//${u.host}` : ''}${u.pathname ? '…' : ''}`;
  const first = u.pathname.split('/')[1] ?? '';
  const rest = u.pathname.slice(first.length + 1);
  const path = rest === '' || rest === '/' ? u.pathname : `/${first}/…`;
  return `${u.protocol}//${u.host}${path}`;
}

/**
 * The text (an error message, a log line) with every occurrence of `url` shown as {@link redactUrl} shows it. Also
 * the URL as the platform writes it back (`new URL(url).href`), which is how fetch's own errors name it.
 */
export function redactUrlIn(text: string, url: string): string {
  const shown = redactUrl(url);
  let out = url ? text.split(url).join(shown) : text;
  try {
    const href = new URL(url).href;
    if (href !== url) out = out.split(href).join(shown);
  } catch {
    // not a URL: only its own text could be in the message
  }
  return out;
}

/**
 * Whether a URL carries a user name or password (`https://user:pass@host/`). Node's fetch refuses such a URL, so a
 * webhook or a feed given one could never work (and its password would be shown wherever the URL is).
 */
export function hasUserInfo(url: string): boolean {
  try {
    const u = new URL(url);
    return u.username !== '' || u.password !== '';
  } catch {
    return false;
  }
}
