/** @module Analysts' notes on a host: a capped Redis list per host, kept for the mission. */
import { z } from 'zod';
import { badRequest } from './errors.js';
import type { Redis } from './redis/connections.js';
import type { Keys } from './redis/keys.js';

export const hostNoteSchema = z.object({ at: z.number(), author: z.string(), text: z.string() });
export type HostNote = z.infer<typeof hostNoteSchema>;

const MAX_NOTES = 500;
const KEEP_MS = 180 * 86_400_000;

export class HostNotes {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  async add(ip: string, author: string, text: unknown): Promise<HostNote> {
    const parsed = z.string().trim().min(1, 'text is required').max(4000).safeParse(text);
    if (!parsed.success) throw badRequest(parsed.error.issues[0]!.message);
    const note = { at: Date.now(), author, text: parsed.data };
    const key = this.keys.hostNotes(ip);
    await this.redis
      .multi()
      .lpush(key, JSON.stringify(note))
      .ltrim(key, 0, MAX_NOTES - 1)
      .pexpire(key, KEEP_MS)
      .exec();
    return note;
  }

  /** Newest first. */
  async list(ip: string, limit = 100): Promise<HostNote[]> {
    const raw = await this.redis.lrange(this.keys.hostNotes(ip), 0, limit - 1);
    return raw.flatMap((r) => {
      const p = hostNoteSchema.safeParse(JSON.parse(r));
      return p.success ? [p.data] : [];
    });
  }
}
