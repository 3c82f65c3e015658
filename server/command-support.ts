/**
 * @module What every `watchfloor` command shares: exit codes, usage errors, the Redis it talks to (named in every
 * message, the default said out loud), a connection that fails within seconds instead of hanging, and a stop signal.
 */
import type { RedisOptions } from 'ioredis';
import { type ClusterNode, type Config, ConfigError, loadConfig } from './config.js';
import { createRedis, isCluster, type Redis } from './redis/connections.js';

/** Exit codes of every command and of the server (`main.ts`). */
export const EXIT = Object.freeze({
  ok: 0,
  /** The work failed: Redis unreachable, a file unreadable, a refused action. */
  failed: 1,
  /** Bad arguments or a bad environment (configuration): nothing was tried. */
  usage: 2,
  /** Stopped by Ctrl-C (128 + SIGINT). */
  interrupted: 130,
});

/** Bad arguments: the message is printed with the command's usage, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    /** The usage to print after the message. */
    readonly usage?: string,
  ) {
    super(message);
  }
}

export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface CommandIo {
  stdout: Output;
  stderr: Output;
  /** Where `--password-stdin` reads. @default process.stdin */
  stdin?: AsyncIterable<Buffer | string> & { isTTY?: boolean };
  /** Stops the run like Ctrl-C (tests). */
  signal?: AbortSignal;
}

export const processIo = (): CommandIo => ({
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
});

/** A URL with its password hidden, for messages. */
export const redact = (url: string) => url.replace(/\/\/([^@/]*)@/, '//***@');

/** The Redis a command uses: `REDIS_URL` (validated like the server's), else the default, which is said. */
export interface RedisTarget {
  url: string;
  /** A Redis Cluster's seed nodes (`REDIS_CLUSTER_NODES`), null for one Redis. */
  cluster: readonly ClusterNode[] | null;
  prefix: string;
  /** True when REDIS_URL is not set and the default URL is used. */
  isDefault: boolean;
}

/**
 * The target from the environment, with the server's defaults and validation. Throws ConfigError (exit 2) on a bad
 * REDIS_URL or WF_PREFIX; other variables are not read, so a command needs only what it uses.
 */
export function redisTarget(env: NodeJS.ProcessEnv): RedisTarget {
  return targetOf(
    loadConfig({
      REDIS_URL: env.REDIS_URL,
      REDIS_CLUSTER_NODES: env.REDIS_CLUSTER_NODES,
      WF_PREFIX: env.WF_PREFIX,
    }),
    env,
  );
}

/** The target of a configuration already loaded from `env`. */
export const targetOf = (config: Config, env: NodeJS.ProcessEnv): RedisTarget => ({
  url: config.redisUrl,
  cluster: config.redisCluster,
  prefix: config.prefix,
  isDefault: !env.REDIS_URL,
});

/** `redis://127.0.0.1:6379`, or `redis://127.0.0.1:6379 (the default: REDIS_URL is not set)`. */
export const describeTarget = (t: RedisTarget) =>
  t.cluster
    ? `the Redis Cluster ${t.cluster.map((n) => `${n.host}:${n.port}`).join(',')}`
    : `${redact(t.url)}${t.isDefault ? ' (the default: REDIS_URL is not set)' : ''}`;

/** `in Redis redis://… (prefix wf:)`: how a command that changed something says where. */
export const wroteTo = (t: RedisTarget) =>
  `in ${t.cluster ? describeTarget(t) : `Redis ${redact(t.url)}`} (prefix ${t.prefix})`;

export class RedisUnreachableError extends Error {
  override name = 'RedisUnreachableError';
}

/** How long a command waits for Redis to answer before it gives up. */
export const CONNECT_TIMEOUT_MS = 2_500;

/**
 * A connection that answered PING within `CONNECT_TIMEOUT_MS`, or a RedisUnreachableError naming the URL and the
 * cause (refused, no answer, wrong password…). Says on stderr when the URL is the default.
 *
 * `oneShot` commands (accounts, tokens, DLQ) also bound every later command, so a Redis lost halfway is an error
 * within seconds, never a silent wait; long runs (replay, simulate) keep ioredis' reconnecting queue.
 */
