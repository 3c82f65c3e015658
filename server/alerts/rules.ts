/** @module Suppression rules: evidence that matches one is still scored and shown, only not alerted. Expiry required. */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { badRequest, notFound } from '../errors.js';
import type { Redis } from '../redis/connections.js';
import type { Keys } from '../redis/keys.js';
import type { AuditLog } from './audit.js';
import type { Actor } from './state-machine.js';

export const newRuleSchema = z
  .object({
    entity: z.string().trim().min(1).max(128).optional(),
    detector: z.string().trim().min(1).max(64).optional(),
    segment: z.string().trim().min(1).max(64).optional(),
    reason: z.string().trim().min(1, 'a reason is required').max(1000),
    expiresAt: z.number().int().positive(),
  })
  .refine((r) => r.entity || r.detector, 'a rule names an entity, a detector, or both');

export const ruleSchema = z.object({
  id: z.string(),
  entity: z.string().optional(),
  detector: z.string().optional(),
  segment: z.string().optional(),
  reason: z.string(),
  author: z.string(),
  createdAt: z.number(),
  expiresAt: z.number(),
});
export type Rule = z.infer<typeof ruleSchema>;

export interface RuleTarget {
  detector: string;
  entity: string;
  segment: string;
}

/** True when a live rule covers the target (every field the rule names must match). */
export function ruleMatches(r: Rule, t: RuleTarget, now: number): boolean {
  if (r.expiresAt <= now) return false;
  if (r.entity && r.entity !== t.entity) return false;
  if (r.detector && r.detector !== t.detector) return false;
  if (r.segment && r.segment !== t.segment) return false;
  return true;
}

export class RuleStore {
  private cache: Rule[] = [];
  private loadedAt = 0;

  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly audit: AuditLog,
  ) {}

  async list(): Promise<Rule[]> {
    const all = await this.redis.hgetall(this.keys.rules);
    return Object.values(all)
      .map((v) => ruleSchema.safeParse(JSON.parse(v)))
      .filter((p) => p.success)
      .map((p) => p.data!)
      .sort((a, b) => b.createdAt - a.createdAt);
  }

  async create(input: unknown, actor: Actor, now = Date.now()): Promise<Rule> {
    const parsed = newRuleSchema.safeParse(input);
    if (!parsed.success) throw badRequest(parsed.error.issues[0]!.message);
    if (parsed.data.expiresAt <= now) throw badRequest('expiresAt must be in the future');
    if (parsed.data.expiresAt > now + 90 * 86_400_000) throw badRequest('a rule expires within 90 days');
    const rule: Rule = {
      id: `R${randomUUID().slice(0, 8)}`,
      ...parsed.data,
      author: actor.name,
      createdAt: now,
    };
    await this.redis.hset(this.keys.rules, rule.id, JSON.stringify(rule));
    await this.audit.append({
      at: now,
      actor: actor.name,
      role: actor.role,
      action: 'rule.create',
      ruleId: rule.id,
      note: rule.reason,
      detail: JSON.stringify({
        entity: rule.entity,
        detector: rule.detector,
        segment: rule.segment,
        expiresAt: rule.expiresAt,
      }),
    });
    this.loadedAt = 0;
    return rule;
  }

  async remove(id: string, actor: Actor, now = Date.now()): Promise<void> {
    const removed = await this.redis.hdel(this.keys.rules, id);
    if (!removed) throw notFound(`no rule ${id}`);
    await this.audit.append({
      at: now,
      actor: actor.name,
      role: actor.role,
      action: 'rule.delete',
      ruleId: id,
    });
    this.loadedAt = 0;
  }

  /** The live rule covering a target, from a cache refreshed every few seconds. */
  async matching(t: RuleTarget, now = Date.now()): Promise<Rule | null> {
    if (now - this.loadedAt > 5_000) {
      this.cache = await this.list();
      this.loadedAt = now;
    }
    return this.cache.find((r) => ruleMatches(r, t, now)) ?? null;
  }
}
