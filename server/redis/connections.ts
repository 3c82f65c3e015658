/**
 * @module Redis connections: one shared command connection, and dedicated ones for blocking loops; to one Redis at
 * `REDIS_URL`, or to a Redis Cluster (`REDIS_CLUSTER_NODES`). Every connection Watchfloor makes is made here.
 */
import { Cluster, type ClusterOptions, type RedisOptions, Redis as Single } from 'ioredis';
import { redactUrlIn } from '../../shared/redact-url.js';
import type { Logger } from '../logger.js';
import { redisAddress } from './address.js';
import { type BlockingConnection, BlockingReads } from './blocking-reads.js';

/** A connection to one Redis, or to a Redis Cluster (`REDIS_CLUSTER_NODES`). */
export type Redis = Single | Cluster;

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

/** Where Redis is: one server's URL, or a cluster's seed nodes (the URL then gives only the password and TLS). */
export interface RedisTarget {
  redisUrl: string;
  redisCluster: readonly { host: string; port: number }[] | null;
}

/** A connection for blocking stream reads: ./blocking-reads.ts on one Redis, ioredis on a Redis Cluster. */
export type BlockingRedis = BlockingConnection | Cluster;

/** True on a connection to a Redis Cluster: keys of different slots never meet in one command there. */
export const isCluster = (redis: Redis | BlockingRedis): redis is Cluster => redis instanceof Cluster;

/** The options of each node of a cluster that REDIS_URL carries: user, password, TLS (`rediss://`). */
function nodeOptions(url: string): RedisOptions {
  const a = redisAddress(url);
  return {
    ...(a.username ? { username: a.username } : {}),
    ...(a.password ? { password: a.password } : {}),
    ...(a.tls ? { tls: {} } : {}),
  };
}

function connect(target: RedisTarget, name: string, extra: RedisOptions): Redis {
  const options = { ...baseOptions(name), ...extra };
  if (!target.redisCluster) return new Single(target.redisUrl, options);
  const { retryStrategy, ...perNode } = options;
  const cluster: ClusterOptions = {
    redisOptions: { ...perNode, ...nodeOptions(target.redisUrl) },
    clusterRetryStrategy: (attempt) => retryStrategy?.(attempt) ?? null,
    enableAutoPipelining: false,
    // a slot that moved, or a node failing over, is retried rather than answered as an error
    maxRedirections: 16,
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: 500,
    scaleReads: 'master',
  };
  return new Cluster(
    target.redisCluster.map((n) => ({ host: n.host, port: n.port })),
    cluster,
  );
}

/** A connection to `target` (a bare URL is one Redis). */
export function createRedis(
  target: RedisTarget | string,
  name: string,
  logger?: Logger,
  extra: RedisOptions = {},
): Redis {
  const where = typeof target === 'string' ? { redisUrl: target, redisCluster: null } : target;
  const redis = connect(where, name, extra);
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
 * A connection for blocking reads. A read that outlives its BLOCK time by `BLOCKING_GRACE_MS` is answered null (a
 * read can hang after a reconnect: ioredis #1285, #1888, and a stalled server holds it). Redis may still run that
 * command later, so a caller that sees such a timeout must re-read what the command may have delivered: the stream
 * consumer re-reads its own pending entries. On one Redis it is ./blocking-reads.ts (a read's items parsed straight
 * into strings); on a Redis Cluster, ioredis with its `blockingTimeout`.
 */
export function createBlockingRedis(
  target: RedisTarget | string,
  name: string,
  logger?: Logger,
): BlockingRedis {
  const where = typeof target === 'string' ? { redisUrl: target, redisCluster: null } : target;
  if (!where.redisCluster)
    return new BlockingReads({ url: where.redisUrl, name, graceMs: BLOCKING_GRACE_MS, logger });
  return createRedis(where, name, logger, {
    blockingTimeout: 1_000,
    blockingTimeoutGrace: BLOCKING_GRACE_MS,
  }) as Cluster;
}

/**
 * Values of `keys` (GET), in their order: one pipeline on one Redis; on a cluster, where a pipeline may not span
 * nodes, one GET each, all sent at once.
 */
export async function getEach(redis: Redis, keys: readonly string[]): Promise<(string | null)[]> {
  if (isCluster(redis)) return Promise.all(keys.map((k) => redis.get(k)));
  const p = redis.pipeline();
  for (const k of keys) p.get(k);
  const res = (await p.exec()) ?? [];
  return keys.map((_, i) => {
    const [err, value] = res[i] ?? [null, null];
    if (err) throw err;
    return (value as string | null) ?? null;
  });
}

/** The connection of a single Redis, for code that needs one (a test's helper): a cluster's is refused. */
export function singleNode(redis: Redis): Single {
  if (isCluster(redis)) throw new Error('this needs a single Redis, not a cluster');
  return redis;
}

/**
 * What is at a Redis URL: a server that takes the connection (`ok`), one that answered and refused it (a wrong
 * password or user, a database number it does not have, a certificate not trusted: `answered`), or nothing.
 */
export type RedisProbe = { ok: true } | { ok: false; answered: boolean; reason: string };

/** A TLS handshake's refusal: the server is there, its certificate (or ours) is not accepted. */
const TLS_REFUSAL = /CERT|SELF_SIGNED|TLS|SSL/;

export async function probeRedis(url: string, timeoutMs = 1_500): Promise<RedisProbe> {
  const probe = new Single(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: timeoutMs,
    enableOfflineQueue: false,
  });
  let refusal: string | null = null;
  let failure = 'no answer';
  probe.on('error', (err: Error & { code?: string }) => {
    // a reply (WRONGPASS, NOAUTH, "ERR DB index is out of range") or a TLS refusal: a server is there
    if (err.name === 'ReplyError' || TLS_REFUSAL.test(err.code ?? '')) refusal ??= err.message;
    else failure = err.message;
  });
  try {
    await probe.connect();
    const pong = await probe.ping();
    if (refusal === null && pong === 'PONG') return { ok: true };
  } catch {
    // the refusal or the failure was reported as an error event
  } finally {
    probe.disconnect();
  }
  return refusal !== null
    ? { ok: false, answered: true, reason: redactUrlIn(refusal, url) }
    : { ok: false, answered: false, reason: redactUrlIn(failure, url) };
}

/** True when a Redis server answers PING at `url` within `timeoutMs`, and takes the connection as the URL asks. */
export async function redisAnswers(url: string, timeoutMs = 1_500): Promise<boolean> {
  return (await probeRedis(url, timeoutMs)).ok;
}
