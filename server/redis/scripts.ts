/**
 * @module Every Lua script Watchfloor runs: one `.lua` file each under `lua/` (a header names its keys, arguments
 * and reply), registered once per connection with `defineCommand` (EVALSHA, falling back to EVAL). Scripts take
 * structured arguments and store text as it came: none builds or patches JSON, none is ever assembled from input.
 */
import { readFileSync } from 'node:fs';
import type { ChainableCommander } from 'ioredis';
import type { Redis } from './connections.js';

/** Each script's file and number of keys. */
export const SCRIPTS = {
  alertCreate: { file: 'alert-create.lua', keys: 7 },
  alertTransition: { file: 'alert-transition.lua', keys: 6 },
  alertEvidence: { file: 'alert-evidence.lua', keys: 1 },
  auditAppend: { file: 'audit-append.lua', keys: 2 },
  userAdd: { file: 'user-add.lua', keys: 2 },
  loginAttempt: { file: 'login-attempt.lua', keys: 2 },
  loginSucceed: { file: 'login-succeed.lua', keys: 2 },
  apiTokenCreate: { file: 'api-token-create.lua', keys: 3 },
  rateLimit: { file: 'rate-limit.lua', keys: 1 },
  sessionTouch: { file: 'session-touch.lua', keys: 1 },
  totpStep: { file: 'totp-step.lua', keys: 1 },
  dlqRequeue: { file: 'dlq-requeue.lua', keys: 2 },
  listTake: { file: 'list-take.lua', keys: 3 },
  streamCountAfter: { file: 'stream-count-after.lua', keys: 1 },
  streamAckRange: { file: 'stream-ack-range.lua', keys: 1 },
  handoverSummary: { file: 'handover-summary.lua', keys: 2 },
  handoverItem: { file: 'handover-item.lua', keys: 2 },
  handOver: { file: 'hand-over.lua', keys: 3 },
  partitionLease: { file: 'partition-lease.lua', keys: 2 },
  partitionRelease: { file: 'partition-release.lua', keys: 1 },
  partitionWrite: { file: 'partition-write.lua', keys: 2 },
} as const satisfies Record<string, { file: string; keys: number }>;
export type ScriptName = keyof typeof SCRIPTS;

const sources = new Map<ScriptName, string>();
const source = (name: ScriptName): string => {
  let lua = sources.get(name);
  if (lua === undefined) {
    lua = readFileSync(new URL(`./lua/${SCRIPTS[name].file}`, import.meta.url), 'utf8');
    sources.set(name, lua);
  }
  return lua;
};

const commandOf = (name: ScriptName) => `wf_${name}`;
type ScriptCommand = (...args: (string | number)[]) => Promise<unknown>;

function checkKeys(name: ScriptName, keys: readonly string[]): void {
  const n = SCRIPTS[name].keys;
  if (keys.length !== n) throw new Error(`script ${name} takes ${n} keys, got ${keys.length}`);
}

/** Registers `name` on this connection (once); its pipelines and transactions made afterwards have it too. */
function define(redis: Redis, name: ScriptName): void {
  const def = SCRIPTS[name];
  if (typeof (redis as unknown as Record<string, unknown>)[commandOf(name)] !== 'function') {
    redis.defineCommand(commandOf(name), { numberOfKeys: def.keys, lua: source(name) });
  }
}

/** Runs a script with its keys and arguments; registers it on this connection the first time. */
export function runScript(
  redis: Redis,
  name: ScriptName,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  checkKeys(name, keys);
  define(redis, name);
  const command = (redis as unknown as Record<string, ScriptCommand>)[commandOf(name)]!;
  return command.call(redis, ...keys, ...args);
}

/**
 * A pipeline of `redis` that can queue `names` (ioredis gives a pipeline the scripts its connection had when it was
 * made, so they are registered first; each is then sent as EVALSHA like any other).
 */
export function scriptPipeline(redis: Redis, ...names: ScriptName[]): ChainableCommander {
  for (const name of names) define(redis, name);
  return redis.pipeline();
}

/** Queues a script on a pipeline made by `scriptPipeline` with its name. */
export function queueScript(
  pipeline: ChainableCommander,
  name: ScriptName,
  keys: readonly string[],
  args: readonly (string | number)[],
): void {
  checkKeys(name, keys);
  const command = (pipeline as unknown as Record<string, ScriptCommand | undefined>)[commandOf(name)];
  if (typeof command !== 'function')
    throw new Error(`script ${name}: make the pipeline with scriptPipeline()`);
  command.call(pipeline, ...keys, ...args);
}

/**
 * Queues a script as a plain EVAL of its source, on any pipeline or MULTI: for a transaction that is retried until it
 * goes through (the ingest's record and acknowledgement), which must not fail on a Redis that lost its script cache
 * (a restart) while the connection still believes the script loaded. Redis keeps the compiled script by its hash.
 */
export function queueEval(
  pipeline: ChainableCommander,
  name: ScriptName,
  keys: readonly string[],
  args: readonly (string | number)[],
): void {
  checkKeys(name, keys);
  pipeline.call('EVAL', source(name), keys.length, ...keys, ...args);
}

/** Script source, for tests that check the headers and that no script splices text into JSON. */
export const scriptSource = source;
