/**
 * @module Every Lua script Watchfloor runs: one `.lua` file each under `lua/` (a header names its keys, arguments
 * and reply), registered once per connection with `defineCommand` (EVALSHA, falling back to EVAL). Scripts take
 * structured arguments and store text as it came: none builds or patches JSON, none is ever assembled from input.
 */
import { readFileSync } from 'node:fs';
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

/** Runs a script with its keys and arguments; registers it on this connection the first time. */
export function runScript(
  redis: Redis,
  name: ScriptName,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  const def = SCRIPTS[name];
  if (keys.length !== def.keys) throw new Error(`script ${name} takes ${def.keys} keys, got ${keys.length}`);
  const commands = redis as unknown as Record<string, ScriptCommand | undefined>;
  if (typeof commands[commandOf(name)] !== 'function') {
    redis.defineCommand(commandOf(name), { numberOfKeys: def.keys, lua: source(name) });
  }
  return (commands[commandOf(name)] as ScriptCommand).call(redis, ...keys, ...args);
}

/** Script source, for tests that check the headers and that no script splices text into JSON. */
export const scriptSource = source;
