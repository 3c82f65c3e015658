/** @module Analysts' notes on a host: a capped Redis list per host, kept for the mission. */
import { type HostNote, hostNoteSchema } from '../shared/schemas/api.js';
import type { Redis } from './redis/connections.js';
import type { Keys } from './redis/keys.js';

export type { HostNote };

const MAX_NOTES = 500;
const KEEP_MS = 180 * 86_400_000;

export class HostNotes {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /** Adds a note whose text the router checked (`newHostNoteSchema`: trimmed, 1 to 4000 characters). */
  async add(ip: string, author: string, text: string): Promise<HostNote> {
    const note = { at: Date.now(), author, text };
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
