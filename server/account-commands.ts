/**
 * @module `watchfloor users …` and `watchfloor display-token …`: each action's arguments (parsed here, checked
 * before Redis is touched) apart from its handler, which calls the account service the admin API uses (so every
 * change is audited, as `cli:<operating-system user>`, and ends sessions and sockets the same way) and says in one
 * line what changed where.
 */
import type { ParseArgsConfig } from 'node:util';
import { LOCALE_NAMES, LOCALES, type Locale, localeSchema } from '../shared/locale.js';
import { type Role, roleSchema } from '../shared/roles.js';
import { AuditLog } from './alerts/audit.js';
import { type AccountActor, AccountService, cliActor } from './auth/accounts.js';
import { ApiTokenStore } from './auth/api-tokens.js';
import { DisplayTokenStore } from './auth/display-tokens.js';
import { publishKick } from './auth/kick.js';
import { SessionStore } from './auth/sessions.js';
import { UserStore, usernameSchema } from './auth/users.js';
import { type CommandIo, type RedisTarget, UsageError, wroteTo } from './command-support.js';
import type { Config } from './config.js';
import type { Redis } from './redis/connections.js';
import { Keys } from './redis/keys.js';

/** What a handler works with: the connection (already answering), the stores on it, where it writes. */
export interface AccountContext {
  readonly redis: Redis;
  readonly config: Config;
  /** The key names under the configured prefix (hash-tagged on a Redis Cluster). */
  readonly keys: Keys;
  readonly target: RedisTarget;
  readonly io: CommandIo;
  readonly accounts: AccountService;
  /** Who the audit trail names: `cli:<operating-system user>`. */
  readonly actor: AccountActor;
  /** Reads a secret from stdin (after the connection is up, so a dead Redis is said before anything is asked). */
  readSecret(what: string): Promise<string>;
}

export function accountContext(
  redis: Redis,
  config: Config,
  target: RedisTarget,
  io: CommandIo,
  readSecret: (what: string) => Promise<string>,
): AccountContext {
  const keys = new Keys(config.prefix, { hashTag: config.redisCluster !== null });
  const accounts = new AccountService({
    users: new UserStore(redis, keys),
    sessions: new SessionStore(redis, keys, config.sessionIdleMs),
    tokens: new DisplayTokenStore(redis, keys),
    apiTokens: new ApiTokenStore(redis, keys),
    audit: new AuditLog(redis, keys),
    kick: (k) => publishKick(redis, config.prefix, k),
    publicUrl: config.publicUrl,
  });
  return { redis, config, keys, target, io, accounts, actor: cliActor(), readSecret };
}

type Values = Record<string, string | boolean | undefined>;

/** One action of a command group: `users add`, `display-token revoke`… */
export interface Action<I = unknown> {
  /** Arguments after the action's name, for the usage. */
  synopsis: string;
  about: string;
  options?: ParseArgsConfig['options'];
  /** Names of the positionals, all required; more are refused. */
  positionals: readonly string[];
  /** Checks the arguments and builds the handler's input; throws UsageError. */
  parse(args: readonly string[], values: Values): I;
  run(input: I, ctx: AccountContext): Promise<void>;
}

export interface CommandGroup {
  name: string;
  about: string;
  // biome-ignore lint/suspicious/noExplicitAny: each action has its own input type
  actions: Readonly<Record<string, Action<any>>>;
  /** Lines after the actions in the usage. */
  notes?: string;
}

const action = <I>(a: Action<I>): Action<I> => a;

const passwordStdin = (values: Values) => {
  if (!values['password-stdin']) throw new UsageError('pass the password on stdin with --password-stdin');
};

