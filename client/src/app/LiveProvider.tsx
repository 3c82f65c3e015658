/**
 * @module The live feed for logged-in screens: one socket, one store, shared through context.
 * The socket opens when a user is logged in and closes on logout.
 */
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import type { LiveConnection } from '../lib/live-socket.js';
import { LiveStore } from '../state/live-store.js';
import { hasData, useAuth } from './AuthProvider.js';

export interface LiveContextValue {
  store: LiveStore;
  /** Null while logged out. */
  connection: LiveConnection | null;
}

/** Exported so that the wall (its own store and token socket) and a paused view can provide their own. */
export const LiveContext = createContext<LiveContextValue | null>(null);

export function LiveProvider({ children }: { children: ReactNode }) {
  const { auth, recheck } = useAuth();
  const [store] = useState(() => new LiveStore());
  const [connection, setConnection] = useState<LiveConnection | null>(null);
  const username = auth.status === 'in' && hasData(auth) ? auth.me.username : null;

  useEffect(() => {
    if (!username) return;
    // Loaded on demand: socket.io-client and the frame schemas are not needed on the login page.
    let conn: LiveConnection | null = null;
    let cancelled = false;
    void import('../lib/live-socket.js').then(({ connectLive }) => {
      if (cancelled) return;
      conn = connectLive(store, { onRefused: recheck });
      setConnection(conn);
    });
    return () => {
      cancelled = true;
      conn?.close();
      setConnection(null);
    };
  }, [username, store, recheck]);

  return <LiveContext value={{ store, connection }}>{children}</LiveContext>;
}

export function useLiveContext(): LiveContextValue {
  const value = useContext(LiveContext);
  if (!value) throw new Error('useLiveContext outside <LiveProvider>');
  return value;
}
