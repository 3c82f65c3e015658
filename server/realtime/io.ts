/**
 * @module The Socket.IO server: typed event maps, same-origin and session checks in a middleware that also runs
 * for recovered connections, connection-state recovery, and the Redis Streams adapter for scale-out.
 */
import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Server, type Socket } from 'socket.io';
import type {
  ClientToServerEvents,
  InterServerEvents,
  ServerToClientEvents,
  SocketData,
} from '../../shared/events.js';
import type { DisplayTokenStore } from '../auth/display-tokens.js';
import { parseCookies, SESSION_COOKIE, type SessionStore } from '../auth/sessions.js';
import type { Logger } from '../logger.js';
import type { Redis } from '../redis/connections.js';
import type { Keys } from '../redis/keys.js';

export type WfServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type WfSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface IoDeps {
  /** Absent in a process that serves no screens (`WF_ROLES` without `web`): it only emits through the adapter. */
  http?: HttpServer;
  sessions: SessionStore;
  tokens: DisplayTokenStore;
  /** Connection for the adapter (it duplicates it for its blocking reads). */
  adapterRedis: Redis;
  keys: Keys;
  publicUrl: string;
  logger: Logger;
  /** How long a disconnected client may come back and get missed broadcasts. @default 120000 */
  recoveryMs?: number;
}

/** `Origin`, when present, must be this server's own origin (as the browser saw it) or the public URL's. */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  publicUrl: string,
): boolean {
  if (!origin) return true;
  if (origin === new URL(publicUrl).origin) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function createIo(d: IoDeps): WfServer {
  const io: WfServer = new Server(d.http ?? undefined, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    connectionStateRecovery: { maxDisconnectionDuration: d.recoveryMs ?? 120_000, skipMiddlewares: false },
    adapter: createAdapter(d.adapterRedis, {
      streamName: d.keys.socketStream,
      channelPrefix: `${d.keys.prefix}socket.io`,
      sessionKeyPrefix: `${d.keys.prefix}sio:session:`,
      maxLen: 10_000,
      onlyPlaintext: true,
    }),
    allowRequest: (req, callback) => {
      const ok = originAllowed(req.headers.origin, req.headers.host, d.publicUrl);
      callback(ok ? null : 'origin not allowed', ok);
    },
  });

  // Runs for new and for recovered connections alike (skipMiddlewares: false): a session ended while the
  // client was away is refused on its return.
  io.use(async (socket, next) => {
    try {
      const origin = socket.handshake.headers.origin;
      if (!originAllowed(origin, socket.handshake.headers.host, d.publicUrl)) {
        return next(errorWith('forbidden', 'cross-origin socket refused'));
      }
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      if (token !== undefined) {
        // A display token: wall data only. A revoked token is refused here, on reconnects and recoveries too.
        const display = await d.tokens.verify(token);
        if (!display) return next(errorWith('unauthenticated', 'display token is not valid'));
        socket.data = {
          kind: 'display',
          username: `display:${display.label}`,
          role: 'display',
          tokenId: display.id,
          segments: display.segments,
        };
        return next();
      }
      const session = await d.sessions.get(parseCookies(socket.handshake.headers.cookie)[SESSION_COOKIE]);
      if (!session) return next(errorWith('unauthenticated', 'log in first'));
      // signed in with the password alone where a second factor is required: enrolment first, no live data
      if (session.mustEnrol) return next(errorWith('forbidden', 'enrol a second factor first'));
      socket.data = {
        kind: 'user',
        username: session.username,
        role: session.role,
        sessionId: session.id,
        segments: [],
      };
      next();
    } catch (err) {
      d.logger.warn({ err: (err as Error).message }, 'socket authentication failed');
      next(errorWith('unavailable', 'authentication is unavailable, retry'));
    }
  });
  return io;
}

/** A middleware error the client sees as `connect_error` with `data.code`. */
function errorWith(code: string, message: string): Error & { data: { code: string } } {
  return Object.assign(new Error(message), { data: { code } });
}
