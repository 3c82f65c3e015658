/**
 * @module The wall's own live connection, opened with the display token from the URL: checks the token
 * against `/api/wall` (retrying while the server is unreachable), forgets it when refused, and owns the
 * wall's `LiveStore` and socket for as long as the screen is mounted.
 */
import { useEffect, useState } from 'react';
import { type WallInfo, wallInfoSchema } from '../../lib/api.js';
import { connectLive, type LiveConnection } from '../../lib/live-socket.js';
import { ApiError, request } from '../../lib/request.js';
import { forgetWallToken, readWallToken } from '../../lib/wall-token.js';
import { LiveStore } from '../../state/live-store.js';

export type TokenState = 'checking' | 'ok' | 'missing' | 'refused';

export interface WallSession {
  tokenState: TokenState;
  /** What `/api/wall` says about this display (label, allowed segments); null until known. */
  info: WallInfo | null;
  store: LiveStore;
  connection: LiveConnection | null;
}

export function useWallToken(): WallSession {
  const [token] = useState(() => readWallToken());
  const [store] = useState(() => new LiveStore());
  const [connection, setConnection] = useState<LiveConnection | null>(null);
  const [info, setInfo] = useState<WallInfo | null>(null);
  const [tokenState, setTokenState] = useState<TokenState>(token ? 'checking' : 'missing');

  useEffect(() => {
    if (!token) return;
    let stop = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    /** true: keep trying; false: the token itself was refused. */
    const check = async (): Promise<boolean> => {
      try {
        const w = await request('/api/wall', wallInfoSchema, { bearer: token, quiet401: true });
        if (!stop) {
          setInfo(w);
          setTokenState('ok');
        }
        return true;
      } catch (e) {
        if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
          if (!stop) setTokenState('refused');
          forgetWallToken();
          return false;
        }
        if (e instanceof ApiError && e.status === 404) {
          // Server without /api/wall yet: run on the socket alone.
          if (!stop) setTokenState('ok');
          return true;
        }
        // Server unreachable: try again; the socket reconnects by itself meanwhile.
        if (!stop) retry = setTimeout(() => void check(), 5000);
        return true;
      }
    };
    void check();
    const conn = connectLive(store, { auth: { token }, onRefused: check });
    setConnection(conn);
    return () => {
      stop = true;
      clearTimeout(retry);
      conn.close();
    };
  }, [token, store]);

  return { tokenState, info, store, connection };
}
