/**
 * @module The wall's display token: read once from `?token=`, removed from the address bar (so it is not
 * shoulder-surfed, bookmarked or sent as a referrer), then kept in sessionStorage for reloads.
 */
import { takeToken } from './paths.js';

const KEY = 'wf:wall-token';

/**
 * What this page load's first read found. React may run the wall's first render again from scratch (its state
 * discarded), and by then the address bar no longer has the token: a malformed link read a second time showed "no
 * display token" instead of "refused" (6 loads in 40 under a throttled CPU).
 */
let taken: { result: string | 'malformed' | null } | null = null;

/** The token, or `malformed` when the link gave one that cannot be a token (nothing is sent, nothing kept). */
export function readWallToken(): string | 'malformed' | null {
  // the same answer for the same page, unless the address brought a token again
  if (taken && !window.location.search.includes('token=')) return taken.result;
  const result = takeWallToken();
  taken = { result };
  return result;
}

function takeWallToken(): string | 'malformed' | null {
  const { token, rest, malformed } = takeToken(window.location.search);
  if (window.location.search.includes('token=')) {
    window.history.replaceState(null, '', `${window.location.pathname}${rest}${window.location.hash}`);
  }
  if (malformed) {
    forgetWallToken();
    return 'malformed';
  }
  try {
    if (token) sessionStorage.setItem(KEY, token);
    return token ?? sessionStorage.getItem(KEY);
  } catch {
    return token;
  }
}

export function forgetWallToken(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    /* nothing stored */
  }
}
