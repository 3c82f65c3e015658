/**
 * @module `watchfloor api-token create|list|revoke`: API tokens for automation from a shell, as a command group of
 * the account commands (through the account service, audited as `cli:<user>`). The token is printed once.
 */
import { API_TOKEN_MAX_DAYS, type ApiTokenRole, apiTokenRoleSchema } from '../shared/schemas/accounts.js';
import type { Action, CommandGroup } from './account-commands.js';
import { UsageError, wroteTo } from './command-support.js';

const action = <I>(a: Action<I>): Action<I> => a;

/** `90d` → 90; anything else is a usage error. */
export function parseExpiry(text: string): number {
  const m = /^(\d{1,5})d$/.exec(text.trim());
  const days = m ? Number(m[1]) : Number.NaN;
  if (!(days >= 1 && days <= API_TOKEN_MAX_DAYS)) {
    throw new UsageError(
      `--expires must be a number of days such as 90d (1d to ${API_TOKEN_MAX_DAYS}d), not "${text}"`,
    );
  }
  return days;
}

const iso = (ms: number | null, none: string) => (ms === null ? none : new Date(ms).toISOString());

export const API_TOKENS: CommandGroup = {
  name: 'api-token',
  about: 'tokens for programs on the HTTP API (a SOAR playbook, a nightly audit pull)',
  actions: {
    create: action({
      synopsis: 'NAME --role operator|lead [--expires 90d]',
      about: 'prints the token once (stdout); it acts with its role, never as an admin',
      positionals: ['NAME'],
      options: { role: { type: 'string' }, expires: { type: 'string' } },
      parse: ([name], values) => {
        const role = apiTokenRoleSchema.safeParse(values.role);
        if (!role.success)
          throw new UsageError('--role must be operator or lead (an API token is never an admin)');
        const expires = typeof values.expires === 'string' ? parseExpiry(values.expires) : undefined;
        return { name: name!, role: role.data, expiresInDays: expires };
      },
      async run(input: { name: string; role: ApiTokenRole; expiresInDays?: number }, ctx) {
        const { secret, record } = await ctx.accounts.createApiToken(ctx.actor, input);
        ctx.io.stdout.write(`${secret}\n`);
        const until = record.expiresAt === null ? 'until revoked' : `until ${iso(record.expiresAt, '')}`;
        ctx.io.stderr.write(
          `created API token ${record.id} "${record.name}" as ${record.role}, ${until}, ${wroteTo(ctx.target)}; the token is shown only now\n`,
        );
      },
    }),
    list: action({
      synopsis: '',
      about: 'id, name, role, expiry, last use, one a line (never the token)',
      positionals: [],
      parse: () => null,
      async run(_: null, ctx) {
        for (const t of await ctx.accounts.listApiTokens()) {
          const used =
            t.lastUsedAt === null
              ? 'never used'
              : `last used ${iso(t.lastUsedAt, '')} from ${t.lastUsedFrom}`;
          ctx.io.stdout.write(`${t.id}\t${t.name}\t${t.role}\t${iso(t.expiresAt, 'no expiry')}\t${used}\n`);
        }
      },
    }),
    revoke: action({
      synopsis: 'ID|NAME',
      about: 'refused from its next request on',
      positionals: ['ID|NAME'],
      parse: ([id]) => id!,
      async run(id: string, ctx) {
        const t = await ctx.accounts.revokeApiToken(ctx.actor, id);
        ctx.io.stdout.write(`revoked ${t.id} "${t.name}" ${wroteTo(ctx.target)}\n`);
      },
    }),
  },
  notes:
    'The token is sent as Authorization: Bearer <token>; the audit trail names it token:NAME. Without --expires it lasts until revoked.',
};
