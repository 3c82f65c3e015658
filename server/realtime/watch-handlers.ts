/** @module Socket handlers for live data: `resync`, `watch`, `unwatch`; every answer is an envelope. */
import { z } from 'zod';
import { fail, ok } from '../../shared/envelope.js';
import { canonicalIP } from '../../shared/ip.js';
import type { Snapshot } from '../../shared/schemas/frame.js';
import type { WfSocket } from './io.js';

const watchPayload = z.object({
  host: z.string().max(64).optional(),
  segment: z.string().max(64).optional(),
});

export interface WatchDeps {
  snapshot: (socket: WfSocket) => Promise<Snapshot>;
}

export function registerWatchHandlers(socket: WfSocket, d: WatchDeps): void {
  socket.on('resync', async (_payload, ack) => {
    if (typeof ack !== 'function') return;
    try {
      ack(ok(await d.snapshot(socket)));
    } catch {
      ack(fail('unavailable', 'snapshot unavailable, retry'));
    }
  });

  socket.on('watch', (payload, ack) => {
    if (typeof ack !== 'function') return;
    const p = watchPayload.safeParse(payload);
    if (!p.success) return ack(fail('bad_request', 'watch needs {host} or {segment}'));
    const host = p.data.host ? canonicalIP(p.data.host) : null;
    if (p.data.host && !host) return ack(fail('bad_request', 'host is not an IP address'));
    const room = host ? `host:${host}` : p.data.segment ? `segment:${p.data.segment}` : null;
    if (!room) return ack(fail('bad_request', 'watch needs {host} or {segment}'));
    socket.join(room);
    ack(ok({ watching: room }));
  });

  socket.on('unwatch', (payload, ack) => {
    if (typeof ack !== 'function') return;
    const p = watchPayload.safeParse(payload);
    if (!p.success) return ack(fail('bad_request', 'unwatch needs {host} or {segment}'));
    for (const room of socket.rooms)
      if (room.startsWith('host:') || room.startsWith('segment:')) socket.leave(room);
    ack(ok({ watching: null }));
  });
}
