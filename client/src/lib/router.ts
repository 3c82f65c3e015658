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

export { matchPath, safeNext } from './paths.js';
