/** @module Redis connections: one shared command connection, and dedicated ones for blocking loops. */
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../logger.js';

export type { Redis };

/** Options shared by every connection: bounded reconnect backoff, commands queue while reconnecting. */
function baseOptions(name: string): RedisOptions {
  return {
    connectionName: `watchfloor:${name}`,
    lazyConnect: false,
    maxRetriesPerRequest: null,
    enableAutoPipelining: false,
    // RESP2 keeps reply shapes stable for raw `call`s (XREADGROUP, XAUTOCLAIM, XINFO) across ioredis versions.
    protocol: 2,
    retryStrategy: (attempt) => Math.min(100 * 2 ** Math.min(attempt, 6), 5_000),
  };
}

export function createRedis(url: string, name: string, logger?: Logger, extra: RedisOptions = {}): Redis {
  const redis = new Redis(url, { ...baseOptions(name), ...extra });
  let down = false;
  redis.on('error', (err: Error) => {
    if (!down) logger?.warn({ conn: name, err: err.message }, 'redis connection error');
    down = true;
  });
  redis.on('ready', () => {
    if (down) logger?.info({ conn: name }, 'redis connection restored');
    down = false;
  });
  return redis;
}

/** How long past its BLOCK time ioredis waits for a blocking command before answering it with null itself. */
export const BLOCKING_GRACE_MS = 2_000;

/**
 * A connection for blocking reads. `blockingTimeout` makes ioredis answer null for a blocking command that outlives
 * its BLOCK time by `BLOCKING_GRACE_MS` (a read can hang after a reconnect: ioredis #1285, #1888). Redis may still
 * run that command later (a stalled server), so a caller that sees such a timeout must re-read what the command may
 * have delivered: the stream consumer re-reads its own pending entries.
 */
export function createBlockingRedis(url: string, name: string, logger?: Logger): Redis {
  return createRedis(url, name, logger, { blockingTimeout: 1_000, blockingTimeoutGrace: BLOCKING_GRACE_MS });
}

/** True when a Redis server answers PING at `url` within `timeoutMs`. */
export async function redisAnswers(url: string, timeoutMs = 1_500): Promise<boolean> {
  const probe = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: timeoutMs,
    enableOfflineQueue: false,
  });
  probe.on('error', () => {});
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}
