/**
 * @module The wall's display token: read once from `?token=`, removed from the address bar (so it is not
 * shoulder-surfed, bookmarked or sent as a referrer), then kept in sessionStorage for reloads.
 */
import { takeToken } from './paths.js';

const KEY = 'wf:wall-token';

export function readWallToken(): string | null {
  const { token, rest } = takeToken(window.location.search);
  if (window.location.search.includes('token=')) {
    window.history.replaceState(null, '', `${window.location.pathname}${rest}${window.location.hash}`);
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
