/**
 * @module What a Redis URL (`REDIS_URL`) says: where, who, which database, and whether over TLS (`rediss://`). Read
 * here once for every connection that needs it (ioredis reads a whole URL itself).
 */

export interface RedisAddress {
  host: string;
  port: number;
  username: string | null;
  password: string | null;
  /** The database (`redis://host/2`), 0 when the URL names none. */
  db: number;
  tls: boolean;
}

export function redisAddress(url: string): RedisAddress {
  const u = new URL(url);
  return {
    host: u.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : null,
    password: u.password ? decodeURIComponent(u.password) : null,
    db: Number(u.pathname.slice(1) || 0),
    tls: u.protocol === 'rediss:',
  };
}
