/**
 * @module Display tokens for wall screens: not users; read-only wall data, nothing else. Stored hashed (sha256 of a
 * 256-bit random token), listed, revoked; no login timeout.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  type DisplayToken,
  displayTokenSchema,
  type NewDisplayToken,
  newDisplayTokenSchema,
} from '../../shared/schemas/admin.js';
import { notFound, parseInput } from '../errors.js';
import type { Redis } from '../redis/connections.js';
import type { Keys } from '../redis/keys.js';
import { tokenHash as hashOf, TOKEN_PREFIX, tokenKind } from './bearer.js';

export type { DisplayToken };

export class DisplayTokenStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /**
   * Creates a token (the input checked again here: the CLI calls this too); the secret is returned only here.
   * `labelKey`: the server wrote the label (the first start), and screens show this catalogue key instead.
   */
  async create(
    input: NewDisplayToken,
    createdBy: string,
    labelKey?: string,
  ): Promise<{ token: string; record: DisplayToken }> {
    const { label, segments, locale } = parseInput(newDisplayTokenSchema, input);
    const token = TOKEN_PREFIX.display + randomBytes(32).toString('base64url');
    const record: DisplayToken = {
      id: `D${randomUUID().slice(0, 8)}`,
      label,
      ...(labelKey ? { labelKey } : {}),
      segments,
      createdAt: Date.now(),
      createdBy,
      ...(locale ? { locale } : {}),
    };
    await this.redis
      .multi()
      .hset(this.keys.displayTokens, record.id, JSON.stringify({ ...record, hash: hashOf(token) }))
      .hset(this.keys.displayTokenByHash, hashOf(token), record.id)
      .exec();
    return { token, record };
  }

  async verify(token: unknown): Promise<DisplayToken | null> {
    if (typeof token !== 'string' || token.length < 20 || token.length > 128) return null;
    if (tokenKind(token) !== 'display') return null;
    const id = await this.redis.hget(this.keys.displayTokenByHash, hashOf(token));
    if (!id) return null;
    const raw = await this.redis.hget(this.keys.displayTokens, id);
    const parsed = raw ? displayTokenSchema.safeParse(JSON.parse(raw)) : null;
    return parsed?.success ? parsed.data : null;
  }

  async list(): Promise<DisplayToken[]> {
    const all = await this.redis.hgetall(this.keys.displayTokens);
    return Object.values(all)
      .map((v) => displayTokenSchema.safeParse(JSON.parse(v)))
      .filter((p) => p.success)
      .map((p) => p.data!)
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  async revoke(id: string): Promise<DisplayToken> {
    const raw = await this.redis.hget(this.keys.displayTokens, id);
    if (!raw) throw notFound(`no display token ${id}`, { key: 'token.missing', params: { id } });
    const { hash, ...record } = JSON.parse(raw) as DisplayToken & { hash: string };
    await this.redis
      .multi()
      .hdel(this.keys.displayTokens, id)
      .hdel(this.keys.displayTokenByHash, hash)
      .exec();
    return record;
  }
}
