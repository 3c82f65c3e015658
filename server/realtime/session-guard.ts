/**
 * @module A socket lives no longer than what signed it in. A user's socket is authenticated when it connects, and
 * then again: before each of its requests (the session is read, and its idle timer refreshed, as an HTTP request
 * would; a request of an ended session is refused `unauthenticated` and the socket closed), and every
 * `WF_SESSION_CHECK_S` between requests, when each instance reads its own sockets' sessions in one pipeline and
 * closes those whose session ended (a logout elsewhere, idle expiry, a single sign-on session's end), so a screen that
 * only listens stops within that time. Logouts and ended sessions also close their sockets at once (./broadcaster.ts's
 * kicks); this is what holds when nothing kicked. A display socket's token is verified again before its requests.
 */
import { type Envelope, fail } from '../../shared/envelope.js';
import type { DisplayTokenStore } from '../auth/display-tokens.js';
import { parseCookies, SESSION_COOKIE, type SessionStore } from '../auth/sessions.js';
import type { Logger } from '../logger.js';
import type { WfServer, WfSocket } from './io.js';

const ENDED: Envelope<never> = {
  ok: false,
  error: {
    code: 'unauthenticated',
    message: 'your session has ended; sign in again',
    key: 'access.session_ended',
  },
};

export interface SessionGuardDeps {
  sessions: SessionStore;
  tokens: DisplayTokenStore;
  logger: Logger;
}

/** Whatever signed the socket in still holds: its session (touched, as a request is use) or its display token. */
async function stillSignedIn(socket: WfSocket, d: SessionGuardDeps): Promise<boolean> {
  const data = socket.data;
  if (data.kind === 'display') {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    return (await d.tokens.verify(token)) !== null;
  }
  const session = await d.sessions.get(parseCookies(socket.handshake.headers.cookie)[SESSION_COOKIE]);
  return session !== null && session.id === data.sessionId;
}

/** Answers a refused request, when it asked for an answer (its last argument is the ack callback). */
function refuse(packet: unknown[], answer: Envelope<never>): void {
  const ack = packet[packet.length - 1];
  if (typeof ack === 'function') (ack as (a: Envelope<never>) => void)(answer);
}

/** Asks before each request of `socket` whether it is still signed in; refuses and closes it when not. */
export function guardRequests(socket: WfSocket, d: SessionGuardDeps): void {
  socket.use((packet, next) => {
    stillSignedIn(socket, d).then(
      (ok) => {
        if (ok) return next();
        refuse(packet, ENDED);
        socket.disconnect(true);
      },
      (err: Error) => {
        // Redis away: the request itself would fail; it is refused as unavailable, the socket kept
        d.logger.warn({ err: err.message }, 'could not check a socket request’s session');
        refuse(packet, fail('unavailable', 'authentication is unavailable, retry'));
      },
    );
  });
}

/** Closes this instance's user sockets whose session has ended, every `everyMs`; returns the stop. */
export function startSessionChecks(io: WfServer, d: SessionGuardDeps, everyMs: number): () => void {
  let running = false;
  const check = async () => {
    if (running) return;
    running = true;
    try {
      const sockets = [...io.of('/').sockets.values()].filter(
        (s) => s.data.kind === 'user' && s.data.sessionId,
      );
      const live = await d.sessions.alive([...new Set(sockets.map((s) => s.data.sessionId!))]);
      for (const s of sockets) if (!live.has(s.data.sessionId!)) s.disconnect(true);
    } catch (err) {
      // Redis away: nothing is closed on a guess; the next check asks again
      d.logger.warn({ err: (err as Error).message }, 'could not check the sockets’ sessions');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void check(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
