/**
 * @module Socket handlers for live data: `resync`, `watch`, `unwatch`. Who may send them, and which rooms they may
 * join, is decided by the socket policy table, not here.
 */
import { z } from 'zod';
import { canonicalIP } from '../../shared/ip.js';
import type { Snapshot } from '../../shared/schemas/frame.js';
import { AppError, badRequest } from '../errors.js';
import type { Logger } from '../logger.js';
import type { WfSocket } from './io.js';
import { parseRoom, type Room, roomName } from './rooms.js';
import { handle, joinRoom } from './socket-policy.js';

const watchPayload = z.object({
  host: z.string().max(64).optional(),
  segment: z.string().max(64).optional(),
});

export interface WatchDeps {
  snapshot: (socket: WfSocket) => Promise<Snapshot>;
  logger: Logger;
}

/** The room a watch names: a host's detail, or one segment's frames instead of the whole network's. */
function watchedRoom(payload: unknown, verb: string): Room {
  const p = watchPayload.safeParse(payload ?? {});
  if (!p.success) throw badRequest(`${verb} needs {host} or {segment}`);
  if (p.data.host !== undefined) {
    const ip = canonicalIP(p.data.host);
    if (!ip)
      throw badRequest('host is not an IP address', {
        key: 'request.not_ip',
        params: { value: p.data.host.slice(0, 64) },
      });
    return { kind: 'host', ip };
  }
  if (p.data.segment) return { kind: 'live-segments', segments: [p.data.segment] };
  throw badRequest(`${verb} needs {host} or {segment}`);
}

export function registerWatchHandlers(socket: WfSocket, d: WatchDeps): void {
  handle(socket, 'resync', d.logger, async () => {
    try {
      return await d.snapshot(socket);
    } catch (err) {
      d.logger.warn({ err: (err as Error).message }, 'snapshot for resync failed');
      throw new AppError('unavailable', 'snapshot unavailable, retry');
    }
  });

  handle(socket, 'watch', d.logger, (payload) => {
    const room = watchedRoom(payload, 'watch');
    joinRoom(socket, room);
    // A segment watch replaces the whole network's frames, or an earlier segment's, with that segment's (one socket
    // joined 20,000 segment rooms and took every one's frames)
    if (room.kind === 'live-segments') {
      const name = roomName(room);
      for (const r of [...socket.rooms])
        if (r !== name && (r === roomName({ kind: 'live' }) || parseRoom(r)?.kind === 'live-segments'))
          socket.leave(r);
    }
    return { watching: roomName(room) };
  });

  // Unwatch ends every watch of the socket (host detail and a segment's frames); the payload is only checked.
  handle(socket, 'unwatch', d.logger, (payload) => {
    if (!watchPayload.safeParse(payload ?? {}).success) throw badRequest('unwatch takes {host} or {segment}');
    let segmentWatch = false;
    for (const name of [...socket.rooms]) {
      const room = parseRoom(name);
      if (room?.kind === 'host') socket.leave(name);
      if (room?.kind === 'live-segments') {
        socket.leave(name);
        segmentWatch = true;
      }
    }
    if (segmentWatch) joinRoom(socket, { kind: 'live' });
    return { watching: null };
  });
}
