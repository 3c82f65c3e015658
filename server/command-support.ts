/** @module What the long-running CLI commands share: a Redis connection checked up front, and a stop signal. */
import type { Redis } from './redis/connections.js';
import { createRedis } from './redis/connections.js';

/** A URL with its password hidden, for messages. */
export const redact = (url: string) => url.replace(/\/\/([^@/]*)@/, '//***@');

/** A connection that answered PING within 3 s, or null after writing `<command>: cannot reach Redis at …`. */
export async function reachableRedis(
  url: string,
  command: string,
  stderr: { write(s: string): unknown },
): Promise<Redis | null> {
  const redis = createRedis(url, command);
  const reachable = await Promise.race([
    redis.ping().then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((resolve) => setTimeout(resolve, 3_000, false).unref()),
  ]);
  if (reachable) return redis;
  stderr.write(`watchfloor ${command}: cannot reach Redis at ${redact(url)}\n`);
  redis.disconnect();
  return null;
}

/** Aborts on SIGINT, SIGTERM or the caller's signal (Ctrl-C stops cleanly). */
export function stopController(signal?: AbortSignal): AbortController {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  signal?.addEventListener('abort', stop, { once: true });
  return controller;
}
