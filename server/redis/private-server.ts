/** @module Starts a private redis-server under ./data when nothing answers at REDIS_URL (the two-command quick start). */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logger.js';
import { redisAddress } from './address.js';
import { redisAnswers } from './connections.js';

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
  if (await redisAnswers(url)) return null;
  const a = redisAddress(url);
  const local = ['127.0.0.1', 'localhost', '::1'].includes(a.host);
  const advice =
    'Start Redis 7 (e.g. `apt-get install redis-server`, or `docker compose up redis`) or set REDIS_URL to a reachable server.';
  if (!opts.autoStart || !local || !url.toLowerCase().startsWith('redis:')) {
    throw new RedisUnavailableError(`nothing answers at ${url}. ${advice}`);
  }
  if (!redisServerOnPath())
    throw new RedisUnavailableError(`nothing answers at ${url} and redis-server is not installed. ${advice}`);
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
    { url, dir, pid: child.pid },
    `no Redis answered at ${url}: started a private redis-server (data in ${dir})`,
  );
  for (let i = 0; i < 50; i++) {
    if (await redisAnswers(url, 500)) return child;
    if (child.exitCode !== null) break;
    await sleep(100);
  }
  child.kill();
  throw new RedisUnavailableError(`the private redis-server on port ${a.port} did not start. ${advice}`);
}
