/** @module A tiny History-API router: the current location as an external store, navigation, path matching. */
import { useSyncExternalStore } from 'react';

export interface Location {
  pathname: string;
  search: string;
}

const listeners = new Set<() => void>();
/** Read lazily, so that the pure helpers below can be imported where there is no `window`. */
let current: Location | null = null;

function get(): Location {
  current ??= read();
  return current;
}

function read(): Location {
  return { pathname: window.location.pathname, search: window.location.search };
}

function update(): void {
  const next = read();
  const prev = get();
  if (next.pathname === prev.pathname && next.search === prev.search) return;
  current = next;
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) window.addEventListener('popstate', update);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', update);
  };
}

/** Goes to a same-origin path (`/hosts/10.0.0.1?x=1`); `replace` does not add a history entry. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = new URL(to, window.location.origin);
  if (url.origin !== window.location.origin) throw new Error(`refusing to navigate off-origin: ${to}`);
  const target = `${url.pathname}${url.search}${url.hash}`;
  if (options.replace) window.history.replaceState(null, '', target);
  else window.history.pushState(null, '', target);
  update();
  if (!options.replace) window.scrollTo(0, 0);
}

export function useLocation(): Location {
  return useSyncExternalStore(subscribe, get);
}

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
