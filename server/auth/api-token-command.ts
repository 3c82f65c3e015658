/**
 * @module `watchfloor api-token create|list|revoke`: API tokens for automation from a shell, through the account
 * service (audited as `cli:<user>`), against the server's REDIS_URL and WF_PREFIX. The token is printed once.
 */
import { parseArgs } from 'node:util';
import { API_TOKEN_MAX_DAYS, apiTokenRoleSchema } from '../../shared/schemas/accounts.js';
import { AuditLog } from '../alerts/audit.js';
import { ConfigError, loadConfig } from '../config.js';
import { AppError } from '../errors.js';
import { createRedis } from '../redis/connections.js';
import { Keys } from '../redis/keys.js';
import { AccountService, cliActor } from './accounts.js';
import { ApiTokenStore } from './api-tokens.js';
import { DisplayTokenStore } from './display-tokens.js';
import { publishKick } from './kick.js';
import { SessionStore } from './sessions.js';
import { UserStore } from './users.js';

export const API_TOKEN_USAGE = `usage: watchfloor api-token create NAME --role operator|lead [--expires 90d]
       watchfloor api-token list
       watchfloor api-token revoke ID|NAME

  create   prints the token once (stdout; keep it in the program's secret store): it is sent as
           Authorization: Bearer <token> and acts with its role on the HTTP API, never as an admin and never
           on the wall socket; the audit trail names it token:NAME. --expires Nd ends it after N days
           (at most ${API_TOKEN_MAX_DAYS}); without it, it lasts until revoked.
  list     id, name, role, expiry, last use, one a line
  revoke   refused from its next request on

Environment: REDIS_URL, WF_PREFIX as the server has them.`;

export interface ApiTokenCommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

class Usage extends Error {}

/** `90d` → 90; anything else is a usage error. */
export function parseExpiry(text: string): number {
  const m = /^(\d{1,5})d$/.exec(text.trim());
  const days = m ? Number(m[1]) : Number.NaN;
  if (!(days >= 1 && days <= API_TOKEN_MAX_DAYS)) {
    throw new Usage(
      `--expires must be a number of days such as 90d (1d to ${API_TOKEN_MAX_DAYS}d), not "${text}"`,
    );
  }
  return days;
}

const iso = (ms: number | null, none: string) => (ms === null ? none : new Date(ms).toISOString());

/** Exit codes: 0 done, 1 refused (a taken name, an unknown token) or Redis/config error, 2 bad arguments. */
export async function runApiTokenCommand(
  argv: string[],
  env: NodeJS.ProcessEnv,
  io: ApiTokenCommandIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  let input: { action: string; arg?: string; role?: string; expires?: string };
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        role: { type: 'string' },
        expires: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.stdout.write(`${API_TOKEN_USAGE}\n`);
      return 0;
    }
    const [action = '', arg, ...extra] = positionals;
    if (extra.length) throw new Usage(`unexpected arguments: ${extra.join(' ')}`);
    input = { action, arg, role: values.role, expires: values.expires };
  } catch (err) {
    io.stderr.write(`watchfloor api-token: ${(err as Error).message}\n\n${API_TOKEN_USAGE}\n`);
    return 2;
  }

  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig({
      REDIS_URL: env.REDIS_URL,
      WF_PREFIX: env.WF_PREFIX,
      WF_PUBLIC_URL: env.WF_PUBLIC_URL,
    });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.stderr.write(`watchfloor api-token: ${err.message}\n`);
    return 2;
  }
  const redis = createRedis(config.redisUrl, 'cli-api-token');
  const keys = new Keys(config.prefix);
  const apiTokens = new ApiTokenStore(redis, keys);
  const accounts = new AccountService({
    users: new UserStore(redis, keys),
    sessions: new SessionStore(redis, keys, config.sessionIdleMs),
    tokens: new DisplayTokenStore(redis, keys),
    apiTokens,
    audit: new AuditLog(redis, keys),
    kick: (k) => publishKick(redis, keys.prefix, k),
    publicUrl: config.publicUrl,
  });
  try {
    return await run(input, accounts, io);
  } catch (err) {
    if (err instanceof Usage) {
      io.stderr.write(`watchfloor api-token: ${err.message}\n\n${API_TOKEN_USAGE}\n`);
      return 2;
    }
    if (err instanceof AppError) {
      io.stderr.write(`watchfloor api-token: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}

async function run(
  input: { action: string; arg?: string; role?: string; expires?: string },
  accounts: AccountService,
  io: ApiTokenCommandIo,
): Promise<number> {
  const { action, arg } = input;
  if (action === 'create') {
    if (!arg) throw new Usage('create: NAME is required');
    const role = apiTokenRoleSchema.safeParse(input.role);
    if (!role.success)
      throw new Usage('create: --role must be operator or lead (an API token is never an admin)');
    const expiresInDays = input.expires === undefined ? undefined : parseExpiry(input.expires);
    const { secret, record } = await accounts.createApiToken(cliActor(), {
      name: arg,
      role: role.data,
      expiresInDays,
    });
    io.stdout.write(`${secret}\n`);
    io.stderr.write(
      `created API token ${record.id} "${record.name}" as ${record.role}, ${record.expiresAt === null ? 'until revoked' : `until ${iso(record.expiresAt, '')}`}; the token is shown only now\n`,
    );
    return 0;
  }
  if (action === 'list') {
    for (const t of await accounts.listApiTokens()) {
      const used =
        t.lastUsedAt === null ? 'never used' : `last used ${iso(t.lastUsedAt, '')} from ${t.lastUsedFrom}`;
      io.stdout.write(`${t.id}\t${t.name}\t${t.role}\t${iso(t.expiresAt, 'no expiry')}\t${used}\n`);
    }
    return 0;
  }
  if (action === 'revoke') {
    if (!arg) throw new Usage('revoke: ID or NAME is required');
    const t = await accounts.revokeApiToken(cliActor(), arg);
    io.stdout.write(`revoked ${t.id} "${t.name}"\n`);
    return 0;
  }
  throw new Usage(action ? `unknown action ${action}` : 'an action is required (create, list, revoke)');
}