export const USERS: CommandGroup = {
  name: 'users',
  about: 'accounts of the web UI',
  actions: {
    add: action({
      synopsis: 'NAME --role operator|lead|admin --password-stdin',
      about: 'create an account (not over an existing one)',
      positionals: ['NAME'],
      options: { role: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
      parse: ([name], values) => {
        const role = roleSchema.safeParse(values.role);
        if (!role.success) throw new UsageError('--role must be operator, lead or admin');
        // the name is checked here, before Redis is asked: a bad name is a bad argument (exit 2)
        const username = usernameSchema.safeParse(name);
        if (!username.success) throw new UsageError(`username: ${username.error.issues[0]!.message}`);
        passwordStdin(values);
        return { name: name!, role: role.data };
      },
      async run({ name, role }: { name: string; role: Role }, ctx) {
        await ctx.accounts.addUser(ctx.actor, name, role, await ctx.readSecret(`the password of ${name}`));
        ctx.io.stdout.write(`created ${role} ${name} ${wroteTo(ctx.target)}\n`);
      },
    }),
    disable: action({
      synopsis: 'NAME',
      about: 'disable an account and end its sessions at once',
      positionals: ['NAME'],
      parse: ([name]) => name!,
      async run(name: string, ctx) {
        const ended = await ctx.accounts.disable(ctx.actor, name);
        ctx.io.stdout.write(`disabled ${name}; ended ${ended} session(s) ${wroteTo(ctx.target)}\n`);
      },
    }),
    enable: action({
      synopsis: 'NAME',
      about: 'enable a disabled account again',
      positionals: ['NAME'],
      parse: ([name]) => name!,
      async run(name: string, ctx) {
        await ctx.accounts.enable(ctx.actor, name);
        ctx.io.stdout.write(`enabled ${name} ${wroteTo(ctx.target)}\n`);
      },
    }),
    passwd: action({
      synopsis: 'NAME --password-stdin',
      about: 'set a new password and end its sessions',
      positionals: ['NAME'],
      options: { 'password-stdin': { type: 'boolean' } },
      parse: ([name], values) => {
        passwordStdin(values);
        return name!;
      },
      async run(name: string, ctx) {
        const password = await ctx.readSecret(`the new password of ${name}`);
        const ended = await ctx.accounts.setPassword(ctx.actor, name, password);
        ctx.io.stdout.write(
          `password changed for ${name}; ended ${ended} session(s) ${wroteTo(ctx.target)}\n`,
        );
      },
    }),
    list: action({
      synopsis: '',
      about: 'name, role, enabled/disabled, one a line',
      positionals: [],
      parse: () => null,
      async run(_: null, ctx) {
        for (const u of await ctx.accounts.listUsers())
          ctx.io.stdout.write(`${u.username}\t${u.role}\t${u.disabled ? 'disabled' : 'enabled'}\n`);
      },
    }),
  },
  notes: 'Passwords are read from stdin (--password-stdin), at least 10 characters.',
};

/** `--locale`: one of the catalogues' languages. */
function localeOption(value: unknown): Locale {
  const locale = localeSchema.safeParse(value);
  if (!locale.success) throw new UsageError(`--locale must be ${LOCALES.join(' or ')}`);
  return locale.data;
}

/**
 * `--segments a,b`: the segments a wall is limited to; left out, the whole network. Given but naming none (an empty
 * variable in a script) is refused rather than read as the whole network.
 */
function segmentsOption(value: string | boolean | undefined): string[] {
  if (typeof value !== 'string') return [];
  const segments = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (segments.length === 0)
    throw new UsageError('--segments names no segment; leave it out for a wall of the whole network');
  return segments;
}

export const DISPLAY_TOKENS: CommandGroup = {
  name: 'display-token',
  about: 'read-only links for wall screens',
  actions: {
    create: action({
      synopsis: 'LABEL [--segments a,b] [--locale en|lt]',
      about: 'prints WF_PUBLIC_URL/wall?token=… once',
      positionals: ['LABEL'],
      options: { segments: { type: 'string' }, locale: { type: 'string' } },
      parse: ([label], values) => ({
        label: label!,
        ...(values.locale === undefined ? {} : { locale: localeOption(values.locale) }),
        segments: segmentsOption(values.segments),
      }),
      async run(input: { label: string; segments: string[]; locale?: Locale }, ctx) {
        const { url, record } = await ctx.accounts.createToken(ctx.actor, input);
        ctx.io.stdout.write(`${url}\n`);
        const limit = input.segments.length ? ` for ${input.segments.join(', ')}` : '';
        const language = record.locale ? ` in ${LOCALE_NAMES[record.locale]}` : '';
        ctx.io.stderr.write(
          `created display token ${record.id} "${record.label}"${limit}${language} ${wroteTo(ctx.target)}; the URL is shown only now\n`,
        );
        const known = new Set([
          ...ctx.config.segments.map((r) => r.segment),
          ...(await ctx.redis.smembers(ctx.keys.seriesSegments)),
        ]);
        const unknown = input.segments.filter((s) => !known.has(s));
        if (unknown.length)
          ctx.io.stderr.write(
            `no events of ${unknown.join(', ')} have been seen here and WF_SEGMENTS does not name ${unknown.length > 1 ? 'them' : 'it'}: check the name (the wall shows nothing of a segment until its events come)\n`,
          );
        if (!ctx.config.publicUrlGiven)
          ctx.io.stderr.write(
            `the URL assumes the server at ${ctx.config.publicUrl} (PORT on this machine); set WF_PUBLIC_URL to the address the screens use\n`,
          );
      },
    }),
    list: action({
      synopsis: '',
      about: 'id, label, segments, created, locale (browser: the screen’s own), one a line',
      positionals: [],
      parse: () => null,
      async run(_: null, ctx) {
        for (const t of await ctx.accounts.listTokens()) {
          ctx.io.stdout.write(
            `${t.id}\t${t.label}\t${t.segments.join(',') || 'all segments'}\t${new Date(t.createdAt).toISOString()}\t${t.locale ?? 'browser'}\n`,
          );
        }
      },
    }),
    revoke: action({
      synopsis: 'ID',
      about: 'revoke and disconnect its screens at once',
      positionals: ['ID'],
      parse: ([id]) => id!,
      async run(id: string, ctx) {
        const t = await ctx.accounts.revokeToken(ctx.actor, id);
        ctx.io.stdout.write(`revoked ${t.id} "${t.label}" ${wroteTo(ctx.target)}\n`);
      },
    }),
  },
};
