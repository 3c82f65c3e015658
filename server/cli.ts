#!/usr/bin/env -S node --max-semi-space-size=64
/** @module The `watchfloor` command: accounts, simulator, replay — against REDIS_URL. */
import { parseArgs } from 'node:util';
import { roleSchema } from '../shared/roles.js';
import { DisplayTokenStore } from './auth/display-tokens.js';
import { publishKick } from './auth/kick.js';
import { SessionStore } from './auth/sessions.js';
import { UserStore } from './auth/users.js';
import { ConfigError, loadConfig } from './config.js';
import { AppError } from './errors.js';
import { createRedis } from './redis/connections.js';
import { Keys } from './redis/keys.js';

const USAGE = `usage: watchfloor <command>

  start                                     run the server (same as npm start)
  users add NAME --role operator|lead|admin --password-stdin
  users disable NAME                        disable an account and end its sessions
  users passwd NAME --password-stdin        set a new password and end its sessions
  users list
  display-token create LABEL [--segments a,b]   prints WF_PUBLIC_URL/wall?token=…
  display-token list
  display-token revoke ID                   revokes and disconnects the screen at once
  api-token create NAME --role operator|lead [--expires 90d]   prints the token once
  api-token list                            id, name, role, expiry, last use
  api-token revoke ID|NAME                  refused from its next request on
  simulate [--rate N] [--scenarios a,b] [--seed S] [--stream KEY] [--duration SEC]
  replay FILE… [--format eve|zeek|native|auto] [--stream KEY] [--speed N|max] [--rebase now|keep] [--as original|native]
  dlq list [--reason R] [--limit N]         dead-lettered entries, newest first
  dlq requeue (--all | --reason R | ID…)    put them back on their source after a fix

Run \`watchfloor replay --help\`, \`watchfloor dlq --help\` or \`watchfloor api-token --help\` for details.

Environment: REDIS_URL (default redis://127.0.0.1:6379), WF_PREFIX (default wf:).`;

class UsageError extends Error {}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function users(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { role: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
  });
  const [action, name] = positionals;
  const config = loadConfig();
  const redis = createRedis(config.redisUrl, 'cli');
  const keys = new Keys(config.prefix);
  const store = new UserStore(redis, keys);
  const sessions = new SessionStore(redis, keys, config.sessionIdleMs);
  try {
    if (action === 'list') {
      for (const u of await store.list())
        process.stdout.write(`${u.username}\t${u.role}\t${u.disabled ? 'disabled' : 'enabled'}\n`);
      return;
    }
    if (!name) throw new UsageError(`users ${action ?? ''}: NAME is required`);
    if (action === 'add') {
      const role = roleSchema.safeParse(values.role);
      if (!role.success) throw new UsageError('users add: --role must be operator, lead or admin');
      if (!values['password-stdin'])
        throw new UsageError('users add: pass the password on stdin with --password-stdin');
      await store.add(name, role.data, await readStdin());
      process.stdout.write(`created ${role.data} ${name}\n`);
    } else if (action === 'disable') {
      await store.setDisabled(name, true);
      const n = (await sessions.destroyAll(name)).length;
      await publishKick(redis, keys.prefix, { username: name });
      process.stdout.write(`disabled ${name}; ended ${n} session(s)\n`);
    } else if (action === 'passwd') {
      if (!values['password-stdin'])
        throw new UsageError('users passwd: pass the password on stdin with --password-stdin');
      await store.setPassword(name, await readStdin());
      const n = (await sessions.destroyAll(name)).length;
      await publishKick(redis, keys.prefix, { username: name });
      process.stdout.write(`password changed for ${name}; ended ${n} session(s)\n`);
    } else {
      throw new UsageError(`unknown users action ${action ?? ''}`);
    }
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}

async function displayTokens(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { segments: { type: 'string' } },
  });
  const [action, arg] = positionals;
  const config = loadConfig();
  const redis = createRedis(config.redisUrl, 'cli');
  const keys = new Keys(config.prefix);
  const store = new DisplayTokenStore(redis, keys);
  try {
    if (action === 'create') {
      if (!arg) throw new UsageError('display-token create: LABEL is required');
      const segments = values.segments
        ? values.segments
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [];
      const { token, record } = await store.create({ label: arg, segments }, 'cli');
      process.stdout.write(`${config.publicUrl}/wall?token=${token}\n`);
      process.stderr.write(
        `created display token ${record.id} "${record.label}"${segments.length ? ` for ${segments.join(', ')}` : ''}; the URL is shown only now\n`,
      );
    } else if (action === 'list') {
      for (const t of await store.list()) {
        process.stdout.write(
          `${t.id}\t${t.label}\t${t.segments.join(',') || 'all segments'}\t${new Date(t.createdAt).toISOString()}\n`,
        );
      }
    } else if (action === 'revoke') {
      if (!arg) throw new UsageError('display-token revoke: ID is required');
      const t = await store.revoke(arg);
      await publishKick(redis, keys.prefix, { tokenId: t.id });
      process.stdout.write(`revoked ${t.id} "${t.label}"\n`);
    } else {
      throw new UsageError(`unknown display-token action ${action ?? ''}`);
    }
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      await import('./main.js');
      return;
    case 'users':
      return users(rest);
    case 'display-token':
      return displayTokens(rest);
    case 'simulate': {
      const { runSimulateCommand } = await import('./simulate/command.js');
      process.exitCode = await runSimulateCommand(rest, process.env);
      return;
    }
    case 'replay': {
      const { runReplayCommand } = await import('./replay/command.js');
      process.exitCode = await runReplayCommand(rest, process.env);
      return;
    }
    case 'api-token': {
      const { runApiTokenCommand } = await import('./auth/api-token-command.js');
      process.exitCode = await runApiTokenCommand(rest, process.env);
      return;
    }
    case 'dlq': {
      const { runDlqCommand } = await import('./ingest/dlq-command.js');
      process.exitCode = await runDlqCommand(rest, process.env);
      return;
    }
    default:
      throw new UsageError(command ? `unknown command ${command}` : 'a command is required');
  }
}

main(process.argv.slice(2)).catch((err) => {
  if (err instanceof UsageError) {
    process.stderr.write(`watchfloor: ${err.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (err instanceof ConfigError || err instanceof AppError) {
    process.stderr.write(`watchfloor: ${err.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`watchfloor: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
