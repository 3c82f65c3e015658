/** @module Suppression rules: evidence that matches one is still scored and shown, only not alerted. Expiry required. */
import { randomUUID } from 'node:crypto';
import type { Alert } from '../../shared/schemas/alert.js';
import { type NewRule, type Rule, ruleSchema, type SuggestedRule } from '../../shared/schemas/rules.js';
import { badRequest, notFound } from '../errors.js';
import type { Redis } from '../redis/connections.js';
import type { Keys } from '../redis/keys.js';
import type { AuditLog } from './audit.js';
import type { Actor } from './state-machine.js';

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

  /** Stores a rule validated by `newRuleSchema` (the router checks it); the expiry must lie within 90 days. */
  async create(input: NewRule, actor: Actor, now = Date.now()): Promise<Rule> {
    if (input.expiresAt <= now) throw badRequest('expiresAt must be in the future', { key: 'rule.past' });
    if (input.expiresAt > now + 90 * 86_400_000)
      throw badRequest('a rule expires within 90 days', { key: 'rule.too_long' });
    const rule: Rule = {
      id: `R${randomUUID().slice(0, 8)}`,
      ...input,
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
    if (!removed) throw notFound(`no rule ${id}`, { key: 'rule.missing', params: { id } });
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

/** The suppression rule a false positive suggests: this detector on this entity, for a week. */
export function suggestRule(alert: Alert, now: number): SuggestedRule {
  return {
    entity: alert.entity.id,
    detector: alert.detector,
    segment: alert.segment,
    reason: `false positive: ${alert.detector} on ${alert.entity.id} (alert ${alert.id})`,
    expiresAt: now + 7 * 86_400_000,
  };
}
