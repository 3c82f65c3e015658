/**
 * @module API tokens for automation (a SOAR playbook, a nightly audit pull): the HTTP API with the token's role
 * (operator or lead, never admin), never the wall socket. Stored hashed (sha256 of `wfa_` + 256 random bits), named
 * (the audit trail's actor is `token:NAME`), listed with their last use, revoked, optionally expiring.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  type ApiToken,
  apiTokenRoleSchema,
  type NewApiToken,
  newApiTokenSchema,
} from '../../shared/schemas/accounts.js';
import { conflict, notFound, parseInput } from '../errors.js';
import type { Redis } from '../redis/connections.js';
import type { Keys } from '../redis/keys.js';
import { runScript } from '../redis/scripts.js';
import { TOKEN_PREFIX, tokenHash, tokenKind } from './bearer.js';

export type { ApiToken };

/** What is stored per token: the record without its use, and the hash of the secret. */
const storedSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: apiTokenRoleSchema,
  createdAt: z.number(),
  createdBy: z.string(),
  expiresAt: z.number().nullable(),
  hash: z.string(),
});
type Stored = z.infer<typeof storedSchema>;

const useSchema = z.object({ at: z.number(), from: z.string() });

/** The audit trail's actor for a token. */
export const tokenActor = (name: string) => `token:${name}`;

const DAY_MS = 86_400_000;

export class ApiTokenStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /**
   * Creates a token (the input checked again here: the CLI calls this too); `conflict` when a live token has the
   * name. The secret is returned only here.
   */
  async create(
    input: NewApiToken,
    createdBy: string,
    now = Date.now(),
  ): Promise<{ secret: string; record: ApiToken }> {
    const { name, role, expiresInDays } = parseInput(newApiTokenSchema, input);
    const secret = TOKEN_PREFIX.api + randomBytes(32).toString('base64url');
    const stored: Stored = {
      id: `A${randomUUID().slice(0, 8)}`,
      name,
      role,
      createdAt: now,
      createdBy,
      expiresAt: expiresInDays === undefined ? null : now + expiresInDays * DAY_MS,
      hash: tokenHash(secret),
    };
    const created = await runScript(
      this.redis,
      'apiTokenCreate',
      [this.keys.apiTokens, this.keys.apiTokenByHash, this.keys.apiTokenByName],
      [stored.id, name, stored.hash, JSON.stringify(stored)],
    );
    if (created === 0)
      throw conflict(`an API token named ${name} exists; revoke it first or choose another name`, {
        key: 'token.exists',
        params: { name },
      });
    return { secret, record: toRecord(stored, null) };
  }

  /** The live token a secret names (right kind, known, not expired); null otherwise. */
  async verify(secret: unknown, now = Date.now()): Promise<ApiToken | null> {
    if (typeof secret !== 'string' || secret.length > 128 || tokenKind(secret) !== 'api') return null;
    const id = await this.redis.hget(this.keys.apiTokenByHash, tokenHash(secret));
    const stored = id ? await this.read(id) : null;
    if (!stored || (stored.expiresAt !== null && stored.expiresAt <= now)) return null;
    return toRecord(stored, null);
  }

  /** Notes a request made with the token (when and from where), for the admin's list. */
  async touch(id: string, from: string, at = Date.now()): Promise<void> {
    await this.redis.hset(this.keys.apiTokenUse, id, JSON.stringify({ at, from: from.slice(0, 64) }));
  }

  /** Every token (expired ones too, marked by their `expiresAt`), oldest first, with its last use. */
  async list(): Promise<ApiToken[]> {
    const [all, used] = await Promise.all([
      this.redis.hgetall(this.keys.apiTokens),
      this.redis.hgetall(this.keys.apiTokenUse),
    ]);
    return Object.values(all)
      .map((v) => parseStored(v))
      .filter((s): s is Stored => s !== null)
      .map((s) => toRecord(s, parseUse(used[s.id])))
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Revokes a token by id or name; it is refused from the next request on. */
  async revoke(idOrName: string): Promise<ApiToken> {
    const id = (await this.redis.hget(this.keys.apiTokenByName, idOrName)) ?? idOrName;
    const stored = await this.read(id);
    if (!stored)
      throw notFound(`no API token ${idOrName}`, { key: 'token.missing', params: { id: idOrName } });
    await this.redis
      .multi()
      .hdel(this.keys.apiTokens, id)
      .hdel(this.keys.apiTokenByHash, stored.hash)
      .hdel(this.keys.apiTokenByName, stored.name)
      .hdel(this.keys.apiTokenUse, id)
      .exec();
    return toRecord(stored, null);
  }

  private async read(id: string): Promise<Stored | null> {
    const raw = await this.redis.hget(this.keys.apiTokens, id);
    return raw ? parseStored(raw) : null;
  }
}

function parseStored(raw: string): Stored | null {
  try {
    const p = storedSchema.safeParse(JSON.parse(raw));
    return p.success ? p.data : null;
  } catch {
    return null;
  }
}

function parseUse(raw: string | undefined): z.infer<typeof useSchema> | null {
  if (!raw) return null;
  try {
    const p = useSchema.safeParse(JSON.parse(raw));
    return p.success ? p.data : null;
  } catch {
    return null;
  }
}

function toRecord({ hash: _h, ...s }: Stored, use: { at: number; from: string } | null): ApiToken {
  return { ...s, lastUsedAt: use?.at ?? null, lastUsedFrom: use?.from ?? null };
}
