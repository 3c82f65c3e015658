/** @module Starts a private redis-server under ./data when nothing answers at REDIS_URL (the two-command quick start). */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { redactUrl } from '../../shared/redact-url.js';
import type { Logger } from '../logger.js';
import { redisAddress } from './address.js';
import { probeRedis, redisAnswers } from './connections.js';

export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
}

function redisServerOnPath(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Makes sure Redis answers at `url`. If it does not, the URL is local and redis-server is installed, starts one
 * (AOF on, data under `dataDir`) as a child of this process and says so; otherwise throws with advice.
 */
export async function ensureRedis(
  url: string,
  opts: { autoStart: boolean; dataDir?: string; logger: Logger },
): Promise<ChildProcess | null> {
  const probe = await probeRedis(url);
  if (probe.ok) return null;
  const shown = redactUrl(url);
  // a server is there and refuses us: starting another on its port cannot help
  if (probe.answered)
    throw new RedisUnavailableError(
      `the Redis at ${shown} refused the connection: ${probe.reason}. Check REDIS_URL's user, password and database number (and, over TLS, NODE_EXTRA_CA_CERTS for a private CA).`,
    );
  const a = redisAddress(url);
  const local = ['127.0.0.1', 'localhost', '::1'].includes(a.host);
  const advice =
    'Start Redis 7 (e.g. `apt-get install redis-server`, or `docker compose up redis`) or set REDIS_URL to a reachable server.';
  if (!opts.autoStart || !local || !url.toLowerCase().startsWith('redis:')) {
    throw new RedisUnavailableError(`nothing answers at ${shown}. ${advice}`);
  }
  if (!redisServerOnPath())
    throw new RedisUnavailableError(
      `nothing answers at ${shown} and redis-server is not installed. ${advice}`,
    );
  // a private server has the default user only (`--requirepass`): a URL naming another cannot log in to it
  if (a.username !== null && a.username !== 'default')
    throw new RedisUnavailableError(
      `nothing answers at ${shown}, and a private redis-server is started only for a URL without a user name (it has the default user alone). ${advice}`,
    );
  const dir = resolve(opts.dataDir ?? 'data');
  mkdirSync(dir, { recursive: true });
  const args = [
    '--port',
    String(a.port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--appendonly',
    'yes',
    '--save',
    '',
  ];
  if (a.password) args.push('--requirepass', a.password);
  // its own process group: a terminal's Ctrl-C goes to Watchfloor alone, which saves its state to this Redis before
  // stopping it (in the terminal's group, Redis died at once and the save waited out WF_STOP_TIMEOUT_S, unsaved)
  const child = spawn('redis-server', args, { stdio: 'ignore', detached: true });
  process.once('exit', () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  });
  opts.logger.warn(
    { url: shown, dir, pid: child.pid },
    `no Redis answered at ${shown}: started a private redis-server (data in ${dir})`,
  );
  for (let i = 0; i < 50; i++) {
    if (await redisAnswers(url, 500)) return child;
    if (child.exitCode !== null) break;
    await sleep(100);
  }
  child.kill();
  throw new RedisUnavailableError(`the private redis-server on port ${a.port} did not start. ${advice}`);
}
