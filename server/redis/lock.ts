/**
 * @module A short lock in Redis, for a change that reads before it writes (is this the last enabled admin? is this
 * value already watched?) and must not interleave with another such change, on this instance or another.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { conflict } from '../errors.js';
import type { Redis } from './connections.js';

/** How long a lock lives, and how a change waits for it (40 × 50 ms). */
const LOCK_MS = 5_000;
const LOCK_TRIES = 40;
const LOCK_WAIT_MS = 50;

/** Runs `change` holding `key`; 409 (`busy`) when another change holds it for more than 2 s. */
export async function withLock<T>(
  redis: Redis,
  key: string,
  change: () => Promise<T>,
  busy: { message: string; key: string },
): Promise<T> {
  const token = randomUUID();
  for (let tries = 0; (await redis.set(key, token, 'PX', LOCK_MS, 'NX')) !== 'OK'; tries++) {
    if (tries >= LOCK_TRIES) throw conflict(busy.message, { key: busy.key });
    await sleep(LOCK_WAIT_MS);
  }
  try {
    return await change();
  } finally {
    // a change longer than the lock's life must not release the next holder's
    if ((await redis.get(key)) === token) await redis.del(key);
  }
}
