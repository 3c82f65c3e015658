/** @module Pure path helpers (no `window`): route matching and the `next=` rule. */

/**
 * Matches `/hosts/:ip` against a pathname; returns decoded params or null.
 * A trailing slash is ignored; segments are compared case-sensitively.
 */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const want = trimSlash(pattern).split('/');
  const have = trimSlash(pathname).split('/');
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const h = have[i]!;
    if (w.startsWith(':')) {
      if (h === '') return null;
      try {
        params[w.slice(1)] = decodeURIComponent(h);
      } catch {
        return null;
      }
    } else if (w !== h) return null;
  }
  return params;
}

function trimSlash(p: string): string {
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}

/** A `next=` target is only followed when it is a plain same-origin path (no `//host`, no scheme). */
export function safeNext(next: string | null): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/login')) return '/';
  return next;
}

/** Splits a query string into the token and the query without it. Pure. */
export function takeToken(search: string): { token: string | null; rest: string; malformed: boolean } {
  const q = new URLSearchParams(search);
  const token = q.get('token');
  q.delete('token');
  const rest = q.toString();
  const ok = token !== null && /^[A-Za-z0-9._~+/=-]{8,512}$/.test(token);
  return {
    token: ok ? token : null,
    rest: rest ? `?${rest}` : '',
    // a token given that cannot be one (a link cut short by a chat client): refused, not "no token"
    malformed: token !== null && !ok,
  };
}

/** An alert's page in the queue, resolved ones included. */
export const alertHref = (id: string): string => `/alerts?state=all&id=${encodeURIComponent(id)}`;
