/** @module Hooks onto the live store and the connection state. */
import { useSyncExternalStore } from 'react';
import { useLiveContext } from '../app/LiveProvider.js';
import { type ConnectionView, connectionView } from '../state/connection-status.js';
import type { LiveState } from '../state/live-store.js';
import { useNow } from './useNow.js';

/** The whole live state; re-renders on every change (about once a second). */
export function useLiveState(): LiveState {
  const { store } = useLiveContext();
  return useSyncExternalStore(store.subscribe, store.getState);
}

/**
 * One slice of the live state; re-renders only when the slice changes by identity.
 * The selector must return something already in the state (not a new object per call).
 */
export function useLiveSelector<T>(select: (s: LiveState) => T): T {
  const { store } = useLiveContext();
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}

/** Live / stale / reconnecting and the age of the newest data, re-evaluated twice a second. */
export function useConnection(): ConnectionView {
  const state = useLiveState();
  const now = useNow(500);
  return connectionView(state, now);
}
