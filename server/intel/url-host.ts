/**
 * @module Where the host of a URL is, without copying it: the part of an event's URL that `normalizeUrl`
 * (./observable.ts) would keep as host, found in place, so that a URL whose host no indicator names is passed
 * over without normalizing it. Shapes it does not vouch for (surrounding blanks, non-ASCII hosts, a `Host` value
 * holding a path) are left to the full normalization.
 */
/** The host found: its range is in `out`. */
export const HOST_FOUND = 1;
/** No host: the URL normalizes to nothing, so it matches nothing. */
export const NO_HOST = 0;
/** A shape this module does not vouch for: normalize the URL to know. */
export const HOST_UNKNOWN = -1;

const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isSchemeChar = (c: number) => isLetter(c) || (c >= 48 && c <= 57) || c === 43 || c === 46 || c === 45;
/** Below `!` or beyond ASCII: a blank that trimming would remove, or a letter only Unicode case rules fold. */
const isOdd = (c: number) => c <= 32 || c >= 127;

/**
 * The host of `text` as `normalizeUrl` reads it: an absolute URL (`scheme://user@host:port/path`) or, when
 * `relative`, the `Host` value a logged path (starting with `/`) is joined to. Writes the host's start and end
 * (before case folding) to `out`.
 */
export function urlHostRange(text: string, relative: boolean, out: Int32Array): number {
  const len = text.length;
  if (len === 0) return relative ? HOST_UNKNOWN : NO_HOST;
  if (isOdd(text.charCodeAt(0)) || isOdd(text.charCodeAt(len - 1))) return HOST_UNKNOWN;
  let start = 0;
  // a scheme, as normalizeUrl's /^[a-z][a-z0-9+.-]*:\/\//i
  if (isLetter(text.charCodeAt(0))) {
    let i = 1;
    while (i < len && isSchemeChar(text.charCodeAt(i))) i++;
    if (text.startsWith('://', i)) {
      if (relative) return HOST_UNKNOWN;
      start = i + 3;
    }
  }
  let end = start;
  let at = start;
  for (; end < len; end++) {
    const c = text.charCodeAt(end);
    if (c === 47 || c === 63 || c === 35) break; // / ? #
    if (relative && c === 58 && end === len - 1) return HOST_UNKNOWN; // `host:` + `//…` would read as a scheme
    if (c === 64) at = end + 1; // user@
    if (isOdd(c)) return HOST_UNKNOWN;
  }
  if (relative && end < len) return HOST_UNKNOWN;
  if (at === end) return NO_HOST;
  out[0] = at;
  out[1] = urlHostEnd(text, at, end, true);
  return HOST_FOUND;
}

/** The end of the host in the authority `text[start, end)`: before a port, and before one trailing dot if `dropDot`. */
export function urlHostEnd(text: string, start: number, end: number, dropDot = false): number {
  let host = end;
  if (text.charCodeAt(start) === 91) {
    const close = text.indexOf(']:', start);
    if (close >= 0 && close < end) host = close + 1;
  } else {
    const colon = text.lastIndexOf(':', end - 1);
    if (colon > start) host = colon;
  }
  if (dropDot && host > start && text.charCodeAt(host - 1) === 46) host--;
  return host;
}
