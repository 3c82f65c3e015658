/**
 * @module Ends live connections at once when an account is disabled, a session ended or a display token revoked, on
 * every instance: a message on `<prefix>control` that each server turns into `disconnectSockets` for the matching
 * sockets.
 */
import { z } from 'zod';
import type { Redis } from '../redis/connections.js';

export const kickSchema = z.union([
  z.object({ username: z.string() }),
  z.object({ tokenId: z.string() }),
  z.object({ sessionId: z.string() }),
]);
export type Kick = z.infer<typeof kickSchema>;

export const controlChannel = (prefix: string) => `${prefix}control`;

export async function publishKick(redis: Redis, prefix: string, kick: Kick): Promise<void> {
  await redis.publish(controlChannel(prefix), JSON.stringify(kick));
}

/** Subscribes (on its own connection) and calls `onKick` for each valid message. */
export async function subscribeKicks(sub: Redis, prefix: string, onKick: (k: Kick) => void): Promise<void> {
  sub.on('message', (channel: string, message: string) => {
    if (channel !== controlChannel(prefix)) return;
    try {
      const parsed = kickSchema.safeParse(JSON.parse(message));
      if (parsed.success) onKick(parsed.data);
    } catch {
      // not ours
    }
  });
  await sub.subscribe(controlChannel(prefix));
}