export async function connectRedis(
  target: RedisTarget,
  command: string,
  io: Pick<CommandIo, 'stderr'>,
  o: { oneShot?: boolean } = {},
): Promise<Redis> {
  if (target.isDefault && !target.cluster)
    io.stderr.write(`watchfloor ${command}: REDIS_URL is not set; using ${target.url}\n`);
  const options: RedisOptions = { connectTimeout: CONNECT_TIMEOUT_MS };
  if (o.oneShot) Object.assign(options, { maxRetriesPerRequest: 1, commandTimeout: 4_000 });
  const where = { redisUrl: target.url, redisCluster: target.cluster };
  const redis = createRedis(where, `cli-${command.replaceAll(' ', '-')}`, undefined, options);
  // Fail fast on a refused or failing connection (a few attempts), within the timeout on a silent one.
  let cause: string | null = null;
  // a reply refusing the connection (a wrong password, "ERR DB index is out of range"): ioredis may go on after it,
  // on database 0
  let refusal: string | null = null;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let giveUp: (value: false) => void = () => {};
  const onError = (err: Error) => {
    cause = errorText(err);
    if (err.name === 'ReplyError') refusal ??= cause;
    if (++failures >= 3) giveUp(false);
  };
  redis.on('error', onError);
  const answered = await Promise.race([
    redis.ping().then(
      () => true,
      (err: Error) => {
        cause ??= errorText(err);
        return false;
      },
    ),
    new Promise<false>((resolve) => {
      giveUp = resolve;
      timer = setTimeout(resolve, CONNECT_TIMEOUT_MS, false);
    }),
  ]);
  clearTimeout(timer);
  redis.off('error', onError);
  if (answered && refusal === null) return redis;
  drop(redis);
  if (refusal !== null)
    throw new RedisUnreachableError(
      `the Redis at ${describeTarget(target)} refused the connection: ${refusal}`,
    );
  throw new RedisUnreachableError(
    `cannot reach Redis at ${describeTarget(target)}: ${cause ?? `no answer within ${CONNECT_TIMEOUT_MS / 1000} s`}`,
  );
}

/**
 * Says on stderr when a long run loses its Redis and when it is back (ioredis queues the writes meanwhile), so a
 * wait is never silent. Returns the unsubscribe.
 */
export function reportConnection(
  redis: Redis,
  command: string,
  target: RedisTarget,
  io: Pick<CommandIo, 'stderr'>,
): () => void {
  let lost = false;
  const onError = (err: Error) => {
    if (lost) return;
    lost = true;
    io.stderr.write(
      `watchfloor ${command}: lost Redis at ${redact(target.url)} (${errorText(err)}); waiting for it (Ctrl-C stops)\n`,
    );
  };
  const onReady = () => {
    if (!lost) return;
    lost = false;
    io.stderr.write(`watchfloor ${command}: Redis at ${redact(target.url)} is back; going on\n`);
  };
  redis.on('error', onError);
  redis.on('ready', onReady);
  return () => {
    redis.off('error', onError);
    redis.off('ready', onReady);
  };
}

/** The first line of an error's message (a connection error may have only a code). */
function errorText(err: Error): string {
  const code = (err as NodeJS.ErrnoException).code;
  return err.message.split('\n')[0]!.slice(0, 200) || code || err.name;
}

/**
 * A long-running command's Redis (`replay`, `simulate`), answering; or, after saying why not on stderr, the exit
 * code: 2 for a bad REDIS_URL or WF_PREFIX, 1 when Redis does not answer.
 */
export async function openRedis(
  command: string,
  env: NodeJS.ProcessEnv,
  io: Pick<CommandIo, 'stderr'>,
): Promise<{ target: RedisTarget; redis: Redis } | { exit: number }> {
  let target: RedisTarget;
  try {
    target = redisTarget(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.stderr.write(`watchfloor ${command}: ${err.message}\n`);
    return { exit: EXIT.usage };
  }
  try {
    return { target, redis: await connectRedis(target, command, io) };
  } catch (err) {
    if (!(err instanceof RedisUnreachableError)) throw err;
    io.stderr.write(`watchfloor ${command}: ${err.message}\n`);
    return { exit: EXIT.failed };
  }
}

/** Closes a connection: QUIT when Redis answers, a plain disconnect when it does not within a second. */
export async function closeRedis(redis: Redis): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    redis.quit().catch(() => {}),
    new Promise((resolve) => {
      timer = setTimeout(resolve, 1_000);
    }),
  ]);
  clearTimeout(timer);
  drop(redis);
}

/** Disconnects at once: a socket to a peer that never answers would otherwise stay half-closed and hold the process. */
function drop(redis: Redis): void {
  redis.disconnect();
  if (!isCluster(redis)) redis.stream?.destroy();
}

/** A stop signal for a long run: aborts on SIGINT, SIGTERM or the caller's signal. */
export interface StopSignal {
  readonly signal: AbortSignal;
  stop(): void;
  /** Removes the listeners this added (a second Ctrl-C then ends the process as usual). */
  dispose(): void;
}

export function stopSignal(caller?: AbortSignal): StopSignal {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  caller?.addEventListener('abort', stop, { once: true });
  if (caller?.aborted) stop();
  return {
    signal: controller.signal,
    stop,
    dispose: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      caller?.removeEventListener('abort', stop);
    },
  };
}
